"""Build events.jsonl from the hand-written label files in labels/ (plain Python; no onrecord code).

labels/ORDER.txt lists the articles in the order they were taken ("corpus article", "corpus article TRAIN"
or "corpus article SKIP reason"). TRAIN articles form the "train" split (training data, never scored); the others
alternate dev/heldout within each corpus. Each taken article has labels/<corpus>__<article>.txt with one line per candidate:

  E TYPE FACT | TRIGGER | SOURCE | TARGET | SOURCE_CODE | TARGET_CODE | note
  N REASON | TRIGGER | note

TRIGGER is "@OFFSET" (the word starting there), "@OFFSET+K" (that word and K more), or a context string that
occurs once in the article with the trigger in [brackets]. SOURCE/TARGET are "-" (none), "Name" (mention = name),
"Name=mention" (mention located in the trigger's sentence, nearest the trigger) or "Name=" (named, no mention in
the sentence). Codes are "-" for none.
"""
from __future__ import annotations

import json
import os
import re
import sys

import common_io as c

HERE = os.path.dirname(os.path.abspath(__file__))
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
FACT = {"a": "asserted", "n": "negated", "p": "possible", "f": "future", "h": "hypothetical", "d": "demanded"}
REASON = {"ws": "word sense", "met": "metaphor", "sp": "sport", "bus": "business", "tech": "technology",
          "acc": "accident", "wea": "weather", "per": "personal", "tit": "title", "date": "date",
          "sne": "speech not event", "oth": "other"}
WORD = re.compile(r"[\w$%][\w'’.-]*\w|[\w$%]")


class LabelError(Exception):
    pass


def trigger_span(text: str, spec: str) -> tuple[int, int]:
    spec = spec.strip()
    if spec.startswith("@"):
        m = re.fullmatch(r"@(\d+)(?:\+(\d+))?", spec)
        if not m:
            raise LabelError(f"bad offset spec {spec!r}")
        pos, extra = int(m.group(1)), int(m.group(2) or 0)
        words = list(WORD.finditer(text, pos))
        if not words or words[0].start() != pos:
            raise LabelError(f"no word starts at {pos}: {text[pos:pos+20]!r}")
        return pos, words[extra].end()
    if "[" not in spec or "]" not in spec:
        raise LabelError(f"context without [trigger]: {spec!r}")
    ctx = spec.replace("[", "").replace("]", "")
    i = text.find(ctx)
    if i < 0:
        raise LabelError(f"context not found: {ctx!r}")
    if text.find(ctx, i + 1) >= 0:
        raise LabelError(f"context not unique: {ctx!r}")
    a = spec.index("[")
    b = spec.index("]") - 1
    return i + a, i + b


def mention(text: str, sent: tuple[int, int], trig: tuple[int, int], spec: str) -> tuple:
    spec = spec.strip()
    if spec in ("-", ""):
        return None, None, None
    name, _, ment = spec.partition("=")
    name = name.strip()
    if "=" not in spec:
        ment = name
    ment = ment.strip()
    if not ment:
        return name, None, None
    s, e = sent
    found = [m.start() + s for m in re.finditer(r"(?<!\w)" + re.escape(ment) + r"(?!\w)", text[s:e])]
    found = [f for f in found if not (f < trig[1] and f + len(ment) > trig[0]) or ment == text[trig[0]:trig[1]]]
    if not found:
        raise LabelError(f"mention {ment!r} not in sentence {text[s:e][:80]!r}")
    best = min(found, key=lambda f: abs(f - trig[0]))
    return name, best, best + len(ment)


def code(spec: str):
    spec = spec.strip()
    return None if spec in ("-", "") else spec


def parse_file(corpus: str, article: str, split: str, text: str, path: str) -> list[dict]:
    sents = c.sentences(text)
    items = []
    for n, raw in enumerate(open(path, encoding="utf-8"), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            parts = [p for p in line.split(" | ")]
            head = parts[0].split()
            if head[0] == "E":
                typ, fact = head[1].upper(), FACT[head[2]]
                if typ not in TYPES:
                    raise LabelError(f"bad type {typ}")
                parts += [""] * (7 - len(parts))
                trig = trigger_span(text, parts[1])
                sent = c.sentence_of(sents, trig[0])
                src, ss, se = mention(text, sent, trig, parts[2])
                tgt, ts, te = mention(text, sent, trig, parts[3])
                item = {"is_event": True, "type": typ, "source": src, "source_start": ss, "source_end": se,
                        "source_code": code(parts[4]), "target": tgt, "target_start": ts, "target_end": te,
                        "target_code": code(parts[5]), "factuality": fact, "reason": None,
                        "note": parts[6].strip() or None}
            elif head[0] == "N":
                reason = REASON[head[1]]
                parts += [""] * (3 - len(parts))
                trig = trigger_span(text, parts[1])
                sent = c.sentence_of(sents, trig[0])
                item = {"is_event": False, "type": None, "source": None, "source_start": None, "source_end": None,
                        "source_code": None, "target": None, "target_start": None, "target_end": None,
                        "target_code": None, "factuality": None, "reason": reason, "note": parts[2].strip() or None}
            else:
                raise LabelError("line must start with E or N")
        except (LabelError, KeyError, IndexError, ValueError) as exc:
            raise LabelError(f"{path}:{n}: {exc}: {line}") from exc
        item = {"corpus": corpus, "article": article, "split": split, "start": trig[0], "end": trig[1],
                "trigger": text[trig[0]:trig[1]], "sentence_start": sent[0], "sentence_end": sent[1], **item}
        items.append(item)
    return items


def taken_order() -> list[tuple[str, str, bool]]:
    """(corpus, article, is_train) for each article taken and not skipped, in the order taken."""
    out = []
    for line in open(os.path.join(HERE, "labels", "ORDER.txt"), encoding="utf-8"):
        f = line.split()
        if len(f) >= 2 and not line.startswith("#") and (len(f) == 2 or f[2] != "SKIP"):
            out.append((f[0], f[1], len(f) > 2 and f[2] == "TRAIN"))
    return out


def splits(order: list[tuple[str, str, bool]]) -> dict[tuple[str, str], str]:
    # Train articles do not advance the dev/heldout alternation, so the scoring splits stay as first built.
    seen = {"wikinews": 0, "polnear": 0}
    out = {}
    for corpus, art, train in order:
        if train:
            out[(corpus, art)] = "train"
            continue
        out[(corpus, art)] = "dev" if seen[corpus] % 2 == 0 else "heldout"
        seen[corpus] += 1
    return out


def main() -> int:
    texts = c.load_texts(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/data"))
    order = taken_order()
    sp = splits(order)
    items = []
    for corpus, art, _ in order:
        path = os.path.join(HERE, "labels", f"{corpus}__{art}.txt")
        if not os.path.exists(path):
            print("unlabelled yet:", corpus, art)
            continue
        items += parse_file(corpus, art, sp[(corpus, art)], texts[(corpus, art)], path)
    keys = [(i["corpus"], i["article"], i["start"], i["end"]) for i in items]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise LabelError(f"duplicate candidates: {sorted(dup)}")
    items.sort(key=lambda i: (i["corpus"], i["article"], i["start"], i["end"]))
    with open(os.path.join(HERE, "events.jsonl"), "w", encoding="utf-8") as fh:
        for i in items:
            fh.write(json.dumps(i, ensure_ascii=False) + "\n")
    by = {}
    for i in items:
        by.setdefault(i["corpus"], [0, 0])[0 if i["is_event"] else 1] += 1
    print(len(items), "candidates;", by)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Score attributions and their speakers against the blind-labelled speaker set.

The set (tests/data/speakers/, its README says how it was made) labels every
attribution in 27 articles from Wikinews and PolNeAR train: the content span and
the speaker as the article names them ("Joe Biden"; "officials" for an unnamed
source). It keeps offsets, not PolNeAR's texts, so the texts come from
../shared/data.

- A predicted attribution *finds* a gold one when their content spans overlap by
  at least half of the shorter span; the pairing is one-to-one, largest overlap
  first. Quote precision, recall and F1 count those pairs.
- The speaker is *right* when the predicted speaker's entity name names the same
  source as the gold speaker (``same_speaker``). Speaker accuracy is over the
  found gold attributions.
- Calibration: among predicted attributions with confidence ≥ 0.9, the share that
  found a gold attribution and has its speaker right; and the same share with
  the mean confidence in each confidence bin (a calibrated confidence has the
  two close).
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import DataNotFoundError
from ..schema import Record
from .gold import by_article, check_split, in_split, ratio, read_lines
from .polnear import SCORED_KINDS
MIN_OVERLAP = 0.5  # share of the shorter content span two spans must share to pair
HIGH_CONFIDENCE = 0.9
BINS = (0.0, 0.5, 0.7, 0.8, 0.9)  # lower edges of the reliability bins
_DROP = re.compile(r"^(the|a|an|mr|mrs|ms|dr|sen|rep|gov|pres|president)\.?\s+", re.I)
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class GoldQuote:
    corpus: str
    article: str
    split: str
    start: int
    end: int
    speaker: str
    named: bool
    kind: str
    act: str
    nested: bool


def read_gold(path: Path) -> list[GoldQuote]:
    return read_lines(path, lambda r: GoldQuote(
        r["corpus"], r["article"], r["split"], int(r["start"]), int(r["end"]), r["speaker"], bool(r["speaker_named"]),
        r["kind"], r["act"], bool(r.get("nested", False))), "speaker gold")


def read_texts(shared: Path, gold: Iterable[GoldQuote]) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(corpus, article) → (text, publication date) for every article the gold set names."""
    wanted = {(g.corpus, g.article) for g in gold}
    out: dict[tuple[str, str], tuple[str, str | None]] = {}
    wiki = shared / "wikinews" / "enwikinews.jsonl"
    if any(c == "wikinews" for c, _ in wanted):
        if not wiki.is_file():
            raise DataNotFoundError(f"Wikinews texts not found at {wiki}")
        for line in wiki.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if ("wikinews", r["id"]) in wanted:
                out["wikinews", r["id"]] = (r["text"], r.get("date"))
    for corpus, article in sorted(wanted):
        if corpus in ("polnear-train", "polnear"):  # the speaker set says polnear-train, the event set polnear
            path = shared / "polnear" / "train" / "text" / f"{article}.txt"
            if not path.is_file():
                raise DataNotFoundError(f"PolNeAR text not found at {path}")
            out[corpus, article] = (path.read_text(encoding="utf-8"), _polnear_date(article))
    missing = wanted - out.keys()
    if missing:
        raise DataNotFoundError(f"texts not found for {len(missing)} articles, e.g. {sorted(missing)[0]}")
    return out


def _polnear_date(article: str) -> str | None:
    match = re.search(r"_(\d{4}-\d{2}-\d{2})_", article)
    return match.group(1) if match else None


def _words(name: str) -> list[str]:
    name = _DROP.sub("", name.strip())
    return [w.lower().replace("’", "'").removesuffix("'s") for w in _WORD.findall(name)]


def same_speaker(predicted: str | None, gold: str) -> bool:
    """Whether a predicted entity name names the gold speaker: the same words, or
    the shorter name ending the longer one ("Biden", "Voter Kitty Mak" for "Kitty
    Mak"), or the shorter name's words all in the longer one with the same first
    and last word ("Joe R. Biden"). "Hunter Biden" is not "Joe Biden": a first
    name that differs is a different person."""
    if not predicted:
        return False
    p, g = _words(predicted), _words(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    if p[-1] != g[-1]:
        return False
    shorter, longer = (p, g) if len(p) <= len(g) else (g, p)
    if len(shorter) == 1 or longer[-len(shorter):] == shorter:  # "Biden"; "Voter Kitty Mak" for "Kitty Mak"
        return True
    return set(shorter) <= set(longer) and shorter[0] == longer[0]  # "Joe Biden" in "Joe R. Biden"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shared / shorter if shared > 0 and shorter > 0 else 0.0


def quotes_only(record: Record) -> Record:
    """The record with only what the set labels: quotes (direct, indirect, mixed).
    A title or term in quote marks is nobody's act (``act`` is None, no speaker),
    and PolNeAR's and the demo's scorers leave them out too (``SCORED_KINDS``)."""
    kept = [a for a in record.attributions if a.kind in SCORED_KINDS]
    if len(kept) == len(record.attributions):
        return record
    return replace(record, attributions=kept)


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared / (max(a[1], b[1]) - min(a[0], b[0])) if shared > 0 else 0.0


def pair(gold: list[GoldQuote], record: Record) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, largest overlap first.

    Overlap is the share of the shorter span, so a quote nested in another
    ("'Isabelle thinks it's O.K.,' Ms. Sherry said") overlaps the outer
    prediction as fully as the outer gold does; ties go to the pair whose spans
    agree most (Jaccard), so the outer gold pairs with the outer prediction."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, a in enumerate(record.attributions):
            gold_span, predicted = (g.start, g.end), (a.content.start, a.content.end)
            share = _overlap(gold_span, predicted)
            if share >= MIN_OVERLAP:
                candidates.append((share, _jaccard(gold_span, predicted), gi, pi))
    used_g, used_p, pairs = set(), set(), []
    for _, _, gi, pi in sorted(candidates, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def evaluate(gold_path: Path, shared: Path, extract: Callable[[str, str | None], Record], *,
             split: str = "heldout", progress: Callable[[int, int], None] | None = None) -> dict:
    """Quote P/R/F1, speaker accuracy (all, named, unnamed) and high-confidence precision."""
    check_split(split)
    gold = [g for g in read_gold(gold_path) if in_split(g.split, split)]
    texts = read_texts(shared, gold)
    articles = by_article(gold, lambda g: (g.corpus, g.article))
    n = defaultdict(int)
    reliability = {b: {"n": 0, "confidence": 0.0, "right": 0} for b in BINS}
    errors: list[dict] = []
    for done, (key, items) in enumerate(articles.items(), 1):
        text, date = texts[key]
        record = quotes_only(extract(text, date))
        pairs = pair(items, record)
        n["gold"] += len(items)
        n["pred"] += len(record.attributions)
        n["found"] += len(pairs)
        right_p = set()
        for gi, pi in pairs:
            g, a = items[gi], record.attributions[pi]
            name = record.speaker_name(a)
            right = same_speaker(name, g.speaker)
            tag = "named" if g.named else "unnamed"
            n["found_" + tag] += 1
            n["right"] += right
            n["right_" + tag] += right
            n["act_right"] += a.act == g.act  # speech / thought / evidence, over found pairs
            if right:
                right_p.add(pi)
            else:
                errors.append({"article": key[1], "content": text[g.start:g.end][:70] if key[0] == "wikinews" else None,
                               "gold": g.speaker, "predicted": name, "confidence": a.confidence})
        for pi, a in enumerate(record.attributions):
            if a.confidence >= HIGH_CONFIDENCE:
                n["confident"] += 1
                n["confident_right"] += pi in right_p
            if a.kind in ("direct", "mixed", "indirect"):
                low = max(b for b in BINS if a.confidence >= b)
                reliability[low]["n"] += 1
                reliability[low]["confidence"] += a.confidence
                reliability[low]["right"] += pi in right_p
        if progress:
            progress(done, len(articles))
    precision, recall = ratio(n["found"], n["pred"]), ratio(n["found"], n["gold"])
    f1 = round(2 * precision * recall / (precision + recall), 3) if precision and recall else 0.0
    return {
        "split": split, "articles": len(articles), "gold": n["gold"], "predicted": n["pred"],
        "quote": {"precision": precision, "recall": recall, "f1": f1},
        "speaker": {"all": ratio(n["right"], n["found"]), "named": ratio(n["right_named"], n["found_named"]),
                    "unnamed": ratio(n["right_unnamed"], n["found_unnamed"]),
                    "found": n["found"], "found_named": n["found_named"], "found_unnamed": n["found_unnamed"]},
        "act": {"right": ratio(n["act_right"], n["found"]), "found": n["found"]},
        "confident": {"threshold": HIGH_CONFIDENCE, "n": n["confident"],
                      "right": ratio(n["confident_right"], n["confident"])},
        "reliability": [{"from": b, "n": r["n"], "mean_confidence": round(r["confidence"] / r["n"], 3) if r["n"] else None,
                         "right": ratio(r["right"], r["n"])} for b, r in reliability.items()],
        "speaker_errors": errors,
    }


def format_report(s: dict) -> str:
    q, sp, c = s["quote"], s["speaker"], s["confident"]
    lines = [
        f"speaker set, {s['split']} split: {s['articles']} articles, {s['gold']} gold attributions, "
        f"{s['predicted']} predicted",
        f"  quote      precision {q['precision']}  recall {q['recall']}  F1 {q['f1']}",
        f"  speaker    right {sp['all']} of {sp['found']} found; named {sp['named']} of {sp['found_named']}, "
        f"unnamed {sp['unnamed']} of {sp['found_unnamed']}",
        f"  act        right {s['act']['right']} of {s['act']['found']} found (speech / thought / evidence)",
        f"  confidence ≥ {c['threshold']}: {c['n']} attributions, quote found and speaker right for {c['right']}",
        "  reliability (speech attributions by confidence): "
        + "; ".join(f"≥{r['from']}: {r['n']}, mean {r['mean_confidence']}, right {r['right']}" for r in s.get("reliability", [])),
    ]
    return "\n".join(lines)

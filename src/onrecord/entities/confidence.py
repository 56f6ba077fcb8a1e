"""Calibrated confidence: the measured chance that an attribution's content and
speaker are both right.

Each attribution falls in a class: its kind (direct, mixed, indirect), its cue
(a plain speech verb such as "said" or "told", another cue, or none) and the
form its speaker was found in (a name, a pronoun, a description such as "the
NATO chief", an unnamed source, a quote continuing the last speaker, or no
source at all). ``onrecord train confidence`` (train/confidence.py) fits, per
profile, a table models/confidence/<profile>.json that gives each class its
confidence; this module only classifies an attribution and looks its class up.

The fit, in short (docs/model_card.md has the whole of it): PolNeAR train orders
the classes (a class's rate of right attributions there, a lenient test); one
monotone map, fitted on the speaker set's dev and train splits, turns that rate
into the chance of "the right person said it" on news; and no class gets 0.9 or
more unless its own speaker-set counts support it (a Wilson lower bound).
Titles and terms keep 0.0.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from .. import lexicon
from ..errors import OnrecordError
from ..schema import UNNAMED, Attribution, Entity

PRIOR_WEIGHT = 4.0
PRONOUNS = frozenset(["he", "she", "him", "her", "they", "them", "it", "we", "i", "you", "who", "which", "that"])
DETERMINERS = ("the ", "a ", "an ", "this ", "that ")
SPEECH_KINDS = ("direct", "mixed", "indirect")


class ConfidenceTableError(OnrecordError):
    """A confidence table that cannot be read as a fitted one."""


def form(attribution: Attribution, by_id: dict[str, Entity]) -> str:
    """How the speaker was found: name, pronoun, description, unnamed, continued,
    unresolved (a source no entity was found for) or none (no source at all)."""
    if attribution.source is None:
        return "continued" if attribution.continues is not None else "none"
    entity = by_id.get(attribution.speaker or "")
    if entity is None:
        return "unresolved"
    if entity.type == UNNAMED:
        return "unnamed"
    source = attribution.source
    if source.text.strip().lower() in PRONOUNS:
        return "pronoun"
    for mention in entity.mentions:
        inside = source.start <= mention.start and mention.end <= source.end
        if inside and mention.text[:1].isupper() and not mention.text.lower().startswith(DETERMINERS):
            return "name"
    return "description"


def cue_type(attribution: Attribution) -> str:
    """"say" for a plain speech verb ("said", "told", "adds"): news reports words
    with it, so its frame is rarely a misread; "other" for any other cue ("called
    for", "plans"), which more often is no attribution at all; "none" without a cue."""
    if attribution.cue is None:
        return "none"
    words = attribution.cue.text.lower().split()
    return "say" if words and words[-1] in lexicon.words("attribution/words.tsv", "plain_speech_cue") else "other"


def attribution_class(attribution: Attribution, by_id: dict[str, Entity]) -> str:
    return f"{attribution.kind}|{cue_type(attribution)}|{form(attribution, by_id)}"


EMPTY = {"n": 0, "right": 0}


def _kind_rate(counts: dict, kind: str) -> float:
    overall = counts["overall"]
    rate = (overall["right"] + 1.0) / (overall["n"] + 2.0)
    found = counts["kinds"].get(kind, EMPTY)
    return (found["right"] + PRIOR_WEIGHT * rate) / (found["n"] + PRIOR_WEIGHT)


def probability(counts: dict, key: str) -> float:
    """The shrunk rate of a class in one set of counts: class → its kind → the whole set,
    ``PRIOR_WEIGHT`` pseudo-counts each, so that a class right 3 times of 3 does not claim 1.0."""
    rate = _kind_rate(counts, key.split("|", 1)[0])
    cls = counts["classes"].get(key, EMPTY)
    return (cls["right"] + PRIOR_WEIGHT * rate) / (cls["n"] + PRIOR_WEIGHT)


def table_probability(table: dict, key: str) -> float:
    """A class's confidence from a fitted table: the class's own, else its kind's
    (a class the fit never saw), else the whole table's."""
    confidence = table.get("confidence")
    if not isinstance(confidence, dict) or "classes" not in confidence:
        raise ConfidenceTableError(
            f"the confidence table of profile {table.get('profile')!r} has no fitted confidences (an older format); "
            f"refit it: onrecord train confidence ../shared/data --profile {table.get('profile', 'fast')}")
    if key in confidence["classes"]:
        return float(confidence["classes"][key])
    return float(confidence["kinds"].get(key.split("|", 1)[0], confidence["overall"]))


def table_path(profile: str) -> Path:
    return Path(__file__).resolve().parents[1] / "models" / "confidence" / f"{profile}.json"


@cache
def read_table(profile: str) -> dict | None:
    """The fitted table of a profile, or None when none was fitted (the
    extractor's own scores then stay)."""
    path = table_path(profile)
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def calibrate(attributions: list[Attribution], entities: list[Entity], profile: str) -> None:
    """Set each speech attribution's confidence from the profile's table, in place."""
    counts = read_table(profile)
    if counts is None:
        return
    by_id = {e.id: e for e in entities}
    for attribution in attributions:
        if attribution.kind in SPEECH_KINDS:
            attribution.confidence = round(table_probability(counts, attribution_class(attribution, by_id)), 3)

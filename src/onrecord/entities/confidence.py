"""Calibrated confidence: the measured chance that an attribution's content and
speaker are both right.

Each attribution falls in a class: its kind (direct, mixed, indirect) and the
form its speaker was found in (a name, a pronoun, a description such as "the
NATO chief", an unnamed source, a quote continuing the last speaker, or no
source at all). ``onrecord train confidence`` counts, on the dev half of the
blind-labelled speaker set, how many attributions of each class were right; the
table is models/confidence/<profile>.json. A class seen rarely is pulled towards
its kind's rate, and a kind towards the profile's (``PRIOR_WEIGHT`` pseudo-counts),
so a class right 3 times of 3 does not claim 1.0. Titles and terms keep 0.0.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..schema import Attribution, Entity

PRIOR_WEIGHT = 4.0
PRONOUNS = frozenset("he she him her they them it we i you who which that".split())
DETERMINERS = ("the ", "a ", "an ", "this ", "that ")
SPEECH_KINDS = ("direct", "mixed", "indirect")


def form(attribution: Attribution, by_id: dict[str, Entity]) -> str:
    """How the speaker was found: name, pronoun, description, unnamed, continued,
    unresolved (a source no entity was found for) or none (no source at all)."""
    if attribution.source is None:
        return "continued" if attribution.continues is not None else "none"
    entity = by_id.get(attribution.speaker or "")
    if entity is None:
        return "unresolved"
    if entity.type == "UNNAMED":
        return "unnamed"
    source = attribution.source
    if source.text.strip().lower() in PRONOUNS:
        return "pronoun"
    for mention in entity.mentions:
        inside = source.start <= mention.start and mention.end <= source.end
        if inside and mention.text[:1].isupper() and not mention.text.lower().startswith(DETERMINERS):
            return "name"
    return "description"


def attribution_class(attribution: Attribution, by_id: dict[str, Entity]) -> str:
    return f"{attribution.kind}|{form(attribution, by_id)}"


def probability(counts: dict, key: str) -> float:
    """The shrunk rate of a class: class → its kind → the whole profile."""
    overall = counts["overall"]
    rate = (overall["right"] + 1.0) / (overall["n"] + 2.0)
    kind = counts["kinds"].get(key.split("|", 1)[0], {"n": 0, "right": 0})
    rate = (kind["right"] + PRIOR_WEIGHT * rate) / (kind["n"] + PRIOR_WEIGHT)
    cls = counts["classes"].get(key, {"n": 0, "right": 0})
    return (cls["right"] + PRIOR_WEIGHT * rate) / (cls["n"] + PRIOR_WEIGHT)


def table_path(profile: str) -> Path:
    return Path(__file__).resolve().parents[1] / "models" / "confidence" / f"{profile}.json"


@lru_cache(maxsize=None)
def read_table(profile: str) -> dict | None:
    """The fitted counts of a profile, or None when none were fitted (the
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
            attribution.confidence = round(probability(counts, attribution_class(attribution, by_id)), 3)

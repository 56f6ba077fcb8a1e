"""Calibrated confidence: the measured chance that an attribution's content and
speaker are both right.

Each attribution falls in a class: its kind (direct, mixed, indirect), its cue
(a plain speech verb such as "said" or "told", another cue, or none) and the
form its speaker was found in (a name, a pronoun, a description such as "the
NATO chief", an unnamed source, a quote continuing the last speaker, or no
source at all). ``onrecord train confidence`` counts how many attributions of
each class were right on two sets; the table is models/confidence/<profile>.json:

* ``polnear``: PolNeAR train (840 articles), where an attribution is right when
  its content overlaps a gold relation's content and its source (or a mention of
  the entity it resolved to) overlaps that relation's source. It is large, so it
  orders the classes; but it is lenient (a pronoun source counts without checking
  what it resolved to, and PolNeAR marks more relations than the speaker set).
* ``speakers``: the dev half of the blind speaker set, where right means the
  speaker's name is the gold one. It sets the level: each kind's PolNeAR rate is
  moved to the speaker set's, and each class's PolNeAR rate moves with it, then
  the class's own speaker-set counts pull it further (``probability``).

A class seen rarely is pulled towards its kind's rate, and a kind towards the
profile's (``PRIOR_WEIGHT`` pseudo-counts), so a class right 3 times of 3 does
not claim 1.0. Titles and terms keep 0.0.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .. import lexicon
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
    """The shrunk rate of a class in one set of counts: class → its kind → the whole set."""
    rate = _kind_rate(counts, key.split("|", 1)[0])
    cls = counts["classes"].get(key, EMPTY)
    return (cls["right"] + PRIOR_WEIGHT * rate) / (cls["n"] + PRIOR_WEIGHT)


def table_probability(table: dict, key: str) -> float:
    """A class's confidence from a fitted table. With both sets (module docstring):
    the class's PolNeAR rate, scaled by how its kind's rate on the speaker set
    compares with PolNeAR's, is the prior its speaker-set counts are shrunk to.
    A table of one set (older tables, keyed kind|form) is that set's shrunk rate."""
    if "polnear" not in table:
        kind, _, rest = key.split("|", 2)
        return probability(table, f"{kind}|{rest}")  # a table fitted before the cue was a class: kind|form
    kind = key.split("|", 1)[0]
    polnear, speakers = table["polnear"], table["speakers"]
    pol_kind = _kind_rate(polnear, kind)
    sp_kind = (speakers["kinds"].get(kind, EMPTY)["right"] + PRIOR_WEIGHT * pol_kind) / (
        speakers["kinds"].get(kind, EMPTY)["n"] + PRIOR_WEIGHT)
    prior = min(1.0, probability(polnear, key) * sp_kind / pol_kind)
    cls = speakers["classes"].get(key, EMPTY)
    return (cls["right"] + PRIOR_WEIGHT * prior) / (cls["n"] + PRIOR_WEIGHT)


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
            attribution.confidence = round(table_probability(counts, attribution_class(attribution, by_id)), 3)

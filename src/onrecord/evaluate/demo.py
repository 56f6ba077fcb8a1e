"""Scoring on the bundled demo corpus against hand-written expectations.

The expectations live with the tests (tests/data/demo_expected.json: speaker
and kind of quotes; tests/data/demo_events_expected.json: clear political
events), written from the articles alone. tests/test_demo.py pins the scores;
bench/demo_accuracy.py, bench/demo_events.py and bench/encoder_retype.py print
them. The corpus is ours, so these are not fair accuracy figures
(docs/accuracy.md has those), but a change that loses correct answers shows here.
"""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from ..actors import code_actor
from ..schema import Attribution, Record
from .polnear import SCORED_KINDS

Check = dict[str, Any]


def demo_corpus() -> dict[str, dict]:
    """The bundled demo articles (``onrecord demo``), by id."""
    path = Path(str(resources.files("onrecord") / "demo" / "articles.jsonl"))
    return {a["id"]: a for a in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def extract_corpus(nlp: Any) -> dict[str, Record]:
    """Every demo article's record, by id, extracted with ``nlp``."""
    from ..batch import extract  # imported late: scoring alone needs no spaCy pipeline

    return {aid: extract(a["text"], date=a["date"], nlp=nlp) for aid, a in demo_corpus().items()}


def read_checks(path: Path) -> list[Check]:
    """Expectations from one of the JSON files named in this module's docstring."""
    return json.loads(path.read_text(encoding="utf-8"))


def speech(record: Record) -> list[Attribution]:
    """Attributions that report speech (not titles or terms)."""
    return [a for a in record.attributions if a.kind in SCORED_KINDS]


def _holder(record: Record, quote: str) -> Attribution | None:
    hits = [a for a in speech(record) if quote in a.content.text]
    return min(hits, key=lambda a: len(a.content.text)) if hits else None


def score_checks(records: dict[str, Record], checks: list[Check]) -> tuple[float, float, list[str]]:
    """Share of quote checks with the right speaker, share with the right kind, and the speaker misses."""
    speaker_right = kind_right = 0
    misses = []
    for check in checks:
        record = records[check["article"]]
        a = _holder(record, check["quote"])
        name = record.speaker_name(a) if a else None
        if name == check["speaker"]:
            speaker_right += 1
        else:
            misses.append(f"{check['article']}: {check['quote'][:40]!r} → {name!r}, expected {check['speaker']!r}")
        if a is not None and a.kind == check["kind"]:
            kind_right += 1
    return speaker_right / len(checks), kind_right / len(checks), misses


def _plain(name: str) -> str:
    name = name.lower().strip()
    return name[4:] if name.startswith("the ") else name


def _same_actor(entity, gold_name: str) -> bool:
    """The gold names the entity as the article does ("Maren Solberg", "United
    States"); a prediction may hold another mention of the same actor: the
    surname, or "Beijing" / "U.S." for the state (compared by actor code)."""
    if _plain(entity.name) == _plain(gold_name) or (
        entity.type == "PERSON" and _plain(gold_name).endswith(" " + _plain(entity.name))
    ):
        return True
    if entity.type == "PERSON" or entity.actor is None or not entity.actor.country:
        return False
    gold = code_actor(gold_name)
    return gold is not None and gold.country == entity.actor.country and gold.org == entity.actor.org


def _same_actors(record: Record, ids: list[str], gold_names: list[str]) -> bool:
    entities = [record.entity(i) for i in ids]
    return len(entities) == len(gold_names) and all(
        any(_same_actor(e, g) for e in entities) for g in gold_names
    ) and all(any(_same_actor(e, g) for g in gold_names) for e in entities)


def _event_in(record: Record, check: Check):
    """The predicted event in the checked sentence with the checked trigger word."""
    at = record.text.find(check["sentence_contains"])
    for event in record.events:
        if event.sentence.start <= at < event.sentence.end and event.trigger.text == check["trigger"]:
            return event
    return None


def score_events(records: dict[str, Record], checks: list[Check]) -> dict:
    """found: share of gold events whose trigger is an event; then, of all gold
    events, the share with the right type, source, target and factuality, and
    with all four right."""
    counts = dict.fromkeys(("found", "type", "source", "target", "factuality", "all"), 0)
    misses = []
    for check in checks:
        record = records[check["article"]]
        event = _event_in(record, check)
        if event is None:
            misses.append(f"{check['article']}: {check['trigger']!r} ({check['type']}) not found")
            continue
        got = {
            "type": event.type == check["type"],
            "source": _same_actors(record, event.source, check["source"]),
            "target": _same_actors(record, event.target, check["target"]),
            "factuality": event.factuality == check["factuality"],
        }
        counts["found"] += 1
        for key, right in got.items():
            counts[key] += right
        counts["all"] += all(got.values())
        if not all(got.values()):
            wrong = ", ".join(k for k, v in got.items() if not v)
            misses.append(f"{check['article']}: {check['trigger']!r} wrong {wrong}: got {event.type} "
                          f"{[record.entity(i).name for i in event.source]}→{[record.entity(i).name for i in event.target]} "
                          f"{event.factuality}; expected {check['type']} {check['source']}→{check['target']} {check['factuality']}")
    scores = {key: round(value / len(checks), 3) for key, value in counts.items()}
    scores["checks"] = len(checks)
    return {"scores": scores, "misses": misses}

"""The bundled demo corpus, checked against expectations written with it.

The checks (tests/data/demo_expected.json) were written by hand from the
articles: who said each quote and what kind of quote it is. The corpus is
ours, so it is not a fair accuracy figure (see docs/accuracy.md for that), but
it pins the behaviour: a change that loses correct answers fails here.
"""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from record_helpers import speech
from onrecord.actors import code_actor

DATA = Path(__file__).parent / "data"
# Measured share of checks right when these thresholds were set; a change that
# falls below them broke something that worked.
MIN_SPEAKER_RIGHT = 0.78
MIN_KIND_RIGHT = 0.93


def _corpus() -> dict[str, dict]:
    path = Path(str(resources.files("onrecord") / "demo" / "articles.jsonl"))
    return {a["id"]: a for a in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


@pytest.fixture(scope="module")
def records(extract):
    return {aid: extract(a["text"], date=a["date"]) for aid, a in _corpus().items()}


def _holder(record, quote: str):
    hits = [a for a in speech(record) if quote in a.content.text]
    return min(hits, key=lambda a: len(a.content.text)) if hits else None


def score_checks(records) -> tuple[float, float, list[str]]:
    checks = json.loads((DATA / "demo_expected.json").read_text())
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


def test_corpus_is_large_enough_and_well_formed():
    corpus = _corpus()
    assert len(corpus) >= 20
    for article in corpus.values():
        assert article["text"].strip() and article["date"] and article["title"]


def test_speakers_and_kinds_of_demo_quotes(records):
    speaker_share, kind_share, misses = score_checks(records)
    assert speaker_share >= MIN_SPEAKER_RIGHT, "\n".join(misses[:40])
    assert kind_share >= MIN_KIND_RIGHT


def test_quoted_terms_in_demo_are_not_speech(records):
    for check in json.loads((DATA / "demo_not_speech.json").read_text()):
        record = records[check["article"]]
        assert not [a for a in speech(record) if a.content.text.strip(" ,.") == check["text"]], check


# Events: hand-made gold (tests/data/demo_events_expected.json) of the clear
# political events in the demo corpus, written from the articles alone.
# Measured by bench/demo_events.py when set (found 0.770, type 0.709, all four 0.194).
MIN_EVENT_FOUND = 0.75
MIN_EVENT_TYPE_RIGHT = 0.69
MIN_EVENT_ALL_RIGHT = 0.18


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


def _same_actors(record, ids: list[str], gold_names: list[str]) -> bool:
    entities = [record.entity(i) for i in ids]
    return len(entities) == len(gold_names) and all(
        any(_same_actor(e, g) for e in entities) for g in gold_names
    ) and all(any(_same_actor(e, g) for g in gold_names) for e in entities)


def _event_in(record, check):
    """The predicted event in the checked sentence with the checked trigger word."""
    at = record.text.find(check["sentence_contains"])
    for event in record.events:
        if event.sentence.start <= at < event.sentence.end and event.trigger.text == check["trigger"]:
            return event
    return None


def score_events(records) -> dict:
    """found: share of gold events whose trigger is an event; then, of all gold
    events, the share with the right type, source, target and factuality, and
    with all four right."""
    checks = json.loads((DATA / "demo_events_expected.json").read_text())
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


def test_events_of_demo_articles(records):
    result = score_events(records)
    assert result["scores"]["found"] >= MIN_EVENT_FOUND, "\n".join(result["misses"][:40])
    assert result["scores"]["type"] >= MIN_EVENT_TYPE_RIGHT, "\n".join(result["misses"][:40])
    assert result["scores"]["all"] >= MIN_EVENT_ALL_RIGHT, "\n".join(result["misses"][:40])

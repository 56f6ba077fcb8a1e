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

from conftest import speech

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

"""Shared fixtures: the default pipeline is loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

import onrecord

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def nlp():
    return onrecord.load()


@pytest.fixture(scope="session")
def extract(nlp):
    def run(text: str, date: str | None = None) -> onrecord.Record:
        return onrecord.extract(text, date=date, nlp=nlp)

    return run


def speech(record: onrecord.Record):
    """Attributions that report speech (not titles or terms)."""
    return [a for a in record.attributions if a.kind in ("direct", "indirect", "mixed")]


def find(record: onrecord.Record, fragment: str):
    """The speech attribution whose content contains ``fragment`` (fails loudly if none)."""
    hits = [a for a in speech(record) if fragment in a.content.text]
    assert hits, f"no attribution contains {fragment!r}; got {[a.content.text for a in speech(record)]}"
    return hits[0]

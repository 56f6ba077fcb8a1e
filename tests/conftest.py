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

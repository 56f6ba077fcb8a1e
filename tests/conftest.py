"""Shared fixtures: the default pipeline is loaded once per test session.

Also marks slow tests, so that ``pytest -m "not slow"`` is a fast lane: a test
is slow when it needs a fixture below that loads the spaCy model or starts a
server (Spark, PostgreSQL, a browser), or runs on the PostgreSQL backend. Tests
that load the model themselves carry ``@pytest.mark.slow`` in their own file.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import onrecord

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"

# By name: "nlp" and "parse" also cover the modules' own fixtures that call spacy.load.
SLOW_FIXTURES = frozenset({"nlp", "extract", "parse", "spark", "postgres_server", "browser", "live_server"})
SLOW_BACKENDS = frozenset({"postgresql"})  # tests/store/conftest.py's db_url parameter


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())) or params.get("db_url") in SLOW_BACKENDS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def nlp():
    return onrecord.load()


@pytest.fixture(scope="session")
def extract(nlp):
    def run(text: str, date: str | None = None) -> onrecord.Record:
        return onrecord.extract(text, date=date, nlp=nlp)

    return run

"""min_confidence: events the detector was less sure of can be hidden, in every
read (search, export, watches, the web's events page and API), and the page says
how many it hid. The Solberg record has an AID event at 0.6 and an ACCUSE at 0.75."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from onrecord.cli import main
from onrecord.errors import InputError
from onrecord.store import Filters, open_store
from onrecord.store.reads import search_events
from onrecord.web.app import create_app

from .helpers import solberg_record

TOKEN = "t0ken"


@pytest.fixture()
def db(tmp_path):
    path = str(tmp_path / "c.db")
    with open_store(path) as store:
        store.add_record(solberg_record(), origin="t")
    return path


def _types(rows):
    return sorted(r["type"] for r in rows)


def test_the_bound_keeps_events_at_or_above_it(db):
    with open_store(db) as store:
        assert _types(search_events(store, Filters.make())) == ["ACCUSE", "AID"]
        assert _types(search_events(store, Filters.make(min_confidence="0.7"))) == ["ACCUSE"]
        assert _types(search_events(store, Filters.make(min_confidence="0.6"))) == ["ACCUSE", "AID"]
        assert search_events(store, Filters.make(min_confidence="1")) == []


@pytest.mark.parametrize("bad", ["high", "1.5", "-0.1", "nan"])
def test_a_bound_outside_0_to_1_is_refused(bad):
    with pytest.raises(InputError, match="from 0 to 1"):
        Filters.make(min_confidence=bad)


def test_the_events_page_says_what_it_hides_and_the_api_counts_it(db):
    with open_store(db) as store:
        client = TestClient(create_app(store=store, token=TOKEN))
        page = client.get("/events", params={"min_confidence": "0.7"})
        assert page.status_code == 200
        assert "1 more event matching these filters is hidden" in page.text and "below 0.7" in page.text
        assert "hidden-events" not in client.get("/events").text
        network = client.get("/network", params={"min_confidence": "0.7"}).text
        assert 'id="confidence-bound"' in network and "at least 0.7" in network
        assert 'id="confidence-bound"' not in client.get("/network").text
        api = client.get("/api/events", params={"min_confidence": "0.7"}).json()
        assert api["total"] == 1 and api["hidden"] == {"min_confidence": 0.7, "events": 1}
        bad = client.get("/api/events", params={"min_confidence": "2"})
        assert bad.status_code == 400 and "from 0 to 1" in bad.json()["error"]["message"]


def test_the_cli_and_watches_take_the_bound(db):
    run = CliRunner().invoke
    out = run(main, ["export", "--what", "events", "--format", "jsonl", "-o", "-", "--min-confidence", "0.7", "--db", db])
    assert out.exit_code == 0, out.output
    assert _types(json.loads(line) for line in out.stdout.splitlines()) == ["ACCUSE"]
    refused = run(main, ["export", "--what", "events", "--format", "jsonl", "-o", "-", "--min-confidence", "7", "--db", db])
    assert refused.exit_code == 2 and "0<=x<=1" in refused.output.replace(" ", "")
    added = run(main, ["watch", "add", "sure", "--min-confidence", "0.7", "--include-existing", "--db", db])
    assert added.exit_code == 0, added.output
    assert "min confidence: 0.7" in added.output and "1 new" in run(main, ["watch", "list", "--db", db]).output
    quotes = run(main, ["watch", "add", "q", "--kind", "attributions", "--min-confidence", "0.7", "--db", db])
    assert quotes.exit_code == 1 and "unknown filter(s) for a attributions watch: min_confidence" in quotes.output

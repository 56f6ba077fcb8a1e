"""A watch's filters are run once when it is saved, on SQLite and PostgreSQL, so a
query the backend cannot parse is refused then instead of failing every later read."""
from __future__ import annotations

import pytest

from onrecord.errors import InputError, SearchSyntaxError

from .helpers import solberg_record


def test_a_query_the_backend_cannot_parse_is_refused_when_saved(store, db_url):
    store.add_record(solberg_record(), origin="t")
    bad = '"unbalanced'
    if store.backend == "postgresql":
        # websearch_to_tsquery reads any text (a stray quote is ignored): the same
        # watch runs there, so it is saved and reads without error
        w = store.add_watch("stray quote", "attributions", {"query": bad})
        assert w["problem"] is None and store.count_new_matches(w) == 0
    else:
        with pytest.raises(SearchSyntaxError, match="cannot search for"):
            store.add_watch("stray quote", "attributions", {"query": bad})
        assert store.watches() == []
    good = store.add_watch("partners", "attributions", {"query": "partners"}, include_existing=True)
    assert good["problem"] is None and store.count_new_matches(good) == 1


def test_an_impossible_date_is_refused_when_saved(store):
    with pytest.raises(InputError, match="real date"):
        store.add_watch("bad month", "events", {"date_from": "2024-13"})
    assert store.watches() == []


def test_check_skips_a_watch_that_cannot_run_and_runs_the_others(store):
    store.add_record(solberg_record(), origin="t")
    store.add_watch("every event", "events", {}, include_existing=True)
    # a watch saved before filters were checked: its event type is not PLOVER
    from sqlalchemy import update

    from onrecord.store.tables import watches

    legacy = store.add_watch("legacy", "events", {"event": "AID"})
    with store.engine.begin() as conn:
        conn.execute(update(watches).where(watches.c.id == legacy["id"]).values(params='{"event": "NOTATYPE"}'))
    out = {item["name"]: item for item in store.check_watches()}
    assert out["every event"]["new"] == 2 and "problem" not in out["every event"]
    assert "event type 'NOTATYPE'" in out["legacy"]["problem"] and out["legacy"]["matches"] == []
    assert store.watch(legacy["id"])["last_seen_id"] == legacy["last_seen_id"]  # not marked seen

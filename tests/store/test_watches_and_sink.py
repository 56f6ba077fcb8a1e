"""Watches as Store methods (and `onrecord watch` over them), data_version, and
the Sink every writer goes through."""
from __future__ import annotations

import datetime as dt
import json

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import insert

from onrecord.commands.watch import COMMANDS
from onrecord.errors import InputError, NotFoundError
from onrecord.items import Failure, Skipped
from onrecord.store import open_store
from onrecord.store.sink import Sink
from onrecord.store.tables import watches

from .helpers import solberg_record
from .test_store import other_record


def test_watch_lifecycle(store):
    store.add_record(solberg_record(), origin="a")
    w = store.add_watch("aid", "events", {"event": "aid", "outlet": "example.com", "source_code": "chn"})
    assert w["params"] == {"event": "AID", "outlet": "example.com", "source_code": "CHN"}
    assert store.count_new_matches(w) == 0  # what was stored before counts as seen
    everything = store.add_watch("all", "attributions", {}, include_existing=True)
    assert store.count_new_matches(everything) == 3
    store.add_record(other_record(), origin="b")
    [checked, _] = store.check_watches(limit=10)
    assert checked["name"] == "aid" and checked["new"] == 0
    assert store.count_new_matches(store.watch(everything["id"])) == 0  # check marked it seen
    assert [x["name"] for x in store.watches()] == ["aid", "all"]
    store.remove_watch(w["id"])
    with pytest.raises(NotFoundError, match="no watch with id"):
        store.watch(w["id"])


def test_watch_params_are_checked_like_a_search(store):
    with pytest.raises(InputError, match="event type 'NOPE': use one of"):
        store.add_watch("x", "events", {"event": "nope"})
    with pytest.raises(InputError, match="factuality 'maybe': use one of"):
        store.add_watch("x", "attributions", {"factuality": "maybe"})
    with pytest.raises(InputError, match="unknown filter"):
        store.add_watch("x", "attributions", {"source_code": "CHN"})


def test_a_watch_saved_with_source_reads_it_as_outlet(store):
    store.add_record(other_record(), origin="b")
    legacy = store.add_watch("old", "attributions", {"source": "other.org"}, include_existing=True)
    assert legacy["params"] == {"outlet": "other.org"}
    with store.engine.begin() as conn:  # as a watch saved before the rename is stored
        conn.execute(insert(watches).values(name="older", kind="attributions", params='{"source": "nowhere.org"}',
                                            last_seen_id=0, created_at=dt.datetime.now(dt.timezone.utc)))
    older = next(w for w in store.watches() if w["name"] == "older")
    assert older["params"] == {"outlet": "nowhere.org"} and store.count_new_matches(older) == 0
    assert store.count_new_matches(legacy) == 2


def test_data_version_follows_articles_and_watches(store):
    before = store.data_version()
    store.add_record(solberg_record(), origin="a")
    after_article = store.data_version()
    store.add_watch("x", "events", {})
    assert len({before, after_article, store.data_version()}) == 3


def test_watch_command_add_list_check(tmp_path):
    db = str(tmp_path / "w.db")
    with open_store(db) as store:
        store.add_record(solberg_record(), origin="a")
    group = click.Group(commands={c.name: c for c in COMMANDS})
    run = CliRunner().invoke
    added = run(group, ["watch", "add", "quotes", "--kind", "attributions", "--source", "example.com",
                        "--include-existing", "--db", db])
    assert added.exit_code == 0, added.output
    assert "outlet: example.com" in added.output
    assert "3 new" in run(group, ["watch", "list", "--db", db]).output
    checked = json.loads(run(group, ["watch", "check", "--format", "json", "--db", db]).output)
    assert checked[0]["new"] == 3 and len(checked[0]["matches"]) == 3
    assert "0 new" in run(group, ["watch", "list", "--db", db]).output
    bad = run(group, ["watch", "add", "x", "--event", "FOO", "--db", db])
    # a usage error (exit 2) that lists the valid types, before the store is touched
    assert bad.exit_code == 2 and "ASSAULT" in bad.output


def test_watch_add_takes_the_act_of_quotes_speech_by_default(tmp_path):
    db = str(tmp_path / "w.db")
    group = click.Group(commands={c.name: c for c in COMMANDS})
    run = CliRunner().invoke
    assert run(group, ["watch", "add", "said", "--kind", "attributions", "--db", db]).exit_code == 0
    assert run(group, ["watch", "add", "all", "--kind", "attributions", "--act", "speech,thought", "--db", db]).exit_code == 0
    assert run(group, ["watch", "add", "events", "--db", db]).exit_code == 0
    with open_store(db) as store:
        acts = {w["name"]: w["params"].get("act") for w in store.watches()}
    assert acts["said"] == "speech" and acts["events"] is None
    assert set(acts["all"].split(",")) == {"speech", "thought"}
    bad = run(group, ["watch", "add", "x", "--act", "gossip", "--kind", "attributions", "--db", db])
    assert bad.exit_code == 1 and "speech" in bad.output
    events_act = run(group, ["watch", "add", "y", "--act", "speech", "--db", db])
    assert events_act.exit_code == 1  # events have no act


def test_the_sink_counts_and_keeps_one_run(store):
    with Sink(store, "test run") as sink:
        assert sink.write(solberg_record(), origin="a") is not None
        assert sink.write(solberg_record(url=None), origin="b") is None  # same text
        assert sink.is_stored(solberg_record().text, None)
        sink.write(Failure("c", "unreadable"), origin="c")
        sink.write(Skipped("d", "language de", "de"), origin="d")
        sink.error("c", "unreadable", once=True)  # already stored: not again
    assert sink.summary.counts() == {"new": 1, "duplicate": 2, "failed": 1, "skipped": 1}
    assert sink.summary.errors == ["c: unreadable"]
    with store.engine.connect() as conn:
        runs = conn.exec_driver_sql("SELECT command, counts, finished_at FROM runs").all()
        errors = conn.exec_driver_sql("SELECT origin, kind, run_id FROM errors ORDER BY id").all()
    [(command, counts, finished)] = runs
    assert command == "test run" and json.loads(counts)["new"] == 1 and finished is not None
    assert [(o, k) for o, k, _ in errors] == [("c", "failed"), ("d", "skipped")]
    assert {run_id for _, _, run_id in errors} == {sink.run_id}

"""`onrecord watch add|list|check|remove` through the CLI, on a temporary SQLite db.

Records are built directly (tests/store/helpers.py), so no model is loaded.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.store import open_store

from .helpers import SOLBERG_TEXT, solberg_record


def store_record(db: str, record) -> None:
    with open_store(db) as store:
        store.add_record(record, origin="t")


@pytest.fixture
def watch(tmp_path):
    """Runs ``onrecord watch ...`` on a db that holds one article (China accuses the United States)."""
    db = str(tmp_path / "watch.db")
    store_record(db, solberg_record())

    def run(*args: str):
        return CliRunner().invoke(main, ["watch", *args, "--db", db])

    run.db = db
    return run


def second_article():
    """Another article with the same ACCUSE event (other URL and text, so not a duplicate)."""
    return solberg_record(url="https://news.example.com/solberg-2", key="second", text=SOLBERG_TEXT + " More.")


def test_add_counts_only_what_comes_after_it(watch):
    added = watch("add", "China accuses", "--event", "ACCUSE", "--source-actor", "CHN")
    assert added.exit_code == 0, added.output
    assert added.output.startswith("watch 1: China accuses (CHN → ACCUSE → any")
    [listed] = json.loads(watch("list", "--format", "json").output)
    assert (listed["id"], listed["name"], listed["kind"], listed["new"]) == (1, "China accuses", "events", 0)
    assert listed["params"] == {"event": "ACCUSE", "source_code": "CHN"}


def test_include_existing_counts_what_is_stored(watch):
    assert watch("add", "all quotes", "--kind", "attributions", "--include-existing").exit_code == 0
    table = watch("list")
    assert table.exit_code == 0
    # A quote watch keeps speech unless asked for more, as `onrecord search` does.
    assert table.output.split() == ["1", "3", "new", "all", "quotes", "(quotes,", "act:", "speech)"]


def test_check_prints_new_matches_once_and_dry_run_keeps_them(watch):
    watch("add", "China accuses", "--event", "ACCUSE", "--source-actor", "CHN")
    store_record(watch.db, second_article())

    dry = watch("check", "--dry-run", "--format", "json")
    assert dry.exit_code == 0, dry.output
    [item] = json.loads(dry.output)
    assert (item["watch"], item["name"], item["new"]) == (1, "China accuses", 1)
    [match] = item["matches"]
    assert match["type"] == "ACCUSE" and match["factuality"] == "asserted"

    checked = watch("check")
    assert checked.exit_code == 0, checked.output
    lines = checked.output.splitlines()
    assert lines[0] == "== watch 1: China accuses: 1 new"
    assert len(lines) == 2 and "ACCUSE" in lines[1] and "United States" in lines[1]

    again = watch("check", "--format", "json")
    assert json.loads(again.output) == [{"watch": 1, "name": "China accuses", "new": 0, "matches": []}]


def test_check_only_the_given_watches(watch):
    watch("add", "China accuses", "--event", "ACCUSE")
    watch("add", "aid", "--event", "AID")
    store_record(watch.db, second_article())
    result = watch("check", "2", "--format", "json")
    assert [(i["watch"], i["new"]) for i in json.loads(result.output)] == [(2, 1)]
    assert json.loads(watch("list", "--format", "json").output)[0]["new"] == 1  # watch 1 left unseen


def test_errors_are_one_line_messages(watch):
    missing = watch("check", "7")
    assert missing.exit_code == 1 and "no watch with id 7" in missing.output
    assert "Traceback" not in missing.output
    bad = watch("add", "x", "--kind", "attributions", "--source-actor", "CHN")
    assert bad.exit_code == 1 and "unknown filter(s) for a attributions watch: source_code" in bad.output


def test_remove(watch):
    watch("add", "China accuses", "--event", "ACCUSE")
    removed = watch("remove", "1")
    assert removed.exit_code == 0 and removed.output == "watch 1 removed\n"
    empty = watch("list")
    assert empty.exit_code == 0 and "no watches" in empty.output
    assert watch("remove", "1").exit_code == 1

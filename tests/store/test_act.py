"""Attribution.act in the store, the CLI and the web app: speech by default, the others on request."""
from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from onrecord.commands.store import COMMANDS
from onrecord.errors import InputError
from onrecord.schema import Attribution, select_acts
from onrecord.store import Filters, open_store

from .helpers import make_record, span

TEXT = ('Harbour master Ines Vold said the ferry would sail at noon. '
        'Fishermen fear that the quota cut will empty the harbour. '
        'A survey found that most residents want a second ferry. '
        'The so-called “blue line” opens in May.')


def acts_record():
    t = TEXT
    return make_record(t, key="acts", url="https://news.example.com/acts", attributions=[
        Attribution("indirect", span(t, "the ferry would sail at noon"), span(t, "said"), span(t, "Harbour master Ines Vold"),
                    None, 0.75, act="speech"),
        Attribution("indirect", span(t, "that the quota cut will empty the harbour"), span(t, "fear"),
                    span(t, "Fishermen"), None, 0.75, act="thought"),
        Attribution("indirect", span(t, "that most residents want a second ferry"), span(t, "found"),
                    span(t, "A survey"), None, 0.75, act="evidence"),
        Attribution("term", span(t, "blue line"), None, None, None, 0.0),
    ])


@pytest.fixture
def store(db_url):
    with open_store(db_url) as s:
        s.add_record(acts_record(), origin="t")
        yield s


def _acts(store, act: str | None) -> list[str | None]:
    return sorted((r["act"] or "-") for r in store.search(Filters.make(None, act=act), limit=50, offset=0))


def test_search_filters_on_act_and_all_means_no_filter(store):
    assert _acts(store, "speech") == ["speech"]
    assert _acts(store, "thought,evidence") == ["evidence", "thought"]
    assert _acts(store, "all") == _acts(store, None) == ["-", "evidence", "speech", "thought"]
    assert store.count(Filters.make(None, act="speech,thought")) == 2


def test_stored_record_keeps_act(store):
    rows = store.search(Filters.make("survey OR residents", act="all"), limit=5, offset=0)
    assert [r["act"] for r in rows] == ["evidence"]


@pytest.mark.parametrize("value, expected", [
    ("speech", ("speech",)), ("Thought, speech", ("speech", "thought")), ("all", None), (None, None), ("", None),
])
def test_select_acts(value, expected):
    assert select_acts(value) == expected


def test_unknown_act_is_an_error_naming_the_choices():
    with pytest.raises(InputError, match=r"act opinion: use speech, thought, evidence .* or all"):
        Filters.make(None, act="speech,opinion")


@pytest.fixture
def cli(tmp_path):
    db = str(tmp_path / "acts.db")
    with open_store(db) as s:
        s.add_record(acts_record(), origin="t")
    group = click.Group(commands={c.name: c for c in COMMANDS})
    runner = CliRunner()
    return lambda *args: runner.invoke(group, [*args, "--db", db])


def test_cli_search_shows_speech_unless_asked(cli):
    default = json.loads(cli("search", "--format", "json").stdout)
    assert [r["act"] for r in default] == ["speech"]
    every = json.loads(cli("search", "--format", "json", "--act", "speech,thought,evidence").stdout)
    assert sorted(r["act"] for r in every) == ["evidence", "speech", "thought"]
    table = cli("search", "--act", "all")
    assert "thought" in table.stdout and "evidence" in table.stdout and "4 of 4 shown" in table.stderr
    bad = cli("search", "--act", "rumour")
    assert bad.exit_code != 0 and "use speech, thought, evidence" in bad.output


def test_cli_export_has_an_act_column(cli, tmp_path):
    out = tmp_path / "a.jsonl"
    assert cli("export", "--what", "attributions", "--format", "jsonl", "-o", str(out), "--act", "all").exit_code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(str(r["act"]) for r in rows) == ["None", "evidence", "speech", "thought"]

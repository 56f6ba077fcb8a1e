"""The corpus commands, thin over the Store (SQLite only: the Store tests cover both)."""
from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from onrecord.commands.store import COMMANDS
from onrecord.store import open_store

from .helpers import solberg_record
from .test_store import other_record


@pytest.fixture
def cli(tmp_path):
    db = str(tmp_path / "cli.db")
    with open_store(db) as store:
        for record in (solberg_record(), other_record()):
            store.add_record(record, origin="t")
    group = click.Group(commands={c.name: c for c in COMMANDS})
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(group, [*args, "--db", db] if args[0] != "entities" or len(args) > 1 else list(args))

    return run


def test_every_command_has_an_example():
    for command in COMMANDS:
        assert "Example:" in (command.help or ""), command.name
        for sub in getattr(command, "commands", {}).values():
            assert "Example:" in (sub.help or ""), sub.name


def test_search_json_and_table(cli):
    result = cli("search", "abandon", "--format", "json")
    assert result.exit_code == 0, result.output
    [hit] = json.loads(result.stdout)
    assert hit["speaker"] == "Maren Solberg"
    table = cli("search", "--speaker", "solberg", "--source", "other.org")
    assert "deterrence works" in table.stdout and "1 of 1 shown" in table.stderr


def test_outlet_and_its_hidden_alias_source(cli):
    outlet = cli("search", "--speaker", "solberg", "--outlet", "other.org")
    assert "deterrence works" in outlet.stdout and "1 of 1 shown" in outlet.stderr
    assert "--outlet" in cli("search", "--help").stdout and "--source" not in cli("search", "--help").stdout


def test_an_unknown_event_type_is_an_error_not_zero_results(cli):
    # a usage error (exit 2) naming the allowed values, checked before the database is read
    result = cli("search", "--event", "FOO")
    assert result.exit_code == 2
    assert "'FOO' is not one of" in result.output and "ACCUSE" in result.output
    assert "0 of 0" not in result.output
    bad = cli("export", "--what", "events", "--format", "jsonl", "-o", "-", "--factuality", "perhaps")
    assert bad.exit_code == 2 and "'perhaps' is not one of" in bad.output and "asserted" in bad.output


def test_bad_query_is_a_message_not_a_traceback(cli):
    result = cli("search", '"unbalanced')
    assert result.exit_code == 1
    assert "double quotes" in result.output and "Traceback" not in result.output


def test_export_stats_entities(cli, tmp_path):
    out = tmp_path / "events.jsonl"
    result = cli("export", "--what", "events", "--format", "jsonl", "-o", str(out), "--actor", "CHN")
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["type"] == "ACCUSE"
    stats = json.loads(cli("stats", "--format", "json").stdout)
    assert stats["totals"]["articles"] == 2
    assert "top dyads" in cli("stats").stdout
    assert "Maren Solberg" in cli("entities", "list", "--name", "solberg").stdout
    assert cli("entities", "merge", "Ukraine", "China").exit_code == 0
    missing = cli("entities", "merge", "Nobody", "China")
    assert missing.exit_code == 1 and "no entity named 'Nobody'" in missing.output
    assert cli("entities", "split", "China", "Ukraine").exit_code == 0
    aliases = tmp_path / "a.tsv"
    aliases.write_text("PRC\tChina\n")
    assert cli("entities", "aliases", str(aliases)).exit_code == 0

"""``--profile fast|accurate`` on every command that extracts, carried to where the
pipeline is built (worker processes and Spark executors included), and recorded
in each record's ``pipeline`` dict.

The fast tests stand in for the pipeline and the job and check what the command
passes on; the slow ones extract for real and read the profile back from the store
or the Parquet output.
"""
from __future__ import annotations

import json
import sqlite3

import click
import pytest
from click.testing import CliRunner

from onrecord import pipeline
from onrecord.cli import main
from onrecord.errors import MissingDependencyError

# Commands with --model whose pipeline's attributions do not matter to what they print.
NO_ATTRIBUTIONS = {
    "eval plv": "its own --profile picks the PLOVER classifier",
    "eval meantime": "scores predicates and dates only",
    "eval dates": "scores dates only",
}

ARTICLE = "“The bridge will stay shut until spring,” said Ilsa Varnholt, the county engineer.\n"


def _commands(group: click.Group, path: str = ""):
    for name, command in group.commands.items():
        yield f"{path} {name}".strip(), command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{path} {name}")


def _option(command: click.Command, flag: str) -> click.Option | None:
    return next((p for p in command.params if flag in getattr(p, "opts", ())), None)


def test_every_extracting_command_has_the_shared_profile_option():
    extracting = [(path, c) for path, c in _commands(main) if _option(c, "--model") and path not in NO_ATTRIBUTIONS]
    assert {"extract", "demo", "ingest", "spark", "eval polnear", "eval speakers"} <= {p for p, _ in extracting}
    for path, command in extracting:
        option = _option(command, "--profile")
        assert option is not None, f"onrecord {path} extracts but has no --profile"
        assert list(option.type.choices) == list(pipeline.PROFILES) and option.default == "fast", path


class _Called(Exception):
    """Raised by the stand-ins once they have seen what the command passed on."""


def _capture(monkeypatch, target: str, seen: dict):
    def stand_in(*args, **kwargs):
        seen.update(kwargs, args=args)
        raise _Called

    monkeypatch.setattr(target, stand_in)


def test_demo_builds_the_pipeline_of_the_profile_asked_for(monkeypatch):
    seen: dict = {}
    _capture(monkeypatch, "onrecord.pipeline.load", seen)
    result = CliRunner().invoke(main, ["demo", "--profile", "accurate"])
    assert isinstance(result.exception, _Called)
    assert seen["args"][2] == "accurate"


@pytest.mark.parametrize("extra, target", [([], "onrecord.ingest.runner.ingest"),
                                           (["--reprocess"], "onrecord.ingest.runner.reprocess")])
def test_ingest_and_reprocess_pass_the_profile_on(monkeypatch, tmp_path, extra, target):
    seen: dict = {}
    _capture(monkeypatch, target, seen)
    sources = [] if extra else [str(tmp_path)]
    result = CliRunner().invoke(main, ["ingest", *sources, *extra, "--profile", "accurate",
                                       "--db", str(tmp_path / "c.db")])
    assert isinstance(result.exception, _Called), result.output
    assert seen["profile"] == "accurate"


def test_spark_passes_the_profile_to_the_job(monkeypatch, tmp_path):
    from onrecord.spark import driver

    seen: dict = {}
    monkeypatch.setattr(driver, "active_session", lambda: object())   # a session "already running": not stopped
    monkeypatch.setattr(driver, "session", lambda master: object())
    _capture(monkeypatch, "onrecord.spark.driver.run", seen)
    result = CliRunner().invoke(main, ["spark", str(tmp_path), "--output", str(tmp_path / "out"),
                                       "--profile", "accurate"])
    assert isinstance(result.exception, _Called), result.output
    assert seen["profile"] == "accurate"


def test_spark_partition_loads_the_profiles_pipeline(monkeypatch):
    from onrecord.items import ArticleInput
    from onrecord.schema import Article
    from onrecord.spark import extract

    seen: dict = {}
    _capture(monkeypatch, "onrecord.spark.extract.load", seen)
    with pytest.raises(_Called):
        list(extract.extract_partition([ArticleInput(ARTICLE, Article(id="a"), "a")], profile="accurate"))
    assert seen["args"][2] == "accurate"


def _no_runtime(monkeypatch):
    from onrecord.attribution import encoder

    def missing():
        raise MissingDependencyError(f"the accurate attribution profile needs onnxruntime and tokenizers: "
                                     f"{encoder.INSTALL_HINT}")

    monkeypatch.setattr(encoder, "require_runtime", missing)
    monkeypatch.setattr(pipeline, "load", pipeline.load.__wrapped__)   # not an accurate pipeline cached earlier


@pytest.mark.parametrize("command", [["demo"], ["ingest", "SRC"], ["ingest", "--reprocess"],
                                     ["spark", "SRC", "--output", "OUT"], ["extract", "SRC"]])
def test_a_missing_runtime_is_one_message_naming_the_install_command(monkeypatch, tmp_path, command):
    _no_runtime(monkeypatch)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    args = [{"SRC": str(tmp_path / "a.txt"), "OUT": str(tmp_path / "out")}.get(a, a) for a in command]
    if command[0] == "ingest":
        args += ["--db", str(tmp_path / "c.db")]
    result = CliRunner().invoke(main, [*args, "--profile", "accurate"])
    assert result.exit_code == 1, result.output
    assert "pip install 'onrecord[accurate]'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "c.db").exists()   # ingest refuses before it makes a store


def test_check_profile_refuses_an_unknown_profile():
    from onrecord.errors import InputError

    with pytest.raises(InputError, match="fast, accurate"):
        pipeline.check_profile("fastest")


# --------------------------------------------------------------------------- end to end (slow)

def _needs_accurate():
    pytest.importorskip("onnxruntime", reason="the accurate profile needs onrecord[accurate]")
    pytest.importorskip("tokenizers", reason="the accurate profile needs onrecord[accurate]")


def _stored_profiles(db) -> list[str]:
    with sqlite3.connect(db) as connection:
        return [json.loads(p)["profile"] for (p,) in connection.execute("select pipeline from articles")]


@pytest.mark.slow
def test_ingest_in_worker_processes_and_reprocess_record_the_profile(tmp_path):
    _needs_accurate()
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"a{i}", "text": ARTICLE.replace("spring", season)}) + "\n"
                              for i, season in enumerate(["spring", "summer", "autumn"])), encoding="utf-8")
    db = tmp_path / "c.db"
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(db), "--workers", "2",
                                       "--profile", "accurate"])
    assert result.exit_code == 0, result.output
    assert _stored_profiles(db) == ["accurate"] * 3
    result = CliRunner().invoke(main, ["ingest", "--reprocess", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _stored_profiles(db) == ["fast"] * 3


@pytest.mark.slow
def test_demo_records_say_which_profile_made_them():
    _needs_accurate()
    result = CliRunner().invoke(main, ["demo", "--profile", "accurate", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(records) > 20
    assert {r["pipeline"]["profile"] for r in records} == {"accurate"}
    assert {r["pipeline"]["spans"] for r in records} == {"encoder"}

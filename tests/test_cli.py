"""The CLI is a thin layer: formats, inputs, errors and exit codes."""
import json

import click
import pytest
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.commands.base import DB_HELP, MODEL_HELP, RULES_ONLY_HELP, OnrecordCommand, OnrecordGroup
from onrecord.errors import NotFoundError


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_every_command_help_has_an_example():
    for command in (["extract"], ["demo"], ["eval"], ["eval", "polnear"], ["train"], []):
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Example:" in result.output, command


def _commands(group: click.Group, path: str = ""):
    for name, command in group.commands.items():
        yield f"{path} {name}".strip(), command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{path} {name}")


def test_shared_options_mean_the_same_in_every_command():
    shared = {"--model": MODEL_HELP, "--rules-only": RULES_ONLY_HELP, "--db": DB_HELP}
    for path, command in _commands(main):
        assert isinstance(command, (OnrecordCommand, OnrecordGroup)), f"{path}: OnrecordErrors would be tracebacks"
        for param in command.params:
            for flag in set(param.opts) & set(shared):
                if (path, flag) != ("demo", "--db"):  # optional there: demo also stores what it shows
                    assert param.help.startswith(shared[flag]), (path, flag, param.help)


def test_an_onrecord_error_is_a_one_line_message_from_any_command():
    @click.command(cls=OnrecordCommand)
    def fails() -> None:
        raise NotFoundError("no such thing; list them with `onrecord things`")

    result = CliRunner().invoke(fails, [])
    assert result.exit_code == 1 and result.output == "Error: no such thing; list them with `onrecord things`\n"


@pytest.mark.slow
def test_extract_one_file_prints_a_table(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("“We will not yield,” said Foreign Minister Hanna Berg.")
    result = run("extract", str(path))
    assert result.exit_code == 0
    assert "Hanna Berg" in result.output and "said" in result.output and "direct" in result.output


@pytest.mark.slow
def test_extract_json_and_date(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("“We will not yield,” said Foreign Minister Hanna Berg.")
    result = run("extract", str(path), "--format", "json", "--date", "2024-05-06")
    record = json.loads(result.output)
    assert record["article"]["date"] == "2024-05-06" and record["attributions"][0]["kind"] == "direct"


@pytest.mark.slow
def test_folder_gives_jsonl_and_reports_bad_files(tmp_path):
    (tmp_path / "a.txt").write_text("“One,” said Jo Park.")
    (tmp_path / "b.txt").write_text("   ")
    (tmp_path / "c.txt").write_text("“Three,” said Jo Park.")
    result = CliRunner().invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"]["id"] for r in lines] == ["a", "c"]
    assert "b.txt: empty article" in result.stderr and "2 article(s) extracted, 1 failed" in result.stderr


@pytest.mark.slow
def test_stdin(tmp_path):
    result = run("extract", "-", "--format", "json", input="“Fine,” said Jo Park.")
    assert json.loads(result.output)["attributions"][0]["content"]["text"] == "Fine,"


@pytest.mark.slow
def test_nothing_extracted_exits_non_zero(tmp_path):
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_bad_date_and_bad_model_are_clear_errors(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("text")
    result = CliRunner().invoke(main, ["extract", str(path), "--date", "yesterday"])
    assert result.exit_code == 1 and "not a valid YYYY-MM-DD" in result.output
    result = CliRunner().invoke(main, ["extract", str(path), "--model", "nope_model"])
    assert result.exit_code == 1 and "not installed" in result.output and "Traceback" not in result.output


@pytest.mark.slow
def test_demo_prints_who_said_what():
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 0
    assert "Maren Solberg" in result.stdout and "demo articles extracted" in result.stderr


@pytest.mark.slow
def test_eval_polnear_on_a_tiny_corpus(tmp_path):
    text = "“We will win,” said Senator Jo Park.\n"
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir(parents=True)
    (tmp_path / "dev" / "text" / "a.txt").write_text(text)
    (tmp_path / "dev" / "attributions" / "a_x.ann").write_text(
        "T1\tContent 1 13\tWe will win,\nT2\tCue 15 19\tsaid\nT3\tSource 20 35\tSenator Jo Park\n"
        "T4\tAttribution 15 19\tsaid\nE1\tAttribution:T4 Content:T1 Cue:T2 Source:T3\n"
    )
    result = CliRunner().invoke(main, ["eval", "polnear", str(tmp_path), "--split", "dev", "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["exact"]["cue"]["f1"] == 1.0 and scores["attribution"]["f1"] == 1.0
    assert scores["exact"]["source"]["f1"] == 1.0


@pytest.mark.slow
def test_demo_can_store_its_records_once(tmp_path):
    import sqlite3

    db = tmp_path / "demo.db"
    for _ in range(2):
        result = CliRunner().invoke(main, ["demo", "--rules-only", "--db", str(db)])
        assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as connection:
        assert connection.execute("select count(*) from articles").fetchone() == (27,)
    assert "onrecord serve --db" in result.output


@pytest.mark.slow
def test_eval_plv_scores_both_profiles(tmp_path):
    pytest.importorskip("onnxruntime", reason="the accurate profile needs onrecord[accurate]")
    path = tmp_path / "plv.tsv"
    path.write_text("\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\n"
                    "0\t0\tGermany sent tanks to Ukraine.\t<s>Germany</s> sent tanks to <t>Ukraine</t>.\t\t\tAID\n",
                    encoding="utf-8")
    result = run("eval", "plv", str(path), "--folds", "0", "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert set(scores["pairs"]) == {"fast", "accurate"}
    assert scores["pairs"]["accurate"]["shipped"]["accuracy"] == 1.0
    assert scores["end_to_end"]["n"] == 1
    bad = CliRunner().invoke(main, ["eval", "plv", str(path), "--profile", "slow"])
    assert bad.exit_code == 2 and "fast" in bad.output and "accurate" in bad.output


@pytest.mark.slow
def test_extract_profile_accurate_and_a_bad_profile(tmp_path):
    pytest.importorskip("onnxruntime")
    path = tmp_path / "a.txt"
    path.write_text("“We will act,” said Maren Solberg, the NATO chief.")
    result = CliRunner().invoke(main, ["extract", str(path), "--profile", "accurate", "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["pipeline"]["spans"] == "encoder"
    assert record["attributions"] and record["attributions"][0]["kind"] == "direct"
    bad = CliRunner().invoke(main, ["extract", str(path), "--profile", "best"])
    assert bad.exit_code == 2 and "fast" in bad.output and "accurate" in bad.output

"""The `onrecord ingest` command's own parts: progress line and help."""
from __future__ import annotations

from click.testing import CliRunner

from onrecord.cli import main
from onrecord.commands.ingest import _ProgressLine
from onrecord.store.sink import RunSummary


def test_progress_line_shows_count_rate_eta_and_errors(capsys):
    progress = _ProgressLine(total=100)
    progress.started -= 10  # ten seconds in
    progress(RunSummary(new=18, duplicate=1, failed=1))
    err = capsys.readouterr().err
    assert "20/100 articles" in err
    assert "2.0/s" in err
    assert "ETA 40s" in err
    assert "1 error(s)" in err


def test_summary_line_counts_every_outcome():
    line = RunSummary(new=3, duplicate=2, failed=1, skipped=4, seconds=2.0).line()
    assert line == "3 new, 2 duplicate, 1 failed, 4 skipped in 2.0s (5.0 articles/s)"


def test_help_has_an_example_and_no_sources_is_a_usage_error():
    runner = CliRunner()
    assert "Example:" in runner.invoke(main, ["ingest", "--help"]).output
    result = runner.invoke(main, ["ingest"])
    assert result.exit_code == 2
    assert "give at least one file" in result.output

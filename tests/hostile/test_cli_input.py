"""Hostile input on the command line and in ingest: every bad input is a clear
one-line message on stderr, never a traceback, and costs only itself."""
from __future__ import annotations

import io
import json
import random
import signal
import time
import zipfile

import pytest
from click.testing import CliRunner

from onrecord import batch
from onrecord.cli import main
from onrecord.commands import ingest as ingest_command
from onrecord.errors import InputError
from onrecord.ingest import decode, read_inputs
from onrecord.items import ArticleInput, Failure
from onrecord.schema import EVENT_TYPES, FACTUALITY_VALUES, Article
from onrecord.store import open_store

GOOD_1 = {"id": "first", "text": "“The bridge will reopen in May,” said Mayor Tove Lind on Monday."}
GOOD_2 = {"id": "second", "text": "“We have no money left for it,” the treasurer Arne Dahl said."}


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def _no_traceback(result) -> None:
    assert "Traceback" not in result.output and not isinstance(result.exception, (RecursionError, OverflowError))


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "hostile.db")
    open_store(path).close()
    return path


# --- a. one deeply nested JSON line -----------------------------------------------------------

def _nested_jsonl(tmp_path):
    path = tmp_path / "nested.jsonl"
    path.write_text(json.dumps(GOOD_1) + "\n" + "[" * 100_000 + "\n" + json.dumps(GOOD_2) + "\n", encoding="utf-8")
    return path


def test_a_too_deeply_nested_line_fails_alone_and_the_lines_after_it_are_read(tmp_path):
    items = list(read_inputs([str(_nested_jsonl(tmp_path))]))
    assert [type(i).__name__ for i in items] == ["ArticleInput", "Failure", "ArticleInput"]
    assert items[1].origin.endswith("nested.jsonl:2") and "nested too deeply" in items[1].error
    assert items[2].article.id == "second"


def test_a_too_deeply_nested_stdin_or_json_document_is_one_failure():
    [failure] = list(read_inputs(["-"], stdin=io.BytesIO(b"[" * 100_000)))
    assert isinstance(failure, Failure) and "nested too deeply" in failure.error
    lines = b"[" * 100_000 + b"\n" + json.dumps(GOOD_2).encode() + b"\n"  # sniffed as JSON, read as JSON Lines
    assert [type(i).__name__ for i in read_inputs(["-"], stdin=io.BytesIO(lines))] == ["Failure", "ArticleInput"]


@pytest.mark.slow
def test_extract_reports_the_nested_line_and_keeps_the_good_ones(tmp_path):
    result = run("extract", str(_nested_jsonl(tmp_path)), "--format", "jsonl")
    _no_traceback(result)
    assert result.exit_code == 0
    assert [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()] == ["first", "second"]
    assert "nested.jsonl:2: JSON nested too deeply to read" in result.stderr


@pytest.mark.slow
def test_ingest_stores_the_good_lines_around_a_nested_one(tmp_path, db):
    result = run("ingest", str(_nested_jsonl(tmp_path)), "--db", db, "--rules-only")
    _no_traceback(result)
    assert result.exit_code == 0 and "nested too deeply" in result.stderr
    with open_store(db) as store:
        assert sorted(a.id for _, _, a in store.stored_articles()) == ["first", "second"]


# --- f. JSON fields of the wrong type ----------------------------------------------------------

def test_a_list_or_object_or_boolean_field_rejects_its_line_and_names_the_field():
    lines = [
        {**GOOD_1, "title": ["a"]},
        {**GOOD_1, "url": {"href": "x"}},
        {**GOOD_1, "date": True},
        {**GOOD_1, "id": 17, "url": 5},  # numbers are kept, as their digits
    ]
    data = "\n".join(json.dumps(line) for line in lines).encode()
    items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert [type(i) for i in items] == [Failure, Failure, Failure, ArticleInput]
    assert "field 'title' must be a string or a number, not a list" in items[0].error
    assert "field 'url'" in items[1].error and "an object" in items[1].error
    assert "field 'date'" in items[2].error and "true/false" in items[2].error
    assert (items[3].article.id, items[3].article.url) == ("17", "5")
    assert "[" not in repr(items[3].article)


# --- d. binary input ---------------------------------------------------------------------------

def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>“Hello,” said Ola Nord.</w:document>" * 50)
    return buffer.getvalue()


@pytest.mark.parametrize("data, kind", [
    (random.Random(14).randbytes(100_000), "binary data"),
    (_docx(), "ZIP archive"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n", "a PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "OLE2"),
])
def test_binary_input_is_refused_by_name(data, kind):
    with pytest.raises(InputError, match=kind):
        decode(data, "upload")


@pytest.mark.parametrize("text", [
    "MZ-7 drones were shown, the ministry said.\n",  # a signature that is also a word
    "Der Minister sagte: „Wir handeln.“ Tab\there, form feed\x0c and ESC \x1b[1m bold.\n",
])
def test_text_that_merely_looks_odd_is_still_text(text):
    assert decode(text.encode("cp1252", errors="replace"), "story")[0].startswith(text[:5])


@pytest.mark.slow
def test_extract_of_a_single_binary_file_says_so_and_fails(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(_docx())
    result = run("extract", str(path))
    _no_traceback(result)
    assert result.exit_code == 1 and "looks like a ZIP archive" in result.stderr and result.stdout == ""
    noise = tmp_path / "noise.txt"
    noise.write_bytes(random.Random(7).randbytes(100_000))
    result = run("extract", str(noise))
    assert result.exit_code == 1 and "looks like binary data" in result.stderr


# --- b. runs of punctuation and the per-article time budget ------------------------------------

@pytest.mark.parametrize("run_of", [")", "”", '"', ").", "'s", "!?"])
def test_long_runs_are_cut_and_offsets_are_kept(run_of):
    text = "Before it. " + run_of * 9_000 + " After it, “fine,” she said."
    cut = batch.defuse_runs(text)
    assert len(cut) == len(text) and cut.endswith(" After it, “fine,” she said.")
    longest = max(len(word) for word in cut.split())
    assert longest <= batch.MAX_WORD_CHARS


def test_ordinary_punctuation_and_urls_are_untouched():
    text = "Wait... what?! — “No,” he said (really). See https://news.example/a/b?c=d&e=f#g ----- end"
    assert batch.defuse_runs(text) == text


@pytest.mark.slow
def test_an_article_of_18000_closing_brackets_costs_no_more_than_prose_of_its_length(nlp):
    # A ratio against extracting ordinary prose of the same length in the same run:
    # before the runs were cut, 18,000 marks took 30 s and more (quadratic), prose 1-2 s.
    prose = "“We stay,” said Ola Nord. " + "The council met again on the bridge and talked for an hour. " * 300
    batch.extract(prose[:2000], nlp=nlp)
    started = time.perf_counter()
    batch.extract(prose[:18_000], nlp=nlp)
    ordinary = time.perf_counter() - started
    for mark in (")", "”"):
        started = time.perf_counter()
        record = batch.extract("“We stay,” said Ola Nord. It ended" + mark * 18_000 + " there.", nlp=nlp)
        assert record.attributions  # the rest of the article is read as before
        assert time.perf_counter() - started < 2 * ordinary, mark


def test_the_time_budget_raises_inside_and_puts_back_an_outer_timer():
    seen = []
    previous = signal.signal(signal.SIGALRM, lambda *_: seen.append("outer"))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5)
        with pytest.raises(batch.ArticleTimeout, match="longer than 0.05 s"):
            with batch.time_budget(0.05):
                time.sleep(2)
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 3 < remaining <= 5 and signal.getsignal(signal.SIGALRM) is not None
        with batch.time_budget(0):  # 0: no limit
            time.sleep(0.01)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_the_time_budget_setting_is_checked(monkeypatch):
    monkeypatch.delenv(batch.ENV_ARTICLE_SECONDS, raising=False)
    assert batch.article_seconds() == batch.ARTICLE_SECONDS == 60
    monkeypatch.setenv(batch.ENV_ARTICLE_SECONDS, "2.5")
    assert batch.article_seconds() == 2.5
    monkeypatch.setenv(batch.ENV_ARTICLE_SECONDS, "soon")
    with pytest.raises(InputError, match="ONRECORD_ARTICLE_SECONDS='soon'"):
        batch.article_seconds()


@pytest.mark.slow
def test_an_article_over_its_time_budget_fails_and_the_others_are_extracted(nlp, monkeypatch):
    real = batch.doc_to_record

    def slow_on_marker(doc, *args, **kwargs):
        if "Glacier" in doc.text:
            time.sleep(30)  # cut short by the budget, or this test takes 30 s
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(batch, "doc_to_record", slow_on_marker)
    items = [ArticleInput(text, Article(), origin) for origin, text in
             [("a", GOOD_1["text"]), ("b", "“Glacier Street stays shut,” said Ida Berg."), ("c", GOOD_2["text"])]]
    started = time.perf_counter()
    results = list(batch.extract_batch(items, nlp, seconds=0.5))
    assert time.perf_counter() - started < 20  # the 30 s sleep was cut at 0.5 s
    assert [type(r).__name__ for r in results] == ["Record", "Failure", "Record"]
    assert results[1].origin == "b" and "longer than 0.5 s" in results[1].error


# --- c. export -o a missing folder or a folder ---------------------------------------------------

@pytest.mark.parametrize("output, message", [
    ("{tmp}/missing/dir/x.csv", "does not exist"),
    ("{tmp}", "is a folder"),
])
def test_export_to_an_unwritable_place_is_a_message(tmp_path, db, output, message):
    result = run("export", "--what", "attributions", "--format", "csv", "-o", output.format(tmp=tmp_path), "--db", db)
    _no_traceback(result)
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "missing").exists()


# --- e. invalid filter values ----------------------------------------------------------------------

COMMAND_LINES = [
    ("search",),
    ("export", "--what", "events", "--format", "jsonl", "-o", "-"),
    ("watch", "add", "w"),
]


@pytest.mark.parametrize("command", COMMAND_LINES)
@pytest.mark.parametrize("option, value, listed", [
    ("--from", "2023-13-45", "not a real date"),
    ("--to", "2024-02-30", "not a real date"),
    ("--from", "last week", "use YYYY-MM-DD, YYYY-MM or YYYY"),
    ("--event", "NOTATYPE", ", ".join(repr(t) for t in EVENT_TYPES)),
    ("--factuality", "bogus", ", ".join(repr(f) for f in FACTUALITY_VALUES)),
])
def test_an_invalid_filter_value_is_refused_with_what_is_allowed(db, command, option, value, listed):
    result = run(*command, option, value, "--db", db)
    _no_traceback(result)
    assert result.exit_code == 2, result.output
    assert listed in result.stderr and option in result.stderr


@pytest.mark.parametrize("command", COMMAND_LINES)
def test_valid_filter_values_in_any_case_are_accepted(db, command):
    result = run(*command, "--from", "2024", "--to", "2024-02-29", "--event", "aid", "--factuality", "Negated",
                 "--db", db)
    assert result.exit_code == 0, result.output


# --- g. integers beyond 64 bits --------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("search", "x", "--offset", "99999999999999999999"),
    ("search", "x", "--offset", "-1"),
    ("search", "x", "--limit", "99999999999999999999"),
    ("watch", "remove", "99999999999999999999"),
    ("watch", "check", "18446744073709551616"),
    ("ingest", "x.jsonl", "--workers", "99999999999999999999"),
])
def test_out_of_range_integers_are_usage_errors(db, args):
    result = run(*args, "--db", db)
    _no_traceback(result)
    assert result.exit_code == 2 and "is not in the range" in result.stderr


def test_the_largest_offset_is_accepted(db):
    result = run("search", "x", "--offset", str(2**63 - 1), "--db", db)
    assert result.exit_code == 0 and "0 of 0 shown" in result.stderr


# --- h. progress when stderr is not a terminal -------------------------------------------------------

class _Summary:
    def __init__(self, seen: int, failed: int = 0):
        self.seen, self.failed = seen, failed


def test_progress_lines_come_every_few_seconds_when_not_on_a_terminal(capsys):
    now = [100.0]
    log = ingest_command._ProgressLog(every=10, clock=lambda: now[0])
    for seen in range(1, 40):
        now[0] += 1  # an article a second
        log(_Summary(seen, failed=seen // 10))
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["ingest: 10 articles in 10s (1.0/s), 1 error(s) so far",
                     "ingest: 20 articles in 20s (1.0/s), 2 error(s) so far",
                     "ingest: 30 articles in 30s (1.0/s), 3 error(s) so far"]


@pytest.mark.slow
def test_ingest_with_stderr_piped_prints_progress(tmp_path, db, monkeypatch):
    monkeypatch.setattr(ingest_command, "PROGRESS_SECONDS", 0.0)
    path = tmp_path / "two.jsonl"
    path.write_text(json.dumps(GOOD_1) + "\n" + json.dumps(GOOD_2) + "\n", encoding="utf-8")
    result = run("ingest", str(path), "--db", db, "--rules-only")
    assert result.exit_code == 0
    assert "ingest: 2 articles in" in result.stderr


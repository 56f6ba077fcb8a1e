"""WARC and WARC.GZ: HTML responses become articles, the rest is skipped or
ignored, and a truncated file gives what was read and then one Failure."""
import io as stdio

import pytest
from warcio.archiveiterator import ArchiveIterator

from ingest_pages import DE_PARAGRAPHS, EN_PARAGRAPHS, EN_TEXT, make_warc, page
from onrecord.ingest import ArticleInput, Failure, count_sources, iter_sources

EN_URL = "https://news.example/2023/03/04/resign"
DE_URL = "https://nachrichten.example/ruecktritt"
PNG_URL = "https://news.example/logo.png"
UNDATED_URL = "https://news.example/undated"


def pages():
    return [
        (EN_URL, page("Finance minister resigns", EN_PARAGRAPHS).encode(), "text/html; charset=utf-8"),
        (DE_URL, page("Finanzministerin tritt zur\u00fcck", DE_PARAGRAPHS, lang="de").encode(), "text/html; charset=utf-8"),
        (PNG_URL, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
        (UNDATED_URL, page("Minister speaks", EN_PARAGRAPHS, date=None).encode(), "text/html"),
    ]


@pytest.fixture
def warc_gz(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(make_warc(pages()))
    return path


def test_warc_gz_records(warc_gz):
    got = list(iter_sources([str(warc_gz)]))
    assert [type(i).__name__ for i in got] == ["ArticleInput", "Skipped", "Skipped", "ArticleInput"]
    en, de, png, undated = got
    # warcinfo is record 1; each page is a request then a response
    assert en.origin == f"{warc_gz}#record-3 {EN_URL}"
    assert en.text == EN_TEXT and en.article.title == "Finance minister resigns"
    assert en.article.url == EN_URL and en.article.date == "2023-03-04" and en.warnings == []
    assert en.article.id.startswith("<urn:uuid:")
    assert (de.origin, de.reason, de.language) == (f"{warc_gz}#record-5 {DE_URL}", "language de", "de")
    assert (png.origin, png.reason) == (f"{warc_gz}#record-7 {PNG_URL}", "not HTML (image/png)")
    assert undated.article.date == "2023-03-06"  # no date in the page: the crawl date, with a warning
    assert "crawl date (WARC-Date 2023-03-06T08:00:00Z)" in undated.warnings[0]


def test_uncompressed_warc_and_language_filter_off(tmp_path):
    path = tmp_path / "crawl.warc"
    path.write_bytes(make_warc(pages(), gzip=False))
    got = list(iter_sources([str(path)], languages=None))
    assert [type(i).__name__ for i in got] == ["ArticleInput", "ArticleInput", "Skipped", "ArticleInput"]
    assert got[1].language == "de" and got[1].article.url == DE_URL


def test_truncated_warc_gz_gives_what_was_read_then_one_failure(warc_gz, tmp_path):
    data = warc_gz.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 200])  # inside the last response
    got = list(iter_sources([str(cut)]))
    assert [type(i).__name__ for i in got] == ["ArticleInput", "Skipped", "Skipped", "Failure"]
    assert got[0].text == EN_TEXT
    assert got[-1].origin == str(cut) and "truncated" in got[-1].error and "8 complete record(s) read" in got[-1].error


@pytest.mark.parametrize("gzip", [True, False])
def test_every_cut_is_noticed_and_never_yields_a_partial_article(tmp_path, gzip):
    data = make_warc(pages(), gzip=gzip)
    path = tmp_path / ("x.warc.gz" if gzip else "x.warc")
    records = ArchiveIterator(stdio.BytesIO(data))
    ends = {records.get_record_offset() + records.get_record_length() for _ in records}
    boundaries = {end + extra for end in ends for extra in range(5)}  # a cut between records leaves valid WARC
    for end in range(1, len(data) - 4, 31):
        path.write_bytes(data[:end])
        got = list(iter_sources([str(path)], languages=None))
        failures = [i for i in got if isinstance(i, Failure)]
        if end in boundaries and not failures:
            continue
        assert len(failures) == 1 and got[-1] is failures[0], (end, got)
        for item in got:
            if isinstance(item, ArticleInput):
                assert item.text in (EN_TEXT, "\n".join(DE_PARAGRAPHS)), end


def test_a_file_that_is_not_a_warc(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not a warc file at all\n" * 10)
    (failure,) = list(iter_sources([str(path)]))
    assert isinstance(failure, Failure) and failure.error == "not a WARC file (it does not start with WARC/)"


def test_warcs_are_not_counted(warc_gz):
    assert count_sources([str(warc_gz)]) is None

"""Plain text, HTML files, odd bytes, empty files, stdin, and the small helpers."""
import io as stdio

import pytest

from ingest_pages import EN_PARAGRAPHS, EN_TEXT, page
from onrecord.ingest import ArticleInput, iter_sources, normalise_date, sniff


def items(*sources, **kw):
    return list(iter_sources([str(s) for s in sources], **kw))


def test_html_file_gives_main_text_title_date_author_and_canonical_url(tmp_path):
    path = tmp_path / "resign.html"
    path.write_text(page("Finance minister resigns", EN_PARAGRAPHS, canonical="https://news.example/2023/resign"))
    (item,) = items(path)
    assert isinstance(item, ArticleInput)
    assert item.text == EN_TEXT  # no nav, ad, related links, footer, nor the repeated headline
    assert item.article.title == "Finance minister resigns"
    assert item.article.date == "2023-03-04"  # as written, not converted to UTC
    assert item.article.url == "https://news.example/2023/resign"
    assert item.article.id == "resign"
    assert item.origin == str(path) and item.language == "en" and item.meta["author"] == "Jane Roe"
    assert item.warnings == []


def test_html_is_sniffed_without_a_suffix_and_cp1252_html_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "page"
    html = page("Caf\u00e9 owner speaks", ["Caf\u00e9 owner Ren\u00e9e Dupont said on Monday that prices would rise again this year, blaming energy costs."] * 3,
                date="2022-11-07", charset="windows-1252")
    path.write_bytes(html.encode("cp1252"))
    (item,) = items(path)
    assert item.article.title == "Caf\u00e9 owner speaks" and item.article.date == "2022-11-07"
    assert item.text.startswith("Caf\u00e9 owner Ren\u00e9e Dupont said")
    assert item.warnings == []  # the page declared windows-1252
    path.write_bytes(html.replace('<meta charset="windows-1252">', "").encode("cp1252"))
    (item,) = items(path)
    assert item.text.startswith("Caf\u00e9 owner Ren\u00e9e") and "decoded as cp1252" in item.warnings[0]


def test_broken_and_empty_html_and_empty_files_are_failures(tmp_path):
    (tmp_path / "a.html").write_text("<html><body><div><p></div></body")
    (tmp_path / "b.html").write_bytes(b"")
    (tmp_path / "c.txt").write_text("  \n ")
    (tmp_path / "d.txt").write_text("\u201cFine,\u201d said Jo Park.")
    got = items(tmp_path, languages=None)
    assert [(type(i).__name__, i.origin.rsplit("/", 1)[-1]) for i in got] == [
        ("Failure", "a.html"), ("Failure", "b.html"), ("Failure", "c.txt"), ("ArticleInput", "d.txt")]
    assert got[0].error == "no article text found in the HTML"
    assert got[1].error == "empty file"
    assert got[2].error == "empty article: no text to extract from"


def test_non_utf8_text_file_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Se\u00f1or \u201cdos\u201d said the mayor.".encode("cp1252"))
    (item,) = items(path, languages=None)
    assert item.text == "Se\u00f1or \u201cdos\u201d said the mayor."
    assert "not valid UTF-8 (first bad byte at 2); decoded as cp1252" in item.warnings[0]


def test_unreadable_and_missing_files_do_not_stop_the_run(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("\u201cOne,\u201d she said.")
    binary = tmp_path / "img.txt"
    binary.write_bytes(b"\x00\x01" * 50)
    got = items(tmp_path / "nope.txt", binary, good, languages=None)
    assert [type(i).__name__ for i in got] == ["Failure", "Failure", "ArticleInput"]
    assert got[0].error == "no such file or folder" and "binary" in got[1].error


def test_stdin_is_sniffed():
    html = page("Finance minister resigns", EN_PARAGRAPHS).encode()
    (item,) = list(iter_sources(["-"], stdin=stdio.BytesIO(html)))
    assert item.origin == "stdin" and item.text == EN_TEXT and item.article.id == "stdin"
    (item,) = list(iter_sources(["-"], stdin=stdio.BytesIO(b"\xe2\x80\x9cHi,\xe2\x80\x9d he said."), languages=None))
    assert item.text == "\u201cHi,\u201d he said."


@pytest.mark.parametrize("value, expected", [
    ("2023-03-04", "2023-03-04"),
    ("2020-05-06 10:00:00", "2020-05-06"),
    ("2023-03-04T23:30:00-05:00", "2023-03-04"),
    ("Sat, 04 Mar 2023 10:00:00 +0000", "2023-03-04"),
    ("20230304", "2023-03-04"),
    ("2023/3/4", "2023-03-04"),
    ("2023-02-30", None),
    ("2023-03", None),
    ("last Friday", None),
    (None, None),
])
def test_dates_are_normalised_to_a_day(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize("head, kind", [
    (b"\x1f\x8b\x08\x00", "gzip"),
    (b"WARC/1.0\r\n", "warc"),
    (b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
    (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
    (b"<?xml version='1.0'?><urlset>", "xml"),
    (b"  <!DOCTYPE html><html>", "html"),
    (b'{"text": "x"}', "jsonl"),
    (b"It was a dark night.", None),
])
def test_sniffing(head, kind):
    assert sniff(head) == kind

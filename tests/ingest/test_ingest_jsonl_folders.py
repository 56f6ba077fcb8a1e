"""JSON Lines in our schema and news-please's, folders of everything, the
language rule, counting, and read_inputs for `onrecord extract`."""
import gzip
import json

from ingest_pages import DE_PARAGRAPHS, EN_PARAGRAPHS, EN_TEXT, FR_PARAGRAPHS, make_warc, page
from onrecord.ingest import Failure, Skipped, count_sources, iter_sources, read_inputs

OURS = {"text": EN_TEXT, "article": {"id": "r1", "url": "https://a.example/1", "title": "Resigns", "date": "2023-03-04"},
        "entities": [], "schema_version": "2"}
FLAT = {"id": "f2", "url": "https://a.example/2", "title": "Flat", "date": "2023-03-05T08:00:00Z", "text": EN_TEXT}
NEWS_PLEASE = {"maintext": EN_TEXT, "title": "NP", "url": "https://a.example/3", "date_publish": "2023-03-06 10:00:00",
               "language": "en", "authors": ["Jane Roe", "John Doe"], "source_domain": "a.example"}
NEWS_PLEASE_DE = {**NEWS_PLEASE, "maintext": "Die Ministerin trat zur\u00fcck.", "language": "de", "url": "https://b.example/4"}


def jsonl(*rows) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n"


def test_jsonl_our_schema_flat_news_please_and_a_broken_line(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(jsonl(OURS, FLAT, "", '{"text": "cut', NEWS_PLEASE, NEWS_PLEASE_DE, {"text": "  "}))
    got = list(iter_sources([str(path)]))
    assert [(type(i).__name__, i.origin) for i in got] == [
        ("ArticleInput", f"{path}:1"), ("ArticleInput", f"{path}:2"), ("Failure", f"{path}:4"),
        ("ArticleInput", f"{path}:5"), ("Skipped", f"{path}:6"), ("Failure", f"{path}:7")]
    ours, flat, broken, news, german, empty = got
    assert ours.text == EN_TEXT and ours.article.id == "r1" and ours.article.title == "Resigns" and ours.article.date == "2023-03-04"
    assert flat.article.id == "f2" and flat.article.url == "https://a.example/2" and flat.article.date == "2023-03-05"
    assert broken.error.startswith("invalid JSON: Unterminated string")
    assert news.article.date == "2023-03-06" and news.article.title == "NP" and news.meta["author"] == "Jane Roe; John Doe"
    assert (german.reason, german.language) == ("language de", "de")  # short text: the declared language decides
    assert empty.error == "empty article: no text to extract from"


def test_json_file_and_gzipped_jsonl(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps(NEWS_PLEASE))
    with gzip.open(tmp_path / "many.jsonl.gz", "wt") as out:
        out.write(jsonl(OURS, FLAT))
    got = list(iter_sources([str(tmp_path / "one.json"), str(tmp_path / "many.jsonl.gz")]))
    assert [(i.origin.rsplit("/", 1)[-1], i.article.id) for i in got] == [
        ("one.json", None), ("many.jsonl.gz:1", "r1"), ("many.jsonl.gz:2", "f2")]
    truncated = tmp_path / "cut.jsonl.gz"
    data = (tmp_path / "many.jsonl.gz").read_bytes()
    truncated.write_bytes(data[: len(data) - 12])
    got = list(iter_sources([str(truncated)]))
    assert isinstance(got[-1], Failure) and "truncated or corrupt gzip" in got[-1].error


def test_language_rule(tmp_path):
    (tmp_path / "de.txt").write_text("\n".join(DE_PARAGRAPHS))
    (tmp_path / "fr.html").write_text(page("La ministre d\u00e9missionne", FR_PARAGRAPHS, lang="en"))  # lang lies
    (tmp_path / "en.html").write_text(page("Finance minister resigns", EN_PARAGRAPHS, lang="de"))  # lang lies
    (tmp_path / "short_de.html").write_text(page("Kurz", ["Die Ministerin trat am Freitag zur\u00fcck."], lang="de"))
    (tmp_path / "short.txt").write_text("Kurz: Die Ministerin trat zur\u00fcck.")  # short, nothing declared: English
    got = list(iter_sources([str(tmp_path)]))
    summary = [(i.origin.rsplit("/", 1)[-1], type(i).__name__, i.language) for i in got]
    assert summary == [("de.txt", "Skipped", "de"), ("en.html", "ArticleInput", "en"), ("fr.html", "Skipped", "fr"),
                       ("short.txt", "ArticleInput", "en"), ("short_de.html", "Skipped", "de")]
    assert got[0].reason == "language de" and got[2].reason == "language fr"
    assert [type(i).__name__ for i in iter_sources([str(tmp_path)], languages=("en", "de", "fr"))] == ["ArticleInput"] * 5


def test_a_folder_of_everything_read_recursively(tmp_path):
    nested = tmp_path / "b" / "c"
    nested.mkdir(parents=True)
    (tmp_path / "a.txt").write_text("\u201cOne,\u201d said Jo Park, who spoke to reporters in the capital on Monday.")
    (tmp_path / "b" / "page.htm").write_text(page("Finance minister resigns", EN_PARAGRAPHS))
    (tmp_path / "b" / "crawl.warc.gz").write_bytes(make_warc([
        ("https://x.example/1", page("Finance minister resigns", EN_PARAGRAPHS).encode(), "text/html"),
        ("https://x.example/2", page("R\u00fccktritt", DE_PARAGRAPHS, lang="de").encode(), "text/html"),
    ]))
    (nested / "dump.jsonl").write_text(jsonl(FLAT, "{broken"))
    (nested / "latin.txt").write_bytes("Se\u00f1or \u201cdos\u201d said the mayor.".encode("cp1252"))
    (nested / "empty.txt").write_bytes(b"")
    (nested / "noext").write_text(json.dumps(NEWS_PLEASE))  # sniffed as JSONL
    (nested / "notes.csv").write_text("a,b\n1,2\n")  # unknown and not sniffed: ignored
    (nested / "logo.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")  # ignored
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "secret.txt").write_text("not read")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    got = list(iter_sources([str(tmp_path)]))
    names = [(i.origin.replace(str(tmp_path) + "/", ""), type(i).__name__) for i in got]
    assert names == [
        ("a.txt", "ArticleInput"),
        ("b/c/dump.jsonl:1", "ArticleInput"),
        ("b/c/dump.jsonl:2", "Failure"),
        ("b/c/empty.txt", "Failure"),
        ("b/c/latin.txt", "ArticleInput"),
        ("b/c/noext:1", "ArticleInput"),
        ("b/crawl.warc.gz#record-3 https://x.example/1", "ArticleInput"),
        ("b/crawl.warc.gz#record-5 https://x.example/2", "Skipped"),
        ("b/page.htm", "ArticleInput"),
    ]
    assert got[-1].text == EN_TEXT and got[-1].article.date == "2023-03-04"
    assert count_sources([str(tmp_path)]) is None  # the WARC cannot be counted cheaply
    (tmp_path / "b" / "crawl.warc.gz").unlink()
    assert count_sources([str(tmp_path)]) == 7  # a.txt, 2 JSONL lines, empty.txt, latin.txt, noext, page.htm
    assert count_sources([str(tmp_path / "a.txt"), "https://x.example/feed"]) is None


def test_read_inputs_for_extract_reads_the_new_kinds_without_skipping_languages(tmp_path):
    (tmp_path / "de.txt").write_text("\n".join(DE_PARAGRAPHS))
    (tmp_path / "page.html").write_text(page("Finance minister resigns", EN_PARAGRAPHS))
    (tmp_path / "crawl.warc.gz").write_bytes(make_warc([("https://x.example/p.png", b"\x89PNG", "image/png")]))
    got = list(read_inputs([str(tmp_path), "https://x.example/"]))
    assert [type(i).__name__ for i in got] == ["ArticleInput", "ArticleInput", "Failure"]  # the PNG record is dropped
    assert got[0].article.id == "de" and got[1].text == EN_TEXT
    assert got[2].error == "not fetched: fetching is off"
    assert not any(isinstance(i, Skipped) for i in got)

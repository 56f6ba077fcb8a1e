"""Reading inputs: every failure is a named Failure, never an exception."""
import io as stdio
import json

import pytest

from onrecord.errors import InputError
from onrecord.ingest import ArticleInput, Failure, decode, read_inputs


def test_utf8_with_bom_and_plain():
    assert decode("“Yes”".encode("utf-8-sig")) == ("“Yes”", [])


def test_non_utf8_bytes_are_decoded_with_a_warning():
    text, warnings = decode("Café “olé”".encode("cp1252"), "a.txt")
    assert text == "Café “olé”"
    assert warnings and "not valid UTF-8" in warnings[0] and "cp1252" in warnings[0]


def test_binary_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01\x02\x00" * 100, "img.png")


def test_folder_is_read_recursively_and_bad_files_become_failures(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("“One,” she said.")
    (tmp_path / "sub" / "b.txt").write_bytes("Señor “dos”".encode("cp1252"))
    (tmp_path / "sub" / "c.bin").write_bytes(b"\x00" * 10)  # not a text suffix: ignored
    (tmp_path / "d.txt").write_bytes(b"\x00\x00\x00ab")
    items = list(read_inputs([str(tmp_path)]))
    ok = [i for i in items if isinstance(i, ArticleInput)]
    bad = [i for i in items if isinstance(i, Failure)]
    assert sorted(i.article.id for i in ok) == ["a", "b"]
    assert [f.origin.endswith("d.txt") for f in bad] == [True]
    assert any("not valid UTF-8" in w for i in ok for w in i.warnings)


def test_jsonl_lines_each_an_article_and_bad_lines_reported(tmp_path):
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"id": "1", "title": "T", "date": "2023-01-02", "text": "A said B."}),
        "{not json",
        json.dumps({"id": "3"}),
        json.dumps({"maintext": "news-please text", "date_publish": "2020-05-06 10:00:00", "url": "http://x"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = list(read_inputs([str(path)]))
    assert isinstance(items[0], ArticleInput) and items[0].article.date == "2023-01-02"
    assert isinstance(items[1], Failure) and "invalid JSON" in items[1].error and items[1].origin.endswith(":2")
    assert isinstance(items[2], Failure) and "no 'text' field" in items[2].error
    assert isinstance(items[3], ArticleInput) and items[3].article.date == "2020-05-06"


def test_missing_path_and_stdin(tmp_path):
    items = list(read_inputs(["/no/such/file.txt", "-"], stdin=stdio.BytesIO("“Hi,” he said.".encode())))
    assert isinstance(items[0], Failure) and "no such file" in items[0].error
    assert isinstance(items[1], ArticleInput) and items[1].origin == "stdin"


def test_empty_folder_is_reported(tmp_path):
    (items,) = list(read_inputs([str(tmp_path)]))
    assert isinstance(items, Failure) and "has no" in items.error

"""stream_text: the CSV / JSON Lines export as chunks produced while rows are read
(what a web download sends), byte for byte what `onrecord export` writes."""
from __future__ import annotations

import io
import json

import pytest

from onrecord.errors import InputError, SearchSyntaxError
from onrecord.store import Filters
from onrecord.store import export as exporting

from .helpers import solberg_record


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_stream_matches_the_export_and_comes_a_batch_at_a_time(store, fmt, monkeypatch):
    store.add_record(solberg_record(), origin="t")
    store.add_record(solberg_record(url="https://news.example.com/2", key="two", text="Again. " + solberg_record().text),
                     origin="t2")
    written = io.BytesIO()
    assert store.export("events", fmt, written) == 4
    assert b"".join(exporting.stream_text(store.engine, "events", fmt, Filters.make(None))) == written.getvalue()
    monkeypatch.setattr(exporting, "BATCH_SIZE", 1)
    chunks = exporting.stream_text(store.engine, "events", fmt, Filters.make(None))
    first = next(chunks).decode()
    rows = first.splitlines()[1:] if fmt == "csv" else first.splitlines()
    assert len(rows) == 1  # one batch read, not the whole table
    if fmt == "jsonl":
        assert json.loads(rows[0])["type"] in ("AID", "ACCUSE")
    chunks.close()  # closing early returns the connection


def test_stream_refuses_before_sending_anything(store):
    with pytest.raises(InputError, match="parquet"):
        exporting.stream_text(store.engine, "events", "parquet", Filters.make(None))
    if store.backend == "sqlite":
        with pytest.raises(SearchSyntaxError):
            exporting.stream_text(store.engine, "attributions", "csv", Filters.make('"unbalanced'))

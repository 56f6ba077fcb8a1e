"""Export on both backends: every format reads back, and rows go out in batches."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from onrecord.errors import InputError
from onrecord.store import export as exporting

from .helpers import solberg_record
from .test_store import other_record


@pytest.fixture
def corpus(store):
    for record in (solberg_record(), other_record()):
        store.add_record(record, origin="t")
    return store


def test_csv_jsonl_parquet_read_back(corpus, tmp_path):
    assert corpus.export("attributions", "csv", tmp_path / "a.csv") == 5
    rows = list(csv.DictReader(open(tmp_path / "a.csv", encoding="utf-8")))
    assert [r["quote"] for r in rows][1] == "We will not abandon our partners,"
    assert rows[1]["speaker"] == "Maren Solberg" and rows[1]["source"] == "news.example.com"

    out = io.StringIO()
    assert corpus.export("events", "jsonl", out) == 2
    events = [json.loads(line) for line in out.getvalue().splitlines()]
    accuse = next(e for e in events if e["type"] == "ACCUSE")
    assert (accuse["source_codes"], accuse["target_codes"]) == ("CHN", "USA")
    assert accuse["sentence"] == "China accused the United States of provoking tensions."
    assert accuse["reported_by"] == "China"

    assert corpus.export("entities", "parquet", tmp_path / "e.parquet") == 4
    table = pq.read_table(tmp_path / "e.parquet").to_pylist()
    solberg = next(r for r in table if r["name"] == "Maren Solberg")
    assert solberg["articles"] == 2 and "Solberg" in solberg["aliases"]

    binary = io.BytesIO()
    assert corpus.export("articles", "csv", binary) == 2
    assert binary.getvalue().decode().startswith("article_id,")


def test_export_filters(corpus, tmp_path):
    out = io.StringIO()
    assert corpus.export("events", "jsonl", out, actor="CHN") == 1
    assert corpus.export("events", "jsonl", io.StringIO(), factuality="future") == 1
    assert corpus.export("attributions", "jsonl", io.StringIO(), query="deterrence") == 1
    assert corpus.export("articles", "jsonl", io.StringIO(), query="deterrence") == 1
    assert corpus.export("entities", "jsonl", io.StringIO(), outlet="other.org") == 1
    assert corpus.export("attributions", "parquet", tmp_path / "none.parquet", speaker="Nobody") == 0
    assert pq.read_table(tmp_path / "none.parquet").num_rows == 0


def test_export_streams_in_batches(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(exporting, "BATCH_SIZE", 2)
    seen = []
    real = exporting._plain
    monkeypatch.setattr(exporting, "_plain", lambda row: seen.append(1) or real(row))
    batches = []
    real_enrich = exporting._event_actors
    monkeypatch.setitem(exporting.BUILDERS, "attributions",
                        lambda conn, f: (exporting._attributions(conn, f)[0],
                                         lambda c, rows: batches.append(len(rows)) or rows))
    assert corpus.export("attributions", "parquet", tmp_path / "a.parquet") == 5
    assert batches == [2, 2, 1]  # never more than one batch in hand
    assert pq.ParquetFile(tmp_path / "a.parquet").metadata.num_row_groups == 3
    assert real_enrich is exporting._event_actors and len(seen) == 5


def test_export_rejects_unknown_kinds(corpus, tmp_path):
    with pytest.raises(InputError, match="choose one of"):
        corpus.export("quotes", "csv", tmp_path / "x")
    with pytest.raises(InputError, match="choose one of"):
        corpus.export("events", "xlsx", tmp_path / "x")

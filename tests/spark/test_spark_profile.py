"""The Spark job carries --profile to its executors: the records they make say so."""
from __future__ import annotations

import json

import pytest

ARTICLE = "“The ferry will run again on Monday,” said Tomas Ekdahl, the harbour master.\n"


def test_spark_executors_extract_with_the_profile(spark, tmp_path):
    pytest.importorskip("onnxruntime", reason="the accurate profile needs onrecord[accurate]")
    pytest.importorskip("tokenizers", reason="the accurate profile needs onrecord[accurate]")
    from onrecord.spark.driver import run
    from onrecord.spark.to_store import dataset

    corpus = tmp_path / "news.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": ARTICLE, "date": "2026-03-02"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = run(spark, [str(corpus)], str(out), partitions=1, profile="accurate")
    assert summary.articles == 1
    [row] = dataset(out, "articles").to_table(columns=["record_json"]).to_pylist()
    record = json.loads(row["record_json"])
    assert record["pipeline"]["profile"] == "accurate" and record["pipeline"]["spans"] == "encoder"
    assert record["attributions"][0]["content"]["text"].startswith("The ferry")

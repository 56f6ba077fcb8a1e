"""The pieces the Spark job is made of, without Spark: files to items, the
per-partition extraction wrapper, records to rows, manifests, the missing-extra error."""
from __future__ import annotations

import sys

import pytest

from onrecord.ingest import ArticleInput, Failure, Skipped, iter_sources
from onrecord.rows import COLUMNS, TABLES, record_rows
from onrecord.spark import extract as spark_extract
from onrecord.spark.read import expand_inputs, is_manifest, items_from_file, manifest_paths


def _summary(items):
    return [(type(i).__name__, i.origin) for i in items]


def test_a_file_read_in_a_task_gives_what_local_ingest_reads(corpus):
    for path in corpus["files"]:
        local = list(iter_sources([path]))
        remote = list(items_from_file(path, open(path, "rb").read()))
        assert _summary(remote) == _summary(local)
        texts = [[i.text for i in items if isinstance(i, ArticleInput)] for items in (remote, local)]
        assert texts[0] == texts[1]


def test_the_corpus_has_the_bad_things_the_job_must_survive(corpus):
    got = list(iter_sources(corpus["files"]))
    failures = [i for i in got if isinstance(i, Failure)]
    assert any("invalid JSON" in f.error for f in failures)
    assert any(f.origin == str(corpus["corrupt"]) and "corrupt" in f.error for f in failures)
    assert [i.language for i in got if isinstance(i, Skipped)] == ["de"]
    assert sum(isinstance(i, ArticleInput) for i in got) == 12  # 6 + 1 huge + 3 + 2 before the damage


def test_manifests():
    assert is_manifest("@list.txt") and is_manifest("warc.paths.gz") and not is_manifest("news.txt")
    import gzip

    data = gzip.compress(b"crawl-data/a.warc.gz\n\n# note\ncrawl-data/b.warc.gz\n")
    assert manifest_paths(data, "s3a://commoncrawl/") == ["s3a://commoncrawl/crawl-data/a.warc.gz",
                                                          "s3a://commoncrawl/crawl-data/b.warc.gz"]
    assert expand_inputs(["x.jsonl", "@m"], lambda p: b"a\nb\n") == ["x.jsonl", "a", "b"]


def test_a_crash_in_one_article_is_an_errors_row_and_the_rest_go_on(nlp, monkeypatch):
    import onrecord.batch

    real = onrecord.batch.doc_to_record

    def flaky(doc, article, *args, **kwargs):
        if article.id == "bad":
            raise RuntimeError("boom")
        return real(doc, article, *args, **kwargs)

    monkeypatch.setattr(onrecord.batch, "doc_to_record", flaky)
    monkeypatch.setattr(spark_extract, "load", lambda *_: nlp)
    from onrecord.schema import Article

    text = "The minister said on Monday that the talks had failed."
    items = [ArticleInput(text, Article(id="good", date="2023-02-27"), "a:1"),
             ArticleInput(text + " Again.", Article(id="bad", date="2023-02-27"), "a:2"),
             Failure("a:3", "invalid JSON"), Skipped("a:4", "language de", "de")]
    counts = {}
    rows = list(spark_extract.extract_partition(items, count=lambda k, n: counts.update({k: counts.get(k, 0) + n})))
    errors = [dict(zip([c for c, _ in COLUMNS["errors"]], r)) for t, r in rows if t == "errors"]
    assert [(e["origin"], e["kind"]) for e in errors] == [("a:3", "failed"), ("a:4", "skipped"), ("a:2", "failed")]
    assert "RuntimeError: boom" in errors[2]["reason"] and (errors[2]["year"], errors[2]["month"]) == (2023, 2)
    assert sum(t == "articles" for t, _ in rows) == 1
    assert counts == {"articles": 1, "failed": 2, "skipped": 1}

    monkeypatch.setattr(spark_extract, "extract_batch", lambda *a, **k: iter([1 / 0]))
    rows = list(spark_extract.extract_partition(items[:1]))
    assert [t for t, _ in rows] == ["errors"] and "ZeroDivisionError" in rows[0][1][2]


def test_record_rows_are_flat_and_carry_the_pipeline_version(extract):
    record = extract("“We will not retreat,” Maren Solberg told reporters in Brussels.", date="2023-02-21")
    tables = record_rows(record, origin="x.txt", language="en")
    assert set(tables) == set(TABLES)
    assert tables["attributions"][0]["speaker_name"] == "Maren Solberg"
    for table, rows in tables.items():
        for row in rows:
            assert list(row) == [c for c, _ in COLUMNS[table]]
            assert row["pipeline_version"] == record.pipeline["onrecord"]
            assert (row["year"], row["month"]) == (2023, 2)


def test_a_clear_error_when_pyspark_is_missing(monkeypatch):
    from onrecord.errors import MissingDependencyError
    from onrecord.spark import require_pyspark

    monkeypatch.setitem(sys.modules, "pyspark", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'onrecord\[spark\]'.*Java 17"):
        require_pyspark()

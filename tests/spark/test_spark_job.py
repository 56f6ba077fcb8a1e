"""The Spark job end to end on local[2]: WARC and JSONL in, Parquet out, loaded
into the database with the same attributions as local ingest, idempotently."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from system_deps import require_module

from onrecord.rows import COLUMNS, TABLES

require_module("pyspark")

ATTRIBUTIONS = """select a.key, t.content_text, e.name from attributions t join articles a on a.id = t.article_id
                  left join article_entities e on e.article_id = t.article_id and e.local_id = t.speaker_local_id"""


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def test_bad_records_become_errors_rows_and_the_job_goes_on(spark_output):
    out, summary = spark_output
    # 12 articles read (one too long to extract); an invalid JSON line, the corrupt
    # WARC record and the over-long article failed; the German page was skipped.
    assert (summary.files, summary.articles, summary.failed, summary.skipped) == (3, 11, 3, 1)
    from onrecord.spark.to_store import dataset

    errors = dataset(out, "errors").to_table().to_pylist()
    reasons = sorted((e["kind"], e["reason"].split(":")[0].split(" (")[0]) for e in errors)
    assert [k for k, _ in reasons].count("failed") == 3 and [k for k, _ in reasons].count("skipped") == 1
    assert any("corrupt" in e["reason"] and e["origin"].endswith("corrupt.warc.gz") for e in errors)
    assert any("invalid JSON" in e["reason"] for e in errors)
    assert any("characters" in e["reason"] and e["article_key"] == "huge" and e["year"] == 2020 for e in errors)
    assert all(e["year"] is None for e in errors if e["kind"] == "skipped")  # no date: the null partition


def test_parquet_tables_columns_types_and_partitions(spark, spark_output, corpus):
    import pyarrow.parquet as pq

    from onrecord.rows import arrow_schema
    from onrecord.spark.to_store import dataset

    out, _ = spark_output
    for table in TABLES:
        files = sorted((out / table).rglob("*.parquet"))
        assert files, table
        assert all(f.parent.name.startswith("month=") and f.parent.parent.name.startswith("year=") for f in files)
        expected = arrow_schema(table)
        in_file = pq.read_schema(files[0])
        assert in_file.names == [c for c, _ in COLUMNS[table] if c not in ("year", "month")]
        for name in in_file.names:
            assert in_file.field(name).type == expected.field(name).type, (table, name)
        data = dataset(out, table).to_table()
        assert data.num_rows > 0 and data.column("pipeline_version").null_count == 0
        assert set(data.column("pipeline_version").to_pylist()) == {_version()}
        back = spark.read.parquet(str(out / table))
        types = dict(back.dtypes)
        assert (types["year"], types["month"]) == ("int", "int") and types["pipeline_version"] == "string"
    articles = dataset(out, "articles").to_table()
    months = zip(articles.column("year").to_pylist(), articles.column("month").to_pylist())
    # The JSONL articles' own dates decide their partitions (Wikinews or demo articles).
    jsonl = [json.loads(line) for line in corpus["jsonl"].read_text(encoding="utf-8").splitlines()[:6]]
    expected = {(int(a["date"][:4]), int(a["date"][5:7])) for a in jsonl if a.get("date")}
    assert expected and expected <= set(months)


def _version() -> str:
    from onrecord.rows import package_version

    return package_version()


def test_duckdb_reads_the_output(spark_output):
    duckdb = require_module("duckdb")
    out, _ = spark_output
    sql = f"select count(*), count(year) from read_parquet('{out}/attributions/*/*/*.parquet', hive_partitioning=true)"
    [(count, dated)] = duckdb.connect().execute(sql).fetchall()
    assert count > 0 and dated == count


def test_load_gives_the_same_attributions_as_local_ingest_and_twice_adds_nothing(spark_output, corpus, tmp_path, nlp):
    from click.testing import CliRunner

    from onrecord.commands.spark import load_command
    from onrecord.ingest.runner import ingest
    from onrecord.store import open_store

    local = tmp_path / "local.db"
    with open_store(str(local)) as store:
        ingest(corpus["files"], store, fetch=False)
    out, _ = spark_output
    loaded = tmp_path / "loaded.db"
    first = CliRunner().invoke(load_command, [str(out), "--db", str(loaded)])
    assert first.exit_code == 0, first.output
    assert "11 new, 0 duplicate" in first.output
    expected = set(rows(local, ATTRIBUTIONS))
    assert len(expected) > 20 and any(name for _, _, name in expected)
    assert set(rows(loaded, ATTRIBUTIONS)) == expected
    assert rows(loaded, "select count(*) from articles") == rows(local, "select count(*) from articles") == [(11,)]
    assert rows(loaded, "select count(*), count(distinct entity_id) from article_entities") == \
        rows(local, "select count(*), count(distinct entity_id) from article_entities")

    counts = "select (select count(*) from articles), (select count(*) from attributions), " \
             "(select count(*) from events), (select count(*) from entities), (select count(*) from errors)"
    before = rows(loaded, counts)
    second = CliRunner().invoke(load_command, [str(out), "--db", str(loaded)])
    assert second.exit_code == 0, second.output
    assert "0 new, 11 duplicate article(s), 0 error row(s)" in second.output
    assert rows(loaded, counts) == before


def test_the_spark_command(spark, corpus, tmp_path):
    from click.testing import CliRunner

    from onrecord.commands.spark import spark_command

    out = tmp_path / "cli-out"
    args = [str(corpus["jsonl"]), "--output", str(out), "--master", "local[2]", "--partitions", "2"]
    result = CliRunner().invoke(spark_command, args)
    assert result.exit_code == 0, result.output
    assert "6 articles, 2 failed, 0 skipped from 1 file(s)" in result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(TABLES)
    again = CliRunner().invoke(spark_command, args)  # the output is there: refused unless --overwrite
    assert again.exit_code != 0
    assert CliRunner().invoke(spark_command, args + ["--overwrite"]).exit_code == 0
    assert not spark.sparkContext._jsc.sc().isStopped()  # the command leaves a session it did not start running

"""Fixtures for the Spark tests: one local[2] SparkSession per test session, a
small corpus made here (JSONL from Wikinews, a WARC.GZ, a WARC.GZ with a corrupt
record, a manifest listing them) and one Spark run over it shared by the tests.
pyspark is in the test extra: without it these tests are skipped, and fail in CI."""
from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest
from system_deps import require_module

HERE = Path(__file__).resolve().parent
WIKINEWS = HERE.parents[1].parent / "shared" / "data" / "wikinews" / "enwikinews.jsonl"
DEMO = HERE.parents[1] / "src" / "onrecord" / "demo" / "articles.jsonl"


def _ingest_pages():
    spec = importlib.util.spec_from_file_location("spark_ingest_pages", HERE.parent / "ingest" / "ingest_pages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pages = _ingest_pages()


def news_articles(n: int) -> list[dict]:
    """Real news (Wikinews) when ../shared/data has it, else the bundled demo articles."""
    source = WIKINEWS if WIKINEWS.exists() else DEMO
    lines = source.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[:n]]


@pytest.fixture(scope="session")
def spark():
    require_module("pyspark")
    from onrecord.spark.driver import session

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = session("local[2]", app_name="onrecord-tests")
    spark.sparkContext.setLogLevel("ERROR")
    spark.conf.set("spark.sql.shuffle.partitions", "2")
    yield spark
    spark.stop()


def _warc_pages(articles: list[dict]) -> list[tuple[str, bytes, str]]:
    out = []
    for i, a in enumerate(articles):
        html = pages.page(a["title"], [p for p in a["text"].split("\n\n") if p.strip()], date=a["date"] + "T09:00:00Z")
        out.append((f"https://news.example/{i}-{a['id']}", html.encode("utf-8"), "text/html; charset=utf-8"))
    return out


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict:
    """JSONL (6 articles, one broken line, one over-long article), a WARC.GZ (3
    English pages, a German one), a WARC.GZ whose third page is corrupt, and a
    manifest listing the two WARCs."""
    root = tmp_path_factory.mktemp("spark-corpus")
    articles = news_articles(11)
    jsonl = root / "news.jsonl"
    lines = [json.dumps(a) for a in articles[:6]]
    lines.append('{"id": "broken", "text": ')
    huge = "The minister said the talks had failed. " * 25_001  # over MAX_CHARS (1,000,000)
    lines.append(json.dumps({"id": "huge", "text": huge, "date": "2020-01-01"}))
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")

    warc = root / "crawl" / "good.warc.gz"
    warc.parent.mkdir()
    german = ("https://news.example/de", pages.page("Rücktritt", pages.DE_PARAGRAPHS, lang="de").encode(), "text/html")
    warc.write_bytes(pages.make_warc(_warc_pages(articles[6:9]) + [german]))

    good = pages.make_warc(_warc_pages(articles[9:11]))
    bad = bytearray(pages.make_warc(_warc_pages(news_articles(12)[11:12])))
    middle = len(bad) // 2
    bad[middle:middle + 64] = b"\x00" * 64  # damage the deflate stream of the last response
    corrupt = root / "crawl" / "corrupt.warc.gz"
    corrupt.write_bytes(good + bytes(bad))

    manifest = root / "crawl.lst"
    manifest.write_text(f"# the crawl\n{warc}\n\n{corrupt}\n", encoding="utf-8")
    return {"root": root, "jsonl": jsonl, "warc": warc, "corrupt": corrupt, "manifest": manifest,
            "files": [str(jsonl), str(warc), str(corrupt)]}


@pytest.fixture(scope="session")
def spark_output(spark, corpus, tmp_path_factory):
    """One Spark run over the corpus (the JSONL and the manifest): (output folder, summary)."""
    from onrecord.spark.driver import run

    out = tmp_path_factory.mktemp("spark-out") / "out"
    summary = run(spark, [str(corpus["jsonl"]), "@" + str(corpus["manifest"])], str(out), partitions=3)
    return out, summary

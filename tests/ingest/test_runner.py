"""The ingest runner: sources → records → store, idempotent and crash-safe."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import pytest

from onrecord.ingest.runner import ingest, reprocess
from onrecord.store import open_store

GERMAN = (
    "Die Bundesregierung hat am Montag neue Hilfen für die Ukraine angekündigt. Der Verteidigungsminister "
    "sagte in Berlin, man werde zwei weitere Luftverteidigungssysteme liefern, sobald die Industrie sie "
    "bereitstellen könne. Die Opposition kritisierte die Entscheidung als zu spät und forderte mehr Tempo."
)


def demo_articles() -> list[dict]:
    path = Path(str(resources.files("onrecord") / "demo" / "articles.jsonl"))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture()
def corpus(tmp_path) -> Path:
    """Ten demo articles, a German one, a broken JSON line and an empty text."""
    lines = [json.dumps(a) for a in demo_articles()[:10]]
    lines.append(json.dumps({"id": "de-1", "text": GERMAN, "date": "2026-05-11"}))
    lines.append('{"id": "broken", "text": ')
    lines.append(json.dumps({"id": "empty", "text": "   "}))
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def test_ingest_stores_new_articles_and_reports_the_bad_ones(corpus, tmp_path, nlp):
    db = tmp_path / "c.db"
    store = open_store(str(db))
    summary = ingest([str(corpus)], store)
    store.close()
    assert (summary.new, summary.duplicate, summary.failed, summary.skipped) == (10, 0, 2, 1)
    assert rows(db, "select count(*) from articles") == [(10,)]
    errors = dict(rows(db, "select kind, count(*) from errors group by kind"))
    assert errors == {"failed": 2, "skipped": 1}
    assert rows(db, "select language from errors where kind = 'skipped'") == [("de",)]
    assert rows(db, "select count(*) from attributions")[0][0] > 50
    assert rows(db, "select count(*) from events")[0][0] > 20


def test_ingesting_twice_adds_nothing(corpus, tmp_path, nlp):
    db = tmp_path / "c.db"
    for expected_new in (10, 0):
        store = open_store(str(db))
        summary = ingest([str(corpus)], store)
        store.close()
        assert summary.new == expected_new
    assert summary.duplicate == 10
    assert rows(db, "select count(*) from articles") == [(10,)]


def test_two_workers_store_the_same_records_as_one(corpus, tmp_path, nlp):
    counts = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        store = open_store(str(db))
        summary = ingest([str(corpus)], store, workers=workers)
        store.close()
        assert summary.new == 10
        counts.append(rows(db, "select a.key, count(t.id) from articles a left join attributions t "
                               "on t.article_id = a.id group by a.key order by a.key"))
    assert counts[0] == counts[1]


def test_reprocess_re_extracts_in_place(corpus, tmp_path, nlp):
    db = tmp_path / "c.db"
    store = open_store(str(db))
    ingest([str(corpus)], store)
    before = rows(db, "select count(*) from attributions")
    summary = reprocess(store)
    store.close()
    assert (summary.new, summary.failed) == (10, 0)
    assert rows(db, "select count(*) from articles") == [(10,)]
    assert rows(db, "select count(*) from attributions") == before
    assert all(json.loads(p)["onrecord"] for (p,) in rows(db, "select pipeline from articles"))


def _cli(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "onrecord.cli", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_kill_9_mid_ingest_loses_nothing_committed_and_a_rerun_finishes(tmp_path):
    articles = demo_articles()
    folder = tmp_path / "news"
    folder.mkdir()
    for round_ in range(2):  # 54 articles: long enough to kill in the middle
        for a in articles:
            text = a["text"] + f"\n\n(Edition {round_}.)"
            (folder / f"{a['id']}-{round_}.txt").write_text(text, encoding="utf-8")
    total = 2 * len(articles)
    db = tmp_path / "crash.db"
    process = _cli("ingest", str(folder), "--db", str(db), "--rules-only", cwd=tmp_path)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                stored = rows(db, "select count(*) from articles")[0][0]
            except sqlite3.OperationalError:
                continue  # tables not migrated yet
            if stored >= 5:
                break
    assert process.poll() is None, "ingest ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    kept = rows(db, "select count(*) from articles")[0][0]
    assert 5 <= kept < total
    # No half-written article: every stored article has its entities and attributions.
    assert rows(db, "select count(*) from articles a where not exists "
                    "(select 1 from attributions t where t.article_id = a.id)") == [(0,)]
    assert rows(db, "pragma integrity_check") == [("ok",)]
    rerun = _cli("ingest", str(folder), "--db", str(db), "--rules-only", cwd=tmp_path)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert f"{total - kept} new, {kept} duplicate" in err
    assert rows(db, "select count(*) from articles") == [(total,)]


@pytest.mark.slow
def test_cli_exits_non_zero_only_when_nothing_could_be_ingested(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": \n', encoding="utf-8")
    process = _cli("ingest", str(bad), "--db", str(tmp_path / "x.db"), "--rules-only", cwd=tmp_path)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "0 new, 0 duplicate, 1 failed" in err
    assert "Traceback" not in err

"""Real records in, and a killed ingest leaves only whole articles behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from onrecord.store import open_store

from .helpers import solberg_record


@pytest.mark.slow
def test_extracted_record_round_trip(nlp, store):
    import onrecord

    text = ('NATO Secretary-General Maren Solberg said on Friday that the alliance would send more air '
            'defence systems to Ukraine. "We will not abandon our partners," Solberg told reporters.')
    record = onrecord.extract(text, date="2024-03-01", nlp=nlp)
    article_id = store.add_record(record, origin="t")
    assert article_id is not None
    hits = store.search("abandon partners")
    assert hits and hits[0]["speaker"] == "Maren Solberg"
    assert text[hits[0]["start"]:hits[0]["end"]] == hits[0]["quote"]
    assert store.count(None) == len(record.attributions)
    store.replace_record(article_id, onrecord.extract(text, date="2024-03-01", nlp=nlp))
    assert store.count(None) == len(record.attributions)


WRITER = textwrap.dedent("""
    import sys
    from onrecord.store import open_store
    sys.path.insert(0, sys.argv[2])
    from store.helpers import solberg_record
    store = open_store(sys.argv[1])
    i = 0
    while True:
        record = solberg_record(url=f"https://example.com/{i}", key=str(i))
        record.text += f" {i}"  # unique text: the content hash is a duplicate key
        store.add_record(record, origin=str(i))  # unique text
        i += 1
        print(i, flush=True)
""")


def test_kill_9_mid_ingest_leaves_whole_articles(tmp_path):
    db = str(tmp_path / "killed.db")
    open_store(db).close()
    tests_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    proc = subprocess.Popen([sys.executable, "-c", WRITER, db, tests_dir], stdout=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while time.time() < deadline:  # let it commit a few articles, then kill it mid-stream
        line = proc.stdout.readline()
        if line and int(line) >= 20:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            articles = conn.exec_driver_sql("SELECT count(*) FROM articles").scalar()
            per_article = conn.exec_driver_sql(
                "SELECT a.id, (SELECT count(*) FROM attributions t WHERE t.article_id = a.id), "
                "(SELECT count(*) FROM events e WHERE e.article_id = a.id) FROM articles a").all()
        assert articles >= 20
        assert all((n_att, n_ev) == (3, 2) for _, n_att, n_ev in per_article)
        assert store.count("abandon") == articles  # the full-text index is whole too
        after = solberg_record(url="https://example.com/new")
        after.text += " after"  # a text not stored yet
        assert store.add_record(after, origin="after") is not None
    finally:
        store.close()

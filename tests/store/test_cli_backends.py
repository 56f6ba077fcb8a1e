"""The corpus commands end to end on both backends: ingest, search, export,
stats, and a second ingest that adds nothing."""
from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from onrecord.cli import main

ARTICLES = [
    {"id": "a1", "url": "https://news.example.org/a1", "date": "2026-02-17", "title": "Aid",
     "text": "NATO Secretary-General Maren Solberg said on Tuesday that China had not sent weapons to Russia.\n\n"
             "“We have not seen any delivery of lethal aid from China to Russia,” Solberg said."},
    {"id": "a2", "url": "https://news.example.org/a2?utm_source=feed", "date": "2026-03-02", "title": "Tanks",
     "text": "Germany will send two air defence systems to Ukraine, Chancellor Ana Lutz said on Monday."},
]


def test_ingest_search_export_stats_on_each_backend(db_url, tmp_path, nlp):
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    runner = CliRunner()

    first = runner.invoke(main, ["ingest", str(source), "--db", db_url])
    assert first.exit_code == 0, first.output
    assert "2 new, 0 duplicate" in first.output
    again = runner.invoke(main, ["ingest", str(source), "--db", db_url])
    assert "0 new, 2 duplicate" in again.output

    found = runner.invoke(main, ["search", "lethal aid", "--speaker", "Maren Solberg", "--format", "json",
                                 "--db", db_url])
    assert found.exit_code == 0, found.output
    hits = json.loads(found.output)
    assert [h["speaker"] for h in hits] == ["Maren Solberg"]
    assert "lethal aid" in hits[0]["quote"]

    out = tmp_path / "events.csv"
    exported = runner.invoke(main, ["export", "--what", "events", "--format", "csv", "-o", str(out), "--db", db_url])
    assert exported.exit_code == 0, exported.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {"AID"} <= {r["type"] for r in rows}
    assert "negated" in {r["factuality"] for r in rows if r["type"] == "AID"}

    stats = runner.invoke(main, ["stats", "--format", "json", "--db", db_url])
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.output)["totals"]["articles"] == 2

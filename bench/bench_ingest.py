"""Ingest throughput with --workers 2 against --workers 1, and the storage overhead.

Each run ingests the same Wikinews articles into a fresh SQLite database through
``onrecord.ingest.runner.ingest``, the function the CLI calls. Runs alternate
(1, 2, 1, 2, …) so that machine noise hits both alike; the speed-up is the ratio
of the best runs. Storage overhead is the time the writer spent in the store
(duplicate checks and writes) divided by the rest of the run, from the
one-worker runs, where nothing overlaps.

    python bench/bench_ingest.py [--articles N] [--rounds R] [--rules-only]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO.parent / "shared" / "data" / "wikinews" / "enwikinews.jsonl"


def corpus(limit: int, folder: Path) -> Path:
    if not WIKINEWS.exists():
        sys.exit(f"benchmark data not found: {WIKINEWS} (the shared data folder beside the repo)")
    lines = WIKINEWS.read_text(encoding="utf-8").splitlines()[:limit]
    path = folder / "wikinews.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def one_run(source: Path, db: Path, workers: int, rules_only: bool) -> dict:
    from onrecord.ingest.runner import ingest
    from onrecord.store import open_store

    store = open_store(str(db))
    try:
        summary = ingest([str(source)], store, workers=workers, rules_only=rules_only, fetch=False)
    finally:
        store.close()
    return {"workers": workers, "seconds": summary.seconds, "store_seconds": summary.store_seconds,
            "new": summary.new, "failed": summary.failed, "skipped": summary.skipped}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=351, help="how many Wikinews articles (default: all 351)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds of each (default 2)")
    parser.add_argument("--rules-only", action="store_true", help="without the trained span model")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = corpus(args.articles, folder)
        runs = []
        for round_ in range(args.rounds):
            for workers in (1, 2):
                run = one_run(source, folder / f"r{round_}w{workers}.db", workers, args.rules_only)
                runs.append(run)
                print(json.dumps(run), file=sys.stderr)
    best = {w: min(r["seconds"] for r in runs if r["workers"] == w) for w in (1, 2)}
    single = [r for r in runs if r["workers"] == 1]
    overhead = max(r["store_seconds"] / (r["seconds"] - r["store_seconds"]) for r in single)
    stored = runs[0]["new"]
    print(json.dumps({
        "articles": stored,
        "skipped_or_failed": runs[0]["skipped"] + runs[0]["failed"],
        "articles_per_s_1_worker": round(stored / best[1], 2),
        "articles_per_s_2_workers": round(stored / best[2], 2),
        "speedup_2_vs_1": round(best[1] / best[2], 3),
        "storage_overhead_worst_1_worker_run": round(overhead, 4),
        "runs": runs,
    }, indent=2))


if __name__ == "__main__":
    main()

"""Spark scaling: local[2] against local[1], and Spark local[2] against
``onrecord ingest --workers 2``, on the Wikinews articles repeated to N (each
copy with its own id, URL and a distinct last line, so local ingest's duplicate
check skips none). Prints one JSON object.

    python bench/bench_spark.py                 # 2,000 articles (the figure we report)
    python bench/bench_spark.py --articles 60   # a quick check that it runs

Each Spark run is a fresh process: it starts the session, runs a warm-up job
(Python workers start and load the model once; they are reused), then times the
job over the whole input, Parquet writing included. ``warm`` figures are that
timed job; ``wall`` figures are the whole process (JVM start, model loading)
for Spark and for local ingest (SQLite writes included).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO.parent / "shared" / "data" / "wikinews" / "enwikinews.jsonl"
WARMUP_ARTICLES = 8


def make_input(path: Path, n: int) -> int:
    if not WIKINEWS.exists():
        sys.exit(f"benchmark data not found: {WIKINEWS} (the shared data folder beside the repo)")
    base = [json.loads(line) for line in WIKINEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            article = dict(base[i % len(base)])
            copy = i // len(base)
            if copy:
                article["id"] = f"{article['id']}-copy{copy}"
                article["url"] = f"{article.get('url') or 'https://example.org/a'}?copy={copy}"
                article["text"] = article["text"] + f"\n\nThis is copy {copy}."
            out.write(json.dumps(article) + "\n")
    return n


def child_spark(master: str, source: str, warmup: str, output: str, partitions: int) -> None:
    """One timed Spark run (in a fresh process); prints JSON."""
    from onrecord.spark.driver import run, session

    spark = session(master, app_name=f"onrecord-bench-{master}")
    spark.sparkContext.setLogLevel("ERROR")
    cores = spark.sparkContext.defaultParallelism
    started = time.perf_counter()
    run(spark, [warmup], output + "-warmup", partitions=cores, mode="overwrite")
    warmup_s = time.perf_counter() - started
    summary = run(spark, [source], output, partitions=partitions, mode="overwrite")
    spark.stop()
    print(json.dumps({"master": master, "cores": cores, "articles": summary.articles, "failed": summary.failed,
                      "seconds": round(summary.seconds, 2), "warmup_seconds": round(warmup_s, 2),
                      "articles_per_s": round(summary.articles / summary.seconds, 2)}))


def run_child(args: list[str]) -> tuple[dict, float]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"child {args} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]), wall


def run_ingest(source: Path, db: Path, workers: int) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "onrecord.cli", "ingest", str(source), "--db", str(db),
                           "--workers", str(workers), "--no-fetch"], capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"ingest failed:\n{done.stderr[-3000:]}")
    return wall, done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--partitions-per-core", type=int, default=16,
                        help="extraction tasks per core (default 16, as the job's own default)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--child", nargs=5, metavar=("MASTER", "SOURCE", "WARMUP", "OUTPUT", "PARTITIONS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        master, source, warmup, output, partitions = args.child
        child_spark(master, source, warmup, output, int(partitions))
        return

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    work = Path(tempfile.mkdtemp(prefix="onrecord-bench-spark-"))
    try:
        source = work / "articles.jsonl"
        make_input(source, args.articles)
        warmup = work / "warmup.jsonl"
        make_input(warmup, WARMUP_ARTICLES)
        spark = {}
        for cores in (1, 2):
            spark[cores] = run_child(["--child", f"local[{cores}]", str(source), str(warmup),
                                      str(work / f"out{cores}"), str(cores * args.partitions_per_core)])
        ingest_wall, ingest_line = run_ingest(source, work / "ingest.db", 2)
        (one, one_wall), (two, two_wall) = spark[1], spark[2]
        result = {
            "articles": args.articles,
            "spark_local1": {**one, "wall_seconds": round(one_wall, 2)},
            "spark_local2": {**two, "wall_seconds": round(two_wall, 2)},
            "speedup_local2_vs_local1": round(two["articles_per_s"] / one["articles_per_s"], 3),
            "speedup_goal": 1.6,
            "ingest_workers2": {"wall_seconds": round(ingest_wall, 2), "summary": ingest_line,
                                "articles_per_s": round(args.articles / ingest_wall, 2)},
            # > 1: Spark local[2] is faster than local ingest with 2 workers, whole processes compared.
            "spark_local2_vs_ingest_workers2_wall": round(ingest_wall / two_wall, 3),
            "per_core_articles_per_s": one["articles_per_s"],
        }
        print(json.dumps(result, indent=2))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

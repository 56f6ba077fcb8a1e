"""Search latency on a large corpus: p50/p95 over varied queries.

The Wikinews articles are extracted once, then stored again and again under
distinct ids (and text hashes) until the database holds at least
``--attributions`` attributions. Then at least 200 queries, drawn from the
corpus itself (single words, two-word AND, phrases, OR, and the same with
speaker, date and source filters), are timed through ``Store.search`` (the
function the CLI and the web app call), first page of 50.

    python bench/bench_search.py [--attributions 200000] [--db PATH] [--queries 240]

With --db pointing at an existing database built by an earlier run, the build
step is skipped.
"""
from __future__ import annotations

import argparse
import copy
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO.parent / "shared" / "data" / "wikinews" / "enwikinews.jsonl"
STOPWORDS = frozenset("the a an and or of to in on for with that this is was are were be by at as it its from "
                      "he she they we i you not but have has had will would said says".split())


def extract_corpus(rules_only: bool):
    import onrecord
    from onrecord.batch import extract_batch
    from onrecord.items import ArticleInput
    from onrecord.schema import Article

    nlp = onrecord.load(rules_only=rules_only)
    items = []
    for line in WIKINEWS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        items.append(ArticleInput(row["text"], Article(id=str(row.get("id")), url=row.get("url"),
                                                       title=row.get("title"), date=(row.get("date") or "")[:10] or None),
                                  "wikinews"))
    return [r for r in extract_batch(items, nlp) if hasattr(r, "attributions")]


def build(db: Path, target: int, rules_only: bool) -> int:
    from onrecord.store import open_store

    records = extract_corpus(rules_only)
    per_pass = sum(len(r.attributions) for r in records)
    passes = -(-target // per_pass)
    print(f"{len(records)} articles, {per_pass} attributions per pass: storing {passes} passes", file=sys.stderr)
    store = open_store(str(db))
    started = time.perf_counter()
    for k in range(passes):
        for record in records:
            clone = copy.deepcopy(record)
            clone.article.id = f"{record.article.id}-{k}"
            clone.article.url = f"{record.article.url}?copy={k}" if record.article.url else None
            clone.text = f"{record.text}\n{k}"  # a new text: the content hash is a duplicate key
            store.add_record(clone, origin=f"copy {k}")
        print(f"  pass {k + 1}/{passes} stored ({time.perf_counter() - started:.0f}s)", file=sys.stderr)
    store.close()
    return passes * per_pass


def queries(store, count: int, seed: int = 7) -> list[tuple[str | None, dict]]:
    """Queries drawn from the stored quotes: frequent and rare words, pairs, phrases."""
    rng = random.Random(seed)
    sample = store.search(None, limit=1000)
    words: Counter = Counter()
    bigrams: list[str] = []
    for hit in sample:
        tokens = [w for w in re.findall(r"[A-Za-z]{4,}", hit["quote"] or "")]
        words.update(w.lower() for w in tokens if w.lower() not in STOPWORDS)
        bigrams += [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
    common = [w for w, _ in words.most_common(150)]
    rare = [w for w, n in words.items() if n == 1][:300]
    speakers = [s for s in {h.get("speaker") for h in sample} if s][:30]
    sources = [s for s in {h.get("source") for h in sample} if s][:5]
    out: list[tuple[str | None, dict]] = []
    kinds = ["word", "rare", "and", "phrase", "or", "speaker", "dates", "source", "filter_only"]
    while len(out) < count:
        kind = kinds[len(out) % len(kinds)]
        if kind == "word":
            out.append((rng.choice(common), {}))
        elif kind == "rare":
            out.append((rng.choice(rare or common), {}))
        elif kind == "and":
            out.append((" ".join(rng.sample(common, 2)), {}))
        elif kind == "phrase" and bigrams:
            out.append((f'"{rng.choice(bigrams)}"', {}))
        elif kind == "or":
            out.append((" OR ".join(rng.sample(common, 2)), {}))
        elif kind == "speaker" and speakers:
            out.append((rng.choice(common), {"speaker": rng.choice(speakers)}))
        elif kind == "dates":
            out.append((rng.choice(common), {"date_from": "2005-01-01", "date_to": "2012-12-31"}))
        elif kind == "source" and sources:
            out.append((rng.choice(common), {"outlet": rng.choice(sources)}))
        elif kind == "filter_only" and speakers:
            out.append((None, {"speaker": rng.choice(speakers)}))
        else:
            out.append((rng.choice(common), {}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--attributions", type=int, default=200_000, help="at least this many (default 200,000)")
    parser.add_argument("--db", type=Path, default=Path("bench_search.db"), help="database file (reused if it exists)")
    parser.add_argument("--queries", type=int, default=240, help="how many queries to time (default 240)")
    parser.add_argument("--rules-only", action="store_true", help="extract without the trained span model")
    args = parser.parse_args()
    from onrecord.store import open_store

    if not WIKINEWS.exists():
        sys.exit(f"benchmark data not found: {WIKINEWS} (the shared data folder beside the repo)")
    if not args.db.exists():
        build(args.db, args.attributions, args.rules_only)
    store = open_store(str(args.db))
    total = store.count(None)
    timings, empty = [], 0
    for query, filters in queries(store, args.queries):
        started = time.perf_counter()
        hits = store.search(query, limit=50, **filters)
        timings.append((time.perf_counter() - started) * 1000)
        empty += not hits
    store.close()
    timings.sort()
    print(json.dumps({
        "attributions": total,
        "queries": len(timings),
        "queries_with_no_hit": empty,
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(0.95 * len(timings)) - 1], 2),
        "max_ms": round(timings[-1], 2),
    }, indent=2))


if __name__ == "__main__":
    main()

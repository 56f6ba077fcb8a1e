"""How many extracted events have their sides coded to a state or an organisation, on
the real Wikinews articles (../shared/data/wikinews/enwikinews.jsonl, all 351 by default).

An event side counts as coded when at least one of its entities has an actor with a
country or an org (a sector alone says nothing about who acted). Reports the share of
events with both sides coded, with at least one, and how often each rule
(``Actor.rule``) gave the codes of coded sides.

    python bench/coded_sides.py [--articles N] [--workers 1|2] [--dump records.jsonl]

Fast profile; ``--workers`` processes each load the pipeline once.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WIKINEWS = REPO.parent / "shared" / "data" / "wikinews" / "enwikinews.jsonl"


def load_articles(limit: int | None) -> list[tuple[str, str | None]]:
    if not WIKINEWS.exists():
        sys.exit(f"benchmark data not found: {WIKINEWS} (the shared data folder beside the repo)")
    rows = [json.loads(line) for line in WIKINEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["text"], r.get("date")) for r in rows[:limit]]


def _extract(chunk: list[tuple[str, str | None]]) -> list[dict]:
    """Records (as dicts) for one worker's share; failures are left out and counted by the caller."""
    from onrecord.batch import extract_batch
    from onrecord.items import ArticleInput
    from onrecord.pipeline import load
    from onrecord.schema import Article, Record

    nlp = load(profile="fast")
    items = [ArticleInput(text, Article(date=date), f"a{i}") for i, (text, date) in enumerate(chunk)]
    return [r.to_dict() for r in extract_batch(items, nlp) if isinstance(r, Record)]


def _coded(record: dict, ids: list[str]) -> dict | None:
    """The first actor of a side with a country or an org, or None."""
    entities = {e["id"]: e for e in record["entities"]}
    for i in ids:
        actor = (entities.get(i) or {}).get("actor")
        if actor and (actor.get("country") or actor.get("org")):
            return actor
    return None


def score(records: list[dict]) -> dict:
    n = Counter()
    rules: Counter = Counter()
    for record in records:
        for event in record["events"]:
            n["events"] += 1
            filled = bool(event["source"]) and bool(event["target"])
            n["filled"] += filled
            n["filled_sides"] += bool(event["source"]) + bool(event["target"])
            sides = [_coded(record, event["source"]), _coded(record, event["target"])]
            n["both"] += all(sides)
            n["one"] += any(sides)
            n["source"] += sides[0] is not None
            n["target"] += sides[1] is not None
            rules.update(str(s.get("rule")) for s in sides if s)
    events = n["events"] or 1
    return {
        "articles": len(records), "events": n["events"],
        "both_sides_coded": n["both"], "both_share": round(n["both"] / events, 3),
        "at_least_one_coded": n["one"], "one_share": round(n["one"] / events, 3),
        "source_coded": n["source"], "target_coded": n["target"],
        # Actor coding cannot code a side the event arguments left empty: the share of the
        # events with both sides filled is the ceiling of both_share.
        "both_sides_filled": n["filled"], "filled_share": round(n["filled"] / events, 3),
        "both_coded_of_filled": round(n["both"] / (n["filled"] or 1), 3),
        "coded_of_filled_sides": round((n["source"] + n["target"]) / (n["filled_sides"] or 1), 3),
        "coded_sides_by_rule": dict(rules.most_common()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=None, help="first N articles only (default: all)")
    parser.add_argument("--workers", type=int, choices=(1, 2), default=1)
    parser.add_argument("--dump", type=Path, help="also write the records here, one JSON per line")
    args = parser.parse_args()
    articles = load_articles(args.articles)
    started = time.perf_counter()
    if args.workers == 1:
        records = _extract(articles)
    else:
        half = (len(articles) + 1) // 2
        with ProcessPoolExecutor(max_workers=2) as pool:
            records = [r for part in pool.map(_extract, [articles[:half], articles[half:]]) for r in part]
    result = score(records)
    result["failed"] = len(articles) - len(records)
    result["seconds"] = round(time.perf_counter() - started, 1)
    if args.dump:
        args.dump.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

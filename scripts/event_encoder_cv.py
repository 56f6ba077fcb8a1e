"""Grouped 5-fold cross-validation of the event encoder against the linear detector
(docs/accuracy.md, models/event_encoder/README.md).

    PYTHONPATH=src python scripts/event_encoder_cv.py ../shared/data --cache /tmp/detectenc

Parses once and caches the rows (``rows.pkl``) and each fold's encoder scores in
``--cache``; a rerun picks up where it stopped. Prints the comparison as JSON.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("shared", type=Path)
    parser.add_argument("--gold", type=Path, default=Path("tests/data/events/events.jsonl"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/event_encoder_cv"))
    parser.add_argument("--saved-only", action="store_true",
                        help="fit nothing: compare on the folds whose encoder scores are already saved")
    parser.add_argument("--limit", type=int, default=0, help="smoke test: only this many articles and PLV rows")
    args = parser.parse_args()
    from onrecord.train import event_encoder as E

    args.cache.mkdir(parents=True, exist_ok=True)
    data, extra = E.cached_rows(args.shared, args.gold, args.cache)
    if args.limit:
        keep = sorted({r.group for r in data.rows})[:args.limit]
        data.rows = [r for r in data.rows if r.group in keep]
        extra = extra[:args.limit]
    log = lambda m: print(m, file=sys.stderr, flush=True)
    result = E.cross_validate(data, extra, checkpoints=args.cache, log=log, saved_only=args.saved_only, gold=args.gold)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()

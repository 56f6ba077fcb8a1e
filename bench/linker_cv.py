"""Argument linker vs the dependency rules on PLV_train's marked pairs.

    python bench/linker_cv.py ../shared/data              # examples' counts only
    python bench/linker_cv.py ../shared/data --cv         # + grouped 5-fold CV, linker vs rules
    python bench/linker_cv.py ../shared/data --cv --event-set   # + fit on all PLV, score on the event set (dev+train),
                                                                # + grouped CV over the event set's articles (PLV always in)

The shipped weights are trained by `onrecord train linker ../shared/data` (onrecord.train.linker.train),
which runs the same cross-validations. Parses are cached in /tmp (onrecord.train.linker.CACHE, EVENT_CACHE). See onrecord.train.linker.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from onrecord.train import linker

EVENT_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "events" / "events.jsonl"


def _print(result: dict, prefix: str) -> None:
    for name in ("rules", "linker", "rules_then_linker", "rules_then_linker_in_reach"):
        r = result[name]
        print(f"{prefix}{name:26s} source P/R/F1 {r['source']['precision']:.3f}/{r['source']['recall']:.3f}/"
              f"{r['source']['f1']:.3f}  target P/R/F1 {r['target']['precision']:.3f}/"
              f"{r['target']['recall']:.3f}/{r['target']['f1']:.3f}  both right {r['both_right']:.3f}"
              f"  ({r['events']} events)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("shared", type=Path, help="the shared data folder (holds plover/train/PLV_train.tsv)")
    ap.add_argument("--cv", action="store_true", help="grouped 5-fold cross-validation, linker vs rules")
    ap.add_argument("--c", type=float, default=linker.C_DEFAULT, help="inverse L2 strength")
    ap.add_argument("--event-set", action="store_true",
                    help="fit on all PLV events and score rules vs linker on the event set's dev+train events")
    ap.add_argument("--news-weight", type=float, default=1.0,
                    help="weight of an event-set example against a PLV one (event-set CV)")
    args = ap.parse_args(argv)
    plv = args.shared / "plover" / "train" / "PLV_train.tsv"
    docs, rows = linker.parse_all(plv)
    events, counts = linker.build_events(docs, rows)
    info = linker.summary(events, counts, len(rows))
    print(json.dumps(info))
    if args.cv:
        _print(linker.cross_validate(events, c=args.c), "PLV CV    ")
    if args.event_set:
        model = linker.fit([e for ev in events for e in ev.examples], args.c)
        es_events, es_counts = linker.event_set_events(EVENT_SET, args.shared)
        print(json.dumps(dict(es_counts)))
        _print(linker.compare_on(es_events, model), "event set, PLV-fit     ")
        if args.cv:
            cv = linker.cross_validate_event_set(es_events, events, c=args.c, weight=args.news_weight)
            _print(cv["all"], "event set CV, +PLV     ")
            _print(cv["dev"], "  of which dev         ")
            _print(cv["train"], "  of which train       ")
    return 0


if __name__ == "__main__":
    sys.exit(main())

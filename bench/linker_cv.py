"""Argument linker vs the dependency rules on PLV_train's marked pairs.

    python bench/linker_cv.py ../shared/data            # examples' counts only
    python bench/linker_cv.py ../shared/data --cv       # + grouped 5-fold CV, linker vs rules
    python bench/linker_cv.py ../shared/data --cv --save src/onrecord/models/argument_linker

Parses are cached in /tmp (onrecord.train.linker.CACHE). See onrecord.train.linker.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from onrecord.train import linker


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("shared", type=Path, help="the shared data folder (holds plover/train/PLV_train.tsv)")
    ap.add_argument("--cv", action="store_true", help="grouped 5-fold cross-validation, linker vs rules")
    ap.add_argument("--c", type=float, default=linker.C_DEFAULT, help="inverse L2 strength")
    ap.add_argument("--save", type=Path, help="fit on every event and save the weights here")
    args = ap.parse_args(argv)
    plv = args.shared / "plover" / "train" / "PLV_train.tsv"
    docs, rows = linker.parse_all(plv)
    events, counts = linker.build_events(docs, rows)
    info = linker.summary(events, counts, len(rows))
    print(json.dumps(info, indent=1))
    result = None
    if args.cv:
        result = linker.cross_validate(events, c=args.c)
        for name in ("rules", "linker", "rules_then_linker"):
            r = result[name]
            print(f"{name:18s} source P/R/F1 {r['source']['precision']:.3f}/{r['source']['recall']:.3f}/"
                  f"{r['source']['f1']:.3f}  target P/R/F1 {r['target']['precision']:.3f}/"
                  f"{r['target']['recall']:.3f}/{r['target']['f1']:.3f}  both right {r['both_right']:.3f}")
    if args.save:
        model = linker.fit([e for ev in events for e in ev.examples], args.c)
        model.save(args.save, {"trained_on": str(plv.name), "examples": info, "cross_validation": result})
        print(f"saved {args.save}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Share of the demo corpus expectations (tests/data/demo_expected.json) that
onrecord gets right: speaker and kind of each checked quote.

    python bench/demo_accuracy.py [--rules-only]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import onrecord
from onrecord.evaluate.demo import extract_corpus, read_checks, score_checks

CHECKS = Path(__file__).resolve().parents[1] / "tests" / "data" / "demo_expected.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules-only", action="store_true", help="leave out the trained span model")
    args = parser.parse_args()
    nlp = onrecord.load(rules_only=args.rules_only)
    speakers, kinds, misses = score_checks(extract_corpus(nlp), read_checks(CHECKS))
    print(json.dumps({"speaker_right": round(speakers, 3), "kind_right": round(kinds, 3), "misses": len(misses)}, indent=2))
    for miss in misses:
        print(miss, file=sys.stderr)


if __name__ == "__main__":
    main()

"""Share of the demo corpus's hand-labelled events (tests/data/demo_events_expected.json)
that onrecord finds, and gets right in type, source, target and factuality.

    python bench/demo_events.py [--rules-only] [--profile fast|accurate] [--misses]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import onrecord
from onrecord.evaluate.demo import extract_corpus, read_checks, score_events

CHECKS = Path(__file__).resolve().parents[1] / "tests" / "data" / "demo_events_expected.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules-only", action="store_true", help="leave out the trained span model")
    parser.add_argument("--profile", choices=("fast", "accurate"), default="fast",
                        help="which profile extracts (accurate needs onrecord[accurate])")
    parser.add_argument("--misses", action="store_true", help="list every miss on stderr")
    args = parser.parse_args()
    nlp = onrecord.load(rules_only=args.rules_only, profile=args.profile)
    result = score_events(extract_corpus(nlp), read_checks(CHECKS))
    print(json.dumps(result["scores"], indent=2))
    if args.misses:
        for miss in result["misses"]:
            print(miss, file=sys.stderr)


if __name__ == "__main__":
    main()

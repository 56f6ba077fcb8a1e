"""Where end-to-end PLV events go wrong: each codable sentence (its gold source
and target phrases code to a state or organisation) that onrecord does not get
entirely right, sorted into one kind of failure.

    python bench/plv_e2e_errors.py [PLV_train.tsv] [--examples N]
"""
from __future__ import annotations

import argparse
import collections
from pathlib import Path

import onrecord
from onrecord.batch import extract
from onrecord.evaluate.plv_events import event_codes, gold_codes
from onrecord.schema import plv_root
from onrecord.train.plover import load_plv

PLV = Path(__file__).resolve().parents[2] / "shared" / "data" / "plover" / "train" / "PLV_train.tsv"


def failure(record, example, gold_source, gold_target) -> str:
    events = record.events
    typed = [e for e in events if plv_root(e.type) == example.label]

    def codes_right(e, side: str) -> bool:
        return event_codes(record, getattr(e, side)) == (gold_source if side == "source" else gold_target)

    if any(codes_right(e, "source") and codes_right(e, "target") for e in typed):
        return "right"
    if not events:
        return "no event"
    if any(codes_right(e, "source") and codes_right(e, "target") for e in events):
        return "codes right, type wrong"
    if not typed:
        return "type never right, codes wrong"
    source = "source ok" if any(codes_right(e, "source") for e in typed) else "source wrong"
    target = "target ok" if any(codes_right(e, "target") for e in typed) else "target wrong"
    return f"type right: {source}, {target}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("plv", nargs="?", default=str(PLV))
    parser.add_argument("--examples", type=int, default=0, help="print N sentences of each kind")
    args = parser.parse_args()
    nlp = onrecord.load()
    kinds: collections.Counter[str] = collections.Counter()
    shown: dict[str, list[str]] = collections.defaultdict(list)
    for example in load_plv(args.plv):
        gold_source, gold_target = gold_codes(example.text, example.src), gold_codes(example.text, example.tgt)
        if not (gold_source and (gold_target or example.tgt is None)):
            continue
        kind = failure(extract(example.text, nlp=nlp), example, gold_source, gold_target)
        kinds[kind] += 1
        if len(shown[kind]) < args.examples:
            shown[kind].append(f"  {example.label} {sorted(gold_source)}→{sorted(gold_target)}: {example.text[:150]}")
    total = sum(kinds.values())
    for kind, count in kinds.most_common():
        print(f"{kind:<40} {count:4d}  {count / total:.3f}")
        for line in shown[kind]:
            print(line)


if __name__ == "__main__":
    main()

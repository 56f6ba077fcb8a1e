"""Would the accurate encoder type article events better than the trigger lexicon?

Runs the demo corpus (tests/data/demo_events_expected.json) as shipped, then
with every event that has a source retyped by the encoder whenever it gives
another root a probability of at least TAU. The shipped pipeline does not do
this; the numbers in docs/accuracy.md ("Events end to end") say why.

    python bench/encoder_retype.py [TAU ...]      # default: 0 0.5 0.8 0.95
"""
from __future__ import annotations

import argparse
from pathlib import Path

import onrecord
from onrecord.evaluate.demo import extract_corpus, read_checks, score_events
from onrecord.events import assemble, components
from onrecord.events.classify import _mode_for, split_yield
from onrecord.schema import plv_root
from onrecord.events.encoder import default_encoder

CHECKS = Path(__file__).resolve().parents[1] / "tests" / "data" / "demo_events_expected.json"


class Retyper:
    """Wraps ``assemble.to_event``: the encoder may change a trigger's type first."""

    def __init__(self):
        self.encoder = default_encoder()
        self.tau: float | None = None
        self.seen = self.changed = 0

    def __call__(self, doc, index, sent, trigger):
        if self.tau is not None and trigger.sources:
            source = doc[slice(*trigger.sources[0])]
            target = doc[slice(*trigger.targets[0])] if trigger.targets else None
            token = doc[trigger.token]
            p = self.encoder.pair_proba(doc, source, target, token)
            k = int(p.argmax())
            root = self.encoder.classes[k]
            self.seen += 1
            if root != plv_root(trigger.type) and p[k] >= self.tau:
                self.changed += 1
                if root == "YIELD":
                    trigger.type, trigger.mode = split_yield(doc, token, source, target)
                else:
                    trigger.type, trigger.mode = root, _mode_for(doc, token, root)
        return assemble.to_event(doc, index, sent, trigger)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tau", nargs="*", type=float, default=[0.0, 0.5, 0.8, 0.95])
    args = parser.parse_args()
    retyper = Retyper()
    components.to_event = retyper
    nlp = onrecord.load()
    checks = read_checks(CHECKS)
    for tau in [None, *args.tau]:
        retyper.tau, retyper.seen, retyper.changed = tau, 0, 0
        records = extract_corpus(nlp)
        label = "lexicon (shipped)" if tau is None else f"encoder at tau {tau}"
        print(f"{label:<22} {score_events(records, checks)['scores']}  "
              f"retyped {retyper.changed} of {retyper.seen} events with a source", flush=True)


if __name__ == "__main__":
    main()

"""An earlier shipped event detector against today's, on the event-set articles the earlier one never saw.

The earlier detector (its files and the event set as they were at COMMIT) scores the rows of the train-split
articles added since; today's detector settings are refitted per article (grouped cross-validation, out-of-fold
probabilities), so neither has seen the article it scores. Both are scored at their own threshold and at 0.25.

    python bench/detector_unseen_articles.py ../shared/data --commit bbae6b4

About 2 minutes on 2 cores. Needs scikit-learn and git.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from onrecord.evaluate.events import read_gold
from onrecord.events.detect import read_detector
from onrecord.pipeline import load
from onrecord.train import detector as D

REPO = Path(__file__).resolve().parents[1]
EVENTS = "tests/data/events/events.jsonl"
MODEL = "src/onrecord/models/event_detector"


def _git_show(commit: str, path: str) -> bytes:
    return subprocess.run(["git", "show", f"{commit}:{path}"], cwd=REPO, check=True, capture_output=True).stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("shared", type=Path, help="the shared data folder")
    ap.add_argument("--commit", required=True, help="the commit whose detector and event set are the earlier ones")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        old_dir = Path(tmp)
        for name in ("detector.json", "weights.npz"):
            (old_dir / name).write_bytes(_git_show(args.commit, f"{MODEL}/{name}"))
        old = read_detector(old_dir)
    seen = {json.loads(line)["article"] for line in _git_show(args.commit, EVENTS).decode().splitlines() if line.strip()}
    chosen = json.loads((REPO / MODEL / "detector.json").read_text(encoding="utf-8"))["cross_validation"]
    nlp = load(None, False, "fast")
    with D._events_pipe(nlp).using(None):
        data = D.event_set_rows(nlp, REPO / EVENTS, args.shared)
        plv = D.plv_rows(nlp, args.shared / "plover" / "train" / "PLV_train.tsv")
    rows, extra = D.setting_rows(data, plv, chosen)
    scores = D.out_of_fold(rows, chosen["c"], extra=extra, extra_weight=chosen["plv_weight"])
    today = D._sigmoid(chosen["scale"] * scores + chosen["shift"])
    earlier = np.array([old.probability(r.features) for r in rows])
    new = [i for i, r in enumerate(rows) if r.group not in seen]
    unseen = [rows[i] for i in new]
    real = sum(g.is_event for g in read_gold(REPO / EVENTS) if g.split == "train" and g.article not in seen)
    result = {"rows": len(unseen), "articles": len({r.group for r in unseen}), "real_events": real,
              "lexicon_alone": D.score_at(unseen, today[new], 0.0, real)}
    for name, p, threshold in (("earlier", earlier, old.threshold), ("today_cross_validated", today, chosen["threshold"])):
        result[name] = {"at_threshold": D.score_at(unseen, p[new], threshold, real),
                        "at_0.25": D.score_at(unseen, p[new], 0.25, real)}
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

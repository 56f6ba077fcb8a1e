"""PLV_train end to end, cross-validated: every model that learns from PLV_train is
refitted without the fold it is scored on.

``onrecord eval plv`` scores the end-to-end line with the shipped models, and two of
them saw every PLV sentence: the event detector (PLV positives are training rows) and
the argument linker (PLV's marked pairs are its examples). Here, for each of five
folds (PLV's near-duplicate groups, as in the actors-given cross-validation):

- the detector is refitted with the shipped setting (C, PLV weight, word features,
  unfired rows) on the event set's dev and train rows plus the PLV rows of the other
  folds; it keeps the shipped calibration and threshold, which were chosen by
  cross-validation over event-set articles;
- the linker is refitted on the other folds' PLV examples plus the event set's;
- the pipeline then extracts the fold's sentences and is scored as ``onrecord eval plv``
  scores them (``evaluate.plv_events``).

The trigger lexicon and the typing rules were written by hand and cannot be refitted;
where they were written with PLV in view, the score still flatters them.

    python bench/plv_end_to_end_cv.py ../shared/data [--folds 5] [--json out.json]

About 70 seconds on 2 cores once the linker's trainer has cached the PLV parses in /tmp.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVENT_SET = REPO / "tests" / "data" / "events" / "events.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("shared", type=Path, help="the shared data folder (holds plover/train/PLV_train.tsv)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--json", type=Path, help="also write the result here")
    args = ap.parse_args(argv)
    plv_path = args.shared / "plover" / "train" / "PLV_train.tsv"
    if not plv_path.is_file():
        sys.exit(f"PLV_train not found: {plv_path}")

    import onrecord
    from onrecord.evaluate.plv_events import score_examples, shares
    from onrecord.events import detect, linker as linker_mod
    from onrecord.train import detector as D, linker as L
    from onrecord.train.plover import fold_of, load_plv

    started = time.perf_counter()
    log = lambda msg: print(f"[{time.perf_counter() - started:6.0f}s] {msg}", file=sys.stderr, flush=True)  # noqa: E731
    examples = load_plv(plv_path)
    folds = fold_of(examples, args.folds)
    fold_of_row = [folds[e.group] for e in examples]

    nlp = onrecord.load(profile="fast")
    finder = nlp.get_pipe("onrecord_events")
    shipped = detect.default_detector()
    setting = json.loads((detect.default_folder() / "detector.json").read_text())["cross_validation"]
    log(f"shipped detector setting: C={setting['c']} plv_weight={setting['plv_weight']} "
        f"lexical={setting['lexical']} unfired_rows={setting['unfired_rows']} threshold={shipped.threshold}")
    with finder.using(None):  # candidates as the lexicon alone makes them, as the trainer reads them
        data = D.event_set_rows(nlp, EVENT_SET, args.shared)
        plv_rows = D.plv_rows(nlp, plv_path)
    log(f"{len(data.rows)} event-set rows, {len(plv_rows)} PLV rows")
    news_rows, _ = D.setting_rows(data, [], setting)
    plv_docs, plv_table = L.parse_all(plv_path)
    plv_events, _ = L.build_events(plv_docs, plv_table)
    news_events, _ = L.event_set_events(EVENT_SET, args.shared)
    news_examples = [e for ev in news_events for e in ev.examples]
    log(f"linker: {len(plv_events)} PLV events, {len(news_examples)} event-set examples")

    shipped_linker = linker_mod.shipped
    totals: dict[str, int] = {}
    in_sample = score_examples(examples, nlp)["counts"]
    log(f"shipped models, in sample: {shares(in_sample)}")
    try:
        for k in range(args.folds):
            kept_plv = [r for r in plv_rows if fold_of_row[int(r.group.split(":")[1])] != k]
            _, kept_plv = D.setting_rows(D.Rows(), kept_plv, setting)
            fitted = D.fit(news_rows, setting["c"], extra=kept_plv, extra_weight=setting["plv_weight"])
            fold_detector = detect.Detector(fitted.vocabulary, fitted.weights, fitted.bias, shipped.threshold,
                                            shipped.scale, shipped.shift)
            train_x = [e for ev in plv_events if fold_of_row[ev.sentence] != k for e in ev.examples]
            fold_linker = L.fit(train_x + news_examples, L.C_DEFAULT)
            linker_mod.shipped = lambda model=fold_linker: model
            test = [e for e, f in zip(examples, fold_of_row) if f == k]
            with finder.using(fold_detector):
                counts = score_examples(test, nlp)["counts"]
            for key, value in counts.items():
                totals[key] = totals.get(key, 0) + value
            log(f"fold {k + 1}/{args.folds}: {len(test)} sentences, {len(kept_plv)} PLV detector rows, "
                f"{len(train_x)} PLV linker examples: {shares(counts)}")
    finally:
        linker_mod.shipped = shipped_linker
    result = {"plv": str(plv_path), "folds": args.folds, "cross_validated": shares(totals),
              "shipped_in_sample": shares(in_sample), "seconds": round(time.perf_counter() - started)}
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

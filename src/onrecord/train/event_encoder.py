"""Fine-tune the *accurate* event detector (``onrecord/models/event_encoder``).

Rows are exactly the linear detector's (``train.detector.event_set_rows`` on the
event set's dev and train splits, never heldout, plus ``plv_rows``). Each is
turned into ``events.event_encoder.trigger_text`` (the lexicon's type, the
sentence window, the trigger marked) and all-MiniLM-L6-v2 is fine-tuned, with the
PLOVER encoder's recipe (``train.plover_encoder.fine_tune``/``export``), to say
whether it is a real event of the lexicon's type: the target is ``right_type``
for candidates the lexicon fires on (what the event set's precision counts), the
label for labelled words it does not fire on, 1 for PLV rows.

``cross_validate`` compares, on grouped 5-fold cross-validation by article (PLV
rows always in training, never scored), the linear detector refitted per fold
with the shipped setting, the encoder, and the mean of their calibrated
probabilities, at the threshold ``train.detector.best_threshold`` picks (0.9 of
the lexicon's recall) and at fixed recalls. Needs ``pip install
'onrecord[train-encoder]'`` and scikit-learn.
"""
from __future__ import annotations

import json
import pickle
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from ..events.event_encoder import (
    CALIBRATION,
    CLASSES,
    MAX_TOKENS,
    log_odds,
    open_model,
    trigger_text,
)
from . import detector as D
from . import plover_encoder as P

EPOCHS = 3
LEARNING_RATE = 5e-5
FOLDS = 5
SEED = 0
FIXED_RECALLS = (0.5, 0.4, 0.3, 0.2)
# The linear detector's shipped setting (models/event_detector/detector.json): C, word features, unfired rows, PLV weight.
LINEAR_C = 0.3
LINEAR_PLV_WEIGHT = 1.0


def cached_rows(shared: Path, gold: Path, cache: Path) -> tuple[D.Rows, list[D.Row]]:
    """The linear detector's rows (event set dev + train, and PLV), parsed once and kept in ``cache/rows.pkl``."""
    path = cache / "rows.pkl"
    if path.is_file():
        return pickle.loads(path.read_bytes())
    from ..pipeline import load

    nlp = load(None, False, "fast")
    with D._events_pipe(nlp).using(None):  # the candidates as the lexicon alone makes them
        data = D.event_set_rows(nlp, gold, shared)
        extra = D.plv_rows(nlp, shared / "plover" / "train" / "PLV_train.tsv")
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps((data, extra)))
    return data, extra


def _type(row: D.Row) -> str:
    return next((f.split("=", 1)[1] for f in row.features if f.startswith("type=")), "NONE")


def target(row: D.Row) -> int:
    """What the encoder learns: a real event of the lexicon's type (see the module docstring)."""
    return int(row.right_type) if row.fired and row.split != "plv" else int(row.label)


def texts(rows: list[D.Row]) -> list[str]:
    return [trigger_text(r.text, r.trigger, _type(r)) for r in rows]


def fold_of(rows: list[D.Row], folds: int = FOLDS) -> dict[str, int]:
    """Each article's fold: articles shuffled once (seed 0), then dealt round."""
    articles = sorted({r.group for r in rows})
    random.Random(SEED).shuffle(articles)
    return {a: k % folds for k, a in enumerate(articles)}


def fit_encoder(rows: list[D.Row], out_dir: Path, *, log=print) -> Path:
    """Fine-tune on ``rows`` and export int8 ONNX to ``out_dir`` (without calibration)."""
    model, tokenizer = P.fine_tune(texts(rows), [CLASSES[target(r)] for r in rows], log=log, classes=CLASSES,
                                   epochs=EPOCHS, learning_rate=LEARNING_RATE, max_length=MAX_TOKENS, bucket=True)
    meta = {"classes": list(CLASSES), "epochs": EPOCHS, "learning_rate": LEARNING_RATE, "max_tokens": MAX_TOKENS}
    return P.export(model, tokenizer, out_dir, meta=meta)


def _encoder_scores(model_dir: Path, rows: list[D.Row]) -> np.ndarray:
    return log_odds(open_model(model_dir, threads=2), texts(rows))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def out_of_fold(data: D.Rows, plv: list[D.Row], *, checkpoints: Path, log=print,
                saved_only: bool = False) -> dict[str, np.ndarray]:
    """Out-of-fold log-odds of the linear detector and of the encoder for every event-set row.
    Each fold's encoder scores are saved to ``checkpoints`` and read back on a rerun;
    ``saved_only``: fit no encoder, score only the folds already saved ("scored" marks their rows)."""
    rows = data.rows
    folds = fold_of(rows)
    linear, encoder, scored = np.zeros(len(rows)), np.zeros(len(rows)), np.zeros(len(rows), dtype=bool)
    checkpoints.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    for k in range(FOLDS):
        test = [i for i, r in enumerate(rows) if folds[r.group] == k]
        saved = checkpoints / f"encoder_fold{k}.npy"
        if saved_only and not saved.is_file():
            continue
        scored[test] = True
        train = [r for r in rows if folds[r.group] != k]
        model = D.fit(train, LINEAR_C, extra=plv, extra_weight=LINEAR_PLV_WEIGHT)
        linear[test] = [model.score(rows[i].features) for i in test]
        if saved.is_file():
            encoder[test] = np.load(saved)
            log(f"fold {k + 1}/{FOLDS}: encoder scores read from {saved}")
            continue
        log(f"fold {k + 1}/{FOLDS}: {len(train)} + {len(plv)} PLV training rows, {len(test)} test rows")
        with tempfile.TemporaryDirectory() as tmp:
            fit_encoder(train + plv, Path(tmp), log=log)
            encoder[test] = _encoder_scores(Path(tmp), [rows[i] for i in test])
        np.save(saved, encoder[test])
        log(f"fold {k + 1}/{FOLDS} done ({time.perf_counter() - t0:.0f}s so far)")
    return {"linear": linear, "encoder": encoder, "scored": scored}


def calibrated(rows: list[D.Row], scores: dict[str, np.ndarray]) -> dict[str, tuple[np.ndarray, tuple[float, float]]]:
    """Each scorer's Platt-calibrated probabilities (and its scale, shift); "average" is the mean
    of the linear and encoder probabilities, itself Platt-calibrated on its log-odds."""
    out = {}
    for name in ("linear", "encoder"):
        scale, shift = D.calibrate(rows, scores[name])
        out[name] = (D._sigmoid(scale * scores[name] + shift), (scale, shift))
    mean = _logit(0.5 * (out["linear"][0] + out["encoder"][0]))
    scale, shift = D.calibrate(rows, mean)
    out["average"] = (D._sigmoid(scale * mean + shift), (scale, shift))
    return out


def precision_at_recall(rows: list[D.Row], probabilities: np.ndarray, recall: float, real_events: int) -> dict:
    """The highest precision among thresholds whose recall is at least ``recall`` (fired rows),
    over every distinct probability (not the 0.01 grid), so scorers compare at the same recall."""
    fired = sorted(((p, r) for p, r in zip(probabilities, rows) if r.fired), key=lambda x: -x[0])
    best, right, real = None, 0, 0
    for kept, (_, r) in enumerate(fired, 1):
        right += r.right_type
        real += r.label
        if real / real_events >= recall and (best is None or right / kept > best["precision"]):
            best = {"recall": round(real / real_events, 3), "precision": round(right / kept, 3), "kept": kept}
    return best or {"recall": None, "precision": None, "kept": 0}


def compare(data: D.Rows, scores: dict[str, np.ndarray]) -> dict:
    """The table of the docs: each scorer at ``best_threshold`` and at fixed recalls."""
    rows = data.rows
    out = {"rows": len(rows), "real_events": data.real_events,
           "lexicon_alone": D.score_at(rows, np.ones(len(rows)), 0.0, data.real_events)}
    for name, (probabilities, (scale, shift)) in calibrated(rows, scores).items():
        out[name] = {"scale": scale, "shift": shift,
                     "best_threshold": D.best_threshold(rows, probabilities, data.real_events),
                     "at_recall": {str(r): precision_at_recall(rows, probabilities, r, data.real_events)
                                   for r in FIXED_RECALLS}}
    return out


def cross_validate(data: D.Rows, plv: list[D.Row], *, checkpoints: Path, log=print, saved_only: bool = False,
                   gold: Path | None = None) -> dict:
    """Out-of-fold scores and ``compare``. With ``saved_only`` only the folds already saved are
    compared, on their articles (``gold`` gives those articles' real events, recall's denominator)."""
    scores = out_of_fold(data, plv, checkpoints=checkpoints, log=log, saved_only=saved_only)
    np.savez(checkpoints / ("scores_partial.npz" if saved_only else "scores.npz"), **scores)
    scored = scores.pop("scored")
    if scored.all():
        return compare(data, scores)
    if gold is None:
        raise ValueError("comparing on some folds needs the gold file for their real events")
    from ..evaluate.events import read_gold

    articles = {r.group for r, s in zip(data.rows, scored) if s}
    real = sum(g.is_event for g in read_gold(gold) if g.split in D.TRAIN_SPLITS and g.article in articles)
    subset = D.Rows([r for r, s in zip(data.rows, scored) if s], real_events=real)
    result = compare(subset, {k: v[scored] for k, v in scores.items()})
    result["folds_scored"] = int(sum((checkpoints / f"encoder_fold{k}.npy").is_file() for k in range(FOLDS)))
    result["articles"] = len(articles)
    return result


def train(data: D.Rows, plv: list[D.Row], output: Path, cv: dict, *, log: Callable[[str], None] = print) -> Path:
    """Fit on every row, then write the calibration cross-validation chose (encoder alone or averaged)."""
    fit_encoder(data.rows + plv, output, log=log)
    return _write_calibration(output, cv)


def train_selected_on_dev(data: D.Rows, plv: list[D.Row], output: Path, *,
                          log: Callable[[str], None] = print) -> dict:
    """One fine-tuning instead of six: fit on the event set's train split and PLV, then
    choose the calibration and threshold on the dev split's rows, which that model never
    saw; the model shipped is that one (dev's articles are not in its training). The
    linear detector is refitted the same way, so the comparison is like for like.
    Returns the comparison, also written to the calibration file."""
    train_rows = [r for r in data.rows if r.split != "dev"]
    dev_rows = [r for r in data.rows if r.split == "dev"]
    log(f"{len(train_rows)} + {len(plv)} PLV training rows, {len(dev_rows)} dev rows")
    fit_encoder(train_rows + plv, output, log=log)
    linear = D.fit(train_rows, LINEAR_C, extra=plv, extra_weight=LINEAR_PLV_WEIGHT)
    scores = {"linear": np.array([linear.score(r.features) for r in dev_rows]),
              "encoder": _encoder_scores(output, dev_rows)}
    result = compare(D.Rows(dev_rows, real_events=data.dev_real_events), scores)
    result["selected_on"] = "dev"
    _write_calibration(output, result)
    return result


def _write_calibration(output: Path, cv: dict) -> Path:
    """The calibration file: the encoder alone or the mean, whichever is more precise at its threshold."""
    average = cv["average"]["best_threshold"]["precision"] > cv["encoder"]["best_threshold"]["precision"]
    chosen = cv["average" if average else "encoder"]
    (output / CALIBRATION).write_text(json.dumps({
        "scale": chosen["scale"], "shift": chosen["shift"], "threshold": chosen["best_threshold"]["threshold"],
        "average": average, "encoder_scale": cv["encoder"]["scale"], "encoder_shift": cv["encoder"]["shift"],
        "cross_validation": cv}, indent=1) + "\n", encoding="utf-8")
    return output

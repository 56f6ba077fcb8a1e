"""Event detector experiments (docs/accuracy.md, thirteenth session): feature conjunctions
and gradient-boosted trees against the shipped one-hot features, by grouped 10-fold
cross-validation over the event set's dev and train articles (PLV_train rows always in
training). Needs ``pip install 'onrecord[train]'``; parses once and caches the rows.

    PYTHONPATH=src python scripts/detector_feature_experiments.py ../shared/data base lemma_actors \
        type_domain+lemma_domain type_src lemma_dep type_fact gb

Variants: ``base``; any of lemma_actors, type_domain, lemma_domain, type_src, lemma_dep,
type_fact joined by "+"; ``gb`` for the trees. Prints one line per variant. The figures in
docs/accuracy.md came from rows parsed on commit 14d429f; later entity rules may move a few.
"""
import pickle
import sys
from pathlib import Path

import numpy as np

from onrecord.train import detector as D

SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data")
CACHE = Path("/tmp/onrecord_detector_rows.pkl")
if CACHE.exists():
    data, extra = pickle.load(open(CACHE, "rb"))
else:
    from onrecord.pipeline import load
    nlp = load(None, False, "fast")
    with D._events_pipe(nlp).using(None):
        data = D.event_set_rows(nlp, Path("tests/data/events/events.jsonl"), SHARED,
                                progress=lambda d, n: print(d, n, file=sys.stderr) if d % 20 == 0 else None)
        extra = D.plv_rows(nlp, SHARED / "plover/train/PLV_train.tsv")
    pickle.dump((data, extra), open(CACHE, "wb"))
print(len(data.rows), len(extra), data.real_events, file=sys.stderr)

def pick(fs, key):
    return [f.split("=", 1)[1] for f in fs if f.startswith(key + "=")]

def conj(fs, which):
    out = list(fs)
    lem = pick(fs, "lemma"); act = pick(fs, "actors"); typ = pick(fs, "type"); dom = pick(fs, "domain")
    src = pick(fs, "src"); tgt = pick(fs, "tgt"); fact = pick(fs, "fact"); dep = pick(fs, "dep")
    if "lemma_actors" in which:
        out += [f"lemma_actors={l}|{a}" for l in lem for a in act]
    if "type_domain" in which:
        out += [f"type_domain={t}|{d}" for t in typ for d in dom]
    if "lemma_domain" in which:
        out += [f"lemma_domain={l}|{d}" for l in lem for d in dom]
    if "type_src" in which:
        out += [f"type_src={t}|{s}" for t in typ for s in src] + [f"type_tgt={t}|{s}" for t in typ for s in tgt]
    if "lemma_dep" in which:
        out += [f"lemma_dep={l}|{d}" for l in lem for d in dep]
    if "type_fact" in which:
        out += [f"type_fact={t}|{f}" for t in typ for f in fact]
    return out

def with_feats(rows, which):
    return [D.Row(conj(r.features, which), r.label, r.group, r.fired, r.right_type, r.split) for r in rows]

groups = sorted({r.group for r in data.rows})
rng = np.random.RandomState(0); perm = rng.permutation(len(groups))
fold_of = {g: perm[i] % 10 for i, g in enumerate(groups)}

def oof_lr(rows, extra, c):
    scores = np.zeros(len(rows))
    for k in range(10):
        train = [r for r in rows if fold_of[r.group] != k]
        m = D.fit(train, c, extra=extra)
        for i, r in enumerate(rows):
            if fold_of[r.group] == k:
                scores[i] = m.score(r.features)
    return scores

def report(name, rows, scores):
    scale, shift = D.calibrate(rows, scores)
    p = D._sigmoid(scale * scores + shift)
    best = D.best_threshold(rows, p, data.real_events)
    from sklearn.metrics import roc_auc_score, average_precision_score
    fired = [i for i, r in enumerate(rows) if r.fired]
    y = np.array([rows[i].right_type for i in fired]); s = p[fired]
    line = [name, f"best t={best['threshold']} P={best['precision']} R={best['recall']}",
            f"AP={average_precision_score(y, s):.3f} AUC={roc_auc_score(y, s):.3f}"]
    for t in (0.25, 0.5):
        a = D.score_at(rows, p, t, data.real_events); line.append(f"@{t}: {a['precision']}/{a['recall']}")
    # precision at fixed recall, from one pass over the thresholds
    cand = [D.score_at(rows, p, t, data.real_events) for t in D.THRESHOLDS]
    for rr in (0.5, 0.4, 0.3):
        ok = [c for c in cand if c["recall"] >= rr]
        line.append(f"P@R{rr}={max(c['precision'] for c in ok) if ok else 0}")
    print("  ".join(line), flush=True)

variants = sys.argv[2:] or ["base"]
for v in variants:
    if v.startswith("gb"):
        continue
    which = set(v.split("+")) - {"base"}
    for c in (0.3,):
        rows = with_feats(data.rows, which); ex = with_feats(extra, which)
        report(f"{v} C={c}", rows, oof_lr(rows, ex, c))
if "gb" in variants:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from collections import Counter
    cnt = Counter(f for r in data.rows + extra for f in set(r.features))
    vocab = {f: i for i, f in enumerate(f for f, n in cnt.items() if n >= 5)}
    def X(rows):
        m = np.zeros((len(rows), len(vocab)), dtype=np.float32)
        for i, r in enumerate(rows):
            for f in r.features:
                if f in vocab: m[i, vocab[f]] = 1
        return m
    Xa = X(data.rows); Xe = X(extra); ya = np.array([r.label for r in data.rows]); ye = np.ones(len(extra))
    scores = np.zeros(len(data.rows))
    for k in range(10):
        tr = np.array([fold_of[r.group] != k for r in data.rows])
        m = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, max_leaf_nodes=15, l2_regularization=1.0)
        m.fit(np.vstack([Xa[tr], Xe]), np.concatenate([ya[tr], ye]))
        te = ~tr
        pr = np.clip(m.predict_proba(Xa[te])[:, 1], 1e-6, 1 - 1e-6)
        scores[te] = np.log(pr / (1 - pr))
    report("gb", data.rows, scores)

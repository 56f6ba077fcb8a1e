"""Score PLOVER event classification on the PLV data set (Zero-Shot-PLOVER, ACL 2024).

Each PLV row is one sentence with its source (<s>…</s>) and target (<t>…</t>)
marked and a gold PLOVER root (YIELD = CONCEDE + RETREAT). We predict with
``onrecord.events.classify_pair`` and map CONCEDE/RETREAT → YIELD.

``profile="accurate"`` scores the fine-tuned encoder (``events.encoder``)
instead of the linear model; its cross-validation needs torch
(``onrecord.train.plover_encoder``) and is reported as skipped without it.

Three numbers, honestly labelled:

1. ``cv``: k-fold cross-validation of the shipped training procedure
   (``onrecord.train.plover.fit`` with the shipped settings), folds grouped so
   near-duplicate sentences (word Jaccard ≥ 0.6) never straddle train and test.
   This is the headline estimate.
2. ``rules``: lexicon + rules only, no trained weights.
3. ``shipped``: the shipped weights on the whole file they were trained on
   (optimistic: training accuracy).

PLV_train.tsv comes from snowood1/Zero-Shot-PLOVER with no licence stated
(research use only); the file is read from ../shared and never shipped.
Training needs scikit-learn (the ``cv`` part only).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from onrecord.errors import DataNotFoundError, MissingDependencyError
from onrecord.evaluate.plv_scores import format_plv_report, score
from onrecord.events.classify import classify_pair, default_model, rule_type
from onrecord.events.encoder import default_encoder, marked_text
from onrecord.schema import plv_root
from onrecord.train import plover as T
from onrecord.train.plover_encoder import cross_validate



def _predict_root(model, doc, src, tgt) -> str | None:
    if src is None:
        return None
    if model is None:
        typ, _ = rule_type(doc, src, tgt)
    else:
        typ = classify_pair(doc, src, tgt, model=model)[0]
    return plv_root(typ) if typ else None


PROFILES = ("fast", "accurate")


@dataclass
class _Parsed:
    """A PLV file read and parsed once, with the rules-only scores every profile reports."""

    path: Path
    examples: list
    docs: list
    pairs: list
    gold: list[str]
    rules: dict
    seconds: float

    def result(self, folds: int) -> dict:
        return {"n": len(self.examples), "folds": folds, "groups": len({e.group for e in self.examples}),
                "rules": self.rules}


def _existing(path) -> Path:
    path = Path(path)
    if not path.is_file():
        raise DataNotFoundError(f"PLV file not found: {path}")
    return path


def _parse(path, nlp) -> _Parsed:
    path = _existing(path)
    t0 = time.perf_counter()
    examples = T.load_plv(path)
    docs = T.parse_all(examples, nlp)
    pairs = [T.pair_spans(d, e) for d, e in zip(docs, examples)]
    gold = [e.label for e in examples]
    rules = score(gold, [_predict_root(None, d, s, t) for d, (s, t) in zip(docs, pairs)])
    return _Parsed(path, examples, docs, pairs, gold, rules, time.perf_counter() - t0)


def _check_profile(profile: str, allowed: tuple[str, ...]) -> None:
    if profile not in allowed:
        raise ValueError(f"unknown profile {profile!r}: choose one of {', '.join(allowed)}")


def evaluate_plv(path, *, folds: int = 5, nlp=None, synthetic_zip=None, profile: str = "fast",
                 log=None) -> dict:
    """Evaluate on a PLV tsv: {'cv', 'rules', 'shipped', 'n', 'seconds', ...}.

    ``profile="fast"`` scores the linear model; ``"accurate"`` the fine-tuned
    encoder (``events.encoder``), whose cross-validation needs torch and is
    skipped, with the reason in ``cv_skipped``, when torch is not installed.
    """
    _check_profile(profile, PROFILES)
    if profile == "accurate":
        _existing(path)
        default_encoder()  # fails before the parse, naming the extra, when it cannot run
        return _evaluate_encoder(_parse(path, nlp), folds, log)
    return _evaluate_linear(_parse(path, nlp), folds, nlp, synthetic_zip)


def _evaluate_linear(parsed: _Parsed, folds: int, nlp, synthetic_zip) -> dict:
    """Rules, grouped k-fold CV of the shipped training procedure, and the shipped weights."""
    t0 = time.perf_counter()
    examples, docs, pairs, gold = parsed.examples, parsed.docs, parsed.pairs, parsed.gold
    result = parsed.result(folds)
    if folds and folds > 1:
        feats = T.featurize(examples, docs)
        synth = synth_feats = None
        if synthetic_zip:
            synth = T.load_synthetic(synthetic_zip)
            synth_feats = T.featurize(synth, T.parse_all(synth, nlp))
        fold_of = T.fold_of(examples, folds)
        pred: list[str | None] = [None] * len(examples)
        for k in range(folds):
            tr = [i for i, e in enumerate(examples) if fold_of[e.group] != k and feats[i] is not None]
            X = [feats[i] for i in tr]
            y = [gold[i] for i in tr]
            w = [1.0] * len(X)
            if synth:
                for e, f in zip(synth, synth_feats):
                    if f is not None:
                        X.append(f)
                        y.append(e.label)
                        w.append(T.SYNTH_WEIGHT)
            model = T.fit(X, y, w)
            for i, e in enumerate(examples):
                if fold_of[e.group] == k:
                    s, t = pairs[i]
                    pred[i] = _predict_root(model, docs[i], s, t)
        result["cv"] = score(gold, pred)

    # the shipped weights on the whole file (trained on PLV_train: optimistic there)
    shipped = default_model()
    if shipped is not None:
        result["shipped"] = score(gold, [_predict_root(shipped, d, s, t) for d, (s, t) in zip(docs, pairs)])
    result["seconds"] = parsed.seconds + time.perf_counter() - t0
    return result


def _evaluate_encoder(parsed: _Parsed, folds: int, log) -> dict:
    """Rules, the shipped encoder, and (with torch) its grouped cross-validation."""
    t0 = time.perf_counter()
    encoder = default_encoder()
    result = parsed.result(folds)
    result["profile"] = "accurate"
    if folds and folds > 1:
        try:
            result["cv"] = cross_validate(parsed.path, folds, log=log or (lambda _msg: None))["cv"]
        except MissingDependencyError as error:   # no torch: the other scores still stand
            result["cv_skipped"] = str(error)
    probs = encoder.proba_texts([marked_text(e.text, e.src, e.tgt) for e in parsed.examples])
    result["shipped"] = score(parsed.gold, [encoder.classes[int(p.argmax())] for p in probs])
    result["seconds"] = parsed.seconds + time.perf_counter() - t0
    return result


def evaluate_profiles(path, *, folds: int = 5, profile: str = "both", log=None) -> dict:
    """{'fast': ..., 'accurate': ...} for ``profile`` "fast", "accurate" or "both".

    The file is read and parsed once for both. With "both", the accurate
    profile's shipped encoder is scored without cross-validation (that takes
    about 20 minutes and torch: ask for ``profile="accurate"``), and when it
    cannot run, ``accurate_unavailable`` says why instead of failing the fast scores.
    """
    _check_profile(profile, PROFILES + ("both",))
    if profile == "accurate":
        return {"accurate": evaluate_plv(path, folds=folds, profile="accurate", log=log)}
    parsed = _parse(path, None)
    out: dict = {"fast": _evaluate_linear(parsed, folds, None, None)}
    if profile == "both":
        try:
            out["accurate"] = _evaluate_encoder(parsed, 0, log)
        except MissingDependencyError as error:
            out["accurate_unavailable"] = str(error)
    return out


def format_profiles_report(results: dict) -> str:
    parts = [format_plv_report(results[key], per_class=key == "fast" or "cv" in results[key])
             for key in ("fast", "accurate") if key in results]
    if "accurate_unavailable" in results:
        parts.append(f"accurate profile not scored: {results['accurate_unavailable']}")
    elif "accurate" in results and "cv" not in results["accurate"] and "cv_skipped" not in results["accurate"]:
        parts.append("(the accurate profile's cross-validation: onrecord eval plv --profile accurate, "
                     "with torch installed; about 20 minutes on 2 cores)")
    return "\n\n".join(parts)

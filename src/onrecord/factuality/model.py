"""The learned factuality model and the documented mapping from its scores to onrecord's labels.

The model (``models/factuality/model.npz``, trained by ``onrecord train
factuality``; model card in that folder's README) reads ``features.features``
and gives two numbers for a predicate:

* ``value``: the UDS It Happened score, positive when the text presents the
  event as having happened, negative when it did not (negated, future, wished,
  conditional, asked, ordered...); near 0 where annotators disagreed;
* ``confidence``: how sure annotators would be (0-4).

Mapping (thresholds in ``meta.json``, chosen on UDS dev, never on MEANTIME):

* happened = ``value > thresholds.happened``.
* Event factuality: happened -> "asserted". Otherwise the model has decided the
  event is not asserted, and structure says which kind, first match wins
  (``kind_of``): the rule cascade's own label when it has one (``event.analyse``);
  else hypothetical (an ``if``/``unless`` clause, or a would/could/might on the
  predicate or its governor: "X sending arms to Y would be a mistake");
  demanded (an imperative); negated (an odd number of negations on the
  predicate and its governors, "no" on a governor's object included: "had no
  evidence that ..."); future (a to-infinitive, will/shall/going to); possible
  (anything else: the model doubts it happened and nothing says why).
* MEANTIME polarity: NEG when not happened and the negations over the
  predicate (rules' parity, else the features' parity) are odd.
* MEANTIME certainty: POSSIBLE when ``|value| < thresholds.possible`` (the
  annotators would disagree), CERTAIN when ``confidence >=
  thresholds.certain_confidence``, else PROBABLE.
* MEANTIME time: FUTURE when not happened and the rules find a future cue or
  the predicate has a modal, ``to`` or imperative form; else NON_FUTURE.

When the model file is missing, ``predict`` returns None and callers use the
rule cascade alone (``event.analyse``), as before the model existed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Token

from onrecord import lexicon

from .event import Context, analyse, emotive_factive
from .features import features

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "factuality"
_HYPOTHETICAL_MODALS = lexicon.words("factuality/words.tsv", "supposing_modal")  # would, could, might
_FUTURE_AUX = lexicon.words("factuality/words.tsv", "future_aux")
_CONDITIONAL = lexicon.words("factuality/words.tsv", "conditional_mark")
# UDS annotates verbal predicates only (README of the data: no nominal events), so the model
# decides for these parts of speech and the rules alone for event nouns.
VERBAL = frozenset({"VERB", "AUX", "ADJ"})
# UDS annotators split on negated events and take hedged reports ("reportedly", "allegedly") at
# face value: its score cannot tell these kinds from asserted ones, so structure decides them.
UNDECIDED_BY_SCORE = frozenset({"negated", "possible"})


@dataclass(frozen=True)
class Thresholds:
    happened: float = 0.0
    sure: float = 0.7
    sure_not: float = -0.7


@dataclass(frozen=True)
class Scores:
    value: float
    confidence: float
    happened: bool


class FactualityModel:
    """Numpy forward pass over the named features (unknown features are ignored)."""

    def __init__(self, directory: Path) -> None:
        with np.load(directory / "model.npz", allow_pickle=False) as data:
            vocab = [str(v) for v in data["vocab"]]
            self.layers = []
            k = 0
            while f"w{k}" in data:
                self.layers.append((data[f"w{k}"].astype(np.float32), data[f"b{k}"].astype(np.float32)))
                k += 1
        self.index = {f: i for i, f in enumerate(vocab)}
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        self.thresholds = Thresholds(**meta["thresholds"])
        self.meta = meta

    def raw(self, feats: list[str]) -> np.ndarray:
        index = self.index
        idx = list({index[f] for f in feats if f in index})
        w0, b0 = self.layers[0]
        h = np.add.reduce(w0.take(idx, axis=0), axis=0) + b0
        for w, b in self.layers[1:]:
            h = np.maximum(h, 0.0) @ w + b
        return h

    def scores(self, feats: list[str]) -> Scores:
        out = self.raw(feats)
        value = float(out[0])
        confidence = float(out[1]) * 2.0 + 2.0
        return Scores(value, confidence, value > self.thresholds.happened)


@lru_cache(maxsize=1)
def load(directory: str | None = None) -> FactualityModel | None:
    """The shipped model, or None when its files are missing (the rules are then used alone)."""
    d = Path(directory) if directory else MODEL_DIR
    if not (d / "model.npz").exists() or not (d / "meta.json").exists():
        return None
    return FactualityModel(d)


def _feature_negated(feats: list[str]) -> bool:
    return "scoped_neg_parity=1" in feats


def negated(ctx: Context, feats: list[str]) -> bool:
    """Odd negation over the predicate. The rules count negating verbs too ("denied",
    "failed"); the features add negation on a governor's object ("had no evidence that")."""
    return ctx.negated or (ctx.negations == 0 and _feature_negated(feats))


WH_TAGS = ("WDT", "WP", "WP$", "WRB")


def polar_question(token: Token) -> bool:
    """A yes/no question about the predicate ("Did the navy block the harbour?") leaves it
    open; a wh-question before it ("Why did the navy block …?", "Who fired?") presupposes it."""
    sent = token.sent
    if "?" not in [t.text for t in sent[-2:]]:
        return False
    return not any(t.tag_ in WH_TAGS for t in sent if t.i < token.i)


def _factive_clause(token: Token) -> bool:
    """An emotive factive's clause ("proud to endorse") with no modal on the copula;
    "would be glad to help" is an offer."""
    if not emotive_factive(token):
        return False
    adjective = token.head
    copula = adjective.head if adjective.dep_ == "acomp" else adjective
    return not any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_MODALS | _FUTURE_AUX for c in copula.children)


def kind_of(ctx: Context, feats: list[str], polar: bool = True, factive: bool = False) -> str | None:
    """Which kind of not-asserted event the structure says this is, or None when nothing
    in the structure says it is not asserted."""
    if ctx.factuality != "asserted":
        return ctx.factuality
    if ctx.cues:
        return None  # the rules weighed cues and found them to cancel ("did not fail to reach")
    fs = set(feats)
    own_aux = {f.split("=", 1)[1] for f in fs if f.startswith(("own:aux=", "g1_aux="))}
    if any(f"own:mark={m}" in fs or f"own:advcl_mark={m}" in fs for m in _CONDITIONAL) or own_aux & _HYPOTHETICAL_MODALS:
        return "hypothetical"
    if "imperative" in fs:
        return "demanded"
    if negated(ctx, feats):
        return "negated"
    if "question" in fs and polar:
        return "possible"  # "Did the navy block the harbour?"; "Why did it block …?" presupposes the act
    if ("form=to-inf" in fs and not factive) or own_aux & _FUTURE_AUX:
        return "future"
    return None


def decide(kind: str | None, scores: Scores, th: Thresholds) -> str:
    """Event factuality from the structure's kind and the model's score (module docstring)."""
    if kind in UNDECIDED_BY_SCORE:
        return kind
    if scores.value >= th.sure:
        return "asserted"  # the model is sure it happened: a future, condition or demand cue misled
    if kind is not None:
        return kind
    # the structure sees nothing: the model decides only when it is sure it did not happen
    return "possible" if scores.value <= th.sure_not else "asserted"


@dataclass(frozen=True)
class Reading:
    """Everything the model and the rules say about one predicate."""

    factuality: str
    polarity: str
    certainty: str
    time: str
    scores: Scores | None
    context: Context


def read(token: Token, model: FactualityModel | None = None) -> Reading:
    """The factuality of ``token`` from the learned model (the rules alone when it is missing
    or ``token`` is not verbal)."""
    ctx = analyse(token)
    model = model if model is not None else load()
    if model is None or token.pos_ not in VERBAL:
        if ctx.factuality == "asserted" and polar_question(token):
            return Reading("possible", "NEG" if ctx.negated else "POS", "POSSIBLE", "NON_FUTURE", None, ctx)
        return Reading(ctx.factuality, "NEG" if ctx.negated else "POS", ctx.certainty,
                       "FUTURE" if ctx.future else "NON_FUTURE", None, ctx)
    feats = features(token, ctx)
    s = model.scores(feats)
    th = model.thresholds
    kind = kind_of(ctx, feats, polar_question(token), _factive_clause(token))
    label = decide(kind, s, th)
    sure = s.value >= th.sure  # the model is sure it happened: no hedge, no future
    if sure:
        certainty = "CERTAIN"
    elif label == "possible" and ctx.factuality != "possible":
        certainty = "POSSIBLE"  # a question, or the model sure it did not happen with no cue to say why
    else:
        certainty = ctx.certainty
    future = not sure and (ctx.future or label in ("future", "demanded"))
    return Reading(label, "NEG" if negated(ctx, feats) else "POS", certainty, "FUTURE" if future else "NON_FUTURE", s, ctx)

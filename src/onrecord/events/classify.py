"""Type a PLOVER event between a given source and target (the PLV task).

The trigger is the lowest common ancestor of the source and target heads in the
dependency tree (or, when one argument dominates the other, the nearest lexicon
trigger / governing word); a verb of saying that dominates the target is replaced
by the reported event on the path down to it ("X said it would free Y" → free),
with the speech verb kept as a feature. Features — trigger lemma and particle, governed
``xcomp`` verb, lexicon types, dependency-path lemmas, window words, argument
dependencies, negation — are scored by a linear model (``models/plover/linear.npz``,
trained by ``onrecord.train.plover``) with plain numpy. Without weights the
lexicon + rules decide (``rule_type``).

The model predicts PLV roots, where YIELD = CONCEDE + RETREAT; ``classify_pair``
splits YIELD back into CONCEDE or RETREAT with the lexicon (withdraw, release,
ceasefire, resign … → RETREAT).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from onrecord import lexicon
from onrecord.events.trigger_lexicon import trigger_lexicon
from onrecord.schema import plv_root

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "plover" / "linear.npz"

_CONTENT = frozenset({"NOUN", "VERB", "ADJ", "PROPN", "ADV", "ADP"})
_RETREAT_LEMMAS = lexicon.words("events/words.tsv", "retreat_word")
_SPEECH = lexicon.words("events/speech_verbs.tsv", "pair_speech")


# --------------------------------------------------------------------------- trigger

def _ancestors(tok) -> list:
    out = [tok]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


def _lca(a, b):
    anc = {t.i: k for k, t in enumerate(_ancestors(a))}
    for t in _ancestors(b):
        if t.i in anc:
            return t
    return None


def find_trigger(doc, source, target):
    """Token linking ``source`` and ``target`` (spans; target may be None)."""
    lex = trigger_lexicon()
    hs = source.root
    if target is None:
        t = hs.head
        while t.head.i != t.i and t.pos_ not in ("VERB", "AUX", "NOUN"):
            t = t.head
        return t
    ht = target.root
    lca = _lca(hs, ht)
    if lca is None:  # different sentences: nearest lexicon token between them
        lca = hs.head
    src_idx = set(range(source.start, source.end))
    tgt_idx = set(range(target.start, target.end))
    if lca.i in src_idx or lca.i in tgt_idx:
        lo, hi = min(source.start, target.start), max(source.end, target.end)
        inside = [t for t in doc[lo:hi] if t.i not in src_idx and t.i not in tgt_idx
                  and lex.lookup(t) is not None]
        if inside:
            return inside[0]
        # the dominated argument's own governor ("Russia's invasion of Ukraine")
        for arg in (ht, hs):
            h = arg.head
            while h.i in src_idx or h.i in tgt_idx or h.pos_ == "ADP":
                if h.head.i == h.i:
                    break
                h = h.head
            if h.i not in src_idx and h.i not in tgt_idx:
                return h
    return reported_trigger(lca, target)


def reported_trigger(trig, target):
    """Descend from a speech verb to the reported event ("X said it would free Y" → free).

    When ``trig`` is a verb of saying that dominates the target, the first
    non-speech VERB/NOUN/ADJ/AUX on the dependency path from ``trig`` down to the
    target head (outside the target span) is the event; otherwise ``trig``.
    """
    if target is None or trig.lemma_.lower() not in _SPEECH:
        return trig
    up = _ancestors(target.root)
    ids = [t.i for t in up]
    if trig.i not in ids:
        return trig
    tgt_idx = range(target.start, target.end)
    for t in reversed(up[:ids.index(trig.i)]):
        if t.pos_ in ("VERB", "NOUN", "ADJ", "AUX") and t.i not in tgt_idx \
                and t.lemma_.lower() not in _SPEECH:
            return t
    return trig


def _speech_governor(trig):
    """The verb of saying that reports ``trig`` through a ccomp/xcomp/advcl chain, if any."""
    t = trig
    for _ in range(4):
        if t.head.i == t.i or t.dep_ not in ("ccomp", "xcomp", "advcl", "conj"):
            return None
        t = t.head
        if t.lemma_.lower() in _SPEECH:
            return t
    return None


def _path(a, b) -> list:
    """Tokens strictly between a and b on the dependency path."""
    anc_a = _ancestors(a)
    anc_b = _ancestors(b)
    ids_b = {t.i: k for k, t in enumerate(anc_b)}
    for k, t in enumerate(anc_a):
        if t.i in ids_b:
            return anc_a[1:k + 1] + anc_b[1:ids_b[t.i]][::-1]
    return []


# --------------------------------------------------------------------------- features

def features(doc, source, target, trig=None) -> list[str]:
    """Binary feature names for one (source, target) pair."""
    lex = trigger_lexicon()
    if trig is None:
        trig = find_trigger(doc, source, target)
    f: list[str] = []
    lem = trig.lemma_.lower()
    f.append("T=" + lem)
    f.append("TPOS=" + trig.pos_)
    for ty in lex.types(trig):
        f.append("LEX=" + ty)
    e = lex.lookup(trig)
    if e is not None:
        f.append("LEXB=" + e.type)
        if e.mode:
            f.append("LEXM=" + e.type + ":" + e.mode)
    neg = any(c.dep_ == "neg" for c in trig.children)
    if neg:
        f.append("NEG")
        if e is not None:
            f.append("NEG:" + e.type)
    for c in trig.children:
        d = c.dep_
        cl = c.lemma_.lower()
        if d == "prt":
            f.append("PRT=" + lem + "_" + cl)
        elif d in ("xcomp", "ccomp"):
            f.append("X=" + cl)
            f.append("TX=" + lem + "_" + cl)
            ce = lex.lookup(c)
            if ce is not None:
                f.append("XLEX=" + ce.type)
            if any(g.dep_ == "neg" for g in c.children):
                f.append("XNEG")
        elif d in ("dobj", "attr"):
            f.append("O=" + cl)
            ce = lex.lookup(c)
            if ce is not None:
                f.append("OLEX=" + ce.type)
        elif d == "prep":
            f.append("PREP=" + lem + "_" + cl)
        elif d == "aux" and cl in ("will", "would", "could", "may", "might", "should"):
            f.append("MODAL")
    sp = _speech_governor(trig)
    if sp is not None:
        f.append("SPEECH=" + sp.lemma_.lower())
        f.append("VIA_SPEECH")
    if target is not None:
        hs = source.root
        f.append("SD=" + hs.dep_)
        ht = target.root
        f.append("TD=" + ht.dep_)
        h = ht.head
        if h.pos_ == "ADP":
            f.append("TPREP=" + h.lower_)
            f.append("TTPREP=" + lem + "_" + h.lower_)
        if ht.ent_type_:
            f.append("TENT=" + ht.ent_type_)
        f.append("ORDER=" + ("st" if source.start < target.start else "ts"))
        for t in _path(hs, ht):
            if t.i == trig.i:
                continue
            f.append("P=" + t.lemma_.lower())
            pe = lex.lookup(t)
            if pe is not None:
                f.append("PLEX=" + pe.type)
        lo, hi = min(source.end, target.end), max(source.start, target.start)
        win = doc[lo:hi] if hi > lo else doc[lo:lo]
        after = doc[max(source.end, target.end):max(source.end, target.end) + 4]
    else:
        f.append("SD=" + source.root.dep_)
        f.append("NOTARGET")
        win = doc[source.end:source.end + 6]
        after = doc[source.end + 6:source.end + 10]
    for t in win:
        if t.pos_ in _CONTENT:
            f.append("W=" + t.lemma_.lower())
            we = lex.lookup(t)
            if we is not None:
                f.append("WLEX=" + we.type)
    for t in after:
        if t.pos_ in _CONTENT:
            f.append("A=" + t.lemma_.lower())
    if source is not None:
        f.append("SH=" + source.root.lemma_.lower())
    rt, _ = rule_type(doc, source, target, trig)
    if rt is not None:
        f.append("RULE=" + plv_root(rt))
    # speech verbs: the reported event is the ccomp ("X said it would attack Y")
    if lem in _SPEECH:
        for c in trig.children:
            if c.dep_ in ("ccomp", "xcomp", "advcl"):
                f.append("CC=" + c.lemma_.lower())
                ce = lex.lookup(c)
                if ce is not None:
                    f.append("CCLEX=" + ce.type)
    # sentence context: content lemmas and lexicon types anywhere in the sentence
    for t in trig.sent:
        if t.pos_ in ("NOUN", "VERB", "ADJ"):
            f.append("S=" + t.lemma_.lower())
            te = lex.lookup(t)
            if te is not None:
                f.append("SLEX=" + te.type)
    return f


# --------------------------------------------------------------------------- model

class LinearModel:
    """Multiclass linear scorer exported from scikit-learn (numpy only at runtime)."""

    def __init__(self, vocab: list[str], weights: np.ndarray, bias: np.ndarray, classes: list[str]):
        self.index = {f: k for k, f in enumerate(vocab)}
        self.W = weights.astype(np.float32)
        self.b = bias.astype(np.float32)
        self.classes = list(classes)

    @classmethod
    def load(cls, path: Path) -> "LinearModel":
        z = np.load(path, allow_pickle=False)
        return cls(list(z["vocab"]), z["W"], z["b"], list(z["classes"]))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        vocab = sorted(self.index, key=self.index.get)
        np.savez_compressed(path, vocab=np.array(vocab), W=self.W.astype(np.float16),
                            b=self.b, classes=np.array(self.classes))

    def proba(self, feats: list[str]) -> np.ndarray:
        idx = sorted({self.index[f] for f in feats if f in self.index})
        s = self.b + (self.W[idx].sum(axis=0) if idx else 0.0)
        s = s - s.max()
        p = np.exp(s)
        return p / p.sum()

    def pair_proba(self, doc, source, target, trig=None) -> np.ndarray:
        """Probabilities for a (source, target) pair (the interface ``EncoderModel`` shares)."""
        return self.proba(features(doc, source, target, trig))


@lru_cache(maxsize=1)
def default_model() -> LinearModel | None:
    return LinearModel.load(MODEL_PATH) if MODEL_PATH.exists() else None


# --------------------------------------------------------------------------- rules

def rule_type(doc, source, target, trig=None) -> tuple[str | None, str | None]:
    """Lexicon + rules only: (PLOVER type, mode) or (None, None)."""
    lex = trigger_lexicon()
    if trig is None:
        trig = find_trigger(doc, source, target)
    e = lex.lookup(trig)
    # a governing speech act decides ("agreed to withdraw" → AGREE)
    if e is not None:
        neg = any(c.dep_ == "neg" for c in trig.children)
        if neg and e.type in ("AGREE", "SUPPORT", "CONCEDE", "COOPERATE"):
            return "REJECT", None
        return e.type, e.mode
    cands = []
    for c in trig.children:
        if c.dep_ in ("xcomp", "ccomp", "dobj", "prep", "pcomp"):
            cands.append(c)
            cands.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
    if target is not None and source is not None:
        cands.extend(_path(source.root, target.root))
    for t in cands:
        ce = lex.lookup(t)
        if ce is not None:
            return ce.type, ce.mode
    # nearest lexicon word in the sentence
    sent = trig.sent
    best = None
    for t in sent:
        te = lex.lookup(t)
        if te is not None and (best is None or abs(t.i - trig.i) < best[0]):
            best = (abs(t.i - trig.i), te)
    if best:
        return best[1].type, best[1].mode
    return None, None


def split_yield(doc, trig, source=None, target=None) -> tuple[str, str | None]:
    """CONCEDE or RETREAT (with mode) for a YIELD prediction, from the lexicon."""
    lex = trigger_lexicon()
    toks = [trig] + [c for c in trig.children if c.dep_ in ("xcomp", "dobj", "ccomp", "conj")]
    if source is not None and target is not None:
        toks += _path(source.root, target.root)
    for t in toks:
        e = lex.lookup(t)
        if e is not None and e.type in ("RETREAT", "CONCEDE"):
            return e.type, e.mode
    for t in toks:
        if t.lemma_.lower() in _RETREAT_LEMMAS:
            return "RETREAT", None
    return "CONCEDE", None


def _mode_for(doc, trig, typ: str) -> str | None:
    lex = trigger_lexicon()
    for t in [trig] + list(trig.children):
        e = lex.lookup(t)
        if e is not None and e.type == typ:
            return e.mode
    return None


def classify_pair(doc, source, target, *, model=None):
    """(type, mode, confidence, trigger token index) for a given source/target pair.

    ``model`` is a ``LinearModel`` (default: the shipped one) or anything with
    ``pair_proba`` and ``classes`` over PLV roots, such as ``encoder.EncoderModel``.

    ``source``/``target`` are spaCy Spans of ``doc`` (``target`` may be None).
    Type is a PLOVER type (CONCEDE/RETREAT, never YIELD); type None when nothing
    fits (no model and no lexicon word in the sentence).
    """
    trig = find_trigger(doc, source, target)
    model = model or default_model()
    if model is None:
        typ, mode = rule_type(doc, source, target, trig)
        if typ is None:
            return None, None, 0.0, trig.i
        return typ, mode, 0.5, trig.i
    p = model.pair_proba(doc, source, target, trig)
    k = int(p.argmax())
    root = model.classes[k]
    conf = float(p[k])
    if root == "YIELD":
        typ, mode = split_yield(doc, trig, source, target)
        return typ, mode, conf, trig.i
    return root, _mode_for(doc, trig, root), conf, trig.i


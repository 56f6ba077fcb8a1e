"""A learned argument linker: (trigger, candidate) -> source / target / none.

The dependency rules (``onrecord.events.arguments``) give each trigger its
sources and targets. This module scores every actor candidate of the
sentence (noun-chunk heads, entity heads, pronouns) against a trigger with a
multinomial logistic regression over parse features: the dependency path
between the two, direction and distance, the candidate's dependency label,
entity type and part of speech, the trigger's part of speech, voice and event
type, the prepositions on the path, and what the rules chose. Training and the
cross-validated comparison with the rules are in ``onrecord.train.linker``;
scoring needs numpy only.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import OnrecordError
from .arguments import LIGHT_VERBS, phrase_span
from .places import locative_place, place_modifier
from .trigger_lexicon import trigger_lexicon

ROLES = ("none", "source", "target")
MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "argument_linker"
MAX_PATH = 4  # dependency arcs on each side of the path kept as a feature; longer paths are "long"
_CANDIDATE_POS = frozenset({"NOUN", "PROPN", "PRON"})
_NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})


class LinkerModelError(OnrecordError):
    """The argument linker's weights are missing or do not match its vocabulary."""


# --------------------------------------------------------------------------- candidates

def _sentence_chunks(sent) -> list:
    """The sentence's noun chunks. ``Span.noun_chunks`` walks the whole document's
    chunks each time, once per trigger; the language's iterator reads the sentence only."""
    doc = sent.doc
    iterator = doc.vocab.get_noun_chunks
    if iterator is None:
        return list(sent.noun_chunks)
    return [doc[start:end] for start, end, _label in iterator(sent)]


def candidates(sent, extra: list[tuple[int, int]] = ()) -> list:
    """Head tokens that could fill an argument: noun-chunk roots, entity roots
    (actor-like entity types only), pronouns and the heads of the ``extra`` spans
    (the rules' arguments), once each, in sentence order; no date, number or amount
    unless it heads an ``extra`` span."""
    doc = sent.doc
    heads = {r.i: r for r in (doc[a:b].root for a, b in extra) if sent.start <= r.i < sent.end}
    for chunk in _sentence_chunks(sent):
        if sent.start <= chunk.root.i < sent.end:
            heads[chunk.root.i] = chunk.root
    for ent in sent.ents:
        if ent.label_ not in _NON_ACTOR_ENTS:
            heads[ent.root.i] = ent.root
    for tok in sent:
        if tok.pos_ in _CANDIDATE_POS and (tok.pos_ == "PRON" or tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")):
            heads.setdefault(tok.i, tok)
    rules = {doc[a:b].root.i for a, b in extra}
    # dates, numbers and amounts are no actors (unless the rules made one an argument)
    return [heads[i] for i in sorted(heads) if i in rules or heads[i].ent_type_ not in _NON_ACTOR_ENTS]


# --------------------------------------------------------------------------- features

def _to_root(tok) -> list:
    out = [tok]
    while out[-1].head.i != out[-1].i:
        out.append(out[-1].head)
    return out


def _path(trigger, cand) -> tuple[list, list]:
    """(trigger side, candidate side) of the dependency path: the tokens from each up
    to, not including, their lowest common ancestor; each token's ``dep_`` is one arc."""
    up_t, up_c = _to_root(trigger), _to_root(cand)
    on_c = [t.i for t in up_c]
    for k, t in enumerate(up_t):
        if t.i in on_c:
            return up_t[:k], up_c[: on_c.index(t.i)]
    return up_t, up_c  # no common ancestor (different sentences)


# Arcs that leave the trigger's clause on the way up: an argument beyond one belongs
# to another clause's act ("the earthquake that struck X": not the sender of aid).
_CLAUSE_ARCS = frozenset({"relcl", "advcl", "ccomp", "acl", "conj", "parataxis", "csubj", "xcomp", "pcomp"})


def in_reach(trigger, cand) -> bool:
    """Whether a candidate lies in the trigger's own clause: the path up from the trigger
    leaves no clause and meets the candidate's branch at no other event word
    ("condemned the shelling of X": the one who condemns did not shell)."""
    up, _ = _path(trigger, cand)
    if any(t.dep_ in _CLAUSE_ARCS for t in up):
        return False
    lca = up[-1].head if up else trigger
    if lca.i in (trigger.i, cand.i):
        return True
    return lca.lemma_.lower() in LIGHT_VERBS or trigger_lexicon().lookup(lca) is None


def _cut(labels: list[str]) -> str:
    return "-".join(labels) if len(labels) <= MAX_PATH else "long"


def is_passive(tok) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in tok.children)


def features(trigger, cand, typ: str | None, rule_role: str) -> list[str]:
    """String features of one (trigger, candidate) pair; ``rule_role`` is what the
    dependency rules made of the candidate (none/source/target)."""
    t_side, c_side = _path(trigger, cand)
    up = [t.dep_ for t in t_side]
    down = [t.dep_ for t in reversed(c_side)]
    path = f"{_cut(up)}^{_cut(down)}"
    preps = sorted({t.lower_ for t in t_side + c_side if t.dep_ in ("prep", "agent", "dative") and t.pos_ == "ADP"})
    direction = "before" if cand.i < trigger.i else "after"
    gap = abs(cand.i - trigger.i)
    distance = "1" if gap <= 1 else "2-3" if gap <= 3 else "4-7" if gap <= 7 else "8+"
    t_pos = "VERB" if trigger.pos_ in ("VERB", "AUX") else "NOUN"
    voice = "passive" if t_pos == "VERB" and is_passive(trigger) else "active"
    ent = cand.ent_type_ or "-"
    out = [
        "bias",
        f"path={path}",
        f"path={path}|{t_pos}|{voice}",
        f"up={_cut(up)}",
        f"down={_cut(down)}",
        f"len={min(len(up) + len(down), 6)}",
        f"dir={direction}",
        f"dir={direction}|{t_pos}|{voice}",
        f"dist={distance}",
        f"cdep={cand.dep_}",
        f"cdep={cand.dep_}|{t_pos}|{voice}",
        f"cpos={cand.pos_}",
        f"cent={ent}",
        f"tpos={t_pos}",
        f"voice={voice}",
        f"type={typ}",
        f"rule={rule_role}",
        f"rule={rule_role}|{t_pos}",
        f"rule={rule_role}|path={path}",
        f"down={_cut(down)}|type={typ}",
    ]
    out += [f"prep={p}" for p in preps]
    out += [f"prep={p}|type={typ}" for p in preps]
    out += [f"prep={p}|{direction}" for p in preps]
    return out


def rule_role(cand, sources: list[tuple[int, int]], targets: list[tuple[int, int]]) -> str:
    """What the rules made of a candidate: the role of a rule span it heads."""
    doc = cand.doc
    for role, spans in (("source", sources), ("target", targets)):
        if any(doc[a:b].root.i == cand.i for a, b in spans):
            return role
    return "none"


# --------------------------------------------------------------------------- model

@dataclass
class Linker:
    """Weights of the multinomial model: one row per role in ``ROLES``."""

    vocabulary: dict[str, int]
    weights: np.ndarray  # (len(ROLES), len(vocabulary))
    bias: np.ndarray  # (len(ROLES),)

    def probabilities(self, feats: list[str]) -> np.ndarray:
        cols = sorted({self.vocabulary[f] for f in feats if f in self.vocabulary})
        z = self.weights[:, cols].sum(axis=1) + self.bias
        z = np.exp(z - z.max())
        return z / z.sum()

    def save(self, folder: Path, meta: dict) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(folder / "weights.npz", weights=self.weights.astype(np.float32),
                            bias=self.bias.astype(np.float32))
        words = sorted(self.vocabulary, key=self.vocabulary.get)
        (folder / "linker.json").write_text(json.dumps({"roles": list(ROLES), "features": words, **meta}, indent=1) + "\n",
                                            encoding="utf-8")
        return folder

    @classmethod
    def load(cls, folder: Path = MODEL_DIR) -> "Linker":
        try:
            meta = json.loads((folder / "linker.json").read_text(encoding="utf-8"))
            arrays = np.load(folder / "weights.npz")
        except FileNotFoundError as e:
            raise LinkerModelError(f"argument linker weights not found in {folder}: {e}") from None
        weights, bias = arrays["weights"].astype(np.float64), arrays["bias"].astype(np.float64)
        if tuple(meta["roles"]) != ROLES or weights.shape != (len(ROLES), len(meta["features"])):
            raise LinkerModelError(f"argument linker in {folder}: weights {weights.shape} do not match "
                                   f"{len(meta['features'])} features and roles {meta['roles']}")
        return cls({f: i for i, f in enumerate(meta["features"])}, weights, bias)


@lru_cache(maxsize=1)
def shipped() -> Linker:
    return Linker.load()


def link(trigger, sent, typ: str | None = None, rule_sources: list[tuple[int, int]] = (),
         rule_targets: list[tuple[int, int]] = (), model: Linker | None = None, reach: bool = False
         ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(sources, targets) as token phrase spans for a trigger token in its sentence:
    each candidate goes to the role of highest probability. ``rule_sources`` and
    ``rule_targets`` are what the dependency rules found (a feature); ``reach`` keeps
    to candidates ``in_reach`` of the trigger."""
    model = model or shipped()
    roles: dict[int, str] = {}
    found = [c for c in candidates(sent, list(rule_sources) + list(rule_targets))
             if c.i != trigger.i and not (reach and not in_reach(trigger, c))
             and not (c.head.i == trigger.i and place_modifier(c, typ))]  # "the Kharkiv offensive": where, not who
    for cand in found:
        p = model.probabilities(features(trigger, cand, typ, rule_role(cand, list(rule_sources), list(rule_targets))))
        roles[cand.i] = ROLES[int(np.argmax(p))]
        if roles[cand.i] == "source" and locative_place(cand):
            roles[cand.i] = "none"
    # Coordinated actors share their role ("condemned by Egypt, Greece and Cyprus"): the
    # model reads each conjunct apart and the later ones, hung on the first, look like none.
    for cand in found:
        if roles[cand.i] in ("source", "target"):
            for other in cand.conjuncts:
                if roles.get(other.i) == "none":
                    roles[other.i] = roles[cand.i]
    sources = [phrase_span(c) for c in found if roles[c.i] == "source"]
    targets = [phrase_span(c) for c in found if roles[c.i] == "target"]
    return sources, targets


def fill_missing(trigger, sent, typ: str | None, sources: list[tuple[int, int]], targets: list[tuple[int, int]]
                 ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The rules' arguments, with the linker's for a role the rules left empty: only
    candidates in the trigger's own clause (``in_reach``), and no span the rules gave
    the other role."""
    if sources and targets:
        return sources, targets
    found_sources, found_targets = link(trigger, sent, typ, sources, targets, reach=True)
    taken = set(sources) | set(targets)
    if not sources:
        sources = [s for s in found_sources if s not in taken]
    if not targets:
        targets = [t for t in found_targets if t not in taken and t not in sources]
    return sources, targets

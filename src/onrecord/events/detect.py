"""Event detection: is a candidate trigger a PLOVER event in its sentence?

The trigger lexicon (``trigger_lexicon``, ``triggers.find_triggers``) proposes
candidates: every word a keyword coder would fire on, with its arguments. Most
are not political events ("kill the process", "traded him to Carolina", "a wall
collapsed", "In March"). A logistic regression, trained on the dev and train
splits of the blind event set (tests/data/events) and PLV_train's explicit acts
(``onrecord train detector``), reads the
candidate in its parse and gives the probability that it is an event; below the
threshold chosen by grouped cross-validation the candidate is dropped, and a
kept event's confidence is that probability.

Features are strings (one-hot), so the model is a dictionary of weights and
scoring needs numpy only. ``candidate_features`` is the single place they are
made, at run time and in training alike.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .. import lexicon
from ..actors import code_text
from ..errors import ModelNotFoundError
from ..factuality import event_factuality
from .arguments import HUMAN
from .triggers import Trigger

# Named-entity types that can be an actor, and those that name a thing or an amount.
ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Auxiliaries that make the act possible, planned or wished rather than done.
MODALS = frozenset({"would", "could", "may", "might", "will", "should", "can", "must", "shall"})
QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»"})
# Dependency labels that start a clause of their own: actors are counted inside it.
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp", "acl", "pcomp"})
DOMAINS = ("sport", "business", "technology", "weather", "accident", "personal", "election", "legislature", "media")
MODEL_DIR = "models/event_detector"


@lru_cache(maxsize=1)
def domain_words() -> dict[str, frozenset[str]]:
    """Domain cue lemmas by domain (lexicons/events/domains.tsv)."""
    return {d: lexicon.words("events/domains.tsv", d) for d in DOMAINS}


@lru_cache(maxsize=1)
def date_names() -> frozenset[str]:
    """Month and weekday names: "In March" is a date, not a march."""
    rows = lexicon.rows(lexicon.path("date_words.tsv"), 3)
    return frozenset(word for word, kind, _ in rows if kind in ("month", "weekday"))


@lru_cache(maxsize=1)
def cue_verbs() -> frozenset[str]:
    """Verbs of saying and writing (the attribution lexicon): "released a statement"."""
    return frozenset(lexicon.default().verbs)


# --------------------------------------------------------------------------- features

def _side(doc: Doc, spans: list[tuple[int, int]], entity_at: dict[int, str], coded: dict[str, bool]) -> set[str]:
    """What kind of actor each argument span is: named (by NER type), coded by the
    actor dictionaries, a pronoun, a common noun; "none" when there is no argument."""
    kinds: set[str] = set()
    for start, end in spans:
        span = doc[start:end]
        root = span.root
        entity_id = next((entity_at[t.i] for t in span if t.i in entity_at), None)
        if root.ent_type_ in ACTOR_ENTS:
            kinds.add(f"ent:{root.ent_type_}")
        elif any(t.ent_type_ in ACTOR_ENTS for t in span):
            kinds.add("ent_inside")
        if entity_id is not None and coded.get(entity_id):
            kinds.add("coded")
        elif entity_id is None and root.pos_ != "PRON" and code_text(span.text) is not None:
            kinds.add("coded_noun")  # "protesters", "the Ukrainian army"
        if root.pos_ == "PRON":
            kinds.add("pron")
        elif root.pos_ == "NOUN" and not root.ent_type_:
            kinds.add("noun")
            # people ("the crowd", "an inmate") can act; a thing ("the region offers
            # resources", "research provides a way") cannot, unless the dictionaries code it
            if root.lemma_.lower() in HUMAN:
                kinds.add("human")
            elif "coded_noun" not in kinds and entity_id is None:
                kinds.add("thing")
        kinds.update(f"arg_domain:{d}" for d, words in domain_words().items() if root.lemma_.lower() in words)
    return kinds or {"none"}


def _clause(tok: Token) -> Token:
    """The head of the clause the trigger is in (a few steps up at most)."""
    head = tok
    for _ in range(6):
        if head.dep_ in CLAUSE_DEPS or head.head.i == head.i:
            break
        head = head.head
    return head


def _actor_count(tokens) -> str:
    count = sum(1 for t in tokens if t.ent_type_ in ACTOR_ENTS and t.ent_iob_ == "B")
    return str(min(count, 3))


@dataclass(frozen=True)
class SentenceView:
    """What the features read from a candidate's whole sentence, read once per sentence."""

    coded: str  # bucketed count of coded actors among its entities
    actors: str  # named actors in it (_actor_count)
    domains: tuple[str, ...]  # domains whose cue words it holds
    quote_marks: tuple[int, ...]  # token indices of its quote marks
    question: bool


def sentence_view(sent: SpacySpan, entity_at: dict[int, str], coded: dict[str, bool],
                  cache: dict[tuple[int, int], SentenceView] | None = None) -> SentenceView:
    """The sentence as the features read it. A sentence holds several candidates and
    each used to walk it four times: ``cache`` (one dict per article, made by the
    caller, which drops it with the article) keeps each sentence's view."""
    key = (sent.start, sent.end)
    if cache is not None and key in cache:
        return cache[key]
    tokens = list(sent)
    in_sentence = {entity_at[t.i] for t in tokens if t.i in entity_at}
    lemmas = {t.lemma_.lower() for t in tokens}
    view = SentenceView(
        coded=_bucket(sum(1 for e in in_sentence if coded.get(e))),
        actors=_actor_count(tokens),
        domains=tuple(d for d, words in domain_words().items() if lemmas & words),
        quote_marks=tuple(t.i for t in tokens if t.text in QUOTE_MARKS),
        question=any(t.text == "?" for t in tokens),
    )
    if cache is not None:
        cache[key] = view
    return view


def _in_quotes(view: SentenceView, tok: Token) -> bool:
    """Inside a quoted stretch of its sentence: an odd number of quote marks before it."""
    return sum(1 for i in view.quote_marks if i < tok.i) % 2 == 1


def _actor_pattern(sources: set[str], targets: set[str]) -> str:
    """Which sides have an actor: PLOVER codes interactions between actors, so a
    candidate with no actor on either side is rarely an event."""
    def actor(kinds: set[str]) -> bool:
        return bool(kinds & {"coded", "coded_noun", "ent_inside", "pron"}) or any(k.startswith("ent:") for k in kinds)
    return {(True, True): "both", (True, False): "source", (False, True): "target"}.get(
        (actor(sources), actor(targets)), "none")


def _bucket(count: int) -> str:
    """Counts in a few coarse steps: the model cannot learn every number."""
    return "0" if count == 0 else "1-2" if count <= 2 else "3-5" if count <= 5 else "6+"


def context_features(doc: Doc, sent: SpacySpan, tok: Token, entity_at: dict[int, str],
                     coded: dict[str, bool], view: SentenceView | None = None) -> list[str]:
    """How the candidate's sentence reads: its factuality (hoped, planned, negated), its
    tense, and how many coded actors the sentence holds (a product launch or a penguin
    study names few countries and organisations).

    Nothing here counts the whole article: the article's coded actors ("doc_coded", the
    second detector) mostly measured its length, so a one-sentence article ("Germany sent
    tanks to Ukraine.") read like a product launch and clear events were dropped."""
    out = [f"fact={event_factuality(tok)}", f"tag={tok.tag_}"]
    if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        out.append("to_infinitive")
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
        out.append("conditional")
    out.append(f"sent_coded={(view or sentence_view(sent, entity_at, coded)).coded}")
    return out


def candidate_features(doc: Doc, sent: SpacySpan, trigger: Trigger, entity_at: dict[int, str],
                       coded: dict[str, bool], *, fired: bool = True,
                       views: dict[tuple[int, int], SentenceView] | None = None) -> list[str]:
    """The one-hot features of one candidate. ``entity_at`` maps token index →
    entity id and ``coded`` entity id → whether its actor has a country or an
    organisation; ``fired``: the lexicon made a trigger of it (always, at run
    time; training also reads labelled words the lexicon did not fire on)."""
    tok = doc[trigger.token]
    lemma = tok.lemma_.lower()
    head = tok.head
    out = [f"lemma={lemma}", f"pos={tok.pos_}", f"dep={tok.dep_}", f"type={trigger.type}",
           f"pos_type={tok.pos_}|{trigger.type}", f"conf={round(trigger.confidence, 1)}",
           f"head={head.lemma_.lower()}" if head is not tok else "head=ROOT", f"head_pos={head.pos_}"]
    if fired:
        out.append("fired")
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "dative"):
            out.append(f"obj={child.lemma_.lower()}")
        elif child.dep_ == "prep":
            out.append(f"prep={child.lower_}")
        elif child.dep_ in ("aux", "auxpass") and child.lower_ in MODALS:
            out.append(f"modal={child.lower_}")
        elif child.dep_ == "neg":
            out.append("negated")
    sources = _side(doc, trigger.sources, entity_at, coded)
    targets = _side(doc, trigger.targets, entity_at, coded)
    out += [f"src={k}" for k in sorted(sources)] + [f"tgt={k}" for k in sorted(targets)]
    if ({"coded", "coded_noun"} & sources) and ({"coded", "coded_noun"} & targets):
        out.append("both_coded")
    pattern = _actor_pattern(sources, targets)
    out += [f"actors={pattern}", f"type_actors={trigger.type}|{pattern}"]
    view = sentence_view(sent, entity_at, coded, views)
    out += context_features(doc, sent, tok, entity_at, coded, view)
    out.append(f"clause_actors={_actor_count(_clause(tok).subtree)}")
    out.append(f"sent_actors={view.actors}")
    out += [f"domain={d}" for d in view.domains]
    if _in_quotes(view, tok):
        out.append("in_quotes")
    if tok.i > sent.start and tok.text[:1].isupper():
        out.append("title_case")  # "the March on Washington", a quoted film title
    if lemma in date_names() or tok.ent_type_ == "DATE":
        out.append("date_word")
    if tok.ent_type_ and tok.ent_type_ not in ACTOR_ENTS:
        out.append(f"trigger_ent={tok.ent_type_}")
    if lemma in cue_verbs():
        out.append("speech_trigger")
    if head is not tok and head.lemma_.lower() in cue_verbs():
        out.append("under_speech")
    if view.question:
        out.append("question")
    return out


def coded_entities(entities) -> dict[str, bool]:
    """entity id → whether the actor dictionaries coded it to a country or organisation."""
    return {e.id: bool(e.actor and (e.actor.country or e.actor.org)) for e in entities}


# --------------------------------------------------------------------------- model

@dataclass(frozen=True)
class Detector:
    """A logistic regression over one-hot features, its calibration (Platt: ``scale``
    and ``shift`` on the score, fitted to cross-validated predictions) and the
    threshold, on the calibrated probability, below which a candidate is dropped."""

    vocabulary: dict[str, int]
    weights: np.ndarray
    bias: float
    threshold: float
    scale: float = 1.0
    shift: float = 0.0

    def score(self, features: list[str]) -> float:
        """The uncalibrated log-odds; unknown features weigh nothing."""
        index = [self.vocabulary[f] for f in set(features) if f in self.vocabulary]
        return self.bias + float(self.weights[index].sum())

    def probability(self, features: list[str]) -> float:
        """Calibrated P(event) for one candidate's features."""
        return float(1.0 / (1.0 + np.exp(-(self.scale * self.score(features) + self.shift))))

    def save(self, folder: Path, meta: dict | None = None) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez(folder / "weights.npz", weights=self.weights.astype(np.float32), bias=np.float32(self.bias))
        body = {"threshold": self.threshold, "scale": self.scale, "shift": self.shift, "features": names, **(meta or {})}
        (folder / "detector.json").write_text(json.dumps(body, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return folder


def default_folder() -> Path:
    return Path(str(resources.files("onrecord") / MODEL_DIR))


def read_detector(folder: Path) -> Detector:
    meta_path, weights_path = folder / "detector.json", folder / "weights.npz"
    if not meta_path.is_file() or not weights_path.is_file():
        raise ModelNotFoundError(
            f"no event detector in {folder} (detector.json and weights.npz); "
            "rebuild it with `onrecord train detector ../shared/data`")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    arrays = np.load(weights_path)
    names = meta["features"]
    if len(names) != len(arrays["weights"]):
        raise ModelNotFoundError(f"{folder}: {len(names)} feature names but {len(arrays['weights'])} weights")
    return Detector({n: i for i, n in enumerate(names)}, arrays["weights"].astype(np.float64),
                    float(arrays["bias"]), float(meta["threshold"]), float(meta.get("scale", 1.0)),
                    float(meta.get("shift", 0.0)))


@lru_cache(maxsize=1)
def default_detector() -> Detector:
    """The shipped detector (models/event_detector), read once per process."""
    return read_detector(default_folder())

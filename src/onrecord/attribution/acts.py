"""What kind of act an attribution reports: ``speech``, ``thought`` or ``evidence``.

PolNeAR counts beliefs ("officials fear …") and findings ("a poll found …") as
attributions beside speech, and so does onrecord; ``Attribution.act`` tells
them apart so a reader can ask for speech only. The act comes from two things
the record already has:

* the cue's class in the cue lexicons (cue_verbs.tsv, cue_nouns.tsv,
  cue_phrases.tsv), mapped to an act by ``lexicons/attribution/acts.tsv``, where
  a single lemma may override its class ("learn" is a report verb but a thought);
* the source: a document or data source ("a poll", "figures from the ministry",
  "according to court documents") makes the act evidence whatever the verb,
  because nobody is speaking or thinking; acts.tsv's third column says so per class.

Titles and terms (a report titled “…”) report nobody's act: their act is None.
A quote without a cue is speech (an interview answer, "Name: …") unless it
continues another quote, whose act it takes (``components`` does that).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from .. import lexicon
from ..errors import LexiconError
from ..lexicon import Lexicons
from .subjects import find_subject
from .voices import document_words

ACTS: tuple[str, ...] = ("speech", "thought", "evidence")
ACTS_FILE = "attribution/acts.tsv"
ACCORDING_TO = "according to"
CLASS_PREFIX = "class:"
UNCUED_ACT = "speech"  # "Name: …" interview lines and colon-introduced quotes
NAMING_KINDS = ("title", "term")  # quoted names, not anyone's act

TokenSpan = tuple[int, int]


@dataclass(frozen=True)
class ActRule:
    """The act of a cue class or lemma, and its act when the source is a document."""

    act: str
    document_act: str


@lru_cache(maxsize=1)
def act_rules() -> dict[str, ActRule]:
    """acts.tsv as {"class:speech" or a lemma or "according to": rule}, read once."""
    rules: dict[str, ActRule] = {}
    for cue, act, document_act in lexicon.rows(lexicon.path(ACTS_FILE), 3):
        for value in (act, document_act):
            if value not in ACTS:
                raise LexiconError(f"{ACTS_FILE}: act {value!r} for {cue!r} is not one of {', '.join(ACTS)}")
        rules[cue] = ActRule(act, document_act)
    return rules


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _class_of(token: Token, lexicons: Lexicons) -> str | None:
    """The cue class the lexicons give this word: a light-verb phrase first
    ("express concern"), then a cue verb, then a cue noun."""
    lemma = _lemma(token)
    if token.pos_ in ("VERB", "AUX"):
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        if obj is not None and (lemma, _lemma(obj)) in lexicons.phrases:
            return lexicons.phrases[(lemma, _lemma(obj))]
    if lemma in lexicons.verbs:
        return lexicons.verbs[lemma].cue_class
    return lexicons.nouns.get(lemma)


def cue_rule(doc: Doc, cue: TokenSpan, lexicons: Lexicons) -> ActRule:
    """The rule for a cue span: "according to", else its head word's lemma or
    class, else any other word's in the span ("began thinking about"), else
    speech — a cue the trained models found that no lexicon lists is most
    often a speech verb ("added", "wrote in a post")."""
    rules = act_rules()
    tokens = doc[cue[0]:cue[1]]
    if ACCORDING_TO in tokens.text.lower():
        return rules[ACCORDING_TO]
    root = tokens.root
    for token in [root] + [t for t in tokens if t is not root]:
        if _lemma(token) in rules:
            return rules[_lemma(token)]
        cue_class = _class_of(token, lexicons)
        if cue_class is not None:
            return rules[CLASS_PREFIX + cue_class]
    return rules[CLASS_PREFIX + "speech"]


def _according_object(doc: Doc, cue: TokenSpan) -> Token | None:
    """X in "according to X"."""
    to = next((t for t in doc[cue[0]:cue[1]] if t.lower_ == "to"), None)
    return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None


def source_head(doc: Doc, cue: TokenSpan, source: TokenSpan | None) -> Token | None:
    """The head word of whoever the cue attributes to: the source span's head,
    else the parse's subject of the cue, else the object of "according to"."""
    if source is not None:
        return doc[source[0]:source[1]].root
    root = doc[cue[0]:cue[1]].root
    if root.pos_ in ("VERB", "AUX"):
        return find_subject(root)
    return _according_object(doc, cue)


def is_document(token: Token | None) -> bool:
    """A document, count or study rather than someone: "the poll", "PG&E's schedule"."""
    if token is None or token.pos_ not in ("NOUN", "PROPN"):
        return False  # the verb "reported" is no report
    words = document_words()
    return token.lower_ in words or _lemma(token) in words


def act_of(doc: Doc, kind: str, cue: TokenSpan | None, source: TokenSpan | None,
           lexicons: Lexicons | None = None) -> str | None:
    """The act of one attribution from its token spans (see the module docstring)."""
    if kind in NAMING_KINDS:
        return None
    if cue is None:
        return UNCUED_ACT
    rule = cue_rule(doc, cue, lexicons or lexicon.default())
    cue_head = doc[cue[0]:cue[1]].root
    if is_document(cue_head) or is_document(source_head(doc, cue, source)):
        return rule.document_act  # "the report that …", "a poll found …"
    return rule.act

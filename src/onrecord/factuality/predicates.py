"""Find event-denoting verbs and nouns (MEANTIME-style predicates) and their attributes.

What counts as a predicate follows what MEANTIME annotates (checked on its
fully annotated sentences):

* every main verb, including light "have"/"make" and reporting verbs, but not
  auxiliaries, participles used as adjectives ("the existing fleet"), or
  prepositional "according to"/"including";
* a copula that heads its clause ("It is the biggest contract");
* nouns listed in ``lexicons/event_nouns.tsv`` or ending in one of its
  deverbal suffixes (-tion, -ment, -ing, ...) unless excluded there.

One pass over the tokens; attributes come from the learned model (``model.read``,
which maps its scores to MEANTIME attributes), or from ``event.analyse`` alone
when the model file is missing.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from onrecord import lexicon
from onrecord.schema import Predicate

from .cues import read_event_nouns
from .model import read

_VERB_SKIP_DEPS = frozenset({"aux", "auxpass", "amod", "prep", "compound", "case", "det", "advmod", "mark"})
_VERB_SKIP_LEMMAS = lexicon.words("factuality/words.tsv", "non_predicate_verb")
_AUX_SKIP_DEPS = frozenset({"aux", "auxpass", "amod", "prep", "compound"})
_NOUNS = read_event_nouns()


def is_predicate(tok: Token) -> bool:
    pos = tok.pos_
    if pos == "VERB":
        if tok.dep_ in _VERB_SKIP_DEPS:
            return False
        if tok.dep_ == "prep" or (tok.lemma_ in _VERB_SKIP_LEMMAS and tok.tag_ == "VBG" and tok.dep_ in ("prep", "pcomp")):
            return False
        return True
    if pos == "AUX":
        return tok.dep_ not in _AUX_SKIP_DEPS and tok.lemma_ == "be"
    if pos == "NOUN":
        nouns = _NOUNS
        return nouns.is_event(tok.lemma_.lower()) or tok.lower_ in nouns.nouns
    return False


def predicate_attributes(token: Token) -> tuple[str, str, str]:
    """MEANTIME attributes of a predicate: (polarity POS|NEG, certainty CERTAIN|PROBABLE|POSSIBLE, time FUTURE|NON_FUTURE)."""
    r = read(token)
    return (r.polarity, r.certainty, r.time)


def find_predicates(doc: Doc) -> list[Predicate]:
    """Every event-denoting verb or noun in ``doc``, in text order, with its attributes."""
    out: list[Predicate] = []
    for tok in doc:
        if not is_predicate(tok):
            continue
        pol, cert, tim = predicate_attributes(tok)
        out.append(Predicate(tok.idx, tok.idx + len(tok.text), tok.text, pol, cert, tim))
    return out

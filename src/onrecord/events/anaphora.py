"""Events told again by reference: an act named once, then referred back to.

News introduces an act with its participants and then refers back to it without them:

* a bare event noun takes over the participants of the latest event of its type in the
  last sentences: "China has supplied weapons to Russia ... we have not seen any actual
  delivery of lethal aid" → the delivery is China→Russia (its own factuality: negated);
* the object of an intention verb that only points back ("China may be planning it",
  "Beijing is weighing such a step") names the latest earlier act that is not a speech
  act: the intention verb becomes the trigger of that act, typed and argued as it was,
  with the verb's own subject as source when it has one, and the factuality the verb
  gives its object (``factuality.object_factuality``: "may be planning it" → possible).

Token spans are doc indices, so an argument may lie in an earlier sentence.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from .. import lexicon
from .arguments import SPEECH_TYPES, argument_spans, subject
from .trigger_lexicon import trigger_lexicon
from .triggers import Trigger

INTENTION_VERBS = lexicon.words("events/words.tsv", "intention_verb")
ACT_PRONOUNS = lexicon.words("events/words.tsv", "act_pronoun")
PROFORM_NOUNS = lexicon.words("events/words.tsv", "act_proform_noun")
PROFORM_DETERMINERS = lexicon.words("events/words.tsv", "act_proform_determiner")
ACT_NOUNS = lexicon.words("events/words.tsv", "act_reference_noun")
REFERENCE_DETERMINERS = lexicon.words("events/words.tsv", "reference_determiner")
# How many sentences back a referring word may look: news refers back within a paragraph.
WINDOW_SENTENCES = 2


@dataclass
class Referring(Trigger):
    """A trigger whose act was named earlier: ``antecedent`` is that trigger's token.
    ``governs`` is true when the trigger word governs a word pointing back ("planning
    it"), false when it names the act itself ("delivery")."""

    antecedent: int = -1
    governs: bool = False


class Topics:
    """The article's acts so far, for the words that refer back to them."""

    def __init__(self) -> None:
        self._recent: list[tuple[int, Trigger]] = []  # (sentence number, trigger), in text order
        self._sentence = -1

    def resolve(self, sent: SpacySpan, found: list[Trigger], bare: list[Trigger]) -> list[Trigger]:
        """This sentence's triggers with the referring ones added: bare event nouns that an
        earlier event lends its participants, and intention verbs whose object points back
        (these replace a trigger found on the same verb: "weighing" is not a meeting)."""
        self._sentence += 1
        pool = self._pool() + sorted(found, key=lambda t: t.token)
        out = list(found)
        named = {t.token for t in found} | {t.token for t in bare}
        for noun in bare:
            if _governor(sent.doc[noun.token]) in named:
                continue  # "delivery of lethal aid": the aid is what is delivered, not an act of its own
            earlier = _latest(pool, noun.token, lambda t: t.type == noun.type and (t.sources or t.targets))
            if earlier is not None:
                out.append(Referring(token=noun.token, type=noun.type, mode=noun.mode, confidence=noun.confidence,
                                     sources=list(earlier.sources), targets=list(earlier.targets),
                                     antecedent=earlier.token))
        for verb, pointer in _pointing_objects(sent):
            ancestors = {a.i for a in pointer.ancestors}
            earlier = _latest(pool, pointer.i, lambda t: t.type not in SPEECH_TYPES and t.token not in ancestors
                              and bool(t.sources or t.targets))
            if earlier is None:
                continue
            own, _ = subject(verb)
            sources = argument_spans(own) or list(earlier.sources)
            targets = [t for t in earlier.targets if t not in sources]
            out = [t for t in out if t.token != verb.i]
            out.append(Referring(token=verb.i, type=earlier.type, mode=earlier.mode, confidence=earlier.confidence,
                                 sources=sources, targets=targets, antecedent=earlier.token, governs=True))
        doc = sent.doc
        for trigger in out:
            if doc[trigger.token].pos_ != "VERB":
                continue
            found_authors = self._authors(doc[trigger.token], pool, trigger)
            if found_authors:
                obj, authors = found_authors
                # the act itself ("the decision") is no participant: its authors are
                trigger.targets = [t for t in trigger.targets if not (t[0] <= obj.i < t[1])] + authors
        out.sort(key=lambda t: t.token)
        self._recent.extend((self._sentence, t) for t in out)
        return out

    def _authors(self, verb: Token, pool: list[Trigger], trigger: Trigger) -> tuple[Token, list[tuple[int, int]]] | None:
        """The authors of an act told before that the verb's object refers back to: "welcomed the
        warning" (the latest warning's source), "rejected that argument" (the latest act's)."""
        for obj in verb.children:
            if obj.dep_ != "dobj" or obj.pos_ != "NOUN" or _has_actor_inside(obj):
                continue
            if not any(c.dep_ == "det" and c.lower_ in REFERENCE_DETERMINERS for c in obj.children):
                continue
            entry = trigger_lexicon().lookup(obj)
            if entry is None and obj.lemma_.lower() not in ACT_NOUNS:
                continue
            ancestors = {a.i for a in verb.ancestors} | {verb.i}
            earlier = _latest(pool, obj.i, lambda t: bool(t.sources) and t.token not in ancestors
                              and (entry is None or t.type == entry.type))
            if earlier is not None:
                authors = [s for s in earlier.sources if s not in trigger.sources]
                return (obj, authors) if authors else None
        return None

    def _pool(self) -> list[Trigger]:
        first = self._sentence - WINDOW_SENTENCES
        self._recent = [(k, t) for k, t in self._recent if k >= first]
        return [t for _, t in self._recent]


def _has_actor_inside(noun: Token) -> bool:
    """"Russia's decision", "the call from Kyiv": the act's author is named with it."""
    return any(c.dep_ in ("poss", "compound", "amod") and (c.pos_ == "PROPN" or c.ent_type_) for c in noun.children) \
        or any(c.dep_ == "prep" for c in noun.children if any(p.dep_ == "pobj" and p.pos_ == "PROPN" for p in c.children))


def _governor(noun: Token) -> int:
    """The word a noun is the argument of, through a preposition ("delivery [of] aid")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head.i


def _latest(pool: list[Trigger], before: int, fits) -> Trigger | None:
    for trigger in reversed(pool):
        if trigger.token < before and fits(trigger):
            return trigger
    return None


def _pointing_objects(sent: SpacySpan) -> list[tuple[Token, Token]]:
    """(intention verb, object) where the object only points back to an act."""
    out = []
    for tok in sent:
        if tok.dep_ != "dobj" or tok.head.pos_ != "VERB" or tok.head.lemma_.lower() not in INTENTION_VERBS:
            continue
        if tok.pos_ == "PRON" and tok.lower_ in ACT_PRONOUNS:
            out.append((tok.head, tok))
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in PROFORM_NOUNS and any(
                c.dep_ in ("det", "predet", "amod") and c.lower_ in PROFORM_DETERMINERS for c in tok.children):
            out.append((tok.head, tok))
    return out

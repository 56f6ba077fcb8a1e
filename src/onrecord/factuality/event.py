"""Event factuality from syntactic context.

One walk up the dependency tree from a predicate token collects the cues of
``lexicons/factuality_cues.tsv`` that scope over it:

* the token's own dependents: modal/auxiliary (``will``, ``may``, ``would``,
  ``should``), negation (``not``, ``never``, ``no`` on a noun), adverbs
  (``reportedly``), adjectives on nouns (``planned``, ``alleged``), the
  subordinator of its clause (``if``, ``unless``), an if-clause modifying it
  (the consequence of a conditional is hypothetical too), an imperative root;
* then its governor, when the token is the governor's complement or argument:
  ``denied [sending]``, ``plans to [visit]``, ``urged Russia to [stop]``,
  ``suspected of [supplying]``, ``have not seen any [delivery]``, and so on up
  the tree. A to-infinitive under a governor the lexicon does not know is
  unrealised (label ``future``, MEANTIME time FUTURE). Reporting verbs (``say``)
  stop the walk: "X said Russia attacked" is asserted. Relative clauses and
  adverbial clauses other than conditionals stop it too.

Noun arguments inherit the context of their verb ("no talks were held", "have
not seen any delivery", "failed to reach an agreement"), except that a subject
does not inherit its verb's negation ("the talks did not succeed": the talks
happened) and the object of an aspectual verb keeps its own ("urged Russia to
stop the attacks": the attacks happened; "stop" is demanded).

Priority when cues stack (PRIORITY, first wins):
    hypothetical > demanded > possible > negated > future > asserted
so "will not send" -> negated (a negated future did not happen, which is what
PLOVER/ICEWS users ask); "may not attack" -> possible (the negation is itself
hedged); "should not do that" -> demanded; "if Russia does not withdraw" ->
hypothetical. Negation counts by parity: "did not fail to reach" is asserted.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from onrecord import lexicon
from onrecord.schema import FACTUALITY_VALUES

from .cues import Cue, read_cues

PRIORITY: tuple[str, ...] = ("hypothetical", "demanded", "possible", "negated", "future")
assert set(PRIORITY) | {"asserted"} == set(FACTUALITY_VALUES)

_CERT_RANK = {"CERTAIN": 2, "PROBABLE": 1, "POSSIBLE": 0}
# Objects of these verbs keep their own factuality: "stop the attacks" presupposes the attacks.
_ASPECTUAL = lexicon.words("factuality/words.tsv", "aspectual_verb")
_PARTICIPATION = lexicon.words("factuality/words.tsv", "participation_noun")
_AMOUNT = lexicon.words("factuality/words.tsv", "amount_noun")
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_OBJ_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "nsubj", "dative"})
_FUTURE_TIME_WORDS = lexicon.words("factuality/words.tsv", "future_time_word")
_EMOTIVE = lexicon.words("factuality/words.tsv", "emotive_factive")
_COND_MARKS = lexicon.words("factuality/words.tsv", "conditional_mark")
_TEMPORAL_MARKS = lexicon.words("factuality/words.tsv", "temporal_mark")
_OWN_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "neg", "expl"})
_MAX_STEPS = 8


@dataclass
class Context:
    """What the walk found: the cues scoping over one predicate."""

    negations: int = 0
    labels: frozenset[str] = frozenset()
    certainty: str = "CERTAIN"
    future: bool = False
    cues: tuple[str, ...] = ()

    @property
    def negated(self) -> bool:
        return self.negations % 2 == 1

    @property
    def factuality(self) -> str:
        labels = set(self.labels)
        labels.discard("negated")
        if self.negated:
            labels.add("negated")
        for label in PRIORITY:
            if label in labels:
                return label
        return "asserted"


class _Acc:
    __slots__ = ("neg", "labels", "cert", "future", "cues")

    def __init__(self) -> None:
        self.neg = 0
        self.labels: set[str] = set()
        self.cert = 2
        self.future = False
        self.cues: list[str] = []

    def add(self, cue: Cue) -> None:
        if cue.negates:
            self.neg += 1
        if cue.factuality:
            self.labels.add(cue.factuality)
        if cue.certainty:
            self.cert = min(self.cert, _CERT_RANK[cue.certainty])
        if cue.time == "FUTURE":
            self.future = True
        self.cues.append(cue.cue)

    def label(self, label: str, future: bool = False, note: str = "") -> None:
        self.labels.add(label)
        self.future = self.future or future
        self.cues.append(note or label)


def _adjacent(tok: Token, cue: Cue) -> bool:
    doc = tok.doc
    i = tok.i
    for k, w in enumerate(cue.after, 1):
        if i + k >= len(doc) or doc[i + k].lower_ != w:
            return False
    for k, w in enumerate(reversed(cue.before), 1):
        if i - k < 0 or doc[i - k].lower_ != w:
            return False
    return True


_LEX = read_cues()
_BY_ATTACH = _LEX.by_attach
_EMPTY: tuple[Cue, ...] = ()


def _effect(cue: Cue) -> tuple:
    return (cue.scope, cue.factuality, cue.negates, cue.certainty, cue.time, cue.before, cue.after)


def _lookup(attach: str, tok: Token) -> list[Cue] | tuple[Cue, ...]:
    table = _BY_ATTACH[attach]
    lower = tok.lower_
    found = table.get(lower, _EMPTY)
    lemma = tok.lemma_
    if lemma != lower:
        extra = table.get(lemma.lower(), _EMPTY)
        if extra:
            # "n't" is found by its text and by its lemma "not": one word is one cue
            effects = {_effect(c) for c in found}
            extra = tuple(c for c in extra if _effect(c) not in effects)
            found = found + extra if found else extra
    if not found:
        return _EMPTY
    return [c for c in found if (not c.before and not c.after) or _adjacent(tok, c)]


def _is_imperative(tok: Token) -> bool:
    if tok.tag_ != "VB" or tok.dep_ != "ROOT":
        return False
    for c in tok.children:
        d = c.dep_
        if d in ("nsubj", "nsubjpass", "expl", "csubj"):
            return False
        if d in ("aux", "auxpass") and c.lower_ not in ("do", "n't", "not"):
            return False
    sent = tok.sent
    last = sent[-1]
    if last.text == "?" or (len(sent) > 1 and sent[-2].text == "?"):
        return False
    # the verb opens its clause (allowing "Please", "Do not", quotes)
    for t in sent:
        if t.i == tok.i:
            return True
        if t.is_punct or t.lower_ in ("please", "do", "n't", "not", "never", "now", "just", "so", "and", "but"):
            continue
        return False
    return False


def _own(tok: Token, acc: _Acc, inherit_neg: bool, is_noun: bool) -> None:
    """Cues among ``tok``'s own dependents."""
    if not is_noun and tok.dep_ == "ROOT":
        if _is_imperative(tok):
            acc.label("demanded", future=True, note="imperative")
        elif _has_to(tok) and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            acc.label("future", future=True, note="headline to")  # "Apple to lower UK iTunes prices"
    prev_aux: Token | None = None
    for c in tok.children:
        d = c.dep_
        if d in ("aux", "auxpass"):
            if c.lower_ == "would" and _reported_in_the_past(tok):
                # "X said it would free Y" is X's "we will free Y": a future, not a supposition
                acc.label("future", future=True, note="backshifted will")
                prev_aux = c
                continue
            for cue in _lookup("aux", c):
                acc.add(cue)
            # "is to be held", "was to take"
            if c.lower_ == "to" and prev_aux is not None and prev_aux.lemma_ == "be" and prev_aux.i == c.i - 1:
                acc.label("future", future=True, note="be to")
            prev_aux = c
        elif d == "neg":
            if inherit_neg:
                for cue in _lookup("neg", c):
                    acc.add(cue)
        elif d in ("advmod", "npadvmod", "preconj"):
            if c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
                if inherit_neg:
                    acc.neg += 1
                    acc.labels.add("negated")
                    acc.cues.append("no longer")
                continue
            cues = _lookup("adv", c)
            for cue in cues:
                if cue.negates and not inherit_neg:
                    continue
                acc.add(cue)
            if c.lower_ in _FUTURE_TIME_WORDS:
                acc.future = True
            elif d == "npadvmod":
                for g in c.children:
                    if g.lower_ in _FUTURE_TIME_WORDS:
                        acc.future = True
        elif d == "det":
            if inherit_neg or not is_noun:
                for cue in _lookup("det", c):
                    acc.add(cue)
        elif d == "amod":
            for cue in _lookup("amod", c):
                acc.add(cue)
            for g in c.children:  # "now-cancelled", "much-anticipated"
                if g.dep_ == "amod":
                    for cue in _lookup("amod", g):
                        acc.add(cue)
        elif d == "mark":
            for cue in _lookup("mark", c):
                acc.add(cue)
        elif d == "advcl":
            # a conditional clause on this one makes it the consequence of a conditional
            for g in c.children:
                if g.dep_ == "mark" and g.lower_ in _COND_MARKS:
                    acc.label("hypothetical", note="if-consequence")
                    break
        elif d == "prep" and c.lower_ in ("in", "on", "by") and not is_noun:
            # "... next year", "in the coming weeks"
            for g in c.children:
                if g.dep_ == "pobj":
                    for h in g.children:
                        if h.lower_ in _FUTURE_TIME_WORDS:
                            acc.future = True


def _gov_cues(gov: Token, scope: str) -> list[Cue]:
    return [c for c in _lookup("gov", gov) if c.scope == "any" or c.scope == scope]


def _is_speech(gov: Token) -> bool:
    return bool(_lookup("speech", gov))


def _reported_in_the_past(tok: Token) -> bool:
    """A clause reported by a verb of saying in the past tense ("said [it would …]")."""
    gov = tok.head
    return tok.dep_ == "ccomp" and gov.i != tok.i and gov.tag_ == "VBD" and _is_speech(gov)


_SUPPOSING_MODALS = lexicon.words("factuality/words.tsv", "supposing_modal")


def _judged_supposition(clause: Token, head: Token) -> bool:
    """A "for X to Y" clause judged under a modal: "it would be a mistake for X to Y"."""
    has_for = any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)
    return has_for and any(c.dep_ == "aux" and c.lower_ in _SUPPOSING_MODALS for c in head.children)


def emotive_factive(token: Token) -> bool:
    """"She is proud to endorse Joe Biden": the clause under an emotive factive adjective
    (factuality/words.tsv, ``emotive_factive``) is done as it is said, not planned."""
    head = token.head
    return token.dep_ == "xcomp" and head.pos_ == "ADJ" and head.lemma_.lower() in _EMOTIVE


def _has_to(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _subjunctive(tok: Token) -> bool:
    if tok.tag_ == "VB":
        return not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "can", "could", "may", "might", "'ll") for c in tok.children)
    return any(c.dep_ == "aux" and c.lower_ in ("should", "must") for c in tok.children)


def _takes_part(gov: Token) -> bool:
    """The word a preposition hangs on is a participation: "took part in X", "played no
    role in X" (the preposition on the verb or on the noun): X is as real as taking part."""
    if gov.lemma_.lower() in _PARTICIPATION and gov.dep_ in _OBJ_DEPS:
        return True
    return gov.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _PARTICIPATION for c in gov.children)


def _amount(noun: Token) -> bool:
    """An amount that measures the event noun after it ("$150 million in aid", "tons of
    weapons"): a number, money, or a noun of amount; the act done to the amount is the
    act done to the event."""
    return noun.pos_ in _NOUN_POS and (noun.like_num or noun.tag_ == "$" or noun.lemma_.lower() in _AMOUNT
                                       or any(c.dep_ == "nummod" for c in noun.children))


def _instead_of(prep: Token) -> bool:
    """"negotiated instead of attacking": the act after "instead of" is the one not done
    (the parser hangs "instead" on the preposition, or the preposition on "instead")."""
    return prep.lower_ == "of" and (prep.head.lower_ == "instead" or any(
        c.lower_ == "instead" and c.dep_ == "advmod" for c in prep.children))


def _content_of_noun(clause: Token, noun: Token) -> bool:
    """A "that" clause that says what a noun holds ("reports that X attacked"), however the
    parser labelled the clause (acl or ccomp) or tagged the noun (an object tagged a verb)."""
    nominal = noun.pos_ in _NOUN_POS or (noun.dep_ in _OBJ_DEPS and noun.pos_ != "AUX")
    return nominal and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def analyse(token: Token) -> Context:
    """Collect the factuality cues that scope over ``token`` (a verb or an event noun)."""
    acc = _Acc()
    cur = token
    inherit_neg = True
    proposition = False  # set for one step: the next ``cur`` is a noun reached from its "that" clause
    for _ in range(_MAX_STEPS):
        from_clause, proposition = proposition, False
        is_noun = cur.pos_ in _NOUN_POS or (from_clause and cur.dep_ in _OBJ_DEPS)  # "dismissed reports" tagged a verb
        _own(cur, acc, inherit_neg, is_noun)
        inherit_neg = True
        dep = cur.dep_
        head = cur.head
        if head.i == cur.i:
            break
        if dep == "conj":
            # conjuncts share their first conjunct's context ("will send and deploy"), unless
            # the conjunct has its own subject or auxiliary ("did not attempt X but is aimed at Y")
            if not is_noun and any(c.dep_ in _OWN_CLAUSE_DEPS for c in cur.children):
                break
            while cur.dep_ == "conj" and cur.head.i != cur.i:
                cur = cur.head
            proposition = from_clause  # the first conjunct holds the same content
            continue
        if is_noun:
            if dep in _OBJ_DEPS:
                gov = head
            elif dep == "pobj" and head.dep_ in ("prep", "agent"):
                # a prepositional object keeps its own factuality unless the preposition is
                # part of a cue ("without", "call for", "in case of") or hangs on an event noun
                # with a cue ("delay in delivery")
                gov = head.head
                if head.lower_ == "without":
                    acc.neg += 1
                    acc.labels.add("negated")
                    acc.cues.append("without")
                    break
                cues = [c for c in _gov_cues(gov, "obj") if c.after or c.before or gov.pos_ in _NOUN_POS]
                for cue in cues:
                    acc.add(cue)
                if not cues and (_amount(gov) or head.lower_ == "in" and any(
                        c.dep_ == "dobj" and c.ent_type_ == "MONEY" for c in gov.children)):
                    cur = gov  # "sent tons of weapons", "will give $150 million in aid": the amount's verb
                    continue
                if not cues and not _takes_part(gov):
                    break
                if not cues:  # "not taking part in the fighting", "played no role in": on to the verb,
                    for part in gov.children:  # with the noun's own "no" counted
                        if part.dep_ == "dobj" and part.lemma_.lower() in _PARTICIPATION:
                            _own(part, acc, True, True)
                cur = gov
                continue
            else:
                break
            if gov.i == cur.i:
                break
            if dep != "nsubj":
                # a noun whose "that" clause we came from holds a proposition: "rejected the notion
                # that X" is "rejected that X", so the verb's complement cues count too
                scopes = ("obj", "comp") if from_clause else ("obj",)
                for cue in {c for scope in scopes for c in _gov_cues(gov, scope)}:
                    acc.add(cue)
            if gov.lemma_.lower() in _ASPECTUAL:
                break
            if dep == "nsubj":
                inherit_neg = False
            cur = gov
            continue
        # verbs, copulas, adjectives
        if dep == "xcomp":
            cues = _gov_cues(head, "comp")
            if cues:
                for cue in cues:
                    acc.add(cue)
            elif _is_speech(head):
                break
            elif _has_to(cur) and not emotive_factive(cur):
                acc.label("future", future=True, note="to-infinitive")  # not "proud to endorse": done as said
            cur = head
            continue
        if dep in ("ccomp", "acl") and _content_of_noun(cur, head):
            # the content of a noun is as real as the noun allows: "denied reports that its
            # troops had attacked", "no evidence that X supplied"
            cur, proposition = head, True
            continue
        if dep == "ccomp":
            cues = _gov_cues(head, "comp")
            demand = [c for c in cues if c.factuality == "demanded"]
            if demand and _subjunctive(cur):
                for cue in demand:
                    acc.add(cue)
            elif _is_speech(head):
                break
            elif cues and not demand:
                for cue in cues:
                    acc.add(cue)
            else:
                break
            cur = head
            continue
        if dep == "acl":
            if not _has_to(cur):
                break
            cues = _gov_cues(head, "comp")
            if cues:
                for cue in cues:
                    acc.add(cue)
            else:
                acc.label("future", future=True, note="to-infinitive")
            cur = head
            continue
        if dep in ("relcl", "advcl") and _has_to(cur):
            if _judged_supposition(cur, head):
                # "it would be a big mistake for Beijing to arm Moscow": supposed, not planned
                acc.label("hypothetical", note="for-to under would")
                break
            # "another event to be held on October 12", purpose "to boost fuel efficiency"
            acc.label("future", future=True, note="to-infinitive")
            break
        if dep == "advcl":
            marks = {c.lower_ for c in cur.children if c.dep_ in ("mark", "advmod")}
            if marks & _TEMPORAL_MARKS and analyse(head).future:
                # "when it arrives" under a future main clause
                acc.future = True
            break
        if dep in ("acomp", "oprd"):
            cur = head  # "will be able to": the copula carries the modal
            continue
        if dep == "pcomp" and head.dep_ == "prep":
            gov = head.head
            if head.lower_ == "without" or _instead_of(head):
                acc.neg += 1
                acc.labels.add("negated")
                acc.cues.append(head.lower_ if head.lower_ == "without" else "instead of")
            if gov.pos_ in ("ADV", "ADJ") and gov.dep_ in ("advmod", "acomp") and gov.head.i != gov.i \
                    and gov.head.pos_ in ("VERB", "AUX"):
                gov = gov.head  # "stop short of supplying", "fell short of meeting": the verb governs
            for cue in _gov_cues(gov, "comp"):
                acc.add(cue)
            cur = gov
            continue
        break
    cert = {2: "CERTAIN", 1: "PROBABLE", 0: "POSSIBLE"}[acc.cert]
    return Context(acc.neg, frozenset(acc.labels), cert, acc.future, tuple(acc.cues))


def event_factuality(token: Token) -> str:
    """Factuality of the event ``token`` triggers: one of FACTUALITY_VALUES.

    "asserted" (it happened / is happening, as reported), "negated" (it did not
    happen: denial, negation, failure, refusal), "possible" (hedged, rumoured,
    alleged), "future" (announced, planned, expected), "hypothetical" (inside
    or depending on a condition), "demanded" (urged, called for, ordered,
    imperative). See the module docstring for the priority when cues stack.
    """
    from .model import read  # the model reads this module's analyse as features

    return read(token).factuality


def rule_factuality(token: Token) -> str:
    """The rule cascade's label alone (what ``event_factuality`` falls back to without the model)."""
    return analyse(token).factuality


def object_factuality(governor: Token) -> str:
    """Factuality of an act named by the object of ``governor`` when the object only refers
    back to it ("China may be planning it", "is weighing such a step"): the governor's own
    reading ("may be planning": possible), then what the governor says of its object
    ("planning" it: future; "considering" it: possible), the first in PRIORITY winning."""
    labels = {c.factuality for c in _gov_cues(governor, "obj") if c.factuality}
    labels.add(event_factuality(governor))
    for label in PRIORITY:
        if label in labels:
            return label
    return "asserted"

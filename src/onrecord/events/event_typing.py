"""Stage 3 of an event's walk (``candidates`` lists the stages): typing.

The trigger lexicon gives each candidate a type; its context can correct it.
Sending soldiers is MOBILIZE, not AID; "attacked … on guns" by a person with no
weapon in the sentence is ACCUSE; "did not agree" is REJECT; a governing act
takes its mode from the act it governs ("threatened to impose sanctions" is a
THREATEN of SANCTION). A cooperative act in the future tense ("will send") is an
AGREE, as the PLOVER manual says; one announced by its own word ("plans to send")
adds an AGREE on that word, and a refused or threatened one a REJECT or THREATEN
(``intents``).
"""
from __future__ import annotations

from .. import lexicon
from .arguments import CANCEL_VERBS
from .candidates import VIOLENCE, Trigger
from .trigger_lexicon import Entry


def type_candidate(tok, e: Entry, hits: dict) -> tuple[str, str | None, float, bool]:
    """(type, mode, confidence, negation_in_type) of one candidate: the lexicon's
    type and mode as its context corrects them; "did not accept" typed REJECT
    carries its negation in the type, so it is not negated again."""
    conf = 0.75 if e.source == "manual" else 0.5
    typ, mode, conf = _adjust(tok, e, e.type, e.mode, conf, hits)
    flipped = typ == "REJECT" and e.type != "REJECT" and any(c.dep_ == "neg" for c in tok.children)
    return typ, mode, conf, flipped


# An act announced for the future is itself an event (CAMEO 03 "express intent to
# cooperate" → AGREE, 13 "threaten"; "will not" → REJECT): "X will meet Y", "X is
# willing to withdraw from Y", "X will never stop its war on Y".
# The PLOVER manual (AGREE): cooperative acts of these types "reported in future tense
# are also taken to imply intentions and should be coded as AGREE", one event and not a
# type plus a future mode: "X will meet Y" is a single AGREE on "meet" ...
_FUTURE_AGREE_TYPES = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
# ... while an intent told by its own word ("is willing to", "plans to") is an AGREE on
# that word, the act keeping its type. RETREAT and CONCEDE "should be left as they
# are": announced, they make no AGREE; refused ("will not withdraw"), a REJECT.
_PROMISED_TYPES = _FUTURE_AGREE_TYPES | {"RETREAT", "CONCEDE"}
# ... and these THREATEN.
_THREATENED_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
_MODALS = lexicon.words("events/words.tsv", "intent_modal")
_INTENT_HEADS = lexicon.words("events/words.tsv", "intent_head")


def _intent_marker(tok):
    """(marker token, negated) when the act is announced, else None."""
    for c in tok.children:
        if c.dep_ == "aux" and c.lemma_.lower() in _MODALS:
            return c, any(n.dep_ == "neg" or n.lower_ == "never" for n in tok.children)
    h = tok.head
    if tok.dep_ == "xcomp" and h.lemma_.lower() in _INTENT_HEADS and h.i != tok.i:
        negated = any(n.dep_ == "neg" for n in h.children) or any(n.dep_ == "neg" for n in h.head.children)
        return h, negated
    return None


def intents(doc, found: list[Trigger]) -> list[Trigger]:
    """The announced-act events of the candidates found (see the module docstring).
    A cooperative act in the future tense becomes the AGREE itself (in place)."""
    taken = {(t.token, t.type) for t in found}
    out = []
    for t in found:
        if t.type in _PROMISED_TYPES:
            kind = ("AGREE", "REJECT")
        elif t.type in _THREATENED_TYPES:
            kind = ("THREATEN", "THREATEN")
        else:
            continue
        marked = _intent_marker(doc[t.token])
        if marked is None:
            continue
        marker, negated = marked
        typ = kind[1] if negated else kind[0]
        if typ == "AGREE" and marker.head.i == t.token and marker.dep_ == "aux":
            if t.type in _FUTURE_AGREE_TYPES:
                t.type, t.mode = "AGREE", None  # "will meet": one AGREE (the manual)
            continue  # "will withdraw": a RETREAT in the future, no AGREE
        if (marker.i, typ) in taken or any(f.token == marker.i for f in found):
            continue
        taken.add((marker.i, typ))
        out.append(Trigger(token=marker.i, type=typ, mode=None, confidence=round(t.confidence * 0.9, 3),
                           sources=t.sources, targets=t.targets))
    return out


_XCOMP_MODE = {
    "THREATEN": {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations",
                 "ARREST": "arrest"},
    "REQUEST": {"RETREAT": "yield", "CONCEDE": "yield", "AID": "assist", "COOPERATE": "assist",
                "CONSULT": "meet"},
    "REJECT": {"RETREAT": "yield", "CONCEDE": "yield", "AID": "assist", "COOPERATE": "assist",
               "CONSULT": "meet"},
}


# Sending soldiers or warships is a mobilization, not aid ("sent troops into X").
_FORCE_NOUNS = lexicon.words("events/words.tsv", "force_noun")


# "withdrew peacekeepers / its ambassador / aid": a cut in cooperation (SANCTION), not a retreat.
_SANCTION_WITHDRAWN = lexicon.words("events/words.tsv", "withdrawn_cooperation")
_STRIKE_ASSAULT = lexicon.words("events/words.tsv", "strike_weapon")


_VERBAL_ATTACK = lexicon.words("events/words.tsv", "verbal_attack")
_VIOLENCE = VIOLENCE | _STRIKE_ASSAULT
_PERSON_PRONOUNS = lexicon.words("events/words.tsv", "person_pronoun")
_CONCESSIONS = lexicon.words("events/words.tsv", "concession_noun")
_AGREEMENT_VERBS = lexicon.words("events/words.tsv", "agreement_verb")
_WITHDRAWAL_VERBS = lexicon.words("events/words.tsv", "withdrawal_verb")
_STRIKE_LAUNCH_VERBS = lexicon.words("events/words.tsv", "strike_launch_verb")


# Prepositions whose object is what is talked about: "hit him on guns", "attacked Obama for
# being too tough on guns", "a row over weapons". A violence word there is the topic, not the means.
_TOPIC_PREPOSITIONS = frozenset({"on", "over", "about", "for"})


def _topic(token) -> bool:
    """Whether the token sits inside the object of a topic preposition (``_TOPIC_PREPOSITIONS``)."""
    return any(a.dep_ == "prep" and a.lower_ in _TOPIC_PREPOSITIONS for a in token.ancestors)


def _words_not_blows(tok, typ: str) -> bool:
    """"Clinton hit Sanders on guns", "Reid attacked the Koch brothers": a named person
    attacking with words (ACCUSE) rather than blows (ASSAULT), told by a sentence with
    no weapon, force or other violence word in it, except as the topic ("on guns"). A
    country or an armed group that attacks ("Israel attacked Hezbollah positions") stays
    an ASSAULT."""
    if typ != "ASSAULT" or tok.lemma_.lower() not in _VERBAL_ATTACK:
        return False
    clause = _clause(tok)
    if any((t.lemma_.lower() in _VIOLENCE or t.lower_ in _VIOLENCE) and not _topic(t) for t in clause):
        return False
    if any(t.lemma_.lower() in _VERBAL_SETTING for t in tok.sent) and not _state_acts(tok, clause):
        return True  # "Christie unleashed withering attacks against Rubio in the debate"
    if tok.pos_ == "VERB":
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        targets = [c for c in tok.children if c.dep_ == "dobj"]
    else:  # "her attacks on Sanders' record", "Sanders’ attacks" (parsed nmod), "attacks by Trump"
        subjects = [c for c in tok.children if c.dep_ in ("poss", "nmod")]
        subjects += [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from") for p in c.children]
        targets = []
    # "attacks on Hillary Clinton", "attacks against her", "attacks on Clinton's fitness": a person, or
    # what a person owns, as the target is attacked with words when no violence word is in the
    # sentence (checked above), whoever attacks
    # "hit back at Clinton", "jabbed at her" likewise
    targets += [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "at") for p in c.children]
    return any(_a_person(s) for s in subjects) or any(
        (t.ent_type_ == "PERSON" and t.pos_ == "PROPN") or t.lower_ in ("him", "her")
        or any(c.dep_ == "poss" and _a_person(c) for c in t.children) for t in targets)


_VERBAL_SETTING = lexicon.words("events/domains.tsv", "election") | lexicon.words("events/words.tsv", "verbal_setting")
_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "xcomp", "conj", "relcl", "acl", "parataxis"})


def _clause(tok) -> list:
    """The words of the trigger's own clause (for a noun, the clause of the verb that takes
    it), without the clauses inside it: a gun in "…, criticizing him for a vote to curtail
    gun lawsuits" is not in "she escalated her attacks on Sanders' record"."""
    head = tok
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and head.dep_ not in _CLAUSE_DEPS:
        head = head.head
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSE_DEPS or c.i == tok.i)
    seen = {t.i for t in out}
    return out + [t for t in tok.subtree if t.i not in seen]


def _state_acts(tok, clause: list) -> bool:
    """A state, a people or an armed force attacks in the trigger's clause: "Russia
    attacked Kyiv on election day"."""
    return any(t.ent_type_ in ("GPE", "NORP") or t.lemma_.lower() in _FORCE_NOUNS
               for t in clause if t.dep_ in ("nsubj", "poss", "pobj", "nmod") and t.i != tok.i)


def _a_person(token) -> bool:
    return token.ent_type_ == "PERSON" or token.lower_ in _PERSON_PRONOUNS


def _names_someone(tok, typ: str) -> bool:
    """"called inversions 'unpatriotic'", "called him a liar": naming, not a call (ACCUSE)."""
    return typ == "CONSULT" and tok.lemma_.lower() == "call" and any(c.dep_ == "oprd" for c in tok.children)


_DECLARATION_VERBS = lexicon.words("events/words.tsv", "declaration_verb")


def _declared(tok) -> bool:
    """A retreat declared rather than done: the object or clause of "announced" or
    "declared" ("announced his resignation", "announced a complete withdrawal",
    "announced he would resign"). The PLOVER manual's CONCEDE covers "declarations
    (but not implementations) of ceasefires and withdrawals from territory"."""
    if tok.dep_ not in ("dobj", "ccomp"):
        return False
    return tok.head.lemma_.lower() in _DECLARATION_VERBS


def _called_off(tok, typ: str, e: Entry, hits: dict) -> str | None:
    """Type fixes from the governing words: attacking with words or naming someone → ACCUSE;
    granting a pardon or declaring a retreat → CONCEDE;
    failed to agree / cancelled a visit → REJECT;
    withdrew peacekeepers → SANCTION; a strike with a target or by weapons → ASSAULT."""
    lemma = tok.lemma_.lower()
    head = tok.head
    if _words_not_blows(tok, typ) or _names_someone(tok, typ):
        return "ACCUSE"
    if typ == "AID" and e.pos == "VERB" and any(t.lemma_.lower() in _CONCESSIONS for t in tok.subtree if t.i > tok.i):
        return "CONCEDE"  # "granted him a full pardon", "was granted clemency": a concession, no aid
    if typ in ("AGREE", "CONSULT", "SUPPORT", "COOPERATE"):
        verb = head if e.pos == "NOUN" and tok.dep_ in ("dobj", "nsubjpass") else tok
        if e.pos == "NOUN" and tok.dep_ == "dobj" and head.lemma_.lower() in CANCEL_VERBS:
            return "REJECT"
        if typ == "AGREE" and verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "fail":
            return "REJECT"
    if typ == "RETREAT" and lemma in _WITHDRAWAL_VERBS:
        if any(c.dep_ == "dobj" and c.lemma_.lower() in _SANCTION_WITHDRAWN for c in tok.children):
            return "SANCTION"
    if typ == "RETREAT" and _declared(tok):
        return "CONCEDE"  # "announced his resignation": a declaration, not yet the retreat
    if lemma == "strike" and typ == "PROTEST":
        if e.pos == "VERB" and any(c.dep_ == "dobj" for c in tok.children):
            return "ASSAULT"
        if any(c.lemma_.lower() in _STRIKE_ASSAULT for c in tok.children) or tok.lemma_ == "airstrike":
            return "ASSAULT"
        if any(c.dep_ == "prep" and c.lower_ in ("on", "against") and any(p.pos_ in ("PROPN", "NOUN") for p in c.children)
               for c in tok.children) and not (e.pos == "NOUN" and tok.dep_ == "pobj" and head.lower_ == "on"):
            return "ASSAULT"
        if e.pos == "NOUN" and head.lemma_.lower() in _STRIKE_LAUNCH_VERBS:
            return "ASSAULT"
    return None


def _adjust(tok, e: Entry, typ: str, mode: str | None, conf: float, hits: dict):
    """Small context rules: modes from the governed event; negated agreement → REJECT;
    sending forces → MOBILIZE."""
    lemma = tok.lemma_.lower()
    objs = [c for c in tok.children if c.dep_ == "dobj"] if typ == "AID" and e.pos == "VERB" else []
    objs += [p for o in objs for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
    if any(o.lemma_.lower() in _FORCE_NOUNS for o in objs):
        return "MOBILIZE", "troops", conf
    retyped = _called_off(tok, typ, e, hits)
    if retyped is not None:
        return retyped, mode if retyped == typ else None, conf
    negated = any(c.dep_ == "neg" for c in tok.children)
    if negated and typ in ("AGREE", "SUPPORT", "COOPERATE", "CONCEDE") and lemma in _AGREEMENT_VERBS:
        return "REJECT", None, conf * 0.9
    if typ in _XCOMP_MODE:
        for c in tok.children:
            inner = hits.get(c.i)
            if inner is None:
                for cc in c.children:
                    if cc.dep_ == "pobj" and cc.i in hits:
                        inner = hits[cc.i]
            if inner is not None and inner.type in _XCOMP_MODE[typ]:
                return typ, _XCOMP_MODE[typ][inner.type], conf
    return typ, mode, conf

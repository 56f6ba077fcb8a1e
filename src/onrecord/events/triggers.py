"""PLOVER event triggers in a sentence: trigger lexicon lookup
(``onrecord.events.trigger_lexicon``) and argument finding over a spaCy parse.

Arguments come from the dependency parse (``onrecord.events.arguments``); a
governing act with no target of its own ("agreed to open its borders to X")
takes the targets of the act it governs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import lexicon
from .arguments import CANCEL_VERBS, LIGHT_VERBS, clause_targets, noun_arguments, place_targets, verb_arguments
from .linker import fill_missing
from .trigger_lexicon import Entry, Lexicon, trigger_lexicon

LINKER_FALLBACK = True  # see onrecord.events.linker and docs/accuracy.md


# Verbs governing another trigger (xcomp/ccomp) that decide the event themselves.
_GOVERNING = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT"})


@dataclass
class Trigger:
    """One candidate PLOVER event in a sentence (token indices are doc indices)."""

    token: int
    type: str
    mode: str | None
    confidence: float
    sources: list[tuple[int, int]] = field(default_factory=list)
    targets: list[tuple[int, int]] = field(default_factory=list)
    # "did not accept" typed REJECT: the negation is in the type, not in the factuality
    negation_in_type: bool = False


# --------------------------------------------------------------------------- triggers

_DENY = lexicon.words("events/words.tsv", "deny_verb")


def _denies_act(tok) -> bool:
    return any(c.dep_ in ("xcomp", "ccomp", "pcomp") or (c.dep_ == "dobj" and c.pos_ == "VERB")
               or (c.dep_ == "dobj" and c.tag_ == "VBG") for c in tok.children)


def _is_light(tok, hits: dict, lex: Lexicon) -> bool:
    """A light verb whose object is itself an event noun: the noun carries the event."""
    if tok.lemma_.lower() not in LIGHT_VERBS:
        return False
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and lex.lookup(c) is not None:
            return True
    return False


def find_triggers(sent, bare: list[Trigger] | None = None) -> list[Trigger]:
    """Candidate political events in one sentence (a spaCy Span or Doc). Hand-written
    event nouns with no participant in their sentence ("any actual delivery of lethal
    aid") are appended to ``bare`` when it is given: an earlier event may lend them its
    participants (``onrecord.events.anaphora``)."""
    lex = trigger_lexicon()
    lemmas = lex.lemmas
    hits: dict[int, Entry] = {}
    for tok in sent:
        if tok.pos_ not in ("VERB", "NOUN", "AUX", "PROPN") or tok.lemma_.lower() not in lemmas:
            continue
        if tok.pos_ == "AUX" and tok.dep_ == "aux":
            continue
        e = lex.lookup(tok)
        if e is not None:
            hits[tok.i] = e
    doc = sent.doc
    demands = _demands(sent)
    if not hits:
        return demands
    out: list[Trigger] = []
    for i, e in sorted(hits.items()):
        tok = doc[i]
        if e.type == "REJECT" and tok.lemma_.lower() in _DENY and _denies_act(tok):
            continue  # "denied sending troops": the sending is the (negated) event
        if e.pos == "VERB":
            if _is_light(tok, hits, lex) or e.source == "cameo" and tok.lemma_.lower() in LIGHT_VERBS:
                continue  # "conducted a nuclear test": the light verb carries no event of its own
            srcs, tgts = verb_arguments(tok, e.type)
            if not tgts and e.type in _GOVERNING:
                tgts = [t for t in clause_targets(tok, e.type) if t not in srcs]
        else:
            srcs, tgts = noun_arguments(tok, {j for j in hits if j != i and not _is_light(doc[j], hits, lex)}, e.type)
            if tok.dep_ == "compound":
                continue
        if not srcs and not tgts:
            if bare is not None and e.pos == "NOUN" and e.source == "manual":
                bare.append(Trigger(token=i, type=e.type, mode=e.mode, confidence=0.75))
            continue
        if e.source == "cameo" and not (srcs and tgts):
            continue  # generated rows are noisier: require both participants
        if LINKER_FALLBACK and not (srcs and tgts):
            srcs, tgts = fill_missing(tok, sent, e.type, srcs, tgts)  # the learned linker fills the empty role
        if not tgts and e.type not in _PLACE_IS_VENUE:
            tgts = [t for t in place_targets(tok) if t not in srcs]
        typ, mode = e.type, e.mode
        conf = 0.75 if e.source == "manual" else 0.5
        typ, mode, conf = _adjust(tok, e, typ, mode, conf, hits)
        flipped = typ == "REJECT" and e.type != "REJECT" and any(c.dep_ == "neg" for c in tok.children)
        out.append(Trigger(token=i, type=typ, mode=mode, confidence=conf, sources=srcs, targets=tgts,
                           negation_in_type=flipped))
    return out + _intents(doc, out) + demands


_SAY = lexicon.words("events/speech_verbs.tsv", "demand_speaker")


def _demands(sent) -> list[Trigger]:
    """"X said Y must/should do Z": a demand (REQUEST) from X to Y."""
    out = []
    for tok in sent:
        if tok.dep_ != "aux" or tok.lower_ not in ("must", "should"):
            continue
        verb = tok.head
        say = verb.head
        if verb.dep_ != "ccomp" or say.lemma_.lower() not in _SAY or any(c.dep_ == "neg" for c in verb.children):
            continue
        srcs, _ = verb_arguments(say)
        tgts = [t for t in verb_arguments(verb)[0] if t not in srcs]
        if srcs and tgts:
            out.append(Trigger(token=tok.i, type="REQUEST", mode=None, confidence=0.6, sources=srcs, targets=tgts))
    return out


# Where a rally or a meeting happens is its venue, not a participant.
_PLACE_IS_VENUE = frozenset({"PROTEST", "CONSULT"})


# An act announced for the future is itself an event (CAMEO 03 "express intent to
# cooperate" → AGREE, 13 "threaten"; "will not" → REJECT): "X will meet Y", "X is
# willing to withdraw from Y", "X will never stop its war on Y".
# The types that have an intent form (not PLOVER's cooperative/conflictual split,
# schema.COOPERATIVE_TYPES): announced, these become AGREE ("will not": REJECT) ...
_PROMISED_TYPES = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})
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


def _intents(doc, found: list[Trigger]) -> list[Trigger]:
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
_VIOLENCE = (lexicon.words("events/words.tsv", "violence_cue") | lexicon.words("events/words.tsv", "force_noun")
             | _STRIKE_ASSAULT)
_PERSON_PRONOUNS = lexicon.words("events/words.tsv", "person_pronoun")


def _words_not_blows(tok, typ: str) -> bool:
    """"Clinton hit Sanders on guns", "Reid attacked the Koch brothers": a named person
    attacking with words (ACCUSE) rather than blows (ASSAULT), told by a sentence with
    no weapon, force or other violence word in it. A country or an armed group that
    attacks ("Israel attacked Hezbollah positions") stays an ASSAULT."""
    if typ != "ASSAULT" or tok.lemma_.lower() not in _VERBAL_ATTACK:
        return False
    if any(t.lemma_.lower() in _VIOLENCE or t.lower_ in _VIOLENCE for t in tok.sent):
        return False
    if tok.pos_ == "VERB":
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    else:  # "her attacks on Sanders' record", "attacks by Trump"
        subjects = [c for c in tok.children if c.dep_ == "poss"]
        subjects += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children]
    return any(s.ent_type_ == "PERSON" or s.lower_ in _PERSON_PRONOUNS for s in subjects)


def _names_someone(tok, typ: str) -> bool:
    """"called inversions 'unpatriotic'", "called him a liar": naming, not a call (ACCUSE)."""
    return typ == "CONSULT" and tok.lemma_.lower() == "call" and any(c.dep_ == "oprd" for c in tok.children)


def _called_off(tok, typ: str, e: Entry, hits: dict) -> str | None:
    """Type fixes from the governing words: attacking with words or naming someone → ACCUSE;
    failed to agree / cancelled a visit → REJECT;
    withdrew peacekeepers → SANCTION; a strike with a target or by weapons → ASSAULT."""
    lemma = tok.lemma_.lower()
    head = tok.head
    if _words_not_blows(tok, typ) or _names_someone(tok, typ):
        return "ACCUSE"
    if typ in ("AGREE", "CONSULT", "SUPPORT", "COOPERATE"):
        verb = head if e.pos == "NOUN" and tok.dep_ in ("dobj", "nsubjpass") else tok
        if e.pos == "NOUN" and tok.dep_ == "dobj" and head.lemma_.lower() in CANCEL_VERBS:
            return "REJECT"
        if typ == "AGREE" and verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "fail":
            return "REJECT"
    if typ == "RETREAT" and lemma in ("withdraw", "recall", "pull"):
        if any(c.dep_ == "dobj" and c.lemma_.lower() in _SANCTION_WITHDRAWN for c in tok.children):
            return "SANCTION"
    if lemma == "strike" and typ == "PROTEST":
        if e.pos == "VERB" and any(c.dep_ == "dobj" for c in tok.children):
            return "ASSAULT"
        if any(c.lemma_.lower() in _STRIKE_ASSAULT for c in tok.children) or tok.lemma_ == "airstrike":
            return "ASSAULT"
        if any(c.dep_ == "prep" and c.lower_ in ("on", "against") and any(p.pos_ in ("PROPN", "NOUN") for p in c.children)
               for c in tok.children) and not (e.pos == "NOUN" and tok.dep_ == "pobj" and head.lower_ == "on"):
            return "ASSAULT"
        if e.pos == "NOUN" and head.lemma_.lower() in ("carry", "launch", "conduct"):
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
    if negated and typ in ("AGREE", "SUPPORT", "COOPERATE", "CONCEDE") and lemma in ("agree", "accept", "support", "comply", "endorse", "back"):
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

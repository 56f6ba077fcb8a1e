"""PLOVER trigger lexicon lookup and argument finding over a spaCy parse.

The lexicon (``lexicons/event_triggers.tsv``) maps a lemma or phrase plus part of
speech (and optionally a required particle/preposition child) to a PLOVER event
type and mode. Hand-written ``manual`` rows win over rows generated from the
PETRARCH CAMEO dictionaries (``cameo``): if a lemma/POS has any manual row, the
cameo rows for it are ignored.

Arguments come from the dependency parse only (sentence level):

* verbs: ``nsubj`` → source (``agent``/"by" in passives), ``dobj``, ``nsubjpass``,
  ``dative`` and ``pobj`` of against/on/with/to/at/into/upon → target; a subject
  missing on an ``xcomp``/``conj`` verb is inherited from the governing verb;
* nouns: possessor, proper-noun compound/amod ("US sanctions") and "by"/"from"
  → source; "of" (actor-like objects only), "against"/"on"/"to"/"with"/"for"
  → target; an event noun that is the object of a light verb ("launched an
  attack on", "imposed sanctions on") takes the verb's subject and prepositions.

Conjoined arguments give one span each.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LEXICON_PATH = Path(__file__).resolve().parents[1] / "lexicons" / "event_triggers.tsv"

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

# Verbs that only carry an event noun ("launch an attack", "impose sanctions").
LIGHT_VERBS = frozenset({
    "impose", "launch", "carry", "hold", "conduct", "stage", "make", "issue", "file",
    "bring", "level", "reach", "begin", "start", "give", "provide", "offer", "announce",
    "send", "deliver", "extend", "pay", "mount", "sign", "strike", "seal", "lodge",
    "unleash", "order", "approve", "agree", "slap", "place", "put", "grant", "take", "go",
    "call", "stage", "organize", "organise", "hold",
})
# Verbs governing another trigger (xcomp/ccomp) that decide the event themselves.
_GOVERNING = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT"})
_TARGET_PREPS = frozenset({"against", "on", "with", "to", "at", "into", "upon", "toward", "towards"})
_NOUN_TARGET_PREPS = frozenset({"against", "on", "to", "with", "for", "into", "upon", "at", "toward", "towards"})
_SOURCE_PREPS_NOUN = frozenset({"by", "from"})
_ACTOR_ENTS = frozenset({"GPE", "ORG", "NORP", "PERSON", "FAC", "LOC"})
_ARG_POS = frozenset({"NOUN", "PROPN", "PRON"})
_SPAN_DROP_DEPS = frozenset({"conj", "cc", "relcl", "acl", "punct", "appos", "advcl", "preconj"})
_NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
_NON_ACTOR_PRON = frozenset({"it", "this", "that", "what", "which", "there", "something", "anything"})


@dataclass(frozen=True)
class Entry:
    phrase: str
    pos: str
    type: str
    mode: str | None
    particle: str | None
    source: str


@dataclass
class Trigger:
    """One candidate PLOVER event in a sentence (token indices are doc indices)."""

    token: int
    type: str
    mode: str | None
    confidence: float
    sources: list[tuple[int, int]] = field(default_factory=list)
    targets: list[tuple[int, int]] = field(default_factory=list)


class Lexicon:
    """Trigger rows indexed by (head lemma, POS)."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        by_key: dict[tuple[str, str], list[Entry]] = {}
        for e in entries:
            words = e.phrase.split()
            head = words[-1] if e.pos == "NOUN" else words[0]
            by_key.setdefault((head, e.pos), []).append(e)
        self.index: dict[tuple[str, str], list[Entry]] = {}
        for key, rows in by_key.items():
            manual = [e for e in rows if e.source == "manual"]
            self.index[key] = manual or rows
        self.lemmas = frozenset(k[0] for k in self.index)

    def candidates(self, tok) -> list[Entry]:
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None
        if pos is None:
            return []
        lemma = tok.lemma_.lower()
        if lemma not in self.lemmas:
            return []
        return self.index.get((lemma, pos), [])

    def lookup(self, tok) -> Entry | None:
        """Best entry for a token in context: phrase/particle matches first."""
        rows = self.candidates(tok)
        if not rows:
            return None
        child_lemmas = {c.lemma_.lower() for c in tok.children}
        best = None
        for e in rows:
            words = e.phrase.split()
            if len(words) > 1:
                others = words[:-1] if e.pos == "NOUN" else words[1:]
                if not all(w in child_lemmas for w in others):
                    continue
                return e
            if e.particle:
                if e.particle in child_lemmas:
                    return e
                continue
            if best is None:
                best = e
        return best

    def types(self, tok) -> list[str]:
        """All PLOVER types the lexicon lists for a token's lemma/POS."""
        return sorted({e.type for e in self.candidates(tok)})


def _read(path: Path) -> list[Entry]:
    entries = []
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader((l for l in fh if not l.startswith("#")), delimiter="\t")
        for r in rows:
            entries.append(Entry(r["phrase"].strip().lower(), r["pos"].strip(), r["type"].strip(),
                                 r["mode"].strip() or None, (r.get("particle") or "").strip() or None,
                                 r["source"].strip()))
    return entries


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(_read(LEXICON_PATH))


# --------------------------------------------------------------------------- spans

def phrase_span(tok) -> tuple[int, int]:
    """Token span of the noun phrase headed by ``tok``, without conjuncts or clauses."""
    lo = hi = tok.i
    stack = [c for c in tok.children if c.dep_ not in _SPAN_DROP_DEPS]
    if tok.dep_ == "poss":
        stack = [c for c in stack if c.dep_ != "case"]
    while stack:
        t = stack.pop()
        lo = min(lo, t.i)
        hi = max(hi, t.i)
        stack.extend(t.children)
    # keep the span contiguous around the head and clip stray punctuation
    doc = tok.doc
    while lo < tok.i and doc[lo].is_punct:
        lo += 1
    while hi > tok.i and doc[hi].is_punct:
        hi -= 1
    return lo, hi + 1


def conjuncts(tok) -> list:
    out = [tok]
    for c in tok.conjuncts:
        if c.pos_ in _ARG_POS:
            out.append(c)
    return sorted(out, key=lambda t: t.i)


def is_actor(tok) -> bool:
    """Could this token head an actor phrase? (not a date/number, not an event noun)"""
    if tok.pos_ == "NOUN" and not tok.ent_type_ and (tok.lemma_.lower(), "NOUN") in lexicon().index:
        return False
    if tok.pos_ == "PRON":
        return tok.lower_ not in _NON_ACTOR_PRON
    return tok.pos_ in ("NOUN", "PROPN") and tok.ent_type_ not in _NON_ACTOR_ENTS


def _spans(toks) -> list[tuple[int, int]]:
    out, seen = [], set()
    for t in toks:
        if t.pos_ == "NUM" or t.lower_ in ("thousands", "hundreds", "dozens", "millions", "some", "many"):
            # "Thousands of workers" → workers
            of = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
            if of:
                t = of[0]
        for c in conjuncts(t):
            if is_actor(c) and c.i not in seen:
                seen.add(c.i)
                out.append(phrase_span(c))
    return out


def _prep_objects(tok, preps) -> list:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            out.extend(p for p in c.children if p.dep_ == "pobj")
        elif c.dep_ == "prt":
            # "crack down on X", "call on X" (particle parsed with its own object)
            for cc in c.children:
                if cc.dep_ == "prep" and cc.lower_ in preps:
                    out.extend(p for p in cc.children if p.dep_ == "pobj")
        elif c.dep_ == "dative" and c.pos_ in _ARG_POS:
            out.append(c)
    return out


def _subject(verb, depth: int = 0):
    """(sources, passive targets) for a verb, inheriting through xcomp/conj/advcl."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    if subj or passive or agents:
        return subj + agents, passive
    if depth < 3 and verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
        src, _ = _subject(verb.head, depth + 1)
        if verb.dep_ == "xcomp":
            # "X urged Y to release Z": the controller of the xcomp is the object
            obj = [c for c in verb.head.children if c.dep_ in ("dobj",)]
            if obj and verb.head.lemma_.lower() in ("urge", "ask", "force", "order", "call", "press", "allow", "persuade"):
                return obj, []
        return src, []
    if verb.dep_ == "relcl" and verb.head.pos_ in _ARG_POS:
        return [verb.head], []
    return [], []


def verb_arguments(verb) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    src, passive = _subject(verb)
    tgt = list(passive)
    tgt += [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj") and c.pos_ in _ARG_POS]
    tgt += _prep_objects(verb, _TARGET_PREPS)
    # phrasal: "call on X", "crack down on X" (prt child then prep)
    return _spans(src), _spans(tgt)


def noun_arguments(noun, lex: Lexicon, lex_hits=None) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    src, tgt = [], []
    for c in noun.children:
        if c.dep_ == "poss":
            src.append(c)
        elif c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_ in _ACTOR_ENTS):
            src.append(c)
    for c in noun.children:
        if c.dep_ != "prep":
            continue
        objs = [p for p in c.children if p.dep_ == "pobj"]
        prep = c.lower_
        for o in objs:
            if prep in _SOURCE_PREPS_NOUN:
                src.append(o)
            elif prep in _NOUN_TARGET_PREPS:
                tgt.append(o)
            elif prep == "of":
                if o.pos_ == "PROPN" or o.ent_type_ in _ACTOR_ENTS or o.pos_ == "PRON":
                    tgt.append(o)
                else:
                    # "delivery of lethal aid from China to Russia"
                    for cc in o.children:
                        if cc.dep_ == "prep" and cc.lower_ in _SOURCE_PREPS_NOUN:
                            src.extend(p for p in cc.children if p.dep_ == "pobj")
                        elif cc.dep_ == "prep" and cc.lower_ in _NOUN_TARGET_PREPS:
                            tgt.extend(p for p in cc.children if p.dep_ == "pobj")
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "pobj") and head.pos_ in ("VERB", "AUX", "ADP"):
        verb = head.head if noun.dep_ == "pobj" and head.pos_ == "ADP" else head
        if verb.pos_ in ("VERB", "AUX") and (verb.lemma_.lower() in LIGHT_VERBS or noun.dep_ == "dobj") \
                and verb.i not in (lex_hits or ()):
            if not src:
                vs, _ = _subject(verb)
                src.extend(vs)
            tgt.extend(_prep_objects(verb, _NOUN_TARGET_PREPS))
            tgt.extend(c for c in verb.children if c.dep_ in ("dative", "iobj") and c.pos_ in _ARG_POS)
    tgt = [t for t in tgt if t.i != noun.i]
    src_spans = _spans(src)
    tgt_spans = [s for s in _spans(tgt) if s not in src_spans]
    return src_spans, tgt_spans


# --------------------------------------------------------------------------- triggers

_RETREAT_XCOMP_SKIP = frozenset({"xcomp", "ccomp"})
_DENY = frozenset({"deny", "dismiss"})


def _denies_act(tok) -> bool:
    return any(c.dep_ in ("xcomp", "ccomp", "pcomp") or (c.dep_ == "dobj" and c.pos_ == "VERB")
               or (c.dep_ == "dobj" and c.tag_ == "VBG") for c in tok.children)


def _governed_by_trigger(tok, hits: dict) -> bool:
    """(Unused by find_triggers: governed events are kept; the caller decides factuality.)
    True for "agreed to withdraw", "refused to release", "threatened to attack"."""
    if tok.dep_ in _RETREAT_XCOMP_SKIP and tok.head.i in hits and hits[tok.head.i].type in _GOVERNING:
        return True
    # "warned of an attack", "called for the release of", "demand the release"
    if tok.pos_ in ("NOUN", "PROPN") or tok.dep_ == "pcomp":
        h = tok.head
        if tok.dep_ in ("pobj", "pcomp") and h.dep_ == "prep":
            h = h.head
        if h.i in hits and hits[h.i].type in _GOVERNING and h.i != tok.i:
            return True
    return False


def _is_light(tok, hits: dict, lex: Lexicon) -> bool:
    """A light verb whose object is itself an event noun: the noun carries the event."""
    if tok.lemma_.lower() not in LIGHT_VERBS:
        return False
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and lex.lookup(c) is not None:
            return True
    return False


def find_triggers(sent) -> list[Trigger]:
    """Candidate political events in one sentence (a spaCy Span or Doc)."""
    lex = lexicon()
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
    if not hits:
        return []
    doc = sent.doc
    out: list[Trigger] = []
    for i, e in sorted(hits.items()):
        tok = doc[i]
        if e.type == "REJECT" and tok.lemma_.lower() in _DENY and _denies_act(tok):
            continue  # "denied sending troops": the sending is the (negated) event
        if e.pos == "VERB":
            if _is_light(tok, hits, lex):
                continue
            srcs, tgts = verb_arguments(tok)
        else:
            srcs, tgts = noun_arguments(tok, lex, {j for j in hits if j != i and not _is_light(doc[j], hits, lex)})
            if tok.dep_ == "compound":
                continue
        if not srcs and not tgts:
            continue
        if e.source == "cameo" and not (srcs and tgts):
            continue  # generated rows are noisier: require both participants
        typ, mode = e.type, e.mode
        conf = 0.75 if e.source == "manual" else 0.5
        typ, mode, conf = _adjust(tok, e, typ, mode, conf, hits)
        out.append(Trigger(token=i, type=typ, mode=mode, confidence=conf, sources=srcs, targets=tgts))
    return out


_XCOMP_MODE = {
    "THREATEN": {"ASSAULT": "violence", "COERCE": "restrict", "SANCTION": "relations",
                 "ARREST": "arrest"},
    "REQUEST": {"RETREAT": "yield", "CONCEDE": "yield", "AID": "assist", "COOPERATE": "assist",
                "CONSULT": "meet"},
    "REJECT": {"RETREAT": "yield", "CONCEDE": "yield", "AID": "assist", "COOPERATE": "assist",
               "CONSULT": "meet"},
}


def _adjust(tok, e: Entry, typ: str, mode: str | None, conf: float, hits: dict):
    """Small context rules: modes from the governed event; negated agreement → REJECT."""
    lemma = tok.lemma_.lower()
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

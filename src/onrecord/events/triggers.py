"""PLOVER event triggers in a sentence: stages 1–3 of an event's walk
(``candidates`` lists all six), run once per candidate in order:

1. ``candidates``: lexicon words in the lexicon's sense, and demands;
2. ``arguments.attach``: source and target spans from the parse (and the
   learned linker where the parse leaves a role empty);
3. ``event_typing``: the type its context gives, and announced acts.

Detection, factuality and assembly follow in the component (``components``).
"""
from __future__ import annotations

from .arguments import attach
from .candidates import Trigger, candidates, demands, is_light, lexicon_hits
from .trigger_lexicon import trigger_lexicon
from .event_typing import intents, type_candidate

__all__ = ["LINKER_FALLBACK", "Trigger", "find_triggers"]

LINKER_FALLBACK = True  # see onrecord.events.linker and docs/accuracy.md


def find_triggers(sent, bare: list[Trigger] | None = None) -> list[Trigger]:
    """Candidate political events in one sentence (a spaCy Span or Doc). Hand-written
    event nouns with no participant in their sentence ("any actual delivery of lethal
    aid") are appended to ``bare`` when it is given: an earlier event may lend them its
    participants (``onrecord.events.anaphora``)."""
    hits = lexicon_hits(sent)
    found_demands = demands(sent)
    if not hits:
        return found_demands
    lex = trigger_lexicon()
    doc = sent.doc
    out: list[Trigger] = []
    for i, e in candidates(sent, hits):
        tok = doc[i]
        argued = attach(tok, e, sent, hits, lambda t: is_light(t, lex), linker=LINKER_FALLBACK)
        if argued is None:
            continue
        srcs, tgts = argued
        if not srcs and not tgts:
            if bare is not None and e.pos == "NOUN" and e.source == "manual":
                bare.append(Trigger(token=i, type=e.type, mode=e.mode, confidence=0.75))
            continue
        typ, mode, conf, flipped = type_candidate(tok, e, hits)
        out.append(Trigger(token=i, type=typ, mode=mode, confidence=conf, sources=srcs, targets=tgts,
                           negation_in_type=flipped))
    return out + intents(doc, out) + found_demands

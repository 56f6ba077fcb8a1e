"""Predicates and event factuality: did the event happen, according to the text?

``find_predicates(doc)`` lists every event-denoting verb and eventive noun with
MEANTIME-style attributes (polarity, certainty, time); ``event_factuality(token)``
labels a political event's trigger as asserted / negated / possible / future /
hypothetical / demanded. Both are decided by the learned model (``model.read``, trained on
UDS It Happened; ``models/factuality/README.md``), which reads the parse and the rule
cascade's cues (``event.analyse``, lexicon ``lexicons/factuality_cues.tsv``); without the
model file the cascade decides alone.
"""
from __future__ import annotations

from .event import PRIORITY, analyse, event_factuality, object_factuality
from .predicates import find_predicates, is_predicate, predicate_attributes

__all__ = ["find_predicates", "predicate_attributes", "event_factuality", "object_factuality", "analyse", "is_predicate", "PRIORITY"]

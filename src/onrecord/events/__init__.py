"""PLOVER event detection and classification: who did what to whom.

``find_triggers(sent)`` lists candidate political events in one sentence (lexicon
triggers + dependency arguments); ``classify_pair(doc, source, target)`` types the
event linking a given source and target (the PLV task), combining the lexicon with
a small linear model shipped in ``onrecord/models/plover``.

An article's events pass through six stages once, one module each:
``candidates`` → ``arguments`` (``attach``) → ``event_typing`` → ``detect`` →
``onrecord.factuality`` → ``assemble``; ``candidates``' docstring says why
detection comes after arguments and typing (its features read them). ``places``
serves arguments, the linker and assembly alike: where an act happened is not who did it.
"""
from onrecord.events.classify import classify_pair
from onrecord.events.triggers import Trigger, find_triggers

__all__ = ["Trigger", "find_triggers", "classify_pair"]

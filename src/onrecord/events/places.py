"""Places in event arguments: where an act happened is not who did it.

A town before an event noun ("the Kharkiv offensive") or a place after a preposition
of place ("beaten in Minsk") says where; a state or a nationality before it ("a US
airstrike") says who. Used by the argument rules, the linker and assembly.
"""
from __future__ import annotations

from ..actors import code_text, town_form
from .trigger_lexicon import trigger_lexicon


# Acts that happen at a place: a capital before them is where ("the Kabul bombing", "the
# Tehran talks"); before other acts it stands for its government ("Washington sanctions").
PLACED_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "CONSULT", "MOBILIZE"})


def place_modifier(tok, typ: str | None) -> bool:
    """A town or region before an event noun is where it happened, not who did it: "a
    Cheltenham burglary", "the Kharkiv offensive"; a capital too for acts at a place
    (PLACED_TYPES). A state ("a US airstrike") or a nationality ("a Turkish offensive")
    is the doer. The dictionaries' word for the name decides, whatever entity type the
    recogniser gives it; a name they cannot code is a town when tagged a place (GPE, LOC)."""
    if tok.dep_ not in ("compound", "amod", "nmod"):
        return False
    name = tok.doc[tok.left_edge.i:tok.i + 1].text if tok.left_edge.i < tok.i else tok.text
    form = town_form(name)
    if form is not None:
        return form != "capital" or typ in PLACED_TYPES
    return tok.ent_type_ == "LOC" or tok.ent_type_ == "GPE" and code_text(name) is None


# Prepositions of place: "in Minsk", "at the border" say where the act happened.
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "around"})


def locative_place(tok) -> bool:
    """A place after a preposition of place ("ministers in Cairo denounced", "beaten in
    Minsk"), or a word of its name: where someone is or the act happens, never who acts."""
    while tok.dep_ == "compound" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE_PREPS and tok.ent_type_ in ("GPE", "LOC", "FAC")


def noun_type(noun) -> str | None:
    """The trigger lexicon's type for an event noun ("bombing" → ASSAULT), or None."""
    rows = trigger_lexicon().index.get((noun.lemma_.lower(), "NOUN"))
    return rows[0].type if rows else None

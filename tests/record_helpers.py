"""Helpers for tests that read records (importable by name, unlike conftest)."""
from __future__ import annotations

import onrecord
from onrecord.evaluate.demo import speech

__all__ = ["find", "parsed", "speech"]


def find(record: onrecord.Record, fragment: str):
    """The speech attribution whose content contains ``fragment`` (fails loudly if none)."""
    hits = [a for a in speech(record) if fragment in a.content.text]
    assert hits, f"no attribution contains {fragment!r}; got {[a.content.text for a in speech(record)]}"
    return hits[0]


def parsed(rows: str):
    """A hand-built parse from "word head dep pos [tag]" rows, one token a row: the
    parser's errors that a rule mends, whatever the parser does on made-up text."""
    import spacy
    from spacy.tokens import Doc

    cells = [row.split() for row in rows.strip().splitlines()]
    tags = [c[4] for c in cells] if all(len(c) > 4 for c in cells) else None
    # lemmas: the lower-case word (the rules read lemmas of nouns, which the rows spell in the singular)
    return Doc(spacy.blank("en").vocab, words=[c[0] for c in cells], heads=[int(c[1]) for c in cells],
               deps=[c[2] for c in cells], pos=[c[3] for c in cells], tags=tags,
               lemmas=[c[0].lower() for c in cells])

"""Small facts about spaCy tokens that several components need."""
from __future__ import annotations

from spacy.tokens import Doc, Token


def ends_line(token: Token) -> bool:
    """The token is, or is followed by, a line break."""
    return "\n" in token.text or "\n" in token.whitespace_


def starts_paragraph(doc: Doc, i: int) -> bool:
    """Token ``i`` is the first of a line: where datelines ("WASHINGTON —") stand."""
    return i == 0 or ends_line(doc[i - 1])

"""Small facts about spaCy tokens that several components need.

spaCy makes a new Python object for every token it hands out and rebuilds
``doc.text`` from them on every access, so walking a whole article in Python
is one of the slowest things a component can do. The facts here that need the
whole article are read from its arrays, or built once and kept with the doc.
"""
from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX
from spacy.tokens import Doc, Token

TEXT_KEY = "onrecord.text"  # doc.user_data key of the text built once


def ends_line(token: Token) -> bool:
    """The token is, or is followed by, a line break."""
    return "\n" in token.text or "\n" in token.whitespace_


SETTING_DASHES = ("—", "–", "--")


def spaced_dash(token: Token) -> bool:
    """A dash that sets words off ("Mr. Trump - 60 percent"), not a hyphen ("Jean-Pierre")."""
    if token.text in SETTING_DASHES:
        return True
    return token.text == "-" and token.i > 0 and bool(token.doc[token.i - 1].whitespace_) and bool(token.whitespace_)


def last_word(token: Token) -> int:
    """Where a phrase's words end: the parser hangs a closing comma on it too."""
    i = token.right_edge.i
    while i > token.i and token.doc[i].is_punct:
        i -= 1
    return i


def starts_paragraph(doc: Doc, i: int) -> bool:
    """Token ``i`` is the first of a line: where datelines ("WASHINGTON —") stand."""
    return i == 0 or ends_line(doc[i - 1])


def _length(doc: Doc) -> int:
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc and kept in ``doc.user_data``. The length
    check guards against a doc whose tokens changed since."""
    text = doc.user_data.get(TEXT_KEY)
    if isinstance(text, str) and len(text) == _length(doc):
        return text
    text = doc.text
    doc.user_data[TEXT_KEY] = text
    return text


def token_starts(doc: Doc) -> list[int]:
    """The character offset of every token, ``[t.idx for t in doc]`` without the token objects."""
    return doc.to_array(IDX).tolist() if len(doc) else []


def line_ends(doc: Doc) -> list[int]:
    """Indices of the tokens for which ``ends_line`` holds, in order. Every character of
    the text belongs to one token's ``text_with_ws``, so the token that holds each line
    break is found from the token offsets."""
    if not len(doc):
        return []
    text = doc_text(doc)
    breaks = [m.start() for m in re.finditer("\n", text)]
    if not breaks:
        return []
    holders = numpy.searchsorted(doc.to_array(IDX), breaks, side="right") - 1
    return sorted(set(holders.tolist()))


def paragraph_ids(doc: Doc) -> list[int]:
    """For every token, how many line ends come before it."""
    ids = numpy.zeros(len(doc), dtype=numpy.int64)
    ends = [i + 1 for i in line_ends(doc) if i + 1 < len(doc)]
    if ends:
        numpy.add.at(ids, ends, 1)
    return numpy.cumsum(ids).tolist()


def lines(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of the doc's lines; a line holds the token that ends it."""
    spans, start = [], 0
    for i in line_ends(doc):
        spans.append((start, i + 1))
        start = i + 1
    if start < len(doc):
        spans.append((start, len(doc)))
    return spans

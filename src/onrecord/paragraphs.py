"""Paragraph breaks are sentence breaks.

spaCy's parser decides sentence boundaries itself, and after a closing quote
mark it often runs a sentence on across a blank line: in
``“... a white knight.”\\n\\nHumphrey, for example, said he’s hopeful`` it made
"Humphrey" the object of the quote's verb, so the new paragraph's speaker was
lost and its "he said" went to the previous speaker. A blank line ends a
paragraph in every input onrecord reads (a single newline may be hard wrapping,
so it is left to the parser). The parser keeps boundaries set before it
(spaCy's documented way to add rule-based sentence starts), so this component
runs before it.
"""
from __future__ import annotations

import re

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from .tokens import token_starts

BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")  # a line holding only whitespace, and what follows it


def paragraph_starts(doc: Doc) -> list[int]:
    """Indices of the first tokens after each blank line (never token 0)."""
    text = doc.text  # not doc_text: its cache in user_data would warn when chunks are joined (Doc.from_docs)
    ends = [m.end() for m in BLANK_LINE.finditer(text)]
    if not ends or not len(doc):
        return []
    starts = token_starts(doc)
    found = numpy.searchsorted(starts, ends, side="left").tolist()
    return sorted({i for i in found if 0 < i < len(doc) and not doc[i].is_space})


class ParagraphBreaks:
    def __call__(self, doc: Doc) -> Doc:
        for i in paragraph_starts(doc):
            doc[i].is_sent_start = True
        return doc


@Language.factory("onrecord_paragraphs", requires=["token.text"], assigns=["token.is_sent_start"])
def make_paragraph_breaks(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks()

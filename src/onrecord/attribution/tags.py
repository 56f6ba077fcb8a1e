"""Quote tags: the structure after a quotation that says who spoke, whatever the verb.

News sets a speaker after a quote in two fixed shapes. "“France will always be
France,” an angry Hollande retaliated." puts a subject and a finite verb right
after a quote that ends in a comma, question or exclamation mark: the shape
itself says the verb reports the quote, even when the cue lexicon does not list
it ("retaliated", "quipped", "scoffed"). Without this the quote fell to the
continuation rule and went to the previous speaker. Fact-check and list
articles credit a quote on its own line: "“Boeing and GE … pay zero taxes.”
- Sanders." These are found here as cue frames (``tag_frames``) and credited
quotes (``credited_quotes``) for ``extract.find_attributions``.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .frames import Frame, source_span
from .quotes import Quote
from .voices import can_speak

FINITE = ("VBD", "VBZ", "VBP")
TAG_ENDINGS = (",", "?", "!", "—", "–")  # what the quoted words end with when a tag follows
MAX_SUBJECT_TOKENS = 12  # "an angry French President Francois Hollande", with an apposition
OBJECT_DEPS = ("dobj", "ccomp", "xcomp", "attr", "acomp", "oprd")
CREDIT = re.compile(r"[ \t]*(?:--|-|—|–)[ \t]*")  # "”\n\n- Sanders." or "” — Hillary Clinton."
NEXT_LINE = re.compile(r"\s*\n\s*")
CREDIT_MAX_TOKENS = 6
DASHES = ("-", "--", "—", "–")
def _ends_for_a_tag(text: str, quote: Quote) -> bool:
    inner = text[quote.inner_start:quote.inner_end].rstrip()
    return quote.closed and inner.endswith(TAG_ENDINGS)


def _first_after(doc: Doc, token_at, quote: Quote) -> int | None:
    i = token_at(quote.end - 1) + 1
    while i < len(doc) and (doc[i].is_space or doc[i].is_quote):
        i += 1
    return i if i < len(doc) else None


def _tag_verb(doc: Doc, first: int) -> Token | None:
    """The finite verb of "X verbed" or "verbed X" starting at token ``first``, when
    the clause stops there: no object or clause of its own after the verb (the parse
    may make the quote before it the verb's object), and a subject that can speak."""
    sentence_end = doc[first].sent.end
    for verb in doc[first:min(sentence_end, first + MAX_SUBJECT_TOKENS + 2)]:
        if verb.tag_ not in FINITE or verb.pos_ not in ("VERB",):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or any(c.dep_ in OBJECT_DEPS and c.i > verb.i for c in verb.children):
            return None
        before = subject.left_edge.i if subject.i < verb.i else verb.i
        return verb if before == first and can_speak(subject) else None
    return None


def tag_frames(doc: Doc, text: str, quotes: list[Quote], token_at, taken: set[int]) -> list[Frame]:
    """Cue frames for quote tags whose verb no other frame holds (``taken``: token
    indices of the cues already found)."""
    frames = []
    for quote in quotes:
        if not _ends_for_a_tag(text, quote):
            continue
        first = _first_after(doc, token_at, quote)
        if first is None:
            continue
        verb = _tag_verb(doc, first)
        if verb is None or verb.i in taken:
            continue
        subject = next(c for c in verb.children if c.dep_ == "nsubj")
        frames.append(Frame((verb.i, verb.i + 1), "speech", source_span(doc, subject, verb), None))
    return frames


def _lead_verb(doc: Doc, comma: int) -> Token | None:
    """The finite verb of "X verbed," right before a quote: "Hillary shot back, “…”".
    The clause must be only a subject that can speak and the verb (with a particle or
    adverb), starting the sentence or after a comma, so "Brown criticized Clinton, “…”"
    (an object) and "the ballots were counted, “…”" (no speaker) are not leads."""
    last = doc[comma - 1] if comma > 0 else None
    if last is None:
        return None
    verb = last.head if last.dep_ in ("prt", "advmod") and last.head.i < last.i else last
    if verb.tag_ not in FINITE or verb.pos_ != "VERB":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or not can_speak(subject) or any(
            c.dep_ in OBJECT_DEPS and c.i < comma for c in verb.children):
        return None
    if any(not (t.dep_ in ("prt", "advmod") or t.is_punct) for t in doc[verb.i + 1:comma]):
        return None
    before = subject.left_edge.i - 1
    if before >= doc[comma].sent.start and doc[before].text not in (",", ";", "and", "but"):
        return None
    return verb


def lead_frames(doc: Doc, text: str, quotes: list[Quote], token_at, taken: set[int]) -> list[Frame]:
    """Cue frames for "X verbed, “…”" whose verb no other frame holds: the shape says
    the subject speaks the quote, whatever the verb ("shot back", "quipped")."""
    frames = []
    for quote in quotes:
        end = quote.start
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if end == 0 or text[end - 1] != ",":
            continue
        comma = token_at(end - 1)
        if comma is None or doc[comma].text != ",":
            continue
        verb = _lead_verb(doc, comma)
        if verb is None or verb.i in taken:
            continue
        subject = next(c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i)
        frames.append(Frame((verb.i, comma), "speech", source_span(doc, subject, verb), None))
    return frames


def credited_quotes(doc: Doc, text: str, quotes: list[Quote], token_at, owned: set[int]) -> list[tuple[int, tuple[int, int], tuple[int, int]]]:
    """(quote index, dash token span, name token span) for quotes not in ``owned``
    that end their line with a dash and a name: "“…” - Hillary Clinton."."""
    credited = []
    for q, quote in enumerate(quotes):
        if q in owned or not quote.closed:
            continue
        dash = CREDIT.match(text, quote.end)
        if dash is None:
            newline = NEXT_LINE.match(text, quote.end)  # the credit on the next line
            dash = CREDIT.match(text, newline.end()) if newline else None
        if dash is None:
            continue
        start = token_at(dash.end())
        if not 0 < start < len(doc) or doc[start - 1].text not in DASHES:
            continue
        end = start
        while end < len(doc) and doc[end].pos_ == "PROPN" and "\n" not in doc[end].text and end - start < CREDIT_MAX_TOKENS:
            end += 1
        if end == start:
            continue
        name_end = doc[end - 1].idx + len(doc[end - 1].text)
        line_end = text.find("\n", name_end)
        rest = text[name_end:line_end if line_end >= 0 else len(text)].strip(" \t.")
        if rest and not rest.startswith(","):
            continue  # the name ends its line, or a description after a comma does ("— Ana Ruiz, mayor")
        credited.append((q, (start - 1, start), (start, end)))
    return credited

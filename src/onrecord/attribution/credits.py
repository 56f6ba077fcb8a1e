"""Bylines, photo credits and agency datelines: lines that name who wrote or shot
the piece, never who said something in it.

"By Marta Kowalczyk", "Photo: Jonas Berglund", "Jonas Berglund / Nordic Press"
and "LISBON (Reuters) -" carry no sentence end, so the parser glues them onto
the next sentence and may take the name for the subject of its cue ("Photo:
Jonas Berglund ⏎ “…,” the minister said" gives "said" two subjects). Cue frames
are cleaned of them here, and a cue whose subject was lost over the line break
gets the subject in its own paragraph back.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .. import lexicon
from ..tokens import ends_line, lines
from .frames import Frame
from .senses import expected_of_no_one

CREDIT_LINE_MAX_WORDS = 12  # "Photo by Ana Ruiz / Agence France-Presse" and a little more
LEAD_TOKENS = 16  # more than _dateline_end can read: ten tokens, then up to six to the dash
CREDITS_KEY = "onrecord.credit_spans"  # doc.user_data key: several components ask
SLASHES = ("/", "|")
DASHES = ("-", "—", "–", "--")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Lower-case words a line of names may hold: "Jane Doe and John Roe / The Harbour Gazette".
NAME_JOINERS = ("and", "&", "of", "the", "for")


def _line_tokens(doc: Doc, start: int, end: int) -> list[Token]:
    """The line's tokens other than spaces, cut short once it is too long to be a credit:
    past CREDIT_LINE_MAX_WORDS words, only the first LEAD_TOKENS tokens matter (the
    dateline test reads no further), and a paragraph need not be walked to its end."""
    tokens, words = [], 0
    for i in range(start, end):
        token = doc[i]
        if token.is_space:
            continue
        tokens.append(token)
        words += not token.is_punct
        if words > CREDIT_LINE_MAX_WORDS and len(tokens) >= LEAD_TOKENS:
            break
    return tokens


def _words(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if not (t.is_punct or t.is_space)]


def _names_only(tokens: list[Token], particles: frozenset[str]) -> bool:
    return all(t.text[:1].isupper() or t.lower_ in particles or t.lower_ in NAME_JOINERS for t in _words(tokens))


def _dateline_end(tokens: list[Token]) -> int | None:
    """Index after "LISBON (Reuters) -" or "(AP) —" opening a line, else None."""
    for k, token in enumerate(tokens[:10]):
        if token.text == "(":
            close = next((j for j in range(k + 1, min(len(tokens), k + 6)) if tokens[j].text == ")"), None)
            if close is None or close + 1 >= len(tokens) or tokens[close + 1].text not in DASHES:
                return None
            inside, before = tokens[k + 1:close], tokens[:k]
            if inside and all(t.text[:1].isupper() or t.is_punct for t in inside + before):
                return tokens[close + 1].i + 1
            return None
        if not (token.text[:1].isupper() or token.text in (",", ".")):
            return None
    return None


def credit_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of byline and credit lines, and of agency datelines at a line's start,
    found once per doc (they depend on the words alone, not on any later annotation)."""
    cached = doc.user_data.get(CREDITS_KEY)
    if cached is not None and cached[0] == len(doc):
        return [tuple(span) for span in cached[1]]
    spans = _credit_spans(doc)
    doc.user_data[CREDITS_KEY] = (len(doc), spans)
    return list(spans)


def _credit_spans(doc: Doc) -> list[tuple[int, int]]:
    credit = lexicon.words("entities/words.tsv", "credit")
    particles = lexicon.words("entities/words.tsv", "particle")
    spans = []
    for start, end in lines(doc):
        tokens = _line_tokens(doc, start, end)
        if not tokens:
            continue
        words = _words(tokens)
        short = 0 < len(words) <= CREDIT_LINE_MAX_WORDS
        lead = tokens[0].lower_ in credit and len(tokens) > 1
        follows = tokens[1] if lead else None
        if short and lead and (follows.text == ":" or follows.lower_ in credit or follows.text[:1].isupper()):
            spans.append((start, end))  # "Photo: Jane Doe", "By Jane Doe", "Photo by Jane Doe/AFP"
        elif short and any(t.text in SLASHES for t in tokens) and _names_only(tokens, particles):
            spans.append((start, end))  # "Jane Doe / Nordic Press", "(Jane Doe/AP)"
        else:
            dateline = _dateline_end(tokens)
            if dateline is not None:
                spans.append((start, dateline))  # "LISBON (Reuters) -"
    return spans


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= i < e for s, e in spans)


def _outside_part(span: tuple[int, int] | None, spans: list[tuple[int, int]], keep: int) -> tuple[int, int] | None:
    """The stretch of ``span`` around token ``keep`` that no credit span touches."""
    if span is None:
        return None
    start, end = span
    if not any(s < end and start < e for s, e in spans):
        return span
    if _inside(keep, spans):
        return None
    lo = keep
    while lo > start and not _inside(lo - 1, spans):
        lo -= 1
    hi = keep
    while hi < end and not _inside(hi, spans):
        hi += 1
    return (lo, hi) if hi > lo else None


def _paragraph(doc: Doc, i: int) -> tuple[int, int]:
    start = i
    while start > 0 and not ends_line(doc[start - 1]):
        start -= 1
    end = i + 1
    while end < len(doc) and not ends_line(doc[end - 1]):
        end += 1
    return start, end


def paragraph_subject(doc: Doc, frame: Frame, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The cue verb's subject in the cue's own paragraph and outside credits, when
    the parse also gave it one over the line break ("Photo", "Jane Doe")."""
    verb = doc[frame.cue[0]:frame.cue[1]].root
    lo, hi = _paragraph(doc, frame.cue[0])
    subjects = [
        c for c in verb.children
        if c.dep_ in SUBJECT_DEPS and lo <= c.i < hi and not _inside(c.i, spans)
        and not (c.left_edge.i == lo and c.text.isupper() and len(c.text) > 1)  # "WASHINGTON —"
    ]
    if not subjects:
        return None
    subject = min(subjects, key=lambda c: abs(c.i - frame.cue[0]))
    start, end = max(lo, subject.left_edge.i), min(hi, subject.right_edge.i + 1)
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return (start, end) if end > start else None


def clean_frames(doc: Doc, frames: list[Frame]) -> list[Frame]:
    """Frames without credits: a cue inside a credit line is none; a source or
    content reaching into one keeps only its part beside the cue."""
    spans = credit_spans(doc)
    kept = []
    for frame in frames:
        if _inside(frame.anchor, spans):
            continue
        if frame.content is not None:
            frame.content = _outside_part(frame.content, spans, frame.content[1] - 1)
        if frame.source is not None:
            keep = frame.source[1] - 1 if frame.source[1] <= frame.cue[0] else frame.source[0]
            frame.source = _outside_part(frame.source, spans, keep)
        verb = doc[frame.cue[0]:frame.cue[1]].root
        # A frame with no source on purpose ("prices are expected to climb": no one
        # expects) stays without one.
        if frame.source is None and verb.pos_ in ("VERB", "AUX") and not expected_of_no_one(verb):
            frame.source = paragraph_subject(doc, frame, spans)
        kept.append(frame)
    return kept

"""Find quoted stretches of text from the quote marks alone, before any parsing.

News quotes follow typographic conventions a parser does not know: a quote
that runs over paragraphs leaves each paragraph open and re-opens the next;
British style uses single marks; translated quotes use guillemets. Marks that
do not pair up are reported as warnings and never stop the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
STRAIGHT_DOUBLE = '"'
SINGLE_OPEN = "‘'‹"
SINGLE_CLOSE = "’'›"
# Characters after which a single mark can open a quote (else it is an apostrophe).
_BEFORE_SINGLE_OPEN = " \t\n([{—–-/\"“:"
# Characters after which a single mark can close a quote.
_AFTER_SINGLE_CLOSE = " \t\n.,;:!?)]}—–-\"”"

_PARAGRAPH_BREAK = re.compile(r"\n\s*")
# Typewriter pairs first, so that "''" is one mark, not two.
_DOUBLE_MARK = re.compile("''|``|[%s]" % re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + STRAIGHT_DOUBLE))
_SINGLE_MARK = re.compile("[%s]" % re.escape(SINGLE_OPEN + SINGLE_CLOSE))


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just after the closing mark (or the paragraph end when unclosed)
    inner_start: int  # first character inside the marks, whitespace skipped
    inner_end: int
    style: str  # "double", "single" or "guillemet"
    closed: bool = True
    paragraphs: int = 1

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _inner(text: str, start: int, end: int, closed: bool) -> tuple[int, int]:
    lo, hi = start + 1, end - (1 if closed else 0)
    if text[start:start + 2] in ("''", "``"):
        lo += 1
    if closed and hi - 1 > lo and text[hi - 1:hi + 1] == "''":
        hi -= 1
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _style(mark: str) -> str:
    if mark == "`":
        return "double"
    return "guillemet" if mark in "«»‹›" else ("single" if mark in SINGLE_OPEN + SINGLE_CLOSE else "double")


def _double_marks(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """(offset, 'open'|'close') for every double mark in a paragraph."""
    marks, is_open = [], False
    for match in _DOUBLE_MARK.finditer(text, lo, hi):  # a regex finds the few marks far faster than a walk
        i, mark = match.start(), match.group()
        if len(mark) == 2:
            # Typewriter double quotes (``...'' or ''...''), as some newspapers print them.
            kind = "open" if mark == "``" or not is_open else "close"
            marks.append((i if kind == "open" else i + 1, kind))
            is_open = kind == "open"
        elif mark in DOUBLE_OPEN:
            marks.append((i, "open"))
            is_open = True
        elif mark in DOUBLE_CLOSE:
            marks.append((i, "close"))
            is_open = False
        else:
            # A straight mark closes when one is open, unless it is clearly an opener
            # (space before, word after) right after an unclosed one.
            marks.append((i, "close" if is_open else "open"))
            is_open = not is_open
    return marks


def _single_marks(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    marks, is_open = [], False
    for match in _SINGLE_MARK.finditer(text, lo, hi):
        i, ch = match.start(), match.group()
        before = text[i - 1] if i > lo else " "
        after = text[i + 1] if i + 1 < hi else " "
        if not is_open and ch in SINGLE_OPEN and before in _BEFORE_SINGLE_OPEN and (after.isalnum() or after in "‘“\"."):
            marks.append((i, "open"))
            is_open = True
        elif is_open and ch in SINGLE_CLOSE and not before.isspace() and (after in _AFTER_SINGLE_CLOSE):
            marks.append((i, "close"))
            is_open = False
    return marks


def _pair(text: str, paragraphs: list[tuple[int, int]], marks_of, warnings: list[str]) -> list[Quote]:
    """Pair open and close marks, carrying a quote over paragraph breaks when the
    next paragraph re-opens it (the newspaper convention)."""
    quotes: list[Quote] = []
    open_at: int | None = None  # offset of the (first character of the) opening mark
    spanned = 1
    for index, (lo, hi) in enumerate(paragraphs):
        marks = marks_of(text, lo, hi)
        if open_at is not None:
            # We carried an open quote into this paragraph: it must re-open here.
            if marks and marks[0] == (lo, "open"):
                marks = marks[1:]
                spanned += 1
            else:
                prev_hi = paragraphs[index - 1][1]
                quotes.append(Quote(open_at, prev_hi, *_inner(text, open_at, prev_hi, False), _style(text[open_at]), False, spanned))
                warnings.append(f"unclosed quote mark at offset {open_at}")
                open_at = None
        for offset, kind in marks:
            if kind == "open":
                if open_at is None:
                    open_at, spanned = offset, 1
                else:
                    warnings.append(f"quote mark at offset {offset} opens inside an open quote")
            elif open_at is None:
                warnings.append(f"stray closing quote mark at offset {offset}")
            else:
                quotes.append(Quote(open_at, offset + 1, *_inner(text, open_at, offset + 1, True), _style(text[open_at]), True, spanned))
                open_at = None
        if open_at is not None and index + 1 == len(paragraphs):
            quotes.append(Quote(open_at, hi, *_inner(text, open_at, hi, False), _style(text[open_at]), False, spanned))
            warnings.append(f"unclosed quote mark at offset {open_at}")
    return quotes


def find_quotes(text: str, warnings: list[str] | None = None) -> list[Quote]:
    """All top-level quotes in ``text``, in order. Single marks count as quotation
    marks only outside double-quoted text (British style), never as apostrophes."""
    warnings = warnings if warnings is not None else []
    paragraphs = _paragraph_spans(text)
    doubles = _pair(text, paragraphs, _double_marks, warnings)
    # Single marks are read in the gaps between double quotes, so nested quotes stay inside.
    gaps, cursor = [], 0
    for q in doubles:
        gaps.append((cursor, q.start))
        cursor = q.end
    gaps.append((cursor, len(text)))
    singles: list[Quote] = []
    single_warnings: list[str] = []
    for lo, hi in gaps:
        sub = [(max(a, lo), min(b, hi)) for a, b in paragraphs if a < hi and b > lo]
        singles.extend(_pair(text, sub, _single_marks, single_warnings))
    # An unclosed single mark is nearly always an apostrophe we misread; drop it quietly.
    singles = [q for q in singles if q.closed]
    return sorted(doubles + singles, key=lambda q: q.start)

"""Date expressions in a parsed Doc, and the date of an event trigger.

``find_dates`` takes spaCy's DATE entities, TIME entities that name a day
("Friday morning" — kept as the day's date), and what NER missed, found by one
vectorised look-up of trigger words and shapes over the Doc's token arrays ("on Friday", "yesterday", "now", "7/8/07"); each is
normalised against the article date with the tense of the verb it modifies.
Durations ("three years", "for two weeks") are left out: they are TIMEX3
DURATIONs, not DATEs.

``date_for_trigger`` gives an event trigger the value of a date expression in
its own clause: one attached to it directly or through "on/in/at/during/since/
after ..." and nouns, never through another verb or clause.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re

import numpy as np
from spacy.attrs import LOWER, SHAPE
from spacy.tokens import Doc, Span, Token

from onrecord import lexicon
from onrecord.dates.normalise import date_words, normalise
from onrecord.schema import DateMention
from onrecord.tokens import doc_text

__all__ = ["find_dates", "date_for_trigger", "tense_of"]

# A stand-in anchor, only to tell a date expression that can't be resolved
# (no article date) from something that is not a date at all.
_PROBE = _dt.date(2001, 6, 15)

_FUTURE_AUX = lexicon.words("dates/words.tsv", "future_aux")
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis",
                          "xcomp", "conj", "pcomp", "root", "ROOT"})
_PREPS = lexicon.words("dates/words.tsv", "attaching_preposition")
_PROSPECTIVE = lexicon.words("dates/words.tsv", "prospective_head")
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})

_YEAR_PREPS = lexicon.words("dates/words.tsv", "year_preposition")
_REF_WORDS = lexicon.words("dates/words.tsv", "present_reference")
_DAYPARTS = lexicon.words("dates/words.tsv", "daypart")
_NUMERIC_SHAPES = tuple(f"{a}/{b}/{y}" for a in ("d", "dd") for b in ("d", "dd") for y in ("dd", "dddd"))


class _Triggers:
    """Hashes of the words and shapes that can start a date NER missed, so one
    vectorised look over the Doc's arrays finds the few tokens worth checking."""

    def __init__(self, strings) -> None:
        w = date_words()
        self.weekdays = frozenset(k for k in w.weekday if len(k) > 4)
        self.months = frozenset(k for k in w.month if len(k) > 2) | {k + "." for k in w.month if len(k) <= 4}
        self.days = frozenset(w.day)
        words = self.weekdays | self.months | self.days | _REF_WORDS
        self.lower = np.array(sorted(strings[x] for x in words), dtype="uint64")
        self.shape = np.array(sorted(strings[x] for x in (*_NUMERIC_SHAPES, "dddd")), dtype="uint64")


_TRIGGERS: _Triggers | None = None


def _triggers(doc: Doc) -> _Triggers:
    global _TRIGGERS
    if _TRIGGERS is None:
        _TRIGGERS = _Triggers(doc.vocab.strings)
    return _TRIGGERS


def _candidates(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges that look like dates: "(last) Friday (night)", "March 5(, 2023)",
    "yesterday", "now", "7/8/07", "2023-03-05", "in 2011"."""
    trig = _triggers(doc)
    arr = doc.to_array([LOWER, SHAPE])
    hits = np.flatnonzero(np.isin(arr[:, 0], trig.lower) | np.isin(arr[:, 1], trig.shape))
    out: list[tuple[int, int]] = []
    n = len(doc)
    for i in hits.tolist():
        tok = doc[i]
        low = tok.lower_
        if low in trig.weekdays:
            if not tok.is_title:
                continue
            a, b = i, i + 1
            if a > 0 and doc[a - 1].lower_ in ("last", "next", "this"):
                a -= 1
            if b < n and doc[b].lower_ in _DAYPARTS:
                b += 1
            out.append((a, b))
        elif low in trig.months:
            if not tok.is_title or i + 1 >= n:
                continue
            day = doc[i + 1]
            if not (day.is_digit and len(day.text) <= 2) and not (day.text[:-2].isdigit() and day.text[-2:]
                                                                 in ("st", "nd", "rd", "th")):
                continue
            b = i + 2
            if b < n and doc[b].text == "," and b + 1 < n and doc[b + 1].shape_ == "dddd":
                b += 2
            elif b < n and doc[b].shape_ == "dddd":
                b += 1
            out.append((i, b))
        elif low in trig.days or low in _REF_WORDS:
            if low == "now" and i + 1 < n and doc[i + 1].text == "-" and not tok.whitespace_:
                continue  # "now-defunct"
            out.append((i, i + 1))
        elif tok.shape_ == "dddd":
            if (i + 4 < n and not any(doc[j].whitespace_ for j in range(i, i + 4)) and doc[i + 1].text == "-"
                    and doc[i + 2].shape_ == "dd" and doc[i + 3].text == "-" and doc[i + 4].shape_ == "dd"):
                out.append((i, i + 5))  # 2023-03-05
            elif (i > 0 and doc[i - 1].lower_ in _YEAR_PREPS and not tok.ent_type_ and tok.dep_ != "nummod"
                  and 1500 <= int(tok.text) <= 2099
                  and not (i + 1 < n and doc[i + 1].text in ("-", "/", ".", ",") and not tok.whitespace_
                           and i + 2 < n and doc[i + 2].like_num)):
                out.append((i, i + 1))  # "from 2009 to 2011": NER took one year only
        else:
            out.append((i, i + 1))  # 7/8/07
    return out


def tense_of(span: Span) -> str | None:
    """"past", "present" or "future" from the verb that governs ``span``, or None."""
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            break
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    else:
        return None
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & _FUTURE_AUX:
        return "future"
    if "to" in lowers or tok.tag_ == "VB" and any(a.tag_ == "TO" for a in auxes):
        head = tok.head
        if head.i != tok.i and (head.tag_ == "VBD" or "Past" in head.morph.get("Tense")
                                and head.tag_ != "VBN"):
            return None  # "was due to fly on Friday": no telling
        # An infinitive has no tense of its own: it looks ahead only under a verb
        # of planning or intending ("plans to meet on Friday"), not in a purpose
        # clause ("counted the cases to estimate the total on January 12").
        if head.i != tok.i and (head.lemma_.lower() in _PROSPECTIVE or head.lower_ in _PROSPECTIVE):
            return "future"
        return None
    if tok.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lower_ in ("has", "have", "had") for a in auxes):
        return "past"
    if tok.tag_ == "VBG" and lowers & {"is", "are", "'s", "'re", "am"}:
        return "future"  # "is launching on Friday"
    if tok.tag_ in ("VBZ", "VBP") or lowers & {"is", "are", "am"}:
        return "present"
    return None


def _trim(span: Span) -> Span:
    start, end = span.start, span.end
    while end > start and (span.doc[end - 1].tag_ == "POS" or span.doc[end - 1].is_punct):
        end -= 1
    while start < end and span.doc[start].is_punct:
        start += 1
    return span.doc[start:end]


_SEPARATORS = lexicon.words("dates/words.tsv", "separator")


def _pieces(ent: Span) -> list[Span]:
    """The entity, widened by a "this/last/next" spaCy left out ("this year's" is
    tagged "year"), trimmed, and cut at line breaks (a headline's date runs into
    the dateline)."""
    doc, start, end = ent.doc, ent.start, ent.end
    shift = date_words().shift
    if start > 0 and doc[start - 1].lower_ in shift and ent[0].lower_ not in shift:
        start -= 1
    if end < len(doc) and doc[end].lower_ in ("s", "'s") and not doc[end - 1].whitespace_ \
            and doc[end - 1].text[-1:].isdigit():
        end += 1  # "the 1980s" tokenised "1980" + "s"
    pieces, begin = [], start
    for i in range(start, end):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            piece = _trim(doc[begin:i] if doc[i].is_space else doc[begin:i + 1])
            if len(piece):
                pieces.append(piece)
            begin = i + 1
    piece = _trim(doc[begin:end])
    if len(piece):
        pieces.append(piece)
    return pieces


def _split(span: Span) -> list[Span]:
    parts, begin = [], span.start
    for tok in span:
        if tok.lower_ in _SEPARATORS:
            if tok.i > begin:
                parts.append(span.doc[begin:tok.i])
            begin = tok.i + 1
    if begin < span.end and parts:
        parts.append(span.doc[begin:span.end])
    return [_trim(p) for p in parts if len(_trim(p))]


def _value(span: Span, anchor: _dt.date | None) -> tuple[bool, str | None]:
    """(is a date expression, its value)."""
    text = span.text
    tense = tense_of(span)
    value = normalise(text, anchor, tense=tense)
    if value is not None:
        return True, value
    if anchor is None and normalise(text, _PROBE, tense=tense) is not None:
        return True, None
    return False, None


def find_dates(doc: Doc, anchor: _dt.date | None) -> list[tuple[Span, DateMention]]:
    """Date expressions in ``doc`` with their TIMEX3 values, in text order.

    Relative expressions get value None when there is no ``anchor``; durations
    and things that are not dates are left out.
    """
    if isinstance(anchor, str):
        anchor = _dt.date.fromisoformat(anchor)
    found: list[tuple[Span, DateMention]] = []
    covered: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            covered.append((ent.start_char, ent.end_char))
            for span in _pieces(ent):
                ok, value = _value(span, anchor)
                if ok:
                    found.append((span, DateMention(span.start_char, span.end_char, span.text, value)))
                elif len(span) > 1 and ent.label_ == "DATE":
                    # "November 11, three days later", "between 2014 and 2016",
                    # "2009, 2011 and 2014": the parts that are dates
                    for part in _split(span):
                        ok, value = _value(part, anchor)
                        if ok:
                            found.append((part, DateMention(part.start_char, part.end_char, part.text, value)))
    extras = False
    taken = {i for span, _ in found for i in range(span.start, span.end)}
    for a, b in _candidates(doc):
        if any(i in taken for i in range(a, b)) or any(
                doc[a].idx < ce and cs < doc[b - 1].idx + len(doc[b - 1]) for cs, ce in covered):
            continue
        span = doc[a:b]
        ok, value = _value(span, anchor)
        if ok and (value or anchor is None):
            found.append((span, DateMention(span.start_char, span.end_char, span.text, value)))
            taken.update(range(a, b))
            extras = True
    if extras:
        found.sort(key=lambda pair: pair[1].start)
    if anchor is not None:
        _year_from_sentence(found, anchor)
        _reanchor_quoted(doc, found, anchor)
    return found


# --------------------------------------------------------------------------- context


_DEICTIC_DAYS = None  # "today", "yesterday", "tomorrow", "tonight": from date_words.tsv
_QUOTE_RE = re.compile('["\u201c\u201d]')
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_ONLY = re.compile(r"^\d{4}-\d{2}$")
_WRITTEN_YEAR = re.compile(r"\b\d{4}\b")
# How far before the article date the story's own day may lie for quoted
# "today" to mean that day (a news story reports the last days' events).
_STORY_DAYS = 14


class _Quotes:
    """Where quotation marks are, so that "is this offset quoted?" is two
    bisections (an odd number of marks since its paragraph began)."""

    def __init__(self, text: str) -> None:
        self.marks = [m.start() for m in _QUOTE_RE.finditer(text)]
        self.text = text

    def inside(self, start: int) -> bool:
        para = self.text.rfind("\n", 0, start) + 1
        return (bisect.bisect_left(self.marks, start) - bisect.bisect_left(self.marks, para)) % 2 == 1


def _reanchor_quoted(doc: Doc, found: list[tuple[Span, DateMention]], anchor: _dt.date) -> None:
    """A day deictic inside a quotation ("Today, I am leaving the race") counts
    from when the words were said, not from when the article was published: the
    narrative's last named day before it (Reichenbach's reference time), when
    that day lies in the days just before the article date."""
    global _DEICTIC_DAYS
    if _DEICTIC_DAYS is None:
        _DEICTIC_DAYS = frozenset(date_words().day)
    if not any(m.text.lower() in _DEICTIC_DAYS for _, m in found):
        return
    quotes = _Quotes(doc_text(doc))
    story_day: _dt.date | None = None
    for k, (span, mention) in enumerate(found):
        quoted = quotes.inside(span.start_char)
        if not quoted:
            if mention.value and _DAY.match(mention.value):
                day = _dt.date.fromisoformat(mention.value)
                if 0 < (anchor - day).days <= _STORY_DAYS:
                    story_day = day
            continue
        if story_day is not None and span.text.lower() in _DEICTIC_DAYS:
            value = normalise(span.text, story_day, tense=tense_of(span))
            if value:
                found[k] = (span, DateMention(mention.start, mention.end, mention.text, value))


def _clause_verb(span: Span) -> int | None:
    """The index of the verb whose clause ``span`` is in, or None."""
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return tok.i
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _year_from_sentence(found: list[tuple[Span, DateMention]], anchor: _dt.date) -> None:
    """A bare month takes the year written earlier in its clause ("In the 2016
    election he campaigned until June") instead of the article's year."""
    for k, (span, mention) in enumerate(found):
        value = mention.value or ""
        if not _MONTH_ONLY.match(value) or any(ch.isdigit() for ch in span.text):
            continue  # only "June", not "June 2019"
        verb = _clause_verb(span)
        # Only a year written out, in the same clause, counts: "five years after
        # its launch" is a year too, but one counted; and in "launched in 2003,
        # and as of February it leads" the month belongs to another clause.
        years = [int(m.value[:4]) for s, m in found[:k]
                 if m.value and m.value[:4].isdigit() and not _MONTH_ONLY.match(m.value)
                 and _WRITTEN_YEAR.search(m.text) and verb is not None and _clause_verb(s) == verb]
        if years and years[-1] != int(value[:4]):
            found[k] = (span, DateMention(mention.start, mention.end, mention.text, f"{years[-1]:04d}{value[4:]}"))


# --------------------------------------------------------------------------- trigger → date


def _is_clause_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass", "amod", "compound")


def _path_to(date_root: Token, target: Token, limit: int = 6) -> int | None:
    """Steps from ``date_root`` up to ``target`` without leaving a clause, or None."""
    tok, steps = date_root, 0
    while steps < limit:
        if tok.i == target.i:
            return steps
        head = tok.head
        if head.i == tok.i:
            return None
        if steps and _is_clause_verb(tok):
            return None  # passed through another verb: the date is that verb's
        if steps and tok.dep_ in _CLAUSE_DEPS:
            return None
        if tok.dep_ == "prep" and tok.lower_ not in _PREPS:
            return None  # "before Friday", "until March": not when it happened
        tok, steps = head, steps + 1
    return None


def date_for_trigger(token: Token, dates: list[tuple[Span, DateMention]]) -> str | None:
    """The calendar value (a date, month, year, week, quarter ...) of the date
    expression that modifies ``token``'s clause, or None when none clearly does.

    A date counts when its root reaches the trigger through its own attachments
    (directly, "on/in/at/during/since/after ...", nouns, "of") without passing
    another verb or clause; a noun trigger that is the subject or object of a
    light verb ("talks were held on Friday") also takes the verb's date.
    PRESENT_REF / PAST_REF / FUTURE_REF and unresolved dates are not returned.
    """
    if not dates:
        return None
    doc = token.doc
    targets = [token]
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubj", "nsubjpass", "dobj") \
            and token.head.lemma_.lower() in date_words().light_verb:
        targets.append(token.head)
    best: tuple[int, int, str] | None = None
    for span, mention in dates:
        if span.doc is not doc or not mention.value or not mention.value[0].isdigit():
            continue
        if span.start <= token.i < span.end:
            continue  # the trigger is inside the date ("the 2019 election" is fine; "Friday" is not an event)
        for target in targets:
            steps = _path_to(span.root, target)
            if steps is not None:
                key = (steps, abs(span.root.i - token.i), mention.value)
                if best is None or key < best:
                    best = key
                break
    return best[2] if best else None

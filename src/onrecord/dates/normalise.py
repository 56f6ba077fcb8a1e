"""Date expression + anchor date → TIMEX3 value (pure: no spaCy).

``normalise("last Friday", date(2023, 3, 8))`` → ``"2023-03-03"``.

Values follow TIMEX3 as MEANTIME uses it: ``2023-02-24``, ``2023-02``, ``2023``,
``2023-W08``, ``2023-W08-WE`` (weekend), ``2023-Q1``, ``2023-H1``, ``2023-SU``
(season), ``FY2023``, ``199`` (the 1990s), ``19`` (the 20th century), and
``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF``. ``None`` when the expression is
not a date we can resolve: durations ("three years", "for two weeks"), ranges,
times counted from the story rather than the article ("the next day"), and any
relative expression when there is no anchor.

The words (month names, number words, "last"/"next", "ago", ...) live in
``lexicons/date_words.tsv``; the patterns that combine them are here.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from onrecord import lexicon
from onrecord.errors import LexiconError

__all__ = ["normalise", "DateWords", "date_words", "TENSES"]

TENSES = ("past", "present", "future")


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class DateWords:
    """The contents of date_words.tsv, by kind."""

    month: dict[str, int]
    weekday: dict[str, int]
    number: dict[str, int]
    ordinal: dict[str, int]
    unit: dict[str, str]
    day: dict[str, int]
    ref: dict[str, str]
    shift: dict[str, int]
    offset: dict[str, int]
    part: frozenset[str]
    season: dict[str, str]
    daypart: dict[str, str]
    duration: frozenset[str]
    light_verb: frozenset[str]
    version: str


_KINDS = ("month", "weekday", "number", "ordinal", "unit", "day", "ref", "shift", "offset",
          "part", "season", "daypart", "duration", "light_verb")
_INT_KINDS = frozenset({"month", "weekday", "number", "ordinal", "day", "shift", "offset"})


def read_date_words(path: Path | None = None) -> DateWords:
    """Read date_words.tsv (default: the packaged one)."""
    path = Path(path) if path is not None else lexicon.path("date_words.tsv")
    tables: dict[str, dict[str, object]] = {k: {} for k in _KINDS}
    for number, cells in lexicon.numbered_rows(path):
        if len(cells) != 3 or cells[1] not in tables:
            line = "\t".join(cells)
            raise LexiconError(
                f"{path.name}, line {number}: expected 'word<TAB>kind<TAB>value' with kind "
                f"one of {', '.join(_KINDS)}; found {line!r}"
            )
        word, kind, value = cells
        try:
            tables[kind][word.lower()] = int(value) if kind in _INT_KINDS else value
        except ValueError:
            raise LexiconError(f"{path.name}, line {number}: {kind} needs a whole number, got {value!r}")
    version = lexicon.version(path)
    return DateWords(
        month=tables["month"], weekday=tables["weekday"], number=tables["number"],  # type: ignore[arg-type]
        ordinal=tables["ordinal"], unit=tables["unit"], day=tables["day"],  # type: ignore[arg-type]
        ref=tables["ref"], shift=tables["shift"], offset=tables["offset"],  # type: ignore[arg-type]
        part=frozenset(tables["part"]), season=tables["season"],  # type: ignore[arg-type]
        daypart=tables["daypart"], duration=frozenset(tables["duration"]),  # type: ignore[arg-type]
        light_verb=frozenset(tables["light_verb"]), version=version,
    )


_WORDS: DateWords | None = None


def date_words() -> DateWords:
    """The packaged date words, read once."""
    global _WORDS
    if _WORDS is None:
        _WORDS = read_date_words()
        _compile(_WORDS)
    return _WORDS


# --------------------------------------------------------------------------- patterns


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_P: dict[str, re.Pattern[str]] = {}


def _compile(w: DateWords) -> None:
    month = f"(?P<month>{_alt(w.month)})"
    weekday = f"(?P<weekday>{_alt(w.weekday)})"
    shift = f"(?P<shift>{_alt(w.shift)})"
    number = r"(?P<num>\d+|(?:%s)(?:\s+(?:%s))*)(?:\s+of)?" % (_alt(w.number), _alt(w.number))
    unit = f"(?P<unit>{_alt(w.unit)})"
    offset = f"(?P<offset>{_alt(w.offset)})"
    season = f"(?P<season>{_alt(w.season)})"
    daypart = f"(?P<daypart>{_alt(w.daypart)})"
    ordword = _alt(k for k, v in w.ordinal.items() if v > 0)
    year = r"(?P<year>\d{4}|'\d{2})"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    yshift = r"(?:(?P<yshift>last|next|this)\s+year)"
    pats = {
        "iso": r"(?P<year>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?(?:t[\d:]+.*)?",
        "ymd_slash": r"(?P<year>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})",
        "numeric": r"(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>\d{4}|\d{2})",
        # "march 5 2023", "friday march 5", "march the 5th", "march 5 last year"
        "month_day": rf"(?:{weekday}\s+)?{month}\s+(?:the\s+)?{day}(?:\s+(?:{year}|{yshift}))?",
        # "5 march 2023", "the 5th of march", "friday 5 march"
        "day_month": rf"(?:{weekday}\s+)?(?:the\s+)?{day}\s+(?:of\s+)?{month}(?:\s+(?:{year}|{yshift}))?",
        # "march 2023", "march of 2023", "march", "march last year", "last march"
        "month": rf"(?:{shift}\s+)?{month}(?:\s+(?:of\s+)?(?:{year}|{yshift}))?",
        "year": r"(?:the\s+)?(?:(?:calendar\s+)?year\s+)?(?P<year>\d{4})",
        "fiscal": r"(?:fiscal|fy|financial)\s*(?:year\s+)?(?P<year>\d{4}|'?\d{2})",
        "fiscal_rel": rf"(?:{shift}\s+)?(?:fiscal|financial)\s+year",
        "decade": r"(?P<dec>\d{3})0'?s",
        "short_decade": r"'?(?P<dec>\d)0'?s",
        "century": rf"(?:(?P<cnum>\d{{1,2}})(?:st|nd|rd|th)|(?P<cword>{ordword}))\s+century",
        "quarter": rf"(?:(?P<qord>{ordword}|last|final)\s+(?:fiscal\s+)?quarter|q(?P<qnum>[1-4]))"
                   rf"(?:\s+(?:of\s+)?(?:{year}|{yshift}))?",
        "quarter_year": r"(?P<year>\d{4})\s+q(?P<qnum>[1-4])",
        "half": rf"(?P<hord>first|second|1st|2nd)\s+half(?:\s+(?:of\s+)?(?:{year}|{yshift}))?",
        "season": rf"(?:{shift}\s+)?{season}(?:\s+(?:of\s+)?(?:{year}|{yshift}))?",
        "relday": rf"(?:(?:the\s+)?day\s+(?P<beforeafter>before|after)\s+)?(?P<relday>{_alt(w.day)})(?:\s+{daypart})?",
        "daypart_this": rf"(?:this|last)\s+{daypart}",
        "weekday": rf"(?:{shift}\s+)?{weekday}(?:\s+{daypart})?(?:\s+(?P<wshift>last|next|this)\s+week)?",
        "shift_unit": rf"{shift}\s+{unit}",
        "ago": rf"{number}\s+{unit}\s+{offset}",
    }
    for name, pat in pats.items():
        _P[name] = re.compile(pat + r"$")


# Cleanup before matching.
_LEAD = re.compile(
    r"^(?:(?:on|in|at|by|since|from|of|during|around|about|circa|approximately|as\s+of|as\s+early\s+as|"
    r"as\s+late\s+as|until|till|through|before|after|the|roughly|nearly|almost|"
    r"just|only|more\s+than|less\s+than|over|under|some)\s+)+"
)
_PART = re.compile(
    r"^(?:the\s+)?(?:very\s+)?(?:early|earlier|mid|middle|late|later|end|beginning|start|close|turn|"
    r"first\s+days?|last\s+days?|first\s+weeks?|last\s+weeks?|first\s+months?|last\s+months?)"
    r"\s+(?:(?:of|in)\s+)?(?:the\s+)?(?=\S)"
)
_NARRATIVE = re.compile(r"^(?:the\s+)?(?:next|following|previous|preceding|same|that)\s+(?:day|night|morning|evening|afternoon)\b|^the\s+(?:next|following|previous|preceding|same)\b")
_PUNCT = re.compile(r"[,;:!?()\"“”]+|(?<![\d])\.(?![\d])")
_SPACES = re.compile(r"\s+")
_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z\d])|(?<=\d)-(?=[a-z])")
_RANGE = re.compile(r"\d\s*(?:-|–|—|to|and|through)\s*\d|\b(?:and|or|to|through|between)\b|–|—")


def _clean(expression: str) -> str:
    s = expression.strip().lower().replace("’", "'").replace("‘", "'")
    s = _HYPHEN.sub(" ", s)
    s = _PUNCT.sub(" ", s)
    s = re.sub(r"(?<=[a-z])'s\b|(?<=[a-z])s'(?=\s|$)", "", s)
    return _SPACES.sub(" ", s).strip()


# --------------------------------------------------------------------------- calendar helpers


def _ymd(d: _dt.date) -> str:
    return d.isoformat()


def _week(d: _dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + delta
    return n // 12, n % 12 + 1


def _safe_date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _year_of(token: str, anchor: _dt.date | None) -> int:
    if token.startswith("'") or len(token) == 2:
        yy = int(token.lstrip("'"))
        base = anchor.year if anchor else 2000
        century = base // 100 * 100
        year = century + yy
        return year - 100 if year > base + 10 else year
    return int(token)


def _stated_year(m: re.Match, anchor: _dt.date | None, w: DateWords) -> int | None:
    """The year an expression states itself: written out ("2023", "'23") or
    shifted from the anchor's ("next year", "last year"). None when it states
    none, and the caller picks one from the anchor."""
    if m["year"]:
        return _year_of(m["year"], anchor)
    yshift = m.groupdict().get("yshift")
    if yshift and anchor is not None:
        return anchor.year + w.shift[yshift]
    return None


def _number(text: str, w: DateWords) -> int | None:
    text = text.strip()
    if text.startswith("a ") and len(text) > 2:
        text = text[2:]  # "a few", "a couple"
    if text.isdigit():
        return int(text)
    total = 0
    for word in text.split():
        if word not in w.number:
            return None
        value = w.number[word]
        total = total * value if value == 100 and total else total + value
    return total or None


def _pick_year(anchor: _dt.date, month: int, day: int | None, tense: str | None) -> int:
    """The year of "March 5" / "March": the anchor's, unless tense (or, without one,
    distance of more than half a year) says it must be the previous or next one."""
    year = anchor.year
    if day is not None:
        candidate = _safe_date(year, month, min(day, 28) if month == 2 and day == 29 else day) or anchor
        delta = (candidate - anchor).days
        if tense == "past":
            return year - 1 if delta > 7 else year
        if tense == "future":
            return year + 1 if delta < -7 else year
        if delta > 183:
            return year - 1
        if delta < -183:
            return year + 1
        return year
    delta = month - anchor.month
    if tense == "past":
        return year - 1 if delta > 0 else year
    if tense == "future":
        return year + 1 if delta < 0 else year
    if delta > 6:
        return year - 1
    if delta < -6:
        return year + 1
    return year


def _weekday(anchor: _dt.date, target: int, shift: int | None, tense: str | None) -> _dt.date:
    diff = target - anchor.weekday()  # -6..6
    past = anchor + _dt.timedelta(days=diff if diff < 0 else diff - 7)  # strictly before
    future = anchor + _dt.timedelta(days=diff if diff > 0 else diff + 7)  # strictly after
    if shift == -1:
        return past
    if shift == 1:
        return future
    if diff == 0:
        return anchor
    if shift == 0:  # "this Friday": the coming one unless the verb is past
        return past if tense == "past" else future
    return future if tense == "future" else past


# --------------------------------------------------------------------------- the normaliser


def normalise(expression: str, anchor: _dt.date | None, *, tense: str | None = None) -> str | None:
    """The TIMEX3 value of a date expression, relative ones resolved against ``anchor``.

    ``tense`` ("past", "present", "future") is the tense of the verb the expression
    modifies; it decides "Friday" (last or next) and a year-less "March 5" (this
    year or the last/next one). Without it, a weekday is the most recent one (news
    convention) and a month is the one nearest the anchor.

    >>> import datetime
    >>> normalise("yesterday", datetime.date(2023, 2, 25))
    '2023-02-24'
    >>> normalise("March 5, 2023", None)
    '2023-03-05'
    """
    if not expression or not expression.strip():
        return None
    if isinstance(anchor, _dt.datetime):
        anchor = anchor.date()
    if tense not in (None, *TENSES):
        raise ValueError(f"tense must be one of {', '.join(TENSES)} or None, not {tense!r}")
    return _normalise(_clean(expression), anchor, tense)


def _part_of_unit(s: str, anchor: _dt.date | None, w: DateWords) -> str | None:
    """ "(the end of) the year" / "(early in) the month": the anchor's year / month."""
    if anchor is None or s not in w.unit or w.unit[s] not in ("week", "month", "year", "quarter"):
        return None
    return _unit_value(anchor, w.unit[s], 0)


@lru_cache(maxsize=4096)
def _normalise(s: str, anchor: _dt.date | None, tense: str | None) -> str | None:
    w = date_words()
    if not s:
        return None
    if s in w.ref:
        return w.ref[s]
    words = s.split()
    if words[0] in w.duration or words[-1] in w.duration:
        return None  # "for two weeks", "56 years old"
    if _NARRATIVE.match(s):
        return None  # "the next day": counted from the story's time, which we don't know
    s = _LEAD.sub("", s)
    if s in w.ref:
        return w.ref[s]
    if not s:
        return None
    value = _match(s, anchor, tense, w)
    if value is None:
        stripped = _PART.sub("", s)
        if stripped != s:
            stripped = _LEAD.sub("", stripped)
            if stripped in w.ref:
                return w.ref[stripped]
            value = _match(stripped, anchor, tense, w) or _part_of_unit(stripped, anchor, w)
    return value


def _match(s: str, anchor: _dt.date | None, tense: str | None, w: DateWords) -> str | None:
    P = _P
    if _RANGE.search(s) and not P["iso"].match(s):
        return None  # "2019-2021", "March 5 and 6", "between ..."

    m = P["iso"].match(s) or P["ymd_slash"].match(s)
    if m:
        y, mo = int(m["year"]), int(m["m"])
        if not 1 <= mo <= 12:
            return None
        if m["d"]:
            d = _safe_date(y, mo, int(m["d"]))
            return _ymd(d) if d else None
        return f"{y:04d}-{mo:02d}"

    m = P["numeric"].match(s)
    if m:
        a, b = int(m["a"]), int(m["b"])
        mo, d = (b, a) if a > 12 else (a, b)  # US order unless impossible
        date = _safe_date(_year_of(m["year"], anchor), mo, d)
        return _ymd(date) if date else None

    m = P["month_day"].match(s) or P["day_month"].match(s)
    if m:
        mo, d = w.month[m["month"]], int(m["day"])
        if not 1 <= d <= 31:
            return None
        year = _stated_year(m, anchor, w)
        if year is None:
            if anchor is None:
                return None
            year = _pick_year(anchor, mo, d, tense)
            if m["weekday"]:  # "Tuesday, March 5": the year in which March 5 is a Tuesday
                wanted = w.weekday[m["weekday"]]
                for y in (year, year - 1, year + 1):
                    date = _safe_date(y, mo, d)
                    if date and date.weekday() == wanted:
                        year = y
                        break
        date = _safe_date(year, mo, d)
        return _ymd(date) if date else None

    m = P["month"].match(s)
    if m:
        mo = w.month[m["month"]]
        if m["month"] == "may" and not (m["year"] or m["shift"] or m["yshift"]):
            return None  # bare "may" is the modal more often than the month
        year = _stated_year(m, anchor, w)
        if year is None:
            if anchor is None:
                return None
            if m["shift"]:
                shift = w.shift[m["shift"]]
                year = anchor.year
                if shift == -1 and mo >= anchor.month:
                    year -= 1
                elif shift == 1 and mo <= anchor.month:
                    year += 1
            else:
                year = _pick_year(anchor, mo, None, tense)
        return f"{year:04d}-{mo:02d}"

    m = P["year"].match(s)
    if m:
        year = int(m["year"])
        return f"{year:04d}" if 1000 <= year <= 2199 else None

    m = P["fiscal"].match(s)
    if m:
        return f"FY{_year_of(m['year'], anchor):04d}"

    m = P["fiscal_rel"].match(s)
    if m:  # "the financial year", "last fiscal year": named by the anchor's year
        if anchor is None:
            return None
        return f"FY{anchor.year + (w.shift[m['shift']] if m['shift'] else 0):04d}"

    m = P["decade"].match(s)
    if m:
        dec = m["dec"]
        return dec[:2] if dec.endswith("0") and dec != "200" else dec  # "the 1800s" is a century
    m = P["short_decade"].match(s)
    if m:
        d = int(m["dec"])
        recent = 2000 + 10 * d <= (anchor.year if anchor else 2000)
        return f"{20 if recent else 19}{d}"

    m = P["century"].match(s)
    if m:
        n = int(m["cnum"]) if m["cnum"] else w.ordinal[m["cword"]]
        return f"{n - 1:02d}" if n >= 1 else None

    m = P["quarter"].match(s) or P["quarter_year"].match(s)
    if m:
        q = int(m["qnum"]) if m["qnum"] else None
        qord = m.groupdict().get("qord")
        if qord in ("last", "final") and not (m["year"] or m.groupdict().get("yshift")):
            if anchor is None:
                return None
            y, mo = _add_months(anchor.year, anchor.month, -3)  # the quarter before the anchor's
            return f"{y}-Q{(mo - 1) // 3 + 1}"
        if q is None:
            q = 4 if qord in ("last", "final") else w.ordinal.get(qord or "", 0)
        if not 1 <= q <= 4:
            return None
        year = _stated_year(m, anchor, w)
        if year is None:
            if anchor is None:
                return None
            year = anchor.year
            if tense == "past" and q > (anchor.month - 1) // 3 + 1:
                year -= 1
        return f"{year:04d}-Q{q}"

    m = P["half"].match(s)
    if m:
        h = 1 if m["hord"] in ("first", "1st") else 2
        year = _stated_year(m, anchor, w)
        if year is None:
            if anchor is None:
                return None
            year = anchor.year - (1 if tense == "past" and h == 2 and anchor.month <= 6 else 0)
        return f"{year:04d}-H{h}"

    m = P["season"].match(s)
    if m:
        code = w.season[m["season"]]
        stated = _stated_year(m, anchor, w)
        if stated is not None:
            return f"{stated:04d}-{code}"
        if anchor is None:
            return None
        start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        year = anchor.year
        shift = w.shift[m["shift"]] if m["shift"] else None
        if shift == -1:  # the last one that is over
            year -= 0 if anchor.month >= start + 3 else 1
        elif shift == 1:  # the next one not yet begun
            year += 0 if anchor.month < start else 1
        elif shift is None and tense == "past" and start > anchor.month:
            year -= 1
        return f"{year:04d}-{code}"

    if anchor is None:
        return None

    m = P["relday"].match(s)
    if m:
        offset = w.day[m["relday"]]
        if m["beforeafter"]:
            offset += -1 if m["beforeafter"] == "before" else 1
        return _ymd(anchor + _dt.timedelta(days=offset))

    m = P["daypart_this"].match(s)
    if m:  # "this morning" is the anchor's; "last night" the evening before
        return _ymd(anchor - _dt.timedelta(days=1 if s.startswith("last") else 0))

    m = P["weekday"].match(s)
    if m:
        target = w.weekday[m["weekday"]]
        if m["wshift"]:
            monday = anchor - _dt.timedelta(days=anchor.weekday())
            monday += _dt.timedelta(weeks=w.shift[m["wshift"]])
            return _ymd(monday + _dt.timedelta(days=target))
        shift = w.shift[m["shift"]] if m["shift"] else None
        return _ymd(_weekday(anchor, target, shift, tense))

    m = P["shift_unit"].match(s)
    if m:
        shift, unit = w.shift[m["shift"]], w.unit[m["unit"]]
        if m["shift"] == "past" and unit not in ("weekend", "decade", "century"):
            return None  # "the past week" is a duration (P1W) in TIMEX3; "the past decade" a DATE
        return _unit_value(anchor, unit, shift)

    m = P["ago"].match(s)
    if m:
        n = _number(m["num"], w)
        if n is None:
            return None
        return _unit_value(anchor, w.unit[m["unit"]], w.offset[m["offset"]] * n)

    if s in ("weekend",):
        # "the weekend": the last one, unless the anchor is itself in a weekend
        # or the verb looks ahead
        shift = 0 if anchor.weekday() >= 5 or tense == "future" else -1
        return _unit_value(anchor, "weekend", shift)
    return None


def _unit_value(anchor: _dt.date, unit: str, n: int) -> str | None:
    """The value of the ``unit`` ``n`` units away from the anchor, at that unit's granularity."""
    if unit == "day":
        return _ymd(anchor + _dt.timedelta(days=n))
    if unit in ("week", "fortnight"):
        return _week(anchor + _dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    if unit == "weekend":
        return _week(anchor + _dt.timedelta(weeks=n)) + "-WE"
    if unit == "month":
        y, mo = _add_months(anchor.year, anchor.month, n)
        return f"{y:04d}-{mo:02d}"
    if unit == "quarter":
        y, mo = _add_months(anchor.year, anchor.month, 3 * n)
        return f"{y:04d}-Q{(mo - 1) // 3 + 1}"
    if unit == "year":
        return f"{anchor.year + n:04d}"
    if unit == "decade":
        return f"{(anchor.year + 10 * n) // 10:03d}"
    if unit == "century":
        return f"{(anchor.year + 100 * n) // 100:02d}"
    return None

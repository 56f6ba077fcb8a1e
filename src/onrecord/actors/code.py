"""Code a named entity or a noun phrase to an event-data actor (state, organisation, sector).

Matching is a greedy left-to-right longest match of dictionary forms over the normalised
words, so its cost is linear in the length of the text. The pieces combine like an
English noun phrase: the first state or organisation named is whose actor it is
("Chinese ambassador to France" -> CHN), the rightmost role noun is the head and gives
the sector ("Russian Defence Ministry spokesman" -> GOV). Nothing matched -> None; we never guess.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import replace

from ..schema import GROUP, Actor
from .dictionary import Entry, Lexicon, Tenure, lexicon
from .names import Token, normalise, possessives, tokens

# A PERSON's name is only looked up whole: scanning it for place words would code
# "Jordan Peterson" as Jordan. These kinds may still code a mis-typed PERSON exactly
# ("Kremlin" tagged PERSON by NER), because they are curated and unambiguous.
_EXACT_KINDS_FOR_PERSON = frozenset({"org", "place", "group"})
# Entity types whose whole name may still be a known person's: the tagger's mistakes are mostly these.
_MAYBE_PERSON_TYPES = frozenset({"", "ORG", "NORP"})
# Entity types whose whole name may be a company's.
_COMPANY_TYPES = frozenset({"ORG", ""})

Match = tuple[Entry, int, int]  # an entry and the [start, end) word indices it matched


def scan_matches(words: list[Token], lex: Lexicon) -> list[Match]:
    """The longest dictionary forms in ``words``, left to right, not overlapping, with their places."""
    found: list[Match] = []
    i, n = 0, len(words)
    while i < n:
        best: Entry | None = None
        best_end = i + 1
        low, acr = words[i]
        if acr is not None and acr in lex.acronyms:  # "US", "WHO": written as acronyms only
            best = lex.acronyms[acr]
        key, j = low, i + 1
        while True:
            entry = lex.phrases.get(key)
            if entry is not None and (best is None or j > i + 1):
                best, best_end = entry, j
            if j >= n or key not in lex.prefixes:
                break
            key = key + " " + words[j][0]
            j += 1
        if best is not None:
            found.append((best, i, best_end))
        i = best_end if best is not None else i + 1
    return found


def scan(words: list[Token], lex: Lexicon) -> list[Entry]:
    """Entries of the longest dictionary forms in ``words``, left to right, not overlapping."""
    return [entry for entry, _, _ in scan_matches(words, lex)]


def _country(entries: list[Entry]) -> str | None:
    return next((e.country for e in entries if e.country), None)


def _org(entries: list[Entry]) -> str | None:
    return next((e.org for e in entries if e.org), None)


def _sector(entries: list[Entry]) -> str | None:
    """The head's sector: the rightmost role; a modifier before it ("former") overrides it."""
    sector = None
    modifier = None
    for e in entries:
        if e.kind == "modifier":
            modifier = e.sector
        elif e.sector:
            sector = modifier or e.sector
    return sector


def _actor(country: str | None, org: str | None, sector: str | None, rule: str | None = None) -> Actor | None:
    if org and not country and sector == "GOV":
        # An IGO's officials are coded by the IGO; PLOVER's GOV means a state's executive.
        sector = None
    if not (country or org or sector):
        return None
    return Actor(country=country, org=org, sector=sector, rule=rule if (country or org) else "agent")


def _day(date: str | _dt.date | None) -> str | None:
    """The article's date as YYYYMMDD, or None when it has none (or an unreadable one)."""
    if isinstance(date, _dt.date):
        return date.strftime("%Y%m%d")
    if isinstance(date, str) and len(date) >= 4 and date[:4].isdigit():
        return (date.replace("-", "") + "0101")[:8] if len(date) == 4 else (date.replace("-", "") + "01")[:8]
    return None


def holder(tenures: tuple[Tenure, ...], date: str | _dt.date | None = None) -> Entry | None:
    """What a known person is on ``date``: the office that holds that day (the latest begun, when
    two overlap); else the person's default code; else, after an office (between two or
    after the last), a former office holder (ELI) of its state; before every office, only the state. With no date, the
    current office (open-ended), else the default, else the last office as ELI."""
    dated = sorted((t for t in tenures if not t.default), key=lambda t: t.start)
    default = next((t.entry for t in tenures if t.default), None)
    day = _day(date)
    if day is not None:
        holding = [t for t in dated if t.holds(day)]
        if holding:
            return holding[-1].entry
        if default is not None:
            return default
        ended = [t for t in dated if t.end and t.end <= day]
        if ended:  # between or after offices: a former office holder
            return replace(max(ended, key=lambda t: t.end).entry, sector="ELI")
        return replace(dated[0].entry, sector=None) if dated else None
    current = [t for t in dated if not t.end]
    if current:
        return current[-1].entry
    if default is not None:
        return default
    return replace(max(dated, key=lambda t: t.end).entry, sector="ELI") if dated else None


def _person(name: str, lex: Lexicon, date: str | _dt.date | None = None) -> tuple[list[Entry], str]:
    """A PERSON's entries and the rule that found them: a known office holder, or a curated name matched whole."""
    key = normalise(name)
    if key in lex.people:
        entry = holder(lex.people[key], date)
        return ([entry] if entry else []), "office-holder"
    words = tokens(name)
    if len(words) == 1 and words[0][1] in lex.acronyms:
        entry = lex.acronyms[words[0][1] or ""]
    else:
        entry = lex.phrases.get(key)
    if entry is None:
        return [], "name"
    if entry.kind in _EXACT_KINDS_FOR_PERSON:
        return [entry], "name"
    # "provide Sri Lanka with …" tagged PERSON: a country name of two or more words is
    # nobody's name, while one-word ones are ("Jordan", "Chad", "Georgia")
    if entry.kind == "country" and len(words) > 1:
        return [entry], "name"
    return [], "name"


def _company(name: str, lex: Lexicon) -> list[Entry]:
    """A company's name matched whole, with or without its legal form ("Boeing", "Apple Inc.")."""
    words = normalise(name).split()
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words.pop()
    iso3 = lex.companies.get(" ".join(words))
    return [Entry(iso3, None, "BUS", "company")] if iso3 else []


# Words a company name may end in ("Apple Inc."): the same set the build script strips.
_LEGAL_FORMS = frozenset(
    "inc incorporated corp corporation co company ltd limited plc llc lp group holdings holding sa ag nv se".split()
)


def _phrase_rule(matches: list[Match], marks: frozenset[int]) -> str:
    """How a noun phrase named its state: "possessive" ("Pakistan's ministry"), "nationality"
    (a state word before an agent noun: "Israeli troops", "the U.S. military"), or "name"
    (the phrase is the state, organisation or group itself: "NATO", "the Kremlin")."""
    first = next(((e, s, t) for e, s, t in matches if e.country or e.org), None)
    if first is None:
        return "agent"
    entry, _, end = first
    if end - 1 in marks:
        return "possessive"
    head_after = any(e.sector for e, s, _ in matches if s >= end)
    return "nationality" if head_after and entry.kind == "country" else "name"


def code_actor(
    name: str,
    *,
    entity_type: str | None = None,
    title: str | None = None,
    affiliation: str | None = None,
    date: str | _dt.date | None = None,
) -> Actor | None:
    """The actor an entity stands for, or None when no dictionary entry matches.

    The title and affiliation the article gives ("the Russian foreign minister",
    "Kremlin") come first: they are as current as the article, whereas the person
    dictionary is dated. ``date`` (the article's) picks which of a known person's
    offices holds. The name fills in what they leave open."""
    if entity_type == GROUP:
        return None  # named sources speaking together ("Park and Lind") are no one actor; each member is coded
    try:
        lex = lexicon()
        kind = (entity_type or "").upper() if isinstance(entity_type, str) else ""
        from_title = scan(tokens(title), lex)
        from_affiliation = scan(tokens(affiliation), lex)
        name_rule = "name"
        if kind == "PERSON":
            from_name, name_rule = _person(name, lex, date)
        else:
            from_name = scan(tokens(name), lex)
            # "Brekkeplast Group": a company's name may hold a role noun, but no state
            company = _company(name, lex) if kind in _COMPANY_TYPES and not (_country(from_name) or _org(from_name)) else []
            if company:
                from_name, name_rule = company, "company"
            # type unknown, or a name the tagger took for an organisation ("Trump" as ORG): a known person
            if not from_name and kind in _MAYBE_PERSON_TYPES:
                from_name, name_rule = _person(name, lex, date)
        # Who the entity stands for comes whole from the first part that names a state or an
        # organisation: "Jens Stoltenberg, NATO Secretary-General" is NATO, not Norway (his
        # entry in the 2014 snapshot), so the parts are not mixed.
        parts = ((from_title, "title"), (from_affiliation, "affiliation"), (from_name, name_rule))
        identity, rule = next(((p, r) for p, r in parts if _country(p) or _org(p)), ([], None))
        country, org = _country(identity), _org(identity)
        sector = _sector(from_title) or _sector(from_name) or _sector(from_affiliation)
        return _actor(country, org, sector, rule)
    except Exception:  # noqa: BLE001 - coding is best-effort; an odd input must not stop a pipeline
        return None


def town_form(text: str) -> str | None:
    """"capital", "city" or "region" when the dictionaries know ``text`` as one ("Kabul",
    "Kharkiv", "Texas"); None for a state, a nationality, an organisation or an unknown name."""
    entry = lexicon().phrases.get(normalise(text))
    if entry is not None and entry.kind == "country" and entry.form in ("capital", "city", "region"):
        return entry.form
    return None


def code_text(text: str, date: str | _dt.date | None = None) -> Actor | None:
    """The actor a free noun phrase stands for ("Chinese troops" -> CHN/MIL), or None."""
    try:
        lex = lexicon()
        words = tokens(text)
        matches = scan_matches(words, lex)
        entries = [e for e, _, _ in matches]
        rule = _phrase_rule(matches, possessives(text))
        if not entries and (k := normalise(text)) in lex.people:
            person = holder(lex.people[k], date)
            entries, rule = ([person] if person else []), "office-holder"
        return _actor(_country(entries), _org(entries), _sector(entries), rule)
    except Exception:  # noqa: BLE001
        return None

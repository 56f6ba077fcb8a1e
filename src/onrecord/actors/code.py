"""Code a named entity or a noun phrase to an event-data actor (state, organisation, sector).

Matching is a greedy left-to-right longest match of dictionary forms over the normalised
words, so its cost is linear in the length of the text. The pieces combine like an
English noun phrase: the first state or organisation named is whose actor it is
("Chinese ambassador to France" -> CHN), the rightmost role noun is the head and gives
the sector ("Russian Defence Ministry spokesman" -> GOV). Nothing matched -> None; we never guess.
"""
from __future__ import annotations

from ..schema import Actor
from .dictionary import Entry, Lexicon, lexicon
from .names import Token, normalise, tokens

# A PERSON's name is only looked up whole: scanning it for place words would code
# "Jordan Peterson" as Jordan. These kinds may still code a mis-typed PERSON exactly
# ("Kremlin" tagged PERSON by NER), because they are curated and unambiguous.
_EXACT_KINDS_FOR_PERSON = frozenset({"org", "place", "group"})


def scan(words: list[Token], lex: Lexicon) -> list[Entry]:
    """Entries of the longest dictionary forms in ``words``, left to right, not overlapping."""
    found: list[Entry] = []
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
            found.append(best)
        i = best_end if best is not None else i + 1
    return found


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


def _actor(country: str | None, org: str | None, sector: str | None) -> Actor | None:
    if org and not country and sector == "GOV":
        # An IGO's officials are coded by the IGO; PLOVER's GOV means a state's executive.
        sector = None
    if not (country or org or sector):
        return None
    return Actor(country=country, org=org, sector=sector)


def _person(name: str, lex: Lexicon) -> list[Entry]:
    """A PERSON's entries: a known office holder, or a curated name matched whole."""
    key = normalise(name)
    if key in lex.people:
        return [lex.people[key]]
    words = tokens(name)
    if len(words) == 1 and words[0][1] in lex.acronyms:
        entry = lex.acronyms[words[0][1] or ""]
    else:
        entry = lex.phrases.get(key)
    if entry is None:
        return []
    if entry.kind in _EXACT_KINDS_FOR_PERSON:
        return [entry]
    # "provide Sri Lanka with …" tagged PERSON: a country name of two or more words is
    # nobody's name, while one-word ones are ("Jordan", "Chad", "Georgia")
    if entry.kind == "country" and len(words) > 1:
        return [entry]
    return []


def code_actor(
    name: str,
    *,
    entity_type: str | None = None,
    title: str | None = None,
    affiliation: str | None = None,
) -> Actor | None:
    """The actor an entity stands for, or None when no dictionary entry matches.

    The title and affiliation the article gives ("the Russian foreign minister",
    "Kremlin") come first: they are as current as the article, whereas people.tsv is a
    snapshot. The name fills in what they leave open."""
    try:
        lex = lexicon()
        kind = (entity_type or "").upper()
        from_title = scan(tokens(title), lex)
        from_affiliation = scan(tokens(affiliation), lex)
        if kind == "PERSON":
            from_name = _person(name, lex)
        else:
            from_name = scan(tokens(name), lex)
            if not from_name and not kind:  # type unknown: it may be a person
                from_name = _person(name, lex)
        # Who the entity stands for comes whole from the first part that names a state or an
        # organisation: "Jens Stoltenberg, NATO Secretary-General" is NATO, not Norway (his
        # entry in the 2014 snapshot), so the parts are not mixed.
        parts = (from_title, from_affiliation, from_name)
        identity = next((p for p in parts if _country(p) or _org(p)), [])
        country, org = _country(identity), _org(identity)
        sector = _sector(from_title) or _sector(from_name) or _sector(from_affiliation)
        return _actor(country, org, sector)
    except Exception:  # noqa: BLE001 - coding is best-effort; an odd input must not stop a pipeline
        return None


def code_text(text: str) -> Actor | None:
    """The actor a free noun phrase stands for ("Chinese troops" -> CHN/MIL), or None."""
    try:
        lex = lexicon()
        entries = scan(tokens(text), lex)
        if not entries:
            entries = [lex.people[k]] if (k := normalise(text)) in lex.people else []
        return _actor(_country(entries), _org(entries), _sector(entries))
    except Exception:  # noqa: BLE001
        return None

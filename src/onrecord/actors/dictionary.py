"""Actor dictionaries: the TSV files in onrecord/lexicons/actors, loaded once per process.

Every surface form is stored under the key ``normalise`` gives it, so coding a name is
a handful of dict lookups (no regex per entry). Derived files (countries, sectors, people,
groups; rebuilt by scripts/build_actor_lexicons.py) load first; hand-curated files load
after them and win, so a curated row can override or block a derived one.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import lexicon as _lexicon_files
from .names import is_acronym_form, normalise, tokens

PACKAGED = _lexicon_files.path("actors")


@dataclass(frozen=True)
class Entry:
    """What one surface form codes to. kind: country | place | org | group | sector | modifier | person.
    form: for a country, how the surface names it (name | adj | capital | city)."""

    country: str | None
    org: str | None
    sector: str | None
    kind: str
    form: str = ""


OPEN = ""  # an open start or end of a tenure


@dataclass(frozen=True)
class Tenure:
    """One code of a known person and the days it holds, YYYYMMDD strings (OPEN: no limit).
    A tenure open at both ends is the person's default code (PETRARCH's undated code)."""

    entry: Entry
    start: str = OPEN
    end: str = OPEN

    def holds(self, day: str) -> bool:
        return (self.start == OPEN or self.start <= day) and (self.end == OPEN or day < self.end)

    @property
    def default(self) -> bool:
        return self.start == OPEN and self.end == OPEN


@dataclass(frozen=True)
class Lexicon:
    phrases: dict[str, Entry]  # normalised form -> entry (places, orgs, groups, sector nouns)
    prefixes: frozenset[str]  # every proper word-prefix of a phrase: lets the scan stop early
    acronyms: dict[str, Entry]  # case-sensitive short acronyms, upper case ("US", "WHO")
    people: dict[str, tuple[Tenure, ...]]  # normalised full name -> the person's codes over time
    companies: dict[str, str]  # company name without legal-form words -> home state ISO3
    version: str


def _none(cell: str) -> str | None:
    return None if cell in ("", "-") else cell


def _day(cell: str) -> str:
    """A lexicon date (YYYYMMDD, YYYY-MM-DD or YYYY-MM) as YYYYMMDD; "-" or empty is OPEN."""
    digits = cell.replace("-", "")
    if not digits:
        return OPEN
    return (digits + "0101")[:8] if len(digits) == 4 else (digits + "01")[:8]


def _rows(path: Path) -> list[list[str]]:
    """Data rows of a TSV: '#' comments and the column-header line skipped."""
    return _lexicon_files.rows(path, header=True)


def _put(phrases: dict[str, Entry], acronyms: dict[str, Entry], surface: str, entry: Entry | None) -> None:
    """Store (or, with entry None, remove) a curated surface form, keeping acronyms case-sensitive."""
    if is_acronym_form(surface):
        store, key = acronyms, tokens(surface)[0][1] or ""
    else:
        store, key = phrases, normalise(surface)
    if not key:
        return
    if entry is None:
        store.pop(key, None)
    else:
        store[key] = entry


def read_dictionaries(directory: Path | None = None) -> Lexicon:
    """Read the actor TSVs from ``directory`` (default: the packaged ones)."""
    base = Path(directory) if directory else PACKAGED
    phrases: dict[str, Entry] = {}
    acronyms: dict[str, Entry] = {}
    people: dict[str, list[Tenure]] = {}
    companies: dict[str, str] = {}
    # Derived files store keys already normalised by the build script: no per-row work.
    for noun, sector in _rows(base / "sectors.tsv"):
        phrases[noun] = Entry(None, None, sector, "sector")
    for noun, sector, kind in _rows(base / "sectors_curated.tsv"):
        key = normalise(noun)
        if _none(sector) is None:
            phrases.pop(key, None)
        else:
            phrases[key] = Entry(None, None, sector, "modifier" if kind == "modifier" else "sector")
    for surface, iso3, sector, form in _rows(base / "countries.tsv"):
        phrases[surface] = Entry(iso3, None, _none(sector), "country", form)
    for name, iso3, sector in _rows(base / "groups.tsv"):
        # A group alias that is also a role noun ("holy men") stays a role noun.
        if name not in phrases or phrases[name].kind == "country":
            phrases[name] = Entry(_none(iso3), None, _none(sector), "group")
    for code, iso3, sector, aliases in _rows(base / "organisations.tsv"):
        for alias in aliases.split("|"):
            _put(phrases, acronyms, alias.strip(), Entry(_none(iso3), code, _none(sector), "org"))
    for surface, iso3, sector, _note in _rows(base / "places_curated.tsv"):
        blocked = _none(iso3) is None and _none(sector) is None
        _put(phrases, acronyms, surface, None if blocked else Entry(_none(iso3), None, _none(sector), "place"))
    for name, iso3, sector, start, end in _rows(base / "people.tsv"):
        people.setdefault(name, []).append(Tenure(Entry(iso3, None, sector, "person"), _day(start), _day(end)))
    for names, iso3, org, sector, as_of in _rows(base / "people_curated.tsv"):
        # A curated row says what the person is from as_of on; the derived tenures still
        # tell what they were before (Obama: ELI as of 2025, GOV in a 2010 article).
        tenure = Tenure(Entry(_none(iso3), _none(org), _none(sector), "person"), _day(as_of))
        for name in names.split("|"):
            key = normalise(name)
            people[key] = [t for t in people.get(key, []) if not t.default and (t.start or "0") < tenure.start]
            people[key].append(tenure)
    if (base / "companies.tsv").exists():
        for name, iso3 in _rows(base / "companies.tsv"):
            companies[name] = iso3
    prefixes = set()
    for key in phrases:
        words = key.split(" ")
        for n in range(1, len(words)):
            prefixes.add(" ".join(words[:n]))
    return Lexicon(phrases, frozenset(prefixes), acronyms, {k: tuple(v) for k, v in people.items()}, companies,
                   _lexicon_files.version(base / "countries.tsv"))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged dictionaries, loaded on first use and kept for the process."""
    return read_dictionaries()

"""Lexicons are versioned data files under src/onrecord/lexicons/, read here.

Keeping them as data lets a user read, diff and extend them without touching
code; docs/lexicons.md describes each file's columns. Every reader finds the
packaged folder through ``path`` and reads rows through ``rows``; word lists
(``words``) are read once per process.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .errors import LexiconError

CUE_CLASSES = ("speech", "writing", "belief", "report", "intention", "evaluation")


@dataclass(frozen=True)
class CueVerb:
    lemma: str
    cue_class: str
    content_roles: tuple[str, ...]


@dataclass(frozen=True)
class Lexicons:
    verbs: dict[str, CueVerb]
    phrases: dict[tuple[str, str], str]  # (verb lemma, object lemma) -> class
    nouns: dict[str, str]  # noun lemma -> class
    titles: dict[str, tuple[str, str]]  # word -> (kind, gender)
    roles: dict[str, frozenset[str]]  # role noun -> title words it can stand for
    term_markers: dict[str, str]  # word before a quote -> "title" | "term"
    institutions: frozenset[str]  # nouns that make "the Chinese foreign ministry" an organisation
    cue_left: frozenset[str]  # adverbs that join a cue: "also said"
    version: str


def path(name: str = "") -> Path:
    """A packaged lexicon file or folder, ``name`` relative to src/onrecord/lexicons/
    ("cue_verbs.tsv", "events/words.tsv", "actors")."""
    base = Path(str(resources.files("onrecord") / "lexicons"))
    return base / name if name else base


def numbered_rows(file: Path, *, header: bool = False) -> list[tuple[int, list[str]]]:
    """(line number, cells) for each data row of a tab-separated lexicon file: blank
    lines and '#' comments skipped, cells stripped; with ``header``, the first row
    (the column names) skipped too."""
    out = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if header:
            header = False
            continue
        out.append((number, [c.strip() for c in line.split("\t")]))
    return out


def rows(file: Path, columns: int | None = None, *, header: bool = False) -> list[list[str]]:
    """The cells of each data row (see ``numbered_rows``). With ``columns``, a row with
    another number of cells raises LexiconError naming the file and line."""
    out = []
    for number, cells in numbered_rows(file, header=header):
        if columns is not None and len(cells) != columns:
            line = "\t".join(cells)
            raise LexiconError(
                f"{file.name}, line {number}: expected {columns} tab-separated columns, "
                f"found {len(cells)}: {line!r}"
            )
        out.append(cells)
    return out


def version(file: Path) -> str:
    """The version a lexicon file's first line gives ("... version 3", "# version: 1"), else "0"."""
    first = file.read_text(encoding="utf-8").splitlines()[0]
    return first.rsplit("version", 1)[-1].strip(" :") if "version" in first else "0"


@lru_cache(maxsize=None)
def word_lists(name: str) -> dict[str, frozenset[str]]:
    """A packaged ``word<TAB>list`` file as {list name: its words}, read once."""
    lists: dict[str, set[str]] = {}
    for word, list_name in rows(path(name), 2, header=True):
        lists.setdefault(list_name, set()).add(word)
    return {k: frozenset(v) for k, v in lists.items()}


def words(name: str, list_name: str) -> frozenset[str]:
    """One named word list from a packaged ``word<TAB>list`` file."""
    lists = word_lists(name)
    if list_name not in lists:
        raise LexiconError(f"{name} has no list {list_name!r}; it has {', '.join(sorted(lists))}")
    return lists[list_name]


@lru_cache(maxsize=1)
def person_words() -> frozenset[str]:
    """Nouns for one person ("the nurse", "his sister", "a senator" is a role: see
    ``Lexicons.roles``): entities/words.tsv's person, kin and gender nouns and WordNet's
    person nouns (events/people_nouns.tsv)."""
    return (words("entities/words.tsv", "person") | words("entities/words.tsv", "kin")
            | words("entities/words.tsv", "male") | words("entities/words.tsv", "female")
            | words("events/people_nouns.tsv", "person"))


def names_a_person(lemma: str) -> bool:
    """Whether a noun's lemma stands for one person: ``person_words`` or a role noun
    ("senator", "spokesman"), as opposed to a group, an office or a thing."""
    return lemma in person_words() or lemma in default().roles


@lru_cache(maxsize=1)
def people_words() -> frozenset[str]:
    """Nouns for people and social groups, who can act or speak with no name ("the
    accused", "revolutionaries", "the jury"): ``person_words``, the hand list of
    events/words.tsv and WordNet's social-group nouns (events/people_nouns.tsv)."""
    return person_words() | words("events/words.tsv", "human_noun") | words("events/people_nouns.tsv", "group")


def read_lexicons(directory: Path | None = None) -> Lexicons:
    """Read the attribution and entity lexicons from ``directory`` (default: the packaged ones)."""
    base = Path(directory) if directory else path()
    verbs: dict[str, CueVerb] = {}
    for lemma, cue_class, roles in rows(base / "cue_verbs.tsv", 3):
        if cue_class not in CUE_CLASSES:
            raise LexiconError(
                f"cue_verbs.tsv: class {cue_class!r} for {lemma!r} is not one of {', '.join(CUE_CLASSES)}"
            )
        verbs[lemma] = CueVerb(lemma, cue_class, tuple(r for r in roles.split(",") if r))
    phrases = {(v, o): c for v, o, c in rows(base / "cue_phrases.tsv", 3)}
    nouns = {n: c for n, c in rows(base / "cue_nouns.tsv", 2)}
    titles = {w: (k, g) for w, k, g in rows(base / "titles.tsv", 3)}
    roles = {r: frozenset(ws.split(",")) for r, ws in rows(base / "role_nouns.tsv", 2)}
    term_markers = {w: k for w, k in rows(base / "term_markers.tsv", 2)}
    institutions = frozenset(row[0] for row in rows(base / "institutions.tsv", 1))
    cue_left = frozenset(w for side, w, _ in rows(base / "cue_extensions.tsv", 3) if side == "left")
    versions = {p.stem: version(p) for p in sorted(base.glob("*.tsv"))}
    return Lexicons(verbs, phrases, nouns, titles, roles, term_markers, institutions, cue_left, ",".join(f"{k}={v}" for k, v in versions.items()))


@lru_cache(maxsize=1)
def default() -> Lexicons:
    return read_lexicons()

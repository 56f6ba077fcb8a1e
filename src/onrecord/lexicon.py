"""Lexicons are versioned data files (src/onrecord/lexicons/*.tsv), loaded here.

Keeping them as data lets a user read, diff and extend them without touching
code; docs/lexicons.md describes each file's columns.
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


def _rows(path: Path, columns: int) -> list[list[str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != columns:
            raise LexiconError(
                f"{path.name}, line {number}: expected {columns} tab-separated columns, "
                f"found {len(cells)}: {line!r}"
            )
        rows.append(cells)
    return rows


def _version(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    return first.rsplit("version", 1)[-1].strip(" :") if "version" in first else "0"


def load(directory: Path | None = None) -> Lexicons:
    """Read all lexicon files from ``directory`` (default: the packaged ones)."""
    base = Path(directory) if directory else Path(str(resources.files("onrecord") / "lexicons"))
    verbs: dict[str, CueVerb] = {}
    for lemma, cue_class, roles in _rows(base / "cue_verbs.tsv", 3):
        if cue_class not in CUE_CLASSES:
            raise LexiconError(
                f"cue_verbs.tsv: class {cue_class!r} for {lemma!r} is not one of {', '.join(CUE_CLASSES)}"
            )
        verbs[lemma] = CueVerb(lemma, cue_class, tuple(r for r in roles.split(",") if r))
    phrases = {(v, o): c for v, o, c in _rows(base / "cue_phrases.tsv", 3)}
    nouns = {n: c for n, c in _rows(base / "cue_nouns.tsv", 2)}
    titles = {w: (k, g) for w, k, g in _rows(base / "titles.tsv", 3)}
    roles = {r: frozenset(ws.split(",")) for r, ws in _rows(base / "role_nouns.tsv", 2)}
    term_markers = {w: k for w, k in _rows(base / "term_markers.tsv", 2)}
    institutions = frozenset(row[0] for row in _rows(base / "institutions.tsv", 1))
    cue_left = frozenset(w for side, w, _ in _rows(base / "cue_extensions.tsv", 3) if side == "left")
    versions = {p.stem: _version(p) for p in sorted(base.glob("*.tsv"))}
    return Lexicons(verbs, phrases, nouns, titles, roles, term_markers, institutions, cue_left, ",".join(f"{k}={v}" for k, v in versions.items()))


@lru_cache(maxsize=1)
def default() -> Lexicons:
    return load()

"""Actor names as dictionary keys: ASCII-folded, lower-cased words.

Standard library only, so scripts/build_actor_lexicons.py can load this file by
path without importing onrecord (and spaCy with it).
"""
from __future__ import annotations

import re
import unicodedata

# Characters folded before NFKD: dashes and curly quotes would otherwise be dropped by
# the ASCII fold and glue two words together ("Secretary–General").
_FOLD = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                       "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
                       "_": " ", "-": " "})
_WORD = re.compile(r"[A-Za-z0-9.']+")
_DROP = frozenset({"the"})  # "the Kremlin" == "Kremlin"; "Secretary of the Treasury" == "... of Treasury"



Token = tuple[str, "str | None"]  # (lower-case form, upper-case acronym form or None)


def tokens(text: str | None) -> list[Token]:
    """Words of ``text``, ASCII-folded, lower-cased, without 'the', possessive 's or dots.

    The second item is the word in capitals when it was written as an acronym ("US",
    "U.S.", "WHO"): short acronyms match only then, so "us" and "who" never code a state."""
    if not text or not isinstance(text, str):
        return []
    text = unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode()
    out: list[Token] = []
    for raw in _WORD.findall(text):
        if raw.endswith("'s") or raw.endswith("'S"):
            raw = raw[:-2]
        raw = raw.strip("'.")  # sentence-final dot, quotes; "U.S." keeps its inner dots here
        word = raw.replace(".", "")
        if not word or word.lower() in _DROP:
            continue
        letters = word.replace("'", "")
        acronym = word.upper() if letters.isalpha() and (word.isupper() and len(letters) >= 2 or "." in raw) else None
        out.append((word.lower(), acronym))
    return out


def possessives(text: str | None) -> frozenset[int]:
    """Indices (into ``tokens(text)``) of the words written with a possessive 's ("Pakistan's")."""
    if not text or not isinstance(text, str):
        return frozenset()
    text = unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode()
    found, i = set(), 0
    for raw in _WORD.findall(text):
        possessive = raw.endswith(("'s", "'S"))
        word = (raw[:-2] if possessive else raw).strip("'.").replace(".", "")
        if not word or word.lower() in _DROP:
            continue
        if possessive:
            found.add(i)
        i += 1
    return frozenset(found)


def normalise(text: str | None) -> str:
    """The dictionary key of a surface form: its lower-case tokens joined by spaces."""
    return " ".join(low for low, _ in tokens(text))


def is_acronym_form(surface: str) -> bool:
    """Curated forms like "US", "UK", "WHO", "U.N." are case-sensitive (see tokens)."""
    toks = tokens(surface)
    return len(toks) == 1 and toks[0][1] is not None and len(toks[0][0]) <= 3

"""The PLOVER trigger lexicon (``lexicons/event_triggers.tsv``), indexed for lookup.

Each row maps a lemma or phrase plus part of speech (and optionally a required
particle/preposition child) to a PLOVER event type and mode. Hand-written
``manual`` rows win over rows generated from the PETRARCH CAMEO dictionaries
(``cameo``): if a lemma/POS has any manual row, the cameo rows for it are ignored.

Its own module because trigger finding (``triggers``), argument finding
(``arguments``: an event noun is not an actor) and pair classification
(``classify``) all look words up in it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import lexicon

LEXICON_PATH = lexicon.path("event_triggers.tsv")


@dataclass(frozen=True)
class Entry:
    phrase: str
    pos: str
    type: str
    mode: str | None
    particle: str | None
    source: str


HYPHENS = ("-", "‐", "‑")


def hyphen_partner(tok):
    """The word before ``tok`` across a hyphen with no spaces ("cease" for the "fire" of
    "cease-fire"), or None."""
    doc = tok.doc
    if tok.i < 2:
        return None
    hyphen, first = doc[tok.i - 1], doc[tok.i - 2]
    if hyphen.text not in HYPHENS or hyphen.whitespace_ or first.whitespace_ or not first.is_alpha:
        return None
    return first


class Lexicon:
    """Trigger rows indexed by (head lemma, POS)."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        by_key: dict[tuple[str, str], list[Entry]] = {}
        for e in entries:
            words = e.phrase.split()
            head = words[-1] if e.pos == "NOUN" else words[0]
            by_key.setdefault((head, e.pos), []).append(e)
        self.index: dict[tuple[str, str], list[Entry]] = {}
        for key, rows in by_key.items():
            manual = [e for e in rows if e.source == "manual"]
            self.index[key] = manual or rows
        self.lemmas = frozenset(k[0] for k in self.index)
        # The ends of listed words ("fire" of "ceasefire"): only a token whose lemma is
        # one can join the word before its hyphen, so most tokens skip the look back.
        self._ends = frozenset(w[i:] for w in self.lemmas for i in range(1, len(w)))

    def candidates(self, tok) -> list[Entry]:
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None
        if pos is None:
            return []
        lemma = self.lemma(tok)
        if lemma not in self.lemmas:
            return []
        return self.index.get((lemma, pos), [])

    def lemma(self, tok) -> str:
        """The token's lemma, joined with the word before a hyphen when the joined word is
        listed: the tokenizer splits "cease-fire", "air-strikes", "co-operate"."""
        lemma = tok.lemma_.lower()
        first = hyphen_partner(tok) if lemma in self._ends else None
        if first is not None:
            joined = first.lower_ + lemma
            if joined in self.lemmas:
                return joined
        return lemma

    def hyphen_first(self, tok) -> bool:
        """Whether the token is the first half of a listed hyphenated word ("cease" of
        "cease-fire"): no trigger of its own."""
        doc = tok.doc
        if tok.i + 2 >= len(doc) or doc[tok.i + 1].text not in HYPHENS:
            return False
        second = doc[tok.i + 2]
        return hyphen_partner(second) == tok and self.lemma(second) != second.lemma_.lower()

    def lookup(self, tok) -> Entry | None:
        """Best entry for a token in context: phrase/particle matches first."""
        rows = self.candidates(tok)
        if not rows:
            return None
        child_lemmas = {c.lemma_.lower() for c in tok.children}
        best = None
        for e in rows:
            words = e.phrase.split()
            if len(words) > 1:
                others = words[:-1] if e.pos == "NOUN" else words[1:]
                if not all(w in child_lemmas for w in others):
                    continue
                return e
            if e.particle:
                if e.particle in child_lemmas:
                    return e
                continue
            if best is None:
                best = e
        return best

    def types(self, tok) -> list[str]:
        """All PLOVER types the lexicon lists for a token's lemma/POS."""
        return sorted({e.type for e in self.candidates(tok)})


def read_triggers(path: Path = LEXICON_PATH) -> list[Entry]:
    """The rows of event_triggers.tsv (phrase, pos, type, mode, particle, source)."""
    return [Entry(phrase.lower(), pos, typ, mode or None, particle or None, source)
            for phrase, pos, typ, mode, particle, source in lexicon.rows(path, 6, header=True)]


@lru_cache(maxsize=1)
def trigger_lexicon() -> Lexicon:
    return Lexicon(read_triggers())

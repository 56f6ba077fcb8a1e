"""Load the factuality cue lexicon (lexicons/factuality_cues.tsv) and the event-noun list
(lexicons/event_nouns.tsv) into precompiled lookups.

See the header of factuality_cues.tsv for the columns and what each ``attach`` means.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import lexicon

CUES_PATH = lexicon.path("factuality_cues.tsv")
NOUNS_PATH = lexicon.path("event_nouns.tsv")

ATTACH = ("aux", "neg", "adv", "det", "amod", "mark", "gov", "speech")
SCOPES = ("-", "comp", "obj", "any")
FACT_LABELS = ("negated", "possible", "future", "hypothetical", "demanded")


@dataclass(frozen=True)
class Cue:
    cue: str  # as written in the lexicon
    anchor: str  # the word the cue attaches by (lemma or lower-cased text)
    before: tuple[str, ...]  # words that must stand right before the anchor
    after: tuple[str, ...]  # words that must stand right after the anchor
    attach: str
    scope: str
    factuality: str | None
    negates: bool
    certainty: str | None
    time: str | None


@dataclass(frozen=True)
class CueLexicon:
    version: str
    by_attach: dict[str, dict[str, tuple[Cue, ...]]]  # attach -> anchor -> cues

    def get(self, attach: str, word: str) -> tuple[Cue, ...]:
        return self.by_attach[attach].get(word, ())


def _opt(v: str) -> str | None:
    v = v.strip()
    return None if v in ("", "-") else v


def parse_cues(text: str, source: str = "<cues>") -> CueLexicon:
    version = "?"
    by_attach: dict[str, dict[str, list[Cue]]] = {a: {} for a in ATTACH}
    header_seen = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if line.lower().startswith("# version:"):
                version = line.split(":", 1)[1].strip()
            continue
        cols = line.rstrip("\n").split("\t")
        if not header_seen and cols[0] == "cue":
            header_seen = True
            continue
        if len(cols) != 7:
            raise ValueError(f"{source}:{n}: expected 7 tab-separated columns, got {len(cols)}")
        cue, attach, scope, fact, pol, cert, tim = (c.strip() for c in cols)
        if attach not in ATTACH:
            raise ValueError(f"{source}:{n}: unknown attach {attach!r}")
        if scope not in SCOPES:
            raise ValueError(f"{source}:{n}: unknown scope {scope!r}")
        fact_v = _opt(fact)
        if fact_v is not None and fact_v not in FACT_LABELS:
            raise ValueError(f"{source}:{n}: unknown factuality {fact!r}")
        words = cue.lower().split()
        idx = next((i for i, w in enumerate(words) if w.startswith("[") and w.endswith("]")), 0)
        anchor = words[idx].strip("[]")
        before = tuple(words[:idx])
        after = tuple(words[idx + 1 :]) if idx or words[0].startswith("[") else tuple(words[1:])
        c = Cue(
            cue=cue,
            anchor=anchor,
            before=before,
            after=after,
            attach=attach,
            scope=scope,
            factuality=fact_v,
            negates=_opt(pol) == "NEG",
            certainty=_opt(cert),
            time=_opt(tim),
        )
        by_attach[attach].setdefault(anchor, []).append(c)
    return CueLexicon(version, {a: {k: tuple(v) for k, v in d.items()} for a, d in by_attach.items()})


@lru_cache(maxsize=None)
def read_cues(path: str | None = None) -> CueLexicon:
    p = Path(path) if path else CUES_PATH
    return parse_cues(p.read_text(encoding="utf-8"), str(p))


@dataclass(frozen=True)
class EventNouns:
    nouns: frozenset[str]
    suffixes: tuple[str, ...]
    exclude: frozenset[str]

    def is_event(self, lemma: str) -> bool:
        if lemma in self.nouns:
            return True
        if lemma in self.exclude or len(lemma) < 6:
            return False
        return lemma.endswith(self.suffixes)


@lru_cache(maxsize=None)
def read_event_nouns(path: str | None = None) -> EventNouns:
    p = Path(path) if path else NOUNS_PATH
    nouns: set[str] = set()
    suffixes: list[str] = []
    exclude: set[str] = set()
    for cells in lexicon.rows(p, header=True):
        entry, kind = cells[0].lower(), cells[1]
        if kind == "noun":
            nouns.add(entry)
        elif kind == "suffix":
            suffixes.append(entry.lstrip("-"))
        elif kind == "exclude":
            exclude.add(entry)
        else:
            raise ValueError(f"{p}: unknown kind {kind!r}")
    return EventNouns(frozenset(nouns), tuple(suffixes), frozenset(exclude))

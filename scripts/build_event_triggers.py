#!/usr/bin/env python3
"""Regenerate src/onrecord/lexicons/event_triggers.tsv.

The TSV has two parts:

* ``source=manual`` rows: hand-written PLOVER triggers (kept verbatim from the
  existing TSV; this script never edits them);
* ``source=cameo`` rows: derived here from the PETRARCH CAMEO verb dictionaries
  (``actors/petrarch_phoenix/CAMEO.2.0.txt`` and ``newdict.txt``, MIT, Open Event
  Data Alliance) mapped to PLOVER with ``plover/spec/CAMEO2PLOVER-2021.txt``.

For every verb block ``--- NAME [code] ---`` each listed verb (and ``+A_B``
phrasal form) gets the block's default code; ``- * (PREP)`` patterns with a
single preposition/particle give a verb+particle row with the pattern's code.
Blocks without a default code (``[---]``) contribute only such particle rows.
CAMEO 01 (statements) is not an event; CAMEO 02 (appeals) maps to REQUEST.
Output is sorted, so runs are reproducible.

Usage: python3 scripts/build_event_triggers.py [--data ../shared/data]
"""
from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TSV = REPO / "src" / "onrecord" / "lexicons" / "event_triggers.tsv"
HEADER = "phrase\tpos\ttype\tmode\tparticle\tsource"
VERSION = 5  # bump with every change to the rows this writes

_BLOCK = re.compile(r"^---\s*(\S+)\s*\[([^\]]*)\]\s*---")
_PARTICLE_PAT = re.compile(r"^-\s*\*\s*\(([A-Z]+)\)\s*\[(\d+)[^\]]*\]")
_PARTICLES = {"AGAINST", "WITH", "TO", "ON", "FOR", "FROM", "OFF", "OUT", "UP", "DOWN",
              "BACK", "AWAY", "IN", "INTO", "OF", "OVER", "AT", "BY"}
# Verbs whose CAMEO default is far too broad to be a useful PLOVER trigger.
_STOP = {"be", "have", "do", "say", "make", "take", "give", "get", "go", "come", "put",
         "set", "keep", "hold", "see", "tell", "show", "leave", "run", "call", "turn",
         "bring", "let", "use", "find", "play", "move", "work", "start", "end", "open",
         "close", "express", "state", "report", "announce", "add", "note", "claim",
         "issue", "raise", "face", "receive", "continue", "plan", "want", "seek", "try",
         # degree verbs: "intensified its bombardment" - the noun is the event
         "increase", "intensify", "counter",
         # what happens to someone, with no one acting: "two people died when a wall collapsed"
         "die", "collapse",
         # ordinary verbs whose bare CAMEO rows fire on most of their uses: "led the polls",
         # "includes", "served as coach", "I mean", "think", "learned", "bought shares"
         "mean", "think", "hear", "learn", "consider", "understand", "include", "lead", "serve",
         "pay", "buy"}


def load_crosswalk(path: Path) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
        if m:
            out.setdefault(m.group(1), (m.group(2), m.group(3).strip().replace(" ", "")))
    return out


def plover(code: str, xwalk: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    code = code.strip()
    if not code.isdigit():
        return None
    if code.startswith("01") or code.startswith("00"):
        return None
    if code.startswith("02"):
        return ("REQUEST", "")
    for c in (code, code[:3]):
        if c in xwalk:
            return xwalk[c]
    return None


def _lemma(word: str) -> str:
    return word.strip("_").lower().replace("_", " ")


def parse(path: Path, xwalk) -> list[tuple[str, str, str, str, str]]:
    """Parse one PETRARCH verb dictionary into (phrase, pos, type, mode, particle) rows."""
    rows = []
    block_code = None
    verbs: list[str] = []
    in_verbs = False
    for raw in path.read_text(encoding="latin-1").splitlines():
        if "VERB PATTERNS" in raw:
            in_verbs = True
            continue
        line = raw.split("#", 1)[0].strip()
        if not in_verbs or not line:
            continue
        m = _BLOCK.match(line)
        if m:
            block_code = plover(m.group(2), xwalk)
            verbs = []
            continue
        if line.startswith("-"):
            pm = _PARTICLE_PAT.match(line)
            if pm and pm.group(1) in _PARTICLES:
                pl = plover(pm.group(2), xwalk)
                if pl:
                    for v in verbs:
                        rows.append((v, "VERB", pl[0], pl[1], pm.group(1).lower()))
            continue
        if line[0] in "&~":
            continue
        head = line.split("{", 1)[0].split()
        if not head or not re.match(r"^\+?[A-Z_]+$", head[0]):
            continue
        lem = _lemma(head[0].lstrip("+"))
        if not lem or len(lem) < 3 or lem in _STOP:
            continue
        verbs.append(lem)
        if block_code:
            rows.append((lem, "VERB", block_code[0], block_code[1], ""))
    return rows


def build(data: Path) -> list[tuple[str, ...]]:
    xwalk = load_crosswalk(data / "plover" / "spec" / "CAMEO2PLOVER-2021.txt")
    votes: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for name in ("CAMEO.2.0.txt", "newdict.txt"):
        for lem, pos, typ, mode, part in parse(data / "actors" / "petrarch_phoenix" / name, xwalk):
            votes[(lem, pos, part)][(typ, mode)] += 1
    out = []
    for (lem, pos, part), c in votes.items():
        # the most frequent mapping wins; ties broken alphabetically (reproducible)
        (typ, mode), _ = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        out.append((lem, pos, typ, mode, part, "cameo"))
    return sorted(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=TSV)
    args = ap.parse_args()
    manual: list[str] = []
    if args.out.exists():
        for line in args.out.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("#") or line == HEADER:
                continue
            if len(cols) == 6 and cols[5] == "manual":
                manual.append(line)
    manual_keys = {tuple(l.split("\t")[:2]) + (l.split("\t")[4],) for l in manual}
    cameo = [r for r in build(args.data) if (r[0], r[1], r[4]) not in manual_keys]
    lines = [f"# version: {VERSION}",
             "# PLOVER event triggers. source=manual: hand-written from the PLOVER manual "
             "(CC BY-SA 4.0); source=cameo: generated by scripts/build_event_triggers.py from "
             "PETRARCH CAMEO verb dictionaries (MIT) + CAMEO2PLOVER-2021.",
             "# phrase: lemma or space-separated lemmas; pos: VERB/NOUN; particle: required "
             "particle/preposition (child of the trigger), empty = none; mode may be empty.",
             HEADER]
    lines += manual
    lines += ["\t".join(r) for r in cameo]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(manual)} manual + {len(cameo)} cameo rows")


if __name__ == "__main__":
    main()

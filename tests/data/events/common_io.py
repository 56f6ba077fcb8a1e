"""Shared helpers for building and checking the blind-labelled event set (plain Python only)."""
from __future__ import annotations

import glob
import json
import os
import random
import re

SEED = 20261205
MAX_WORDS = 2500


def data_dir(repo_root: str) -> str:
    return os.path.normpath(os.path.join(repo_root, "..", "shared", "data"))


def load_texts(data: str) -> dict[tuple[str, str], str]:
    """(corpus, article) -> text exactly as offsets index it."""
    out: dict[tuple[str, str], str] = {}
    with open(os.path.join(data, "wikinews", "enwikinews.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out[("wikinews", rec["id"])] = rec["text"]
    for path in glob.glob(os.path.join(data, "polnear", "train", "text", "*.txt")):
        with open(path, encoding="utf-8") as fh:
            out[("polnear", os.path.basename(path)[:-4])] = fh.read()
    return out


def shuffled(ids: list[str]) -> list[str]:
    order = sorted(ids)
    random.Random(SEED).shuffle(order)
    return order


# Sentence spans: split after . ! ? (plus closing quotes/brackets) before whitespace and a capital-ish
# start, and at newlines; never after a known abbreviation or a single initial ("U.S.", "Mr.", "J.").
_SENT_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(\[A-Z0-9])|\n+")
_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Inc|Corp|Co|Ltd|No|vs|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Ft|Mt|a\.m|p\.m)\.)[\"'\u201d\u2019)]*\s*$"
)


def sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if not m.group(0).startswith("\n") and _ABBREV.search(text[max(0, m.start() - 12):m.end()]):
            continue
        seg_end = m.start() if m.group(0).startswith("\n") else m.start() + len(m.group(0).rstrip())
        if text[start:seg_end].strip():
            spans.append((start, seg_end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in spans:
        if s <= pos < e:
            return s, e
    raise ValueError(f"offset {pos} is in no sentence")

#!/usr/bin/env python3
"""List where onrecord's source differs from PolNeAR's gold source, on a slice of PolNeAR *train*.

For error analysis only (never run it on dev: dev is for reporting). For each gold
attribution with a source whose content onrecord found (half the content's
characters or more), it compares onrecord's source span with the gold one and
prints each mismatch with the article's text around it, then the counts on stderr.
The eleventh session's speaker rules were written from these lists (docs/accuracy.md).

Usage:

    python scripts/source_mismatches.py ../shared/data/polnear STEP OFFSET [fast|accurate]

Example (every tenth training article, starting at the fourth):

    python scripts/source_mismatches.py ../shared/data/polnear 10 3 > mismatches.txt
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import onrecord
from onrecord.evaluate.polnear import load_split


def _outer(pieces) -> tuple[int, int]:
    return min(a for a, _ in pieces), max(b for _, b in pieces)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def main(root: str, step: int, offset: int, profile: str = "fast") -> None:
    articles = load_split(Path(root), "train")[offset::step]
    nlp = onrecord.load(profile=profile)
    counts: Counter[str] = Counter()
    for article in articles:
        record = onrecord.extract(article.text, nlp=nlp)
        for gold in article.attributions:
            if not gold.source:
                continue
            content, source = _outer(gold.content), _outer(gold.source)
            best = max(record.attributions, key=lambda a: _overlap(content, (a.content.start, a.content.end)), default=None)
            if best is None or _overlap(content, (best.content.start, best.content.end)) < 0.5 * (content[1] - content[0]):
                counts["content missed"] += 1
                continue
            counts["found"] += 1
            predicted = (best.source.start, best.source.end) if best.source else None
            if predicted and _overlap(source, predicted):
                counts["source right"] += 1
                continue
            counts["source wrong" if predicted else "source none"] += 1
            start, end = max(0, min(content[0], source[0]) - 120), min(len(article.text), max(content[1], source[1]) + 60)
            print("=" * 70)
            print(article.name, "| gold source:", article.text[source[0]:source[1]],
                  "| onrecord's:", best.source.text if best.source else None,
                  "| speaker:", record.speaker_name(best), best.confidence,
                  "| cue:", best.cue.text if best.cue else None)
            print(article.text[start:end].replace("\n", " "))
    print(dict(counts), file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *sys.argv[4:])

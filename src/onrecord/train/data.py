"""PolNeAR gold → spaCy training docs for the attribution span model.

The model tags two kinds of short span: CUE ("said", "according to", "told
reporters") and SOURCE ("The New York Post", "a senior aide"). Contents are
long and nested, so they stay with the parse-based rules. Spans that overlap
an earlier, longer one are dropped (a flat tagger can hold only one).
"""
from __future__ import annotations

import random
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.util import filter_spans

from ..evaluate.polnear import GoldArticle, load_split

MAX_PIECE_GAP = 12  # characters: pieces of a cue closer than this become one span


def _pieces_to_spans(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(pieces):
        if merged and start - merged[-1][1] <= MAX_PIECE_GAP:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def to_doc(nlp: Language, article: GoldArticle) -> Doc:
    """A training doc with CUE/SOURCE spans. ``nlp`` must parse: spans that cross
    the parser's sentence boundaries are dropped, because a span tagger that runs
    after that parser can never predict them (spaCy refuses to train on them)."""
    doc = nlp(article.text)
    spans = []
    for relation in article.attributions:
        for label, pieces in (("CUE", relation.cue), ("SOURCE", relation.source)):
            for start, end in _pieces_to_spans(pieces or []):
                start, end = _trim(article.text, start, end)
                span = doc.char_span(start, end, label=label, alignment_mode="expand")
                if span is not None and len(span) and span[0].sent == span[-1].sent:
                    spans.append(span)
    doc.ents = filter_spans(spans)
    return doc


def build(nlp: Language, polnear: Path, out: Path, held_out_share: float = 0.05, seed: int = 0) -> dict[str, int]:
    """Write train.spacy and valid.spacy (a slice of *train*, for model selection:
    PolNeAR's dev split stays untouched for reporting)."""
    articles = load_split(polnear, "train")
    random.Random(seed).shuffle(articles)
    cut = max(1, int(len(articles) * held_out_share))
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, part in (("valid", articles[:cut]), ("train", articles[cut:])):
        bin_ = DocBin(attrs=["ENT_IOB", "ENT_TYPE"])
        for article in part:
            bin_.add(to_doc(nlp, article))
        bin_.to_disk(out / f"{name}.spacy")
        counts[name] = len(part)
    return counts

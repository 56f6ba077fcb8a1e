"""Words, labels and wordpiece windows for the encoder tagger.

Pure Python and numpy (``tokenizers`` only to load one), because the runtime
component shares the windowing and decoding with training: what the model
saw in training is exactly what it sees at inference.

A *word* is a non-whitespace spaCy token. Labels are per word; the encoder
sees wordpieces, and only the first wordpiece of each word carries a label.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

import numpy as np
from spacy.tokens import Doc

from ..evaluate.polnear import GoldArticle
from ..train.data import _pieces_to_spans, _trim

CUE_LABELS: tuple[str, ...] = ("O", "B-CUE", "I-CUE", "B-SOURCE", "I-SOURCE")
CONTENT_LABELS: tuple[str, ...] = ("O", "B-CONTENT", "I-CONTENT")
MAX_LENGTH = 256  # wordpieces per window, [CLS] and [SEP] included
OVERLAP = 64  # wordpieces shared by neighbouring windows, so no word is tagged without context
PAD = 0  # [PAD] in BERT's uncased vocabulary; no real wordpiece has this id
IGNORE = -100  # label of wordpieces the loss skips (all but a word's first)

if TYPE_CHECKING:  # imported where used, so the pure helpers work without the runtime extras
    from tokenizers import Tokenizer

WordSpan = tuple[int, int, str]  # [start, end) in word indices, label
RunBatch = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


# --------------------------------------------------------------------------- words


def word_tokens(doc: Doc) -> list[int]:
    """Indices of the tokens the tagger labels: whitespace tokens carry nothing."""
    return [t.i for t in doc if not t.is_space]


def word_offsets(doc: Doc, tokens: Sequence[int]) -> tuple[list[int], list[int]]:
    starts = [doc[i].idx for i in tokens]
    return starts, [s + len(doc[i]) for s, i in zip(starts, tokens)]


def _char_to_words(starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int] | None:
    """Words that share a character with [start, end) (spaCy's "expand" alignment)."""
    first = bisect_right(ends, start)  # first word ending after start
    last = bisect_left(starts, end)  # words before this one start before end
    return (first, last) if first < last else None


def longest_first(spans: Iterable[WordSpan]) -> list[WordSpan]:
    """Drop spans that overlap a longer one (spacy.util.filter_spans): a flat
    BIO tagger can hold one span per word, and the outer span says more."""
    taken: set[int] = set()
    kept: list[WordSpan] = []
    for span in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if not taken.intersection(range(span[0], span[1])):
            kept.append(span)
            taken.update(range(span[0], span[1]))
    return sorted(kept)


def gold_spans(article: GoldArticle, starts: list[int], ends: list[int]) -> tuple[list[WordSpan], list[WordSpan]]:
    """(CUE/SOURCE spans, CONTENT spans) in word indices."""
    text = article.text
    cue_source: list[WordSpan] = []
    contents: list[WordSpan] = []
    for relation in article.attributions:
        for label, pieces in (("CUE", relation.cue), ("SOURCE", relation.source)):
            for start, end in _pieces_to_spans(pieces or []):
                words = _char_to_words(starts, ends, *_trim(text, start, end))
                if words:
                    cue_source.append((*words, label))
        if relation.content:
            # One contiguous span per relation, as onrecord predicts and PolNeAR's scorer matches.
            outer = (min(s for s, _ in relation.content), max(e for _, e in relation.content))
            words = _char_to_words(starts, ends, *_trim(text, *outer))
            if words:
                contents.append((*words, "CONTENT"))
    return longest_first(cue_source), longest_first(contents)


def bio_encode(n_words: int, spans: Iterable[WordSpan], labels: Sequence[str]) -> list[int]:
    tags = ["O"] * n_words
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        tags[start + 1:end] = [f"I-{label}"] * (end - start - 1)
    return [labels.index(t) for t in tags]


def bio_decode(tags: Sequence[str]) -> list[WordSpan]:
    """BIO tags → spans. An I- that does not continue a span of its label starts
    one: dropping it would lose words the model is sure about."""
    spans: list[WordSpan] = []
    current: list | None = None
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        if prefix == "I" and current is not None and current[2] == label:
            current[1] = i + 1
            continue
        if current is not None:
            spans.append(tuple(current))
        current = [i, i + 1, label] if prefix in ("B", "I") else None
    if current is not None:
        spans.append(tuple(current))
    return spans


# --------------------------------------------------------------------------- wordpieces


def load_tokenizer(path: Path) -> Tokenizer:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    # The shipped tokenizer.json pads and truncates to 128; windows are cut here instead.
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


@dataclass
class Encoded:
    """One text's wordpieces, without special tokens."""

    ids: list[int]
    first: list[int]  # per word: position of its first wordpiece, -1 if it has none (e.g. U+200B)

    @property
    def n_words(self) -> int:
        return len(self.first)


def encode_words(tokenizer: Tokenizer, words: Sequence[str]) -> Encoded:
    if not words:
        return Encoded([], [])
    encoding = tokenizer.encode(list(words), is_pretokenized=True, add_special_tokens=False)
    first = [-1] * len(words)
    for position, word in enumerate(encoding.word_ids):
        if word is not None and first[word] < 0:
            first[word] = position
    return Encoded(list(encoding.ids), first)


def window_starts(n: int, size: int = MAX_LENGTH - 2, overlap: int = OVERLAP) -> list[int]:
    """Start positions of windows of ``size`` wordpieces covering ``n``."""
    if n <= 0:
        return []
    starts = [0]
    while starts[-1] + size < n:
        starts.append(starts[-1] + size - overlap)
    return starts


def window_owners(n: int, starts: Sequence[int], size: int = MAX_LENGTH - 2) -> list[int]:
    """For each wordpiece, the window where it is most central: the one with
    most context on its nearer side. The text's own ends count as full context
    (no window can see past them)."""
    owner = [-1] * n
    best = [-1] * n
    for window, start in enumerate(starts):
        end = min(start + size, n)
        for p in range(start, end):
            left = p - start if start > 0 else n
            right = end - 1 - p if end < n else n
            if min(left, right) > best[p]:
                best[p], owner[p] = min(left, right), window
    return owner


def window_ids(encoded: Encoded, start: int, cls: int, sep: int, size: int = MAX_LENGTH - 2) -> list[int]:
    return [cls, *encoded.ids[start:start + size], sep]


def window_labels(encoded: Encoded, word_labels: Sequence[int], start: int, size: int = MAX_LENGTH - 2) -> list[int]:
    """Labels aligned with ``window_ids``: a word's label on its first wordpiece."""
    end = min(start + size, len(encoded.ids))
    labels = [IGNORE] * (end - start + 2)
    for word, position in enumerate(encoded.first):
        if start <= position < end:
            labels[position - start + 1] = word_labels[word]
    return labels


def pad(rows: Sequence[Sequence[int]], value: int) -> np.ndarray:
    width = max(len(r) for r in rows)
    out = np.full((len(rows), width), value, dtype=np.int64)
    for i, row in enumerate(rows):
        out[i, :len(row)] = row
    return out


# --------------------------------------------------------------------------- inference


def predict_tags(
    texts: Sequence[Encoded],
    run: RunBatch,
    cls: int,
    sep: int,
    batch_size: int = 16,
    max_length: int = MAX_LENGTH,
    overlap: int = OVERLAP,
) -> list[tuple[list[int], list[int]]]:
    """(cue/source label ids, content label ids) per word of each text. Windows
    of all texts share batches, so short texts don't each pay for a batch."""
    size = max_length - 2
    windows = [(t, s) for t, text in enumerate(texts) for s in window_starts(len(text.ids), size, overlap)]
    # Similar lengths share a batch, so little of each batch is padding.
    windows.sort(key=lambda w: min(size, len(texts[w[0]].ids) - w[1]))
    best: list[dict[int, tuple[np.ndarray, np.ndarray]]] = [{} for _ in texts]
    for b in range(0, len(windows), batch_size):
        chunk = windows[b:b + batch_size]
        ids = pad([window_ids(texts[t], s, cls, sep, size) for t, s in chunk], PAD)
        logits_a, logits_b = run(ids, (ids != PAD).astype(np.int64))
        tags_a, tags_b = logits_a.argmax(-1), logits_b.argmax(-1)
        for row, (t, s) in enumerate(chunk):
            best[t][s] = (tags_a[row], tags_b[row])
    return [_word_tags(text, best[t], size) for t, text in enumerate(texts)]


def _word_tags(
    text: Encoded, by_start: dict[int, tuple[np.ndarray, np.ndarray]], size: int
) -> tuple[list[int], list[int]]:
    starts = sorted(by_start)
    owners = window_owners(len(text.ids), starts, size)
    tags_a = [0] * text.n_words
    tags_b = [0] * text.n_words
    for word, position in enumerate(text.first):
        if position >= 0:
            start = starts[owners[position]]
            row_a, row_b = by_start[start]
            tags_a[word] = int(row_a[position - start + 1])
            tags_b[word] = int(row_b[position - start + 1])
    return tags_a, tags_b

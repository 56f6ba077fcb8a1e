"""The *accurate* attribution tagger: a fine-tuned MiniLM encoder run by onnxruntime.

all-MiniLM-L6-v2, fine-tuned on PolNeAR (``onrecord.train.attribution_encoder``),
tags every word piece of a text with three independent BIO labels, one per
role: CUE, SOURCE and CONTENT. Independent heads let a content span hold a
whole other attribution (its cue and source are tagged inside it), which one
BIO sequence could not represent. The model is exported to ONNX with int8
weights, so running it needs ``onnxruntime`` and ``tokenizers`` (``pip install
'onrecord[accurate]'``), never torch.

This module holds what training and running share, so both see the text the
same way: ``windows`` (a text → word-piece windows of at most ``MAX_PIECES``
pieces cut at paragraph, else sentence, boundaries), ``bio_spans`` (labels →
character spans) and ``EncoderTagger`` (the onnxruntime session). How spans
become attributions is in ``attribution.accurate``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from onrecord.errors import MissingDependencyError

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "attribution_encoder"
ROLES: tuple[str, ...] = ("CUE", "SOURCE", "CONTENT")
TAGS: tuple[str, ...] = ("O", "B", "I")
MAX_PIECES = 256            # per window, [CLS] and [SEP] included
INSTALL_HINT = "pip install 'onrecord[accurate]'"
_CLOSERS = frozenset("\"'”’)]")


@dataclass
class Window:
    """Pieces ``start:end`` of a text's tokenisation, fed to the model as one sequence."""

    start: int
    end: int


def require_runtime():
    """(onnxruntime, tokenizers.Tokenizer), or MissingDependencyError naming the extra."""
    try:
        import onnxruntime as ort
        from tokenizers import Tokenizer
    except ImportError:
        raise MissingDependencyError(
            "the accurate attribution profile needs onnxruntime and tokenizers: "
            f"{INSTALL_HINT} (or use the default fast profile)") from None
    return ort, Tokenizer


def load_tokenizer(path: Path | str):
    """The word-piece tokenizer with truncation and padding off (windows do both)."""
    _, Tokenizer = require_runtime()
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def windows(text: str, offsets: list[tuple[int, int]], max_pieces: int = MAX_PIECES) -> list[Window]:
    """Cut a text's pieces (their character ``offsets``) into windows.

    Each window is filled up to ``max_pieces - 2`` pieces and ends at the last
    paragraph break that fits (a newline between two pieces), else at the last
    sentence end, else where it is full. Attributions seldom cross paragraphs,
    and the model sees as much of the surrounding text as fits.
    """
    room = max_pieces - 2
    n = len(offsets)
    result: list[Window] = []
    start = 0
    while start < n:
        end = start + room
        if end >= n:
            result.append(Window(start, n))
            break
        cut = None
        for i in range(end, start + room // 4, -1):     # piece i starts the next window
            if "\n" in text[offsets[i - 1][1]:offsets[i][0]]:
                cut = i
                break
        if cut is None:
            for i in range(end, start + room // 4, -1):
                if _sentence_ends(text, offsets, i):
                    cut = i
                    break
        cut = cut or end
        result.append(Window(start, cut))
        start = cut
    return result


def _sentence_ends(text: str, offsets: list[tuple[int, int]], i: int) -> bool:
    """A sentence ends between pieces i-1 and i: "...end." or "...end.”" then a space."""
    if not text[offsets[i - 1][1]:offsets[i][0]].isspace():
        return False
    j = i - 1
    while j > 0 and text[offsets[j][0]:offsets[j][1]] in _CLOSERS:
        j -= 1
    return text[offsets[j][0]:offsets[j][1]] in (".", "!", "?")


def bio_spans(tags: np.ndarray | list[int], offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans from one role's tags (indices into ``TAGS``) over pieces with ``offsets``.

    A span starts at B, or at an I that follows O (the model's way of saying
    "inside" without having said "begin"), and runs over the following I's.
    """
    spans: list[tuple[int, int]] = []
    start = end = None
    for tag, (s, e) in zip(tags, offsets):
        if tag == 1 or (tag == 2 and start is None):
            if start is not None:
                spans.append((start, end))
            start, end = s, e
        elif tag == 2:
            end = e
        else:
            if start is not None:
                spans.append((start, end))
            start = end = None
    if start is not None:
        spans.append((start, end))
    return spans


class EncoderTagger:
    """Tags texts with the exported encoder: ``tag(text)`` → {role: [(start, end) chars]}."""

    def __init__(self, directory: Path | str = MODEL_DIR, *, threads: int = 1):
        ort, _ = require_runtime()
        directory = Path(directory)
        onnx_path = directory / "model.onnx"
        if not onnx_path.is_file():
            raise MissingDependencyError(
                f"no attribution encoder at {onnx_path}; train one with "
                "onrecord.train.attribution_encoder.train(POLNEAR_DIR, OUT_DIR)")
        meta = json.loads((directory / "labels.json").read_text(encoding="utf-8"))
        self.roles: list[str] = list(meta["roles"])
        self.max_pieces: int = int(meta.get("max_pieces", MAX_PIECES))
        self.tokenizer = load_tokenizer(directory / "tokenizer.json")
        self.cls_id = self.tokenizer.token_to_id("[CLS]")
        self.sep_id = self.tokenizer.token_to_id("[SEP]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads   # one by default: worker pools use every core
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])

    def tag_pieces(self, text: str) -> tuple[list[tuple[int, int]], np.ndarray]:
        """Piece offsets and their tags, shape (pieces, roles), one window per run.

        Windows run one at a time, unpadded: int8 dynamic quantisation scales
        activations over the whole batch, so batching would make a window's
        tags depend on its neighbours.
        """
        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        offsets = [tuple(o) for o in encoding.offsets]
        ids = encoding.ids
        tags = np.zeros((len(ids), len(self.roles)), dtype=np.int64)
        for w in windows(text, offsets, self.max_pieces):
            row = np.array([[self.cls_id, *ids[w.start:w.end], self.sep_id]], dtype=np.int64)
            logits = self.session.run(["logits"], {"input_ids": row, "attention_mask": np.ones_like(row)})[0]
            tags[w.start:w.end] = logits[0, 1:-1].reshape(w.end - w.start, len(self.roles), len(TAGS)).argmax(-1)
        return offsets, tags

    def tag(self, text: str) -> dict[str, list[tuple[int, int]]]:
        offsets, tags = self.tag_pieces(text)
        return {role: bio_spans(tags[:, r], offsets) for r, role in enumerate(self.roles)}


@lru_cache(maxsize=4)
def cached_tagger(directory: str = str(MODEL_DIR), threads: int = 1) -> EncoderTagger:
    """One session per model folder per process."""
    return EncoderTagger(directory, threads=threads)

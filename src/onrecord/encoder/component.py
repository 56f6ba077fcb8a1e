"""spaCy component ``onrecord_encoder``: the fine-tuned encoder tagger.

Runs the quantised ONNX model made by ``onrecord.encoder.train`` and writes
its spans where onrecord's attribution code reads them:
``doc.spans["onrecord_cues"]`` (CUE), ``doc.spans["onrecord_sources"]``
(SOURCE) and ``doc.spans["onrecord_contents"]`` (CONTENT). The runtime needs
onnxruntime and tokenizers only: no torch, no transformers.

onnxruntime runs on one thread (``intra_op_num_threads=1``), because onrecord
scales over articles with one worker process per core; a second thread per
process would only fight the other workers for the same cores.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from ..attribution.learned import CUES_KEY, SOURCES_KEY
from ..errors import ModelNotFoundError
from .data import RunBatch, bio_decode, encode_words, load_tokenizer, predict_tags, word_tokens

CONTENTS_KEY = "onrecord_contents"
SPAN_KEYS: dict[str, str] = {"CUE": CUES_KEY, "SOURCE": SOURCES_KEY, "CONTENT": CONTENTS_KEY}
# Windows per onnxruntime call. One, on purpose: dynamic quantisation scales
# activations per tensor, so a window's tags would depend on whatever else
# shares its batch (padding included); and on one thread batching is no
# faster (measured: 0.04 s per 256-wordpiece window either way).
WINDOW_BATCH = 1


def open_session(path: Path, threads: int = 1):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def onnx_runner(session) -> RunBatch:
    def run(ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        logits_a, logits_b = session.run(None, {"input_ids": ids, "attention_mask": mask})
        return logits_a, logits_b

    return run


def _require(path: Path, name: str) -> Path:
    if not (path / name).exists():
        raise ModelNotFoundError(
            f"no encoder model at {path}: {name} is missing (make one with onrecord.encoder.train.train)"
        )
    return path / name


class EncoderTagger:
    def __init__(self, vocab, model_path: str | Path):
        path = Path(model_path)
        model = _require(path, "model.onnx")
        labels = json.loads(_require(path, "labels.json").read_text())
        self.labels_a: tuple[str, ...] = tuple(labels["cue_source"])
        self.labels_b: tuple[str, ...] = tuple(labels["content"])
        self.max_length: int = int(labels["max_length"])
        self.stride: int = int(labels["stride"])
        self.tokenizer = load_tokenizer(_require(path, "tokenizer.json"))
        self.cls = self.tokenizer.token_to_id("[CLS]")
        self.sep = self.tokenizer.token_to_id("[SEP]")
        self.run = onnx_runner(open_session(model, threads=1))
        for label in SPAN_KEYS:  # the spans it makes live in the host pipeline's vocab
            vocab.strings.add(label)

    def __call__(self, doc: Doc) -> Doc:
        return self.tag([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for chunk in minibatch(docs, batch_size):
            yield from self.tag(chunk)

    def tag(self, docs: Sequence[Doc]) -> Sequence[Doc]:
        """Tag several docs at once: their windows share onnxruntime batches."""
        tokens = [word_tokens(doc) for doc in docs]
        encoded = [encode_words(self.tokenizer, [doc[i].text for i in t]) for doc, t in zip(docs, tokens)]
        tags = predict_tags(encoded, self.run, self.cls, self.sep, WINDOW_BATCH, self.max_length, self.stride)
        for doc, words, (tags_a, tags_b) in zip(docs, tokens, tags):
            set_spans(doc, words, [self.labels_a[i] for i in tags_a], [self.labels_b[i] for i in tags_b])
        return docs


def set_spans(doc: Doc, words: Sequence[int], tags_a: Sequence[str], tags_b: Sequence[str]) -> None:
    """Decode both heads' word tags into span groups (always all three, empty
    or not). ``words`` maps word indices to token indices (whitespace skipped)."""
    groups: dict[str, list[Span]] = {key: [] for key in SPAN_KEYS.values()}
    for head in (tags_a, tags_b):
        for start, end, label in bio_decode(head):
            if label in SPAN_KEYS:
                groups[SPAN_KEYS[label]].append(Span(doc, words[start], words[end - 1] + 1, label=label))
    for key, spans in groups.items():
        doc.spans[key] = spans


@Language.factory(
    "onrecord_encoder",
    default_config={"model_path": None},
    requires=["token.is_space"],
    assigns=["doc.spans"],
)
def make_encoder(nlp: Language, name: str, model_path: str | None) -> EncoderTagger:
    if model_path is None:
        raise ModelNotFoundError("onrecord_encoder needs model_path: the folder of a model made by onrecord.encoder.train")
    return EncoderTagger(nlp.vocab, model_path)

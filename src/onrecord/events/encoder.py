"""The *accurate* PLOVER classifier: a fine-tuned MiniLM encoder run by onnxruntime.

The fast default types a (source, target) pair with a linear model over
hand-built features (``classify.LinearModel``). This one reads the sentence
itself, with the two arguments marked in the text the way the PLV data marks
them ("<s> NATO </s> condemned <t> Russia </t>"), through all-MiniLM-L6-v2
fine-tuned on PLV (``onrecord.train.plover_encoder``), exported to ONNX and
quantised to int8 weights. It predicts PLV roots (YIELD = CONCEDE + RETREAT),
like the linear model, so both plug into ``classify.classify_pair``.

Running it needs ``onnxruntime`` and ``tokenizers`` (``pip install
'onrecord[accurate]'``), never torch.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from onrecord.errors import MissingDependencyError
from onrecord.tokens import doc_text

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "plover_encoder"
MAX_TOKENS = 128   # PLV sentences are far shorter; longer ones are cut at the end


def marked_text(text: str, source: tuple[int, int] | None, target: tuple[int, int] | None) -> str:
    """``text`` with "<s> … </s>" around the source and "<t> … </t>" around the target.

    Offsets are character offsets into ``text``. Overlapping spans are marked as
    given; the encoder learnt from the same markers, so they only need to agree
    between training and use.
    """
    inserts: list[tuple[int, int, str]] = []
    if source is not None:
        inserts += [(source[0], 1, "<s> "), (source[1], 0, " </s>")]
    if target is not None:
        inserts += [(target[0], 1, "<t> "), (target[1], 0, " </t>")]
    out = text
    # right to left so earlier offsets stay valid; at one offset a closing marker goes first
    for pos, _, mark in sorted(inserts, key=lambda x: (-x[0], -x[1])):
        out = out[:pos] + mark + out[pos:]
    return out


class EncoderModel:
    """Scores marked sentences with the exported encoder; ``classes`` are PLV roots."""

    def __init__(self, directory: Path | str = MODEL_DIR, *, threads: int = 1):
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError:
            raise MissingDependencyError(
                "the accurate PLOVER classifier needs onnxruntime and tokenizers: "
                "pip install 'onrecord[accurate]' (or use the default fast profile)"
            ) from None
        directory = Path(directory)
        onnx_path = directory / "model.onnx"
        if not onnx_path.is_file():
            raise MissingDependencyError(
                f"no encoder model at {onnx_path}; train one with "
                "onrecord train plover-encoder PLV_train.tsv -o " + str(directory))
        meta = json.loads((directory / "labels.json").read_text(encoding="utf-8"))
        self.classes: list[str] = list(meta["classes"])
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        options = ort.SessionOptions()
        # one thread by default: worker pools already use every core
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])

    def proba_texts(self, texts: list[str], batch_size: int = 1) -> np.ndarray:
        """Class probabilities, one row per marked text.

        One text per run by default: int8 dynamic quantisation scales the
        activations over the whole batch, padding included, so batching would
        make a sentence's scores depend on its neighbours. Unpadded single
        sentences were also the fastest here (1,050 PLV sentences: 6.6 s
        against 9.4 s in batches of 32).
        """
        out = np.zeros((len(texts), len(self.classes)), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            encodings = self.tokenizer.encode_batch(texts[start:start + batch_size])
            width = max(len(e.ids) for e in encodings)
            ids = np.zeros((len(encodings), width), dtype=np.int64)
            mask = np.zeros((len(encodings), width), dtype=np.int64)
            for row, e in enumerate(encodings):
                ids[row, :len(e.ids)] = e.ids
                mask[row, :len(e.ids)] = 1
            logits = self.session.run(["logits"], {"input_ids": ids, "attention_mask": mask})[0]
            logits = logits - logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            out[start:start + len(encodings)] = p / p.sum(axis=1, keepdims=True)
        return out

    def pair_proba(self, doc, source, target, trig=None) -> np.ndarray:
        """Probabilities for one (source, target) pair of ``doc``.

        The encoder reads the sentences that hold the source, the target and the
        trigger (one sentence, almost always), with the arguments marked.
        """
        parts = [x for x in (source, target, trig) if x is not None]
        start = min(x.sent.start_char for x in parts)
        end = max(x.sent.end_char for x in parts)

        def local(span):
            return None if span is None else (span.start_char - start, span.end_char - start)

        text = marked_text(doc_text(doc)[start:end], local(source), local(target))
        return self.proba_texts([text])[0]


@lru_cache(maxsize=1)
def default_encoder() -> EncoderModel:
    """The shipped encoder (raises ``MissingDependencyError`` when it cannot run)."""
    return EncoderModel()

"""The *accurate* event detector: a fine-tuned MiniLM encoder that reads the candidate's sentence.

The fast detector (``events.detect``) judges a candidate trigger from hand-built
features of its parse. This one reads the words: the candidate's sentence, cut
to a window around the trigger, with the trigger marked ("... <e> sent </e> ...")
and the lexicon's type guess in front ("aid : ..."), through all-MiniLM-L6-v2
fine-tuned to answer "is this a real event of that type?"
(``onrecord.train.event_encoder``), exported to ONNX with int8 weights. The
scoring code is the PLOVER encoder's (``events.encoder.EncoderModel``).

Running it needs ``onnxruntime`` and ``tokenizers`` (``pip install
'onrecord[accurate]'``), never torch.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import ModelNotFoundError
from .encoder import EncoderModel

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "event_encoder"
MAX_TOKENS = 96  # word pieces: the window below keeps almost every text under it
WINDOW_WORDS = 24  # words kept on each side of the trigger: a long sentence's far end says little about it
CALIBRATION = "calibration.json"
CLASSES = ("no", "yes")  # the encoder's two outputs: a real event of the lexicon's type or not


def trigger_text(sentence: str, trigger: tuple[int, int], event_type: str) -> str:
    """The encoder's input: the lexicon's type, then the sentence cut to ``WINDOW_WORDS``
    words either side of the trigger, with the trigger between "<e>" and "</e>".

    ``trigger`` holds character offsets into ``sentence``. Training and use both
    build their texts here, so the markers and the window always agree."""
    start, end = trigger
    before = sentence[:start].split()[-WINDOW_WORDS:]
    after = sentence[end:].split()[:WINDOW_WORDS]
    word = sentence[start:end]
    return " ".join([event_type.lower().replace("_", " "), ":", *before, "<e>", word, "</e>", *after])


@dataclass(frozen=True)
class Calibration:
    """How the encoder's log-odds become the confidence and the decision.

    ``average``: cross-validation chose the mean of this and the linear detector's
    calibrated probabilities over the encoder alone; ``scale``/``shift``: Platt
    scaling (of the encoder's log-odds, or of the mean's log-odds when averaged)
    to "a real event of the lexicon's type"; ``encoder_scale``/``encoder_shift``: the
    encoder's own Platt scaling, which the mean reads; ``threshold``: below it the
    candidate is dropped."""

    scale: float
    shift: float
    threshold: float
    average: bool = False
    encoder_scale: float = 1.0
    encoder_shift: float = 0.0

    def probability(self, encoder_log_odds: float, linear_probability: float | None = None) -> float:
        """The calibrated probability of a real event of the lexicon's type."""
        x = encoder_log_odds
        if self.average:
            if linear_probability is None:
                raise ValueError("this calibration averages with the linear detector: give its probability")
            mean = 0.5 * (_sigmoid(self.encoder_scale * encoder_log_odds + self.encoder_shift) + linear_probability)
            x = _logit(mean)
        return _sigmoid(self.scale * x + self.shift)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def open_model(directory: Path | str, *, threads: int = 1) -> EncoderModel:
    """The exported encoder of ``directory``, checked to be a yes/no event model, cut at ``MAX_TOKENS``."""
    model = EncoderModel(directory, threads=threads)
    if list(model.classes) != list(CLASSES):
        raise ModelNotFoundError(f"{directory}: classes {model.classes}, expected {list(CLASSES)}")
    model.tokenizer.enable_truncation(MAX_TOKENS)
    return model


def log_odds(model: EncoderModel, texts: list[str]) -> np.ndarray:
    """The encoder's uncalibrated log-odds of "yes", one per ``trigger_text``."""
    p = np.clip(model.proba_texts(texts).astype(np.float64), 1e-7, 1.0)
    return np.log(p[:, 1]) - np.log(p[:, 0])


class EventEncoder:
    """Scores candidate triggers with the exported encoder and its calibration."""

    def __init__(self, directory: Path | str = MODEL_DIR, *, threads: int = 1):
        directory = Path(directory)
        self.model = open_model(directory, threads=threads)
        path = directory / CALIBRATION
        if not path.is_file():
            raise ModelNotFoundError(f"no {CALIBRATION} in {directory}; rebuild with `onrecord train event-encoder ../shared/data`")
        meta = json.loads(path.read_text(encoding="utf-8"))
        self.calibration = Calibration(float(meta["scale"]), float(meta["shift"]), float(meta["threshold"]),
                                       bool(meta.get("average", False)), float(meta.get("encoder_scale", 1.0)),
                                       float(meta.get("encoder_shift", 0.0)))

    def log_odds(self, texts: list[str]) -> np.ndarray:
        """The encoder's uncalibrated log-odds of "yes", one per ``trigger_text``."""
        return log_odds(self.model, texts)

    def probability(self, sentence: str, trigger: tuple[int, int], event_type: str,
                    linear_probability: float | None = None) -> float:
        """Calibrated P(a real event of ``event_type``) for one candidate."""
        x = float(self.log_odds([trigger_text(sentence, trigger, event_type)])[0])
        return self.calibration.probability(x, linear_probability)

    @property
    def threshold(self) -> float:
        return self.calibration.threshold


@lru_cache(maxsize=1)
def default_event_encoder() -> EventEncoder:
    """The shipped event encoder (raises ``MissingDependencyError`` or ``ModelNotFoundError`` when it cannot run)."""
    return EventEncoder()

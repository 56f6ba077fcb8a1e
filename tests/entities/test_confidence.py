"""Calibrated confidence: classes, shrinkage and the fit's split."""
import json

from onrecord.entities.confidence import PRIOR_WEIGHT, attribution_class, probability
from onrecord.schema import Article, Attribution, Entity, Record, Span
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


def test_the_fit_reads_the_calibration_splits_and_never_the_heldout_one(tmp_path):
    gold = tmp_path / "gold.jsonl"
    lines = [{"corpus": "wikinews", "article": name, "split": split, "start": 0, "end": 4, "speaker": "A",
              "speaker_named": True, "kind": "direct", "act": "speech"}
             for name, split in (("x", "heldout"), ("y", "train"), ("z", "dev"))]
    gold.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    (tmp_path / "wikinews").mkdir()
    texts = {"x": "Held out text.", "y": "Train text.", "z": "Dev text."}
    (tmp_path / "wikinews" / "enwikinews.jsonl").write_text(
        "".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()), encoding="utf-8")
    called = []

    def extract(text, d):
        called.append(text)
        return Record(text=text, article=Article())

    counts = count(gold, tmp_path, extract)
    assert sorted(called) == ["Dev text.", "Train text."]
    assert sorted(counts["articles"]) == ["wikinews/y", "wikinews/z"]


def test_a_plain_speech_cue_is_a_class_of_its_own():
    from onrecord.entities.confidence import cue_type
    said = Attribution("indirect", Span(20, 21, "x"), cue=Span(9, 17, "has said"))
    plans = Attribution("indirect", Span(20, 21, "x"), cue=Span(9, 14, "plans"))
    assert [cue_type(a) for a in (said, plans, Attribution("direct", Span(0, 1, "x")))] == ["say", "other", "none"]


def _counts(classes):
    from onrecord.train.confidence import _totals
    return _totals(classes)


def test_the_map_is_monotone_in_the_polnear_level():
    from onrecord.train.confidence import fit_map, mapped
    rising = fit_map([(0.3, 40, 5), (0.7, 40, 20), (0.95, 40, 34)])
    values = [mapped(rising, level) for level in (0.05, 0.3, 0.5, 0.7, 0.9, 0.99)]
    assert values == sorted(values)
    assert values[0] < 0.2 and values[-1] > 0.75  # the whole range of the counts, not a flat line
    # Counts that fall as the level rises cannot make a falling map: it stays flat, at the overall rate.
    falling = fit_map([(0.3, 40, 34), (0.95, 40, 5)])
    assert falling[0] == 0.0
    assert abs(mapped(falling, 0.3) - mapped(falling, 0.95)) < 1e-12
    assert abs(mapped(falling, 0.5) - 40 / 82) < 1e-9


def test_polnear_orders_the_classes_and_the_speaker_set_sets_their_level():
    from onrecord.train.confidence import confidences
    pol = _counts({"direct|say|name": {"n": 1000, "right": 990}, "direct|other|name": {"n": 1000, "right": 700},
                   "indirect|other|none": {"n": 1000, "right": 100}})
    speakers = {"direct|say|name": {"n": 20, "right": 14}, "direct|other|name": {"n": 20, "right": 8},
                "indirect|other|none": {"n": 20, "right": 0}}
    fitted = confidences(pol, speakers)["confidence"]["classes"]
    assert fitted["indirect|other|none"] < fitted["direct|other|name"] < fitted["direct|say|name"] < 0.8
    assert abs(fitted["direct|say|name"] - 0.7) < 0.1  # the speaker set's level (14 of 20), not PolNeAR's 0.99


def test_a_class_with_few_items_never_gets_0_9():
    from onrecord.train.confidence import BELOW_HIGH, class_confidence, confidences
    pol = _counts({"direct|say|name": {"n": 1000, "right": 995}, "indirect|other|none": {"n": 1000, "right": 50}})
    few = {"direct|say|name": {"n": 6, "right": 6}, "indirect|other|none": {"n": 30, "right": 0}}
    many = {"direct|say|name": {"n": 60, "right": 60}, "indirect|other|none": {"n": 30, "right": 0}}
    assert confidences(pol, few)["confidence"]["classes"]["direct|say|name"] == BELOW_HIGH < 0.9
    assert confidences(pol, many)["confidence"]["classes"]["direct|say|name"] >= 0.9
    # Nor does a class the speaker set never saw, however high its mapped level.
    assert class_confidence(0.99, {"n": 0, "right": 0}) == BELOW_HIGH
    assert class_confidence(0.5, {"n": 0, "right": 0}) == 0.5
    # Just under 0.9 before rounding is 0.9 in the table: held below it too.
    assert class_confidence(0.8996, {"n": 0, "right": 0}) == BELOW_HIGH


def test_one_long_article_cannot_back_0_9_alone():
    """107 right answers of one interview are one writer's format, not 107 independent checks:
    an article weighs at most ARTICLE_CAP items in a class, so 0.9 needs several articles."""
    from onrecord.train.confidence import ARTICLE_CAP, BELOW_HIGH, build_table, capped
    interview = {"direct|other|name": {"n": 107, "right": 107}}
    assert capped([interview]) == {"direct|other|name": {"n": ARTICLE_CAP, "right": ARTICLE_CAP}}
    assert capped([{"k": {"n": 20, "right": 15}}, {"k": {"n": 4, "right": 1}}]) == {"k": {"n": ARTICLE_CAP + 4, "right": 7.5 + 1}}
    pol = _counts({"direct|other|name": {"n": 1000, "right": 990}, "indirect|other|none": {"n": 1000, "right": 50}})
    pol["articles"] = 3
    others = {"b": {"indirect|other|none": {"n": 30, "right": 0}}}

    def table(articles):
        merged = {}
        for classes in articles.values():
            for key, c in classes.items():
                merged.setdefault(key, {"n": 0, "right": 0})
                merged[key] = {"n": merged[key]["n"] + c["n"], "right": merged[key]["right"] + c["right"]}
        speakers = {**_counts(merged), "articles": articles}
        return build_table(pol, speakers, "fast")["confidence"]["classes"]["direct|other|name"]

    assert table({"a": interview, **others}) == BELOW_HIGH
    many = {f"a{k}": {"direct|other|name": {"n": 10, "right": 10}} for k in range(3)}
    assert table({**many, **others}) >= 0.9


def test_wilson_lower_bound():
    from onrecord.train.confidence import wilson_lower
    assert wilson_lower(0, 0) == 0.0
    assert abs(wilson_lower(25, 25) - 25 / (25 + 1.645 ** 2)) < 1e-9  # all right: n / (n + z²)
    assert wilson_lower(18, 20) < 0.9 < wilson_lower(200, 200)


def test_cross_validation_scores_each_article_with_a_table_fitted_without_it():
    from onrecord.train.confidence import cross_validate
    pol = _counts({"direct|say|name": {"n": 1000, "right": 950}, "indirect|other|none": {"n": 1000, "right": 100}})
    articles = {"a": {"direct|say|name": {"n": 5, "right": 5}}, "b": {"indirect|other|none": {"n": 7, "right": 0}},
                "c": {"direct|say|name": {"n": 4, "right": 2}, "indirect|other|none": {"n": 2, "right": 1}}}
    bins = cross_validate(pol, articles)
    assert sum(b["n"] for b in bins) == 18
    assert sum(round(b["right"] * b["n"]) for b in bins if b["n"]) == 8
    # A class only the left-out article has (and PolNeAR never saw) is scored at its kind's value.
    articles["d"] = {"mixed|other|none": {"n": 3, "right": 0}}
    assert sum(b["n"] for b in cross_validate(pol, articles)) == 21


def test_the_table_gives_a_class_its_kind_or_the_overall_confidence_when_it_never_saw_it():
    import pytest

    from onrecord.entities.confidence import ConfidenceTableError, table_probability
    table = {"profile": "fast", "confidence": {"classes": {"direct|say|name": 0.8}, "kinds": {"direct": 0.6},
                                               "overall": 0.4}}
    assert [table_probability(table, k) for k in ("direct|say|name", "direct|other|name", "mixed|say|name")] == [
        0.8, 0.6, 0.4]
    with pytest.raises(ConfidenceTableError, match="refit"):
        table_probability({"profile": "fast", "classes": {}}, "direct|say|name")


def test_the_polnear_counts_leave_out_the_speaker_set_articles(tmp_path):
    from onrecord.train.confidence import speaker_set_articles
    gold = tmp_path / "gold.jsonl"
    lines = [{"corpus": corpus, "article": name, "split": "dev", "start": 0, "end": 4, "speaker": "A",
              "speaker_named": True, "kind": "direct", "act": "speech"}
             for corpus, name in (("polnear-train", "nyt_x"), ("wikinews", "w1"))]
    gold.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert speaker_set_articles(gold) == {"nyt_x"}


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

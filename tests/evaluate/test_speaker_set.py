"""The speaker-set scorer: name matching, pairing, and the report, on made-up articles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.errors import DataNotFoundError, InputError
from onrecord.evaluate import speakers
from onrecord.schema import Article, Attribution, Entity, Record, Span

GOLD = Path(__file__).resolve().parents[1] / "data" / "speakers" / "speakers.jsonl"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


@pytest.mark.parametrize("predicted, gold, right", [
    ("Joe Biden", "Joe Biden", True),
    ("Biden", "Joe Biden", True),
    ("Hunter Biden", "Joe Biden", False),
    ("Joe R. Biden", "Joe Biden", True),
    ("Voter Kitty Mak", "Kitty Mak", True),
    ("the Pentagon", "Pentagon", True),
    ("Maren Solberg", "NATO", False),
    (None, "officials", False),
    ("officials", "US officials", True),
])
def test_same_speaker(predicted, gold, right):
    assert speakers.same_speaker(predicted, gold) is right


TEXT = "“We will act,” said Maren Solberg. Officials said the talks failed. Beijing denied it."


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def _record() -> Record:
    solberg = Entity("e1", "Maren Solberg", "PERSON")
    beijing = Entity("e2", "Beijing", "GPE")
    return Record(text=TEXT, article=Article(), entities=[solberg, beijing], attributions=[
        Attribution("direct", _span(TEXT, "We will act,"), speaker="e1", confidence=0.95),
        Attribution("indirect", _span(TEXT, "the talks failed"), speaker="e2", confidence=0.92),
        Attribution("indirect", _span(TEXT, "it"), speaker="e2", confidence=0.5),
    ])


def _gold_file(tmp_path: Path) -> Path:
    rows = [
        {"corpus": "wikinews", "article": "a1", "split": "heldout", "speaker": "Maren Solberg", "speaker_named": True,
         "part": "We will act,"},
        {"corpus": "wikinews", "article": "a1", "split": "heldout", "speaker": "officials", "speaker_named": False,
         "part": "the talks failed"},
        {"corpus": "wikinews", "article": "a1", "split": "dev", "speaker": "Beijing", "speaker_named": True,
         "part": "Beijing denied"},
    ]
    path = tmp_path / "gold.jsonl"
    with path.open("w") as out:
        for r in rows:
            span = _span(TEXT, r.pop("part"))
            out.write(json.dumps({**r, "start": span.start, "end": span.end, "kind": "direct", "act": "speech"}) + "\n")
    wiki = tmp_path / "shared" / "wikinews"
    wiki.mkdir(parents=True)
    (wiki / "enwikinews.jsonl").write_text(json.dumps({"id": "a1", "text": TEXT, "date": "2026-03-01"}) + "\n")
    return path


def test_scores_quotes_speakers_and_confidence(tmp_path):
    gold = _gold_file(tmp_path)
    s = speakers.evaluate(gold, tmp_path / "shared", lambda text, date: _record(), split="heldout")
    assert (s["gold"], s["predicted"]) == (2, 3)
    assert s["quote"] == {"precision": 0.667, "recall": 1.0, "f1": 0.8}
    assert s["speaker"]["all"] == 0.5 and s["speaker"]["named"] == 1.0 and s["speaker"]["unnamed"] == 0.0
    # two predictions at ≥ 0.9, one of them (Solberg's) right
    assert s["confident"] == {"threshold": 0.9, "n": 2, "right": 0.5}
    assert "heldout split" in speakers.format_report(s)


def test_bad_split_and_missing_texts_are_clear_errors(tmp_path):
    gold = _gold_file(tmp_path)
    with pytest.raises(InputError, match="use one of dev, heldout, train, all"):
        speakers.evaluate(gold, tmp_path / "shared", lambda t, d: _record(), split="test")
    with pytest.raises(DataNotFoundError, match="Wikinews texts not found"):
        speakers.evaluate(gold, tmp_path / "nowhere", lambda t, d: _record())


def test_the_shipped_gold_set_reads():
    gold = speakers.read_gold(GOLD)
    assert len(gold) >= 300
    assert {g.split for g in gold} == {"dev", "heldout", "train"}  # train: calibration only, never scored
    assert sum(g.split == "heldout" for g in gold) >= 150


def test_act_accuracy_over_found_pairs(tmp_path):
    """Both gold items are speech: the first found one is speech, the second is a
    thought, so act is right for one of two."""
    gold = _gold_file(tmp_path)
    record = _record()
    record.attributions[0].act, record.attributions[1].act = "speech", "thought"
    s = speakers.evaluate(gold, tmp_path / "shared", lambda text, date: record, split="heldout")
    assert s["act"] == {"right": 0.5, "found": 2}
    assert "act        right 0.5 of 2 found" in speakers.format_report(s)


def test_a_title_or_term_is_not_a_predicted_quote(tmp_path):
    # A word in scare quotes reports nobody's act: the set labels none, and neither
    # PolNeAR's nor the demo's scorer counts one.
    gold = _gold_file(tmp_path)
    record = _record()
    record.attributions[1].kind, record.attributions[1].act = "term", None
    s = speakers.evaluate(gold, tmp_path / "shared", lambda text, date: record, split="heldout")
    assert (s["predicted"], s["quote"]["recall"]) == (2, 0.5)


def test_a_nested_gold_quote_does_not_take_the_outer_prediction():
    # Both golds lie wholly inside the predicted quote (overlap 1.0 of the shorter
    # span); the outer gold matches it exactly, so it is the one paired.
    text = "“Ada thinks it is fine to want money,” Ms. Lind said."
    outer = speakers.GoldQuote("wikinews", "a", "dev", 1, text.index("”"), "Lind", True, "direct", "speech", False)
    inner_start = text.index("it is fine")
    inner = speakers.GoldQuote("wikinews", "a", "dev", inner_start, text.index(","), "Ada", True, "indirect",
                               "thought", True)
    record = Record(text=text, article=Article(), attributions=[
        Attribution("direct", Span(1, text.index("”"), text[1:text.index("”")]), confidence=0.8)])
    assert speakers.pair([inner, outer], record) == [(1, 0)]
    assert speakers.pair([outer, inner], record) == [(0, 0)]

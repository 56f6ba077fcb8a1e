"""Dates: find date expressions and resolve them against the publication date.

* ``normalise(expression, anchor, tense=None)`` → TIMEX3 value ("2023-02-24", "2023-W08",
  "PAST_REF", ...) or None;
* ``find_dates(doc, anchor)`` → [(Span, DateMention)] for the date expressions of a parsed Doc;
* ``date_for_trigger(token, dates)`` → the value of the date that modifies an event trigger's clause.
"""
from onrecord.dates.find import date_for_trigger, find_dates
from onrecord.dates.normalise import normalise

__all__ = ["normalise", "find_dates", "date_for_trigger"]

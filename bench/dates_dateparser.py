"""Score dateparser's ``search_dates`` on the blind date set, with the scorer
``onrecord eval dates`` uses, to decide whether a maintained library beats
onrecord's own date finder (issue 13, point 7).

    python bench/dates_dateparser.py ../shared/data --split dev [--subset unseen]

dateparser gives a datetime, not a TIMEX3 value, so each expression it finds
is re-parsed with ``DateDataParser`` to get its period (day, week, month,
year) and the value is cut to that granularity ("2023-03", "2023").
Requires ``pip install dateparser`` (not an onrecord dependency).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from onrecord.evaluate.dates import evaluate, format_report
from onrecord.schema import Article, DateMention, Record

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "dates" / "dates.jsonl"


def _value(moment: dt.datetime, period: str | None) -> str:
    if period == "year":
        return f"{moment.year:04d}"
    if period == "month":
        return f"{moment.year:04d}-{moment.month:02d}"
    if period == "week":
        iso = moment.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    return moment.date().isoformat()


def dateparser_extract(text: str, published: str | None) -> Record:
    from dateparser import DateDataParser
    from dateparser.search import search_dates

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(published[:10])
    found = search_dates(text, languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings)
    dates, cursor = [], 0
    for phrase, moment in found:
        start = text.find(phrase, cursor)
        if start < 0:
            continue
        cursor = start + len(phrase)
        period = parser.get_date_data(phrase).period
        dates.append(DateMention(start, start + len(phrase), phrase, _value(moment, period)))
    return Record(text=text, article=Article(date=published), dates=dates)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shared", type=Path)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--subset", default="all")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args(argv)
    scores = evaluate(GOLD, args.shared, dateparser_extract, split=args.split, subset=args.subset)
    print("dateparser " + format_report(scores))
    if args.errors:
        for e in scores["errors"][:40]:
            print(f"  {e['article']}: {e['text']!r} predicted {e['predicted']}, gold {e['gold']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Publication dates to YYYY-MM-DD.

The calendar date is taken as written, in the publisher's own time zone
("2023-03-04T23:30:00-05:00" is 2023-03-04); nothing is converted to UTC.
Anything that is not a full, valid day gives None.
"""
from __future__ import annotations

import datetime as dt
import re
import time
from email.utils import parsedate_tz

_YMD = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_])")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)")


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalise_date(value: object) -> str | None:
    """A date, datetime, struct_time or string (ISO 8601, "2020-05-06 10:00:00",
    RFC 2822 as in RSS, "20230304") to "YYYY-MM-DD"; None if it is not a valid day."""
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if isinstance(value, time.struct_time):
        return _valid(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str) or not value.strip():
        return None
    for pattern in (_YMD, _COMPACT):
        match = pattern.match(value)
        if match:
            return _valid(*(int(g) for g in match.groups()))
    parsed = parsedate_tz(value)  # RFC 2822: "Sat, 04 Mar 2023 10:00:00 +0000"
    if parsed and parsed[0] > 0:
        return _valid(parsed[0], parsed[1], parsed[2])
    return None

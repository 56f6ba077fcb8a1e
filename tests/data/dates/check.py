"""Re-validate tests/data/dates/dates.jsonl against the Wikinews source texts.

Usage: python3 tests/data/dates/check.py [DATA_DIR]
DATA_DIR defaults to ../shared/data beside the repository root. Exit 0 = OK (or data absent:
the check is skipped with a message); exit 1 = the file disagrees with the texts or the rules.
Standard library only: the check must not depend on onrecord.
"""
from __future__ import annotations

import datetime
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SEED = 20261206
MIN_ITEMS = 170
KEYS = {"article", "split", "start", "end", "text", "type", "value", "anchor", "note"}
TYPES = {"DATE", "DURATION", "SET"}
# Value shapes allowed by the README (TIMEX3 subset).
DATE_VALUE = re.compile(
    r"\d{4}(-\d{2}(-\d{2})?)?"          # YYYY, YYYY-MM, YYYY-MM-DD
    r"|\d{4}-W\d{2}(-WE)?"              # ISO week, weekend
    r"|\d{4}-(Q[1-4]|H[12]|SP|SU|FA|WI)"  # quarter, half, season
    r"|\d{3}X"                          # decade
    r"|PRESENT_REF|PAST_REF|FUTURE_REF"
)
PERIOD_VALUE = re.compile(r"P(\d+|X)(Y|M|W|D|DE)|PT(\d+|X)(H|M|S)")


class DatesSetError(Exception):
    """The dates set disagrees with its source texts or its own rules."""


def load_articles(data: Path) -> dict[str, dict]:
    arts: dict[str, dict] = {}
    with open(data / "wikinews" / "enwikinews.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            arts[d["id"]] = d
    return arts


def sampling_order(arts: dict[str, dict]) -> list[str]:
    # Articles of the speaker set are excluded; only their `article` field is read.
    excluded = set()
    speakers = ROOT / "tests" / "data" / "speakers" / "speakers.jsonl"
    with open(speakers, encoding="utf-8") as f:
        for line in f:
            excluded.add(json.loads(line)["article"])
    ids = sorted(i for i in arts if i not in excluded)
    random.Random(SEED).shuffle(ids)
    return ids


def check(items: list[dict], arts: dict[str, dict]) -> None:
    if len(items) < MIN_ITEMS:
        raise DatesSetError(f"{len(items)} items, fewer than {MIN_ITEMS}")
    taken: list[str] = []
    for n, x in enumerate(items, 1):
        where = f"item {n} ({x.get('article')} {x.get('text')!r})"
        if set(x) != KEYS:
            raise DatesSetError(f"{where}: keys {sorted(x)} != {sorted(KEYS)}")
        art = arts.get(x["article"])
        if art is None:
            raise DatesSetError(f"{where}: article not in the Wikinews file")
        if art["text"][x["start"]:x["end"]] != x["text"]:
            raise DatesSetError(f"{where}: offsets give {art['text'][x['start']:x['end']]!r}")
        if x["anchor"] != art["date"]:
            raise DatesSetError(f"{where}: anchor {x['anchor']} != publication date {art['date']}")
        if x["type"] not in TYPES:
            raise DatesSetError(f"{where}: type {x['type']}")
        shape = DATE_VALUE if x["type"] == "DATE" else PERIOD_VALUE
        if not shape.fullmatch(x["value"]):
            raise DatesSetError(f"{where}: value {x['value']!r} is not a {x['type']} value")
        if x["type"] == "DATE" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", x["value"]):
            try:
                datetime.date.fromisoformat(x["value"])
            except ValueError as e:
                raise DatesSetError(f"{where}: value {x['value']!r} is not a calendar day ({e})") from e
        if not taken or taken[-1] != x["article"]:
            if x["article"] in taken:
                raise DatesSetError(f"{where}: article's items are not contiguous")
            taken.append(x["article"])
        want = "dev" if (len(taken) - 1) % 2 == 0 else "heldout"
        if x["split"] != want:
            raise DatesSetError(f"{where}: split {x['split']}, expected {want} (alternating by article)")
    # Within an article: sorted by start, no overlapping spans.
    for a, b in zip(items, items[1:]):
        if a["article"] == b["article"] and a["end"] > b["start"]:
            raise DatesSetError(f"{a['article']}: {a['text']!r} and {b['text']!r} overlap or are unsorted")
    order = sampling_order(arts)
    if taken != order[: len(taken)]:
        raise DatesSetError("articles are not the first ones of the documented shuffled order")


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "data"
    if not (data / "wikinews" / "enwikinews.jsonl").is_file():
        print(f"SKIP: {data}/wikinews/enwikinews.jsonl not found; nothing checked")
        return 0
    with open(HERE / "dates.jsonl", encoding="utf-8") as f:
        items = [json.loads(line) for line in f]
    try:
        check(items, load_articles(data))
    except DatesSetError as e:
        print(f"FAIL: {e}")
        return 1
    arts = {x["article"] for x in items}
    print(f"OK: {len(items)} items in {len(arts)} articles")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

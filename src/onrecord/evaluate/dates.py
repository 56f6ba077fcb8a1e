"""Score date expressions against the blind-labelled Wikinews date set
(tests/data/dates/, its README says how it was made).

onrecord finds dates (``Record.dates``), not durations or sets, so the scores
are over the gold DATE items; a prediction that meets a gold DURATION or SET is
neither right nor wrong (it is left out of precision). A prediction *finds* a
gold date when their spans overlap (one-to-one, text order); its value is right
when it equals the gold value. The set's README advises reporting the articles
outside MEANTIME on their own too (MEANTIME airbus/apple are what the date rules
were written from): ``subset="unseen"``.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataNotFoundError, InputError
from ..schema import Record
from .gold import by_article, check_split, in_split, ratio, read_lines

SUBSETS = ("all", "unseen")  # unseen: the articles not from MEANTIME


@dataclass(frozen=True)
class GoldDate:
    article: str
    split: str
    start: int
    end: int
    text: str
    type: str
    value: str
    anchor: str | None


def read_gold(path: Path) -> list[GoldDate]:
    return read_lines(path, lambda r: GoldDate(
        r["article"], r["split"], int(r["start"]), int(r["end"]), r["text"], r["type"], r["value"], r.get("anchor")),
        "date gold")


def read_articles(shared: Path, ids: set[str]) -> dict[str, tuple[str, str | None]]:
    path = shared / "wikinews" / "enwikinews.jsonl"
    if not path.is_file():
        raise DataNotFoundError(f"Wikinews texts not found at {path}")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["id"] in ids:
            out[r["id"]] = (r["text"], r.get("date"))
    missing = ids - out.keys()
    if missing:
        raise DataNotFoundError(f"texts not found for {len(missing)} articles, e.g. {sorted(missing)[0]}")
    return out


def evaluate(gold_path: Path, shared: Path, extract: Callable[[str, str | None], Record], *,
             split: str = "heldout", subset: str = "all") -> dict:
    check_split(split)
    if subset not in SUBSETS:
        raise InputError(f"subset {subset!r}: use one of {', '.join(SUBSETS)}")
    gold = [g for g in read_gold(gold_path) if in_split(g.split, split)
            and (subset == "all" or not g.article.startswith("meantime-"))]
    articles = by_article(gold, lambda g: g.article)
    texts = read_articles(shared, set(articles))
    n: dict[str, int] = defaultdict(int)
    errors = []
    for article, items in articles.items():
        text, published = texts[article]
        record = extract(text, published)
        used: set[int] = set()
        n["gold"] += sum(g.type == "DATE" for g in items)
        for d in record.dates:
            g_index = next((k for k, g in enumerate(items) if k not in used and min(g.end, d.end) > max(g.start, d.start)), None)
            if g_index is None:
                n["predicted"] += 1
                errors.append({"article": article, "text": d.text, "predicted": d.value, "gold": None})
                continue
            used.add(g_index)
            g = items[g_index]
            if g.type != "DATE":
                continue
            n["predicted"] += 1
            n["found"] += 1
            n["value_right"] += d.value == g.value
            if d.value != g.value:
                errors.append({"article": article, "text": d.text, "predicted": d.value, "gold": g.value})
        for k, g in enumerate(items):
            if k not in used and g.type == "DATE":
                errors.append({"article": article, "text": g.text, "predicted": None, "gold": g.value})
    p, r = ratio(n["found"], n["predicted"]), ratio(n["found"], n["gold"])
    return {"split": split, "subset": subset, "articles": len(articles), "gold_dates": n["gold"],
            "predicted": n["predicted"], "precision": p, "recall": r,
            "f1": round(2 * p * r / (p + r), 3) if p and r else 0.0,
            "value_right_of_found": ratio(n["value_right"], n["found"]),
            "value_right_of_gold": ratio(n["value_right"], n["gold"]), "errors": errors}


def format_report(s: dict) -> str:
    return "\n".join([
        f"date set, {s['split']} split, {s['subset']} articles: {s['articles']} articles, {s['gold_dates']} gold dates, "
        f"{s['predicted']} predicted",
        f"  found      precision {s['precision']}  recall {s['recall']}  F1 {s['f1']}",
        f"  value      right for {s['value_right_of_found']} of found, {s['value_right_of_gold']} of all gold dates",
    ])

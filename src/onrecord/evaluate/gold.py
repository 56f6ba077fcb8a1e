"""What the blind-labelled sets (tests/data/speakers, events, dates) share: one
JSON object per line, a dev/heldout split by article, and a ratio rounded the
same way in every report."""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import TypeVar

from ..errors import DataNotFoundError, InputError

SPLITS = ("dev", "heldout", "train", "all")
T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def read_lines(path: Path, make: Callable[[dict], T], what: str) -> list[T]:
    """Each line of a gold file through ``make``; a bad line is an InputError
    naming the file and line (``what``: "speaker gold", "event gold", ...)."""
    if not path.is_file():
        raise DataNotFoundError(f"no {what} set at {path}")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(make(json.loads(line)))
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(f"{path}:{n}: not a {what} line ({error})") from None
    return out


def check_split(split: str) -> None:
    if split not in SPLITS:
        raise InputError(f"split {split!r}: use one of {', '.join(SPLITS)}")


def in_split(item_split: str, split: str) -> bool:
    """Whether an item of ``item_split`` is scored under ``split``. "all" is the two
    scoring halves: a "train" part (the event set has one) is training data only."""
    return item_split == split if split != "all" else item_split in ("dev", "heldout")


def by_article(items: Iterable[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    grouped: dict[K, list[T]] = defaultdict(list)
    for item in items:
        grouped[key(item)].append(item)
    return dict(sorted(grouped.items()))


def ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None

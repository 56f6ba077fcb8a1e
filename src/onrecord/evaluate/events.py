"""Score events against the blind-labelled event set (tests/data/events/, its
README says how it was made).

The set lists, per article, every PLOVER event mention (``is_event``: true, with
type, source, target and factuality) and the words a keyword coder would take
for one but that are not events in context (``is_event``: false). Scoring:

- A predicted event and a gold item *meet* when their trigger spans overlap;
  the pairing is one-to-one, in text order.
- **Precision**: predicted events that meet a real gold event of the same
  PLOVER type, over all predicted events in the labelled articles. An event that
  meets a non-event, or nothing (the set lists every real event), counts against.
- **Recall**: real gold events met by a predicted event (any type), over all real
  gold events.
- **All four right**: among real gold events, those met by a predicted event
  with the right type, source, target and factuality. A side is right when the
  gold side is empty and the predicted one too, or a predicted entity names the
  gold actor (``same_speaker``) or carries its code (country or organisation).
- **Codes right**: over the sides of met real events that the gold codes (a state
  or organisation code), those where a predicted entity carries that code; and,
  over the predicted sides of met real events that carry a code, those whose code
  is the gold one (a code where the gold side has none counts as wrong).
- **Non-events fired**: the share of non-event candidates an event was made from.
- A second mention of an event already labelled in its sentence (a non-event
  with a "coref:" note) counts nowhere: an event made from it is left out.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..schema import Event, Record
from .gold import by_article, check_split, in_split, ratio, read_lines
from .speakers import read_texts, same_speaker


@dataclass(frozen=True)
class GoldEvent:
    corpus: str
    article: str
    split: str
    start: int
    end: int
    trigger: str
    is_event: bool
    type: str | None
    source: str | None
    source_code: str | None
    target: str | None
    target_code: str | None
    factuality: str | None
    reason: str | None
    note: str | None = None

    @property
    def repeat(self) -> bool:
        """A second mention of an event labelled already in the sentence ("coref:"
        notes): an event made from it is neither right nor wrong."""
        return not self.is_event and (self.note or "").startswith("coref:")


def read_gold(path: Path) -> list[GoldEvent]:
    return read_lines(path, lambda r: GoldEvent(
        r["corpus"], r["article"], r["split"], int(r["start"]), int(r["end"]), r["trigger"], bool(r["is_event"]),
        r.get("type"), r.get("source"), r.get("source_code"), r.get("target"), r.get("target_code"),
        r.get("factuality"), r.get("reason"), r.get("note")), "event gold")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def meet(gold: list[GoldEvent], events: list[Event]) -> list[tuple[int, int]]:
    """One-to-one (gold index, event index) pairs of overlapping triggers, in text order."""
    pairs, used = [], set()
    for gi, g in sorted(enumerate(gold), key=lambda x: x[1].start):
        for ei, e in enumerate(events):
            if ei not in used and _overlaps((g.start, g.end), (e.trigger.start, e.trigger.end)):
                pairs.append((gi, ei))
                used.add(ei)
                break
    return pairs


def side_right(record: Record, ids: list[str], name: str | None, code: str | None) -> bool:
    if not name and not code:
        return not ids
    for entity in (record.entity(i) for i in ids):
        if entity is None:
            continue
        actor = entity.actor
        if code and actor is not None and code in (actor.country, actor.org):
            return True
        if name and same_speaker(entity.name, name):
            return True
    return False


def _codes(record: Record, ids: list[str]) -> set[str]:
    """The state and organisation codes of a side's entities."""
    codes: set[str] = set()
    for entity in (record.entity(i) for i in ids):
        if entity is not None and entity.actor is not None:
            codes.update(c for c in (entity.actor.country, entity.actor.org) if c)
    return codes


def _count_codes(n: dict[str, int], record: Record, event: Event, g: GoldEvent) -> None:
    for ids, gold_code in ((event.source, g.source_code), (event.target, g.target_code)):
        gold = set((gold_code or "").split(";")) - {""}
        got = _codes(record, ids)
        n["gold_coded_sides"] += bool(gold)
        n["coded_sides"] += bool(got)
        n["codes_right"] += bool(gold & got)


def evaluate(gold_path: Path, shared: Path, extract: Callable[[str, str | None], Record], *,
             split: str = "heldout", progress: Callable[[int, int], None] | None = None) -> dict:
    check_split(split)
    gold = [g for g in read_gold(gold_path) if in_split(g.split, split)]
    texts = read_texts(shared, gold)  # type: ignore[arg-type] - only corpus and article are read
    articles = by_article(gold, lambda g: (g.corpus, g.article))
    n: dict[str, int] = defaultdict(int)
    errors: list[dict] = []
    for done, (key, items) in enumerate(articles.items(), 1):
        text, published = texts[key]
        record = extract(text, published)
        pairs = dict((ei, gi) for gi, ei in meet(items, record.events))
        n["real"] += sum(g.is_event for g in items)
        n["candidates"] += sum(not g.is_event and not g.repeat for g in items)
        for ei, event in enumerate(record.events):
            g = items[pairs[ei]] if ei in pairs else None
            if g is not None and g.repeat:
                continue
            n["predicted"] += 1
            if g is None or not g.is_event:
                n["false"] += 1
                n["fired" if g is not None else "unlisted"] += 1
                errors.append({"article": key[1], "trigger": event.trigger.text, "predicted": event.type,
                               "gold": None if g is None else f"not an event ({g.reason})"})
                continue
            n["met"] += 1
            _count_codes(n, record, event, g)
            right_type = event.type == g.type
            n["right_type"] += right_type
            four = right_type and event.factuality == g.factuality and side_right(
                record, event.source, g.source, g.source_code) and side_right(record, event.target, g.target, g.target_code)
            n["four"] += four
            if not four:
                errors.append({"article": key[1], "trigger": event.trigger.text, "predicted": event.type,
                               "gold": f"{g.type} {g.source}→{g.target} {g.factuality}",
                               "got": f"{[record.entity(i).name for i in event.source if record.entity(i)]}→"
                                      f"{[record.entity(i).name for i in event.target if record.entity(i)]} {event.factuality}"})
        if progress:
            progress(done, len(articles))
    return {
        "split": split, "articles": len(articles), "real_events": n["real"], "non_event_candidates": n["candidates"],
        "predicted": n["predicted"],
        "precision": ratio(n["right_type"], n["predicted"]),
        "recall": ratio(n["met"], n["real"]),
        "all_four_right": ratio(n["four"], n["real"]),
        "non_events_fired": ratio(n["fired"], n["candidates"]),
        "gold_coded_sides": n["gold_coded_sides"], "coded_sides": n["coded_sides"],
        "codes_recall": ratio(n["codes_right"], n["gold_coded_sides"]),
        "codes_precision": ratio(n["codes_right"], n["coded_sides"]),
        "unlisted_predictions": n["unlisted"],
        "errors": errors,
    }


def format_report(s: dict) -> str:
    return "\n".join([
        f"event set, {s['split']} split: {s['articles']} articles, {s['real_events']} real events, "
        f"{s['non_event_candidates']} non-event candidates, {s['predicted']} predicted",
        f"  precision (a real event of the right type)   {s['precision']}",
        f"  recall (real events found, any type)          {s['recall']}",
        f"  type, source, target and factuality right     {s['all_four_right']}",
        f"  non-event candidates made into events         {s['non_events_fired']}",
        f"  codes right, of {s['gold_coded_sides']} gold-coded sides of met events  {s['codes_recall']}",
        f"  codes right, of {s['coded_sides']} coded sides of met events        {s['codes_precision']}",
        f"  predictions on no listed word                 {s['unlisted_predictions']}",
    ])

"""Human-readable views of a record (the CLI's table format)."""
from __future__ import annotations

import textwrap

from .schema import Event, Record

QUOTE_WIDTH = 70
SPEAKER_WIDTH = 24
CUE_WIDTH = 14


def _cell(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def record_table(record: Record, quote_width: int = QUOTE_WIDTH) -> str:
    """One line per attribution: speaker (or the source as written), cue, kind, quote."""
    title = record.article.title or record.article.id or "article"
    head = f"== {title}" + (f" ({record.article.date})" if record.article.date else "")
    rows = [head]
    speech = [a for a in record.attributions if a.kind in ("direct", "indirect", "mixed")]
    if not speech:
        rows.append("   (no attributions found)")
    for a in speech:
        speaker = record.speaker_name(a) or (f"[{a.source.text}]" if a.source else "?")
        cue = a.cue.text if a.cue else "—"
        quote = textwrap.shorten(" ".join(a.content.text.split()), quote_width, placeholder=" …")
        rows.append(f"   {_cell(speaker, SPEAKER_WIDTH):<{SPEAKER_WIDTH}}  {_cell(cue, CUE_WIDTH):<{CUE_WIDTH}}  {a.kind:<8}  {quote}")
    if record.events:
        rows.append("   events:")
    for event in record.events:
        rows.append("   " + event_line(record, event))
    for warning in record.warnings:
        rows.append(f"   warning: {warning}")
    return "\n".join(rows)


def _actors(record: Record, ids: list[str]) -> str:
    names = []
    for entity_id in ids:
        entity = record.entity(entity_id)
        if entity is None:
            continue
        code = entity.actor.country or entity.actor.org if entity.actor else None
        names.append(f"{entity.name} [{code}]" if code else entity.name)
    return " + ".join(names) or "—"


def event_line(record: Record, event: Event) -> str:
    """"China [CHN] → AID → Russia [RUS]  (negated, trigger "delivery", 2026-02-17)"."""
    details = [event.factuality, f'trigger "{event.trigger.text}"']
    if event.date:
        details.append(event.date)
    reporter = record.entity(event.reported_by)
    if reporter is not None:
        details.append(f"according to {reporter.name}")
    return f"{_actors(record, event.source)} → {event.type} → {_actors(record, event.target)}  ({', '.join(details)})"

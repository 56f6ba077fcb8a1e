"""Human-readable views of a record (the CLI's table format)."""
from __future__ import annotations

import textwrap

from .schema import DEFAULT_ACTS, Event, Record, select_acts

QUOTE_WIDTH = 70
SPEAKER_WIDTH = 24
CUE_WIDTH = 14


def _cell(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def record_table(record: Record, quote_width: int = QUOTE_WIDTH, act: str | None = DEFAULT_ACTS) -> str:
    """One line per attribution: speaker (or the source as written), cue, kind, quote.
    Only the attributions of ``act`` ("speech", "speech,thought", "all"; see
    schema.select_acts); the act is shown when others than speech are asked for,
    and a last line counts the ones left out."""
    acts = select_acts(act)
    title = record.article.title or record.article.id or "article"
    head = f"== {title}" + (f" ({record.article.date})" if record.article.date else "")
    rows = [head]
    reported = [a for a in record.attributions if a.kind in ("direct", "indirect", "mixed")]
    shown = [a for a in reported if acts is None or a.act in acts]
    if not reported:
        rows.append("   (no attributions found)")
    show_act = acts != ("speech",)
    for a in shown:
        speaker = record.speaker_name(a) or (f"[{a.source.text}]" if a.source else "?")
        cue = a.cue.text if a.cue else "—"
        quote = textwrap.shorten(" ".join(a.content.text.split()), quote_width, placeholder=" …")
        kind = f"{a.kind:<8}  {a.act or '—':<8}" if show_act else f"{a.kind:<8}"
        rows.append(f"   {_cell(speaker, SPEAKER_WIDTH):<{SPEAKER_WIDTH}}  {_cell(cue, CUE_WIDTH):<{CUE_WIDTH}}  {kind}  {quote}")
    hidden = len(reported) - len(shown)
    if hidden:
        kept = {id(a) for a in shown}
        others = sorted({a.act or "no act" for a in reported if id(a) not in kept})
        rows.append(f"   ({hidden} more of other acts: {', '.join(others)}; --act all shows them)")
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

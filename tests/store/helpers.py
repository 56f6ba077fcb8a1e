"""Records for the storage tests, built directly (no model needed, so they are fast)."""
from __future__ import annotations

from onrecord.schema import Actor, Article, Attribution, Entity, Event, Record, Span


def make_record(text: str, *, url: str | None = None, date: str | None = "2024-03-01", key: str = "a",
                entities: list[Entity] | None = None, attributions: list[Attribution] | None = None,
                events: list[Event] | None = None, pipeline: dict | None = None) -> Record:
    return Record(text=text, article=Article(id=key, url=url, title=f"Title {key}", date=date),
                  entities=entities or [], attributions=attributions or [], events=events or [],
                  pipeline=pipeline or {"onrecord": "test", "spans": "rules"})


def span(text: str, fragment: str, start: int = 0) -> Span:
    """The Span of ``fragment`` in ``text`` (first occurrence at or after ``start``)."""
    at = text.index(fragment, start)
    return Span(at, at + len(fragment), fragment)


def entity(text: str, local: str, name: str, type_: str, mentions: list[str], actor: Actor | None = None) -> Entity:
    return Entity(id=local, name=name, type=type_, mentions=[span(text, m) for m in mentions], actor=actor)


SOLBERG_TEXT = ('NATO chief Maren Solberg said the alliance would send air defence systems to Ukraine. '
                '"We will not abandon our partners," Solberg told reporters. '
                'China accused the United States of provoking tensions.')


def solberg_record(*, url: str | None = "https://news.example.com/solberg", date: str = "2024-03-01",
                   key: str = "solberg", text: str = SOLBERG_TEXT, name: str = "Maren Solberg") -> Record:
    """A speaker (with a surname-only mention), one quote, one reported claim, two events."""
    t = text.replace("Maren Solberg", name)
    ents = [
        entity(t, "e1", name, "PERSON", list(dict.fromkeys([name, "Solberg", "NATO chief"])),
               Actor(None, "NATO", "GOV")),
        entity(t, "e2", "Ukraine", "GPE", ["Ukraine"], Actor("UKR")),
        entity(t, "e3", "China", "GPE", ["China"], Actor("CHN", None, "GOV")),
        entity(t, "e4", "United States", "GPE", ["United States"], Actor("USA")),
    ]
    said, told = span(t, "said"), span(t, "told")
    atts = [
        Attribution("indirect", span(t, "the alliance would send air defence systems to Ukraine"), said,
                    span(t, name), "e1", 0.75, act="speech"),
        Attribution("direct", span(t, "We will not abandon our partners,"), told, span(t, "Solberg", t.index('"')), "e1", 0.9, act="speech"),
        Attribution("indirect", span(t, "the United States of provoking tensions"), span(t, "accused"),
                    span(t, "China"), "e3", 0.75, act="speech"),
    ]
    evs = [
        Event("AID", span(t, "send"), span(t, t.split(". ")[0]), factuality="future", target=["e2"],
              reported_by="e1", confidence=0.6),
        Event("ACCUSE", span(t, "accused"), span(t, "China accused the United States of provoking tensions."),
              source=["e3"], target=["e4"], reported_by="e3", confidence=0.75),
    ]
    return make_record(t, url=url, date=date, key=key, entities=ents, attributions=atts, events=evs)

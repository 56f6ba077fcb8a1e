"""The record schema: what onrecord extracts from one article.

These dataclasses *are* the JSON format: ``Record.to_dict()`` is what the CLI
prints and what storage keeps. docs/schema.md describes every field.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1"

AttributionKind = Literal["direct", "indirect", "mixed", "title", "term"]


@dataclass(frozen=True)
class Span:
    """A stretch of the record's ``text``: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str


@dataclass
class Article:
    id: str | None = None
    url: str | None = None
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD publication date, or None if unknown


@dataclass
class Entity:
    """A person, organisation or place the article mentions, merged over its mentions."""

    id: str
    name: str  # canonical (longest full) name
    type: str  # PERSON, ORG, GPE, NORP, ...
    title: str | None = None  # e.g. "NATO Secretary-General"
    affiliation: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Attribution:
    """One attribution: a source said / wrote / believed the content."""

    kind: AttributionKind
    content: Span
    cue: Span | None = None
    source: Span | None = None  # the mention as written: "he", "the NATO chief"
    speaker: str | None = None  # Entity.id the source resolves to
    confidence: float = 0.0
    continues: int | None = None  # index (in Record.attributions) of the quote this one continues, when it has no cue


@dataclass
class Record:
    text: str
    article: Article
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # spans skipped, never fatal
    pipeline: dict[str, str] = field(default_factory=dict)  # onrecord + model versions
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def speaker_name(self, attribution: Attribution) -> str | None:
        entity = self.entity(attribution.speaker)
        return entity.name if entity else None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        def span(d: dict | None) -> Span | None:
            return Span(**d) if d else None

        return cls(
            text=data["text"],
            article=Article(**data.get("article", {})),
            entities=[
                Entity(**{**e, "mentions": [Span(**m) for m in e.get("mentions", [])]})
                for e in data.get("entities", [])
            ],
            attributions=[
                Attribution(
                    **{
                        **a,
                        "content": Span(**a["content"]),
                        "cue": span(a.get("cue")),
                        "source": span(a.get("source")),
                    }
                )
                for a in data.get("attributions", [])
            ],
            warnings=list(data.get("warnings", [])),
            pipeline=dict(data.get("pipeline", {})),
            schema_version=data.get("schema_version", SCHEMA_VERSION),
        )

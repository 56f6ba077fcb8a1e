"""The record schema: what onrecord extracts from one article.

These dataclasses *are* the JSON format: ``Record.to_dict()`` is what the CLI
prints and what storage keeps. docs/schema.md describes every field.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "2"

AttributionKind = Literal["direct", "indirect", "mixed", "title", "term"]
# What an attribution reports: someone said or wrote it, believed or wanted it, or a
# document or data showed it. Titles and terms have none (docs/schema.md).
Act = Literal["speech", "thought", "evidence"]
ACT_VALUES: tuple[str, ...] = ("speech", "thought", "evidence")
DEFAULT_ACTS = "speech"  # what search, the web app and the table show unless asked for more
ALL_ACTS = "all"


def select_acts(value: str | None) -> tuple[str, ...] | None:
    """A reader's choice of acts: "speech,thought" -> ("speech", "thought") in
    ACT_VALUES order; "all" (or nothing) -> None, every attribution, those with no
    act (titles, terms) included. Raises InputError naming the allowed values."""
    if value is None or not value.strip() or value.strip().lower() == ALL_ACTS:
        return None
    asked = {v.strip().lower() for v in value.split(",") if v.strip()}
    unknown = sorted(asked - set(ACT_VALUES))
    if unknown:
        from .errors import InputError  # schema stays free of imports at load time

        raise InputError(f"act {', '.join(unknown)!s}: use {', '.join(ACT_VALUES)} (comma-separated) or {ALL_ACTS}")
    return tuple(a for a in ACT_VALUES if a in asked)
Factuality = Literal["asserted", "negated", "possible", "future", "hypothetical", "demanded"]
FACTUALITY_VALUES: tuple[str, ...] = ("asserted", "negated", "possible", "future", "hypothetical", "demanded")

# PLOVER's 16 event types, split as the PLOVER manual does (its "quad class"
# ordering): cooperative first, then conflictual.
COOPERATIVE_TYPES: tuple[str, ...] = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT")
CONFLICTUAL_TYPES: tuple[str, ...] = (
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
EVENT_TYPES: tuple[str, ...] = COOPERATIVE_TYPES + CONFLICTUAL_TYPES
# PLV gold (PLV_train.tsv) labels roots, where YIELD covers CONCEDE and RETREAT.
ROOT_OF_TYPE: dict[str, str] = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
PLV_ROOTS: tuple[str, ...] = ("AGREE", "CONSULT", "SUPPORT", "YIELD", "COOPERATE", "AID", "REQUEST",
                              "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                              "COERCE", "ASSAULT")


def plv_root(event_type: str) -> str:
    """PLV root label of a PLOVER type (CONCEDE/RETREAT → YIELD)."""
    return ROOT_OF_TYPE.get(event_type, event_type)


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
class Actor:
    """What an entity is in event-data terms: the state and/or organisation it
    stands for, and its PLOVER sector."""

    country: str | None = None  # ISO 3166 alpha-3, e.g. "CHN"
    org: str | None = None  # international organisation code, e.g. "NATO", "EU", "UN"
    sector: str | None = None  # PLOVER sector code, e.g. "GOV", "MIL"
    # Which rule gave the state or organisation (or, with neither, the sector): see ACTOR_RULES.
    # Not part of equality: two actors with the same codes are the same actor however found.
    rule: str | None = field(default=None, compare=False)


# Values of Actor.rule, from the most to the least direct evidence (docs/schema.md).
ACTOR_RULES = (
    "name",  # the name is a state, place, organisation or armed group ("NATO", "the Kremlin")
    "office-holder",  # a known office holder, with the code valid on the article's date ("John Kerry")
    "company",  # a company's name and its home state ("Boeing" -> USA, BUS)
    "title",  # the person's title names the state ("Iranian Foreign Minister Javad Zarif")
    "affiliation",  # the affiliation the article gives ("an official of the Kremlin")
    "nationality",  # a nationality adjective before an agent noun ("Israeli troops")
    "possessive",  # a state in the possessive before an agent noun ("Pakistan's foreign ministry")
    "agent",  # an agent noun alone gives a sector ("protesters" -> CVL), no state
    "context",  # an agent's state taken from the article: the state it is mostly about
)


UNNAMED = "UNNAMED"  # Entity.type of a source the article does not name ("officials", "a report")
GROUP = "GROUP"  # Entity.type of named sources speaking together ("Clinton and O'Malley have pledged")


@dataclass
class Entity:
    """A person, organisation or place the article mentions, merged over its mentions."""

    id: str
    name: str  # canonical (longest full) name
    type: str  # PERSON, ORG, GPE, NORP, ..., UNNAMED or GROUP for sources
    title: str | None = None  # e.g. "NATO Secretary-General"
    affiliation: str | None = None
    mentions: list[Span] = field(default_factory=list)
    actor: Actor | None = None  # None when nothing in the actor dictionaries matches


@dataclass
class Event:
    """A PLOVER event: source actors did something (type) to target actors."""

    type: str  # one of PLOVER's 16 event types, e.g. "AID"
    trigger: Span
    sentence: Span  # start/end/text of the sentence the event is in
    factuality: Factuality = "asserted"
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)  # Entity ids
    target: list[str] = field(default_factory=list)  # Entity ids
    reported_by: str | None = None  # Entity id of the speaker when the event is inside an attribution
    date: str | None = None  # "YYYY-MM-DD", "YYYY-MM" or "YYYY" when the text dates the event
    location: str | None = None  # Entity id
    confidence: float = 0.0


@dataclass
class Predicate:
    """An event-denoting verb or noun with its factuality attributes (MEANTIME style)."""

    start: int
    end: int
    text: str
    polarity: Literal["POS", "NEG"] = "POS"
    certainty: Literal["CERTAIN", "PROBABLE", "POSSIBLE"] = "CERTAIN"
    time: Literal["FUTURE", "NON_FUTURE"] = "NON_FUTURE"


@dataclass
class DateMention:
    """A date expression and its TIMEX3-style value resolved against the article date."""

    start: int
    end: int
    text: str
    value: str | None  # "2023-02-24", "2023-W08", "2023-02", "2023", "PRESENT_REF", ... or None if unresolvable


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
    act: Act | None = None  # speech, thought or evidence; None for titles and terms
    within: int | None = None  # index (in Record.attributions) of the direct quote this report is quoted inside


@dataclass
class Record:
    text: str
    article: Article
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    predicates: list[Predicate] | None = None  # only when asked for (predicates=True)
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
                Entity(**{
                    **e,
                    "mentions": [Span(**m) for m in e.get("mentions", [])],
                    "actor": Actor(**e["actor"]) if e.get("actor") else None,
                })
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
            events=[
                Event(**{**ev, "trigger": Span(**ev["trigger"]), "sentence": Span(**ev["sentence"])})
                for ev in data.get("events", [])
            ],
            dates=[DateMention(**d) for d in data.get("dates", [])],
            predicates=None if data.get("predicates") is None else [Predicate(**p) for p in data["predicates"]],
            warnings=list(data.get("warnings", [])),
            pipeline=dict(data.get("pipeline", {})),
            schema_version=data.get("schema_version", SCHEMA_VERSION),
        )

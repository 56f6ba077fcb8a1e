"""Filters shared by search, count and export, and the full-text match per backend.

What each filter means for each kind of row (docs/storage.md says the same):

- attributions: speaker/actor = the speaker entity (name or alias / country or org
  code); event/factuality = the article has an event of that type and factuality.
- events: speaker/actor = a source or target actor of the event; event/factuality =
  the event's own type and factuality.
- articles / entities: the article has such an attribution/event/entity; for
  entities, speaker/actor is the entity itself.
- query always matches attribution content; for events, articles and entities it
  keeps the articles that have a matching attribution.
- date_from/date_to on the article date, outlet on the publisher's domain
  (subdomains included; stored as ``articles.source_domain``), title on words in
  the article's title (a part of it, any case).
- min_confidence: events whose detector confidence (the calibrated chance that
  the trigger is a real event of its type) is at least this; quotes are never
  filtered by it, and an event never judged by the detector is kept.
- act: attributions of these acts (speech, thought, evidence); None for all of
  them, titles and terms (no act) included. Only attribution rows are filtered;
  the CLI and the web app ask for speech unless told otherwise.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, Select, and_, exists, func, literal_column, or_, select, table, column, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from ..errors import InputError, SearchSyntaxError
from ..schema import EVENT_TYPES, FACTUALITY_VALUES, select_acts
from .keys import normalise_name
from .tables import article_entities, articles, attributions, entities, entity_aliases, events

MAX_LIMIT = 1000
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
QUOTING_HELP = ('Put a phrase in double quotes ("limitless partnership"), join words with AND, OR, NOT '
                '(upper case), or wrap the whole query in double quotes to search for it as written.')


@dataclass(frozen=True)
class Filters:
    """What every read (search, count, export, watches, the web's pages) filters on,
    checked once when made: build it with ``Filters.make``."""

    query: str | None = None
    speaker: str | None = None
    actor: str | None = None
    event: str | None = None  # a PLOVER type, upper case
    factuality: str | None = None  # lower case
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None  # the publisher's domain
    act: str | None = None  # "speech" or "speech,thought" (ACT_VALUES order); None: every attribution
    title: str | None = None  # text the article's title contains, any case
    min_confidence: str | None = None  # events: the detector's confidence at least this ("0.3"); never quotes

    @classmethod
    def make(cls, query: str | None = None, **kw: str | None) -> "Filters":
        """Blank values become None; event, factuality and act are checked against the
        schema and dates against YYYY[-MM[-DD]], each an InputError naming what is allowed.
        act "all" means no act filter."""
        unknown = sorted(set(kw) - FILTER_NAMES)
        if unknown:
            raise InputError(f"unknown filter(s) {', '.join(unknown)}: use {', '.join(sorted(FILTER_NAMES))}")
        values = {k: (v.strip() if isinstance(v, str) and v.strip() else None) for k, v in kw.items()}
        for name in ("date_from", "date_to"):
            if values.get(name) and not _is_date(values[name]):
                raise InputError(f"{name.replace('_', ' ')} {kw[name]!r}: use a real date as YYYY-MM-DD, YYYY-MM or YYYY")
        if values.get("event"):
            values["event"] = _one_of("event type", values["event"].upper(), EVENT_TYPES)
        if values.get("factuality"):
            values["factuality"] = _one_of("factuality", values["factuality"].lower(), FACTUALITY_VALUES)
        if values.get("min_confidence"):
            values["min_confidence"] = _confidence(values["min_confidence"])
        if values.get("act"):
            acts = select_acts(values["act"])
            values["act"] = ",".join(acts) if acts else None
        query = query.strip() if query and query.strip() else None
        return cls(query=query, **values)


def _is_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real month and day: 2020-13-45 would
    otherwise compare as text and silently match nothing."""
    if not _DATE.match(value):
        return False
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


FILTER_NAMES = frozenset({"speaker", "actor", "event", "factuality", "date_from", "date_to", "outlet", "act",
                          "title", "min_confidence"})


def _confidence(value: str) -> str:
    """A confidence bound as its canonical text ("0.3"), between 0 and 1."""
    try:
        bound = float(value)
    except ValueError:
        bound = -1.0
    if not 0.0 <= bound <= 1.0:
        raise InputError(f"min confidence {value!r}: give a number from 0 to 1, e.g. 0.3")
    return f"{bound:g}"


def event_confidence(f: Filters) -> list[ColumnElement]:
    """Events the detector gave at least ``min_confidence``. An event with no
    confidence was never judged (extracted without the detector), so it is kept."""
    if not f.min_confidence:
        return []
    return [func.coalesce(events.c.confidence, 1.0) >= float(f.min_confidence)]


def _one_of(what: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise InputError(f"{what} {value!r}: use one of {', '.join(allowed)}")
    return value


def act_condition(f: Filters) -> list[ColumnElement]:
    """Attributions of the chosen acts (none chosen: all, those with no act too)."""
    return [attributions.c.act.in_(f.act.split(","))] if f.act else []


def date_bounds(f: Filters) -> list[ColumnElement]:
    """Article dates are YYYY-MM-DD text, so partial bounds compare as text:
    --to 2024-03 means up to the end of March ("2024-03-99" sorts after every day)."""
    conds = []
    if f.date_from:
        conds.append(articles.c.date >= f.date_from)
    if f.date_to:
        conds.append(articles.c.date <= (f.date_to if len(f.date_to) == 10 else f.date_to + "-99"))
    return conds


def article_conditions(f: Filters) -> list[ColumnElement]:
    conds = date_bounds(f)
    if f.title:
        conds.append(func.lower(articles.c.title).contains(f.title.lower(), autoescape=True))
    if f.outlet:
        domain = f.outlet.lower().removeprefix("www.")
        conds.append(or_(articles.c.source_domain == domain,
                         articles.c.source_domain.endswith("." + domain, autoescape=True)))
    return conds


def entity_matches(entity_id: ColumnElement, f: Filters) -> list[ColumnElement]:
    """speaker (name or any alias, any case) and actor code conditions on an entity id."""
    conds = []
    if f.speaker:
        by_alias = select(entity_aliases.c.entity_id).where(entity_aliases.c.alias_norm == normalise_name(f.speaker))
        by_name = select(entities.c.id).where(func.lower(entities.c.name) == f.speaker.lower())
        conds.append(or_(entity_id.in_(by_alias), entity_id.in_(by_name)))
    if f.actor:
        code = f.actor.upper()
        conds.append(entity_id.in_(select(entities.c.id).where(or_(entities.c.country == code, entities.c.org == code))))
    return conds


def article_has_event(article_id: ColumnElement, f: Filters) -> list[ColumnElement]:
    if not (f.event or f.factuality):
        return []
    conds = [events.c.article_id == article_id]
    if f.event:
        conds.append(events.c.type == f.event.upper())
    if f.factuality:
        conds.append(events.c.factuality == f.factuality.lower())
    conds += event_confidence(f)
    return [exists(select(events.c.id).where(*conds))]


_FTS5_PIECE = re.compile(r'"(?:[^"]|"")*"|[()]|[^\s()"]+|"')
_FTS5_BAREWORD = re.compile(r"^(?:[\w\x80-\U0010FFFF]+\*?|AND|OR|NOT|NEAR)$")


def fts5_query(query: str) -> str:
    """Quote words FTS5 would choke on ("U.S.", "Xi's", "foo:bar") so everyday
    queries just work; phrases, parentheses and AND/OR/NOT/NEAR keep their meaning.
    A stray double quote or a dangling operator is left for FTS5 to reject."""
    pieces = []
    for piece in _FTS5_PIECE.findall(query):
        if piece in ('"', "(", ")") or piece.startswith('"') or _FTS5_BAREWORD.match(piece):
            pieces.append(piece)
        else:
            pieces.append('"' + piece.replace('"', '""') + '"')
    return " ".join(pieces)


def _fts_match(f: Filters):
    return text("attributions_fts MATCH :fts_query").bindparams(fts_query=fts5_query(f.query))


FTS = table("attributions_fts", column("rowid"), column("rank"))


def fts_condition(conn: Connection, f: Filters) -> ColumnElement | None:
    """attributions.id matches the full-text query, in this backend's syntax:
    FTS5 query syntax on SQLite, websearch_to_tsquery (Google-like) on PostgreSQL."""
    if not f.query:
        return None
    if conn.dialect.name == "postgresql":
        # 'english' written literally so the expression matches the GIN index's.
        vector = func.to_tsvector(literal_column("'english'"), attributions.c.content_text)
        return vector.op("@@")(func.websearch_to_tsquery(literal_column("'english'"), f.query))
    matching = select(FTS.c.rowid).where(_fts_match(f))
    return attributions.c.id.in_(matching)


def relevance(conn: Connection, f: Filters) -> ColumnElement | None:
    """Order by relevance. On SQLite the FTS table is joined in (attribution_select)
    and its rank read once per row: a rank subquery per row would run the match
    again for every hit, seconds on a common word in a large corpus."""
    if not f.query:
        return None
    if conn.dialect.name == "postgresql":
        vector = func.to_tsvector(literal_column("'english'"), attributions.c.content_text)
        return func.ts_rank(vector, func.websearch_to_tsquery(literal_column("'english'"), f.query)).desc()
    return FTS.c.rank.asc()


def article_ids_with_match(conn: Connection, f: Filters) -> ColumnElement | None:
    """For non-attribution rows: the article has an attribution matching the query."""
    cond = fts_condition(conn, f)
    return None if cond is None else articles.c.id.in_(select(attributions.c.article_id).where(cond))


def attribution_select(conn: Connection, f: Filters) -> Select:
    speaker = entities.alias("speaker")
    local = article_entities.alias("speaker_local")
    query = (
        select(
            attributions.c.id.label("attribution_id"), attributions.c.article_id,
            attributions.c.kind, attributions.c.content_text.label("quote"),
            attributions.c.content_start.label("start"), attributions.c.content_end.label("end"),
            attributions.c.cue_text.label("cue"), attributions.c.source_text.label("source_text"),
            speaker.c.id.label("speaker_id"), speaker.c.name.label("speaker"),
            speaker.c.country.label("speaker_country"), speaker.c.org.label("speaker_org"),
            attributions.c.confidence, attributions.c.act, articles.c.key.label("article_key"), articles.c.title,
            articles.c.date, articles.c.url, articles.c.source_domain.label("source"),
        )
        .select_from(attributions)
        .join(articles, articles.c.id == attributions.c.article_id)
        .outerjoin(local, and_(local.c.article_id == attributions.c.article_id,
                               local.c.local_id == attributions.c.speaker_local_id))
        .outerjoin(speaker, speaker.c.id == local.c.entity_id)
    )
    conds = [*article_conditions(f), *entity_matches(local.c.entity_id, f),
             *article_has_event(attributions.c.article_id, f), *act_condition(f)]
    if f.speaker or f.actor:
        # Lets the database start from the speaker's few articles instead of every quote.
        speakers = article_entities.alias("speaker_articles")
        conds.append(attributions.c.article_id.in_(
            select(speakers.c.article_id).where(*entity_matches(speakers.c.entity_id, f))))
    if f.query and conn.dialect.name != "postgresql":
        query = query.join(FTS, FTS.c.rowid == attributions.c.id)
        conds.append(_fts_match(f))
    else:
        match = fts_condition(conn, f)
        if match is not None:
            conds.append(match)
    return query.where(*conds)


def search(conn: Connection, f: Filters, limit: int, offset: int) -> list[dict]:
    limit = max(1, min(int(limit), MAX_LIMIT))
    query = attribution_select(conn, f)
    rank = relevance(conn, f)
    order = [rank] if rank is not None else [articles.c.date.desc()]
    query = query.order_by(*order, attributions.c.id).limit(limit).offset(max(0, int(offset)))
    return [dict(row._mapping) for row in guarded(conn, f, query)]


def count(conn: Connection, f: Filters) -> int:
    query = select(func.count()).select_from(attribution_select(conn, f).subquery())
    return int(guarded(conn, f, query).scalar_one())


def guarded(conn: Connection, f: Filters, query, **options):
    """Run a query whose full-text part came from a user; bad syntax is their error, not ours."""
    try:
        return conn.execution_options(**options).execute(query)
    except (OperationalError, ProgrammingError) as error:
        detail = str(error.orig) if error.orig else str(error)
        if f.query and ("fts5" in detail or "no such column" in detail or "unterminated" in detail):
            raise SearchSyntaxError(f"cannot search for {f.query!r} ({detail}). {QUOTING_HELP}") from None
        raise

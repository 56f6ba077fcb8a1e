"""Corpus overview: totals, articles by source and month, top speakers and dyads."""
from __future__ import annotations

from sqlalchemy import Connection, Select, and_, func, select

from .tables import (
    article_entities,
    articles,
    attributions,
    entities,
    errors,
    event_actors,
    events,
)

TOP = 10


def stats(conn: Connection, top: int = TOP) -> dict:
    return {
        "totals": _totals(conn),
        "by_source": _by_source(conn),
        "by_month": _by_month(conn),
        "top_speakers": _top_speakers(conn, top),
        "top_dyads": _top_dyads(conn, top),
    }


def _totals(conn: Connection) -> dict:
    return {table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (articles, attributions, events, entities, errors)}


def _by_source(conn: Connection) -> list[dict]:
    n = func.count().label("articles")
    rows = conn.execute(select(articles.c.source_domain, n).group_by(articles.c.source_domain)
                        .order_by(n.desc(), articles.c.source_domain)).all()
    return [{"source": r.source_domain, "articles": r.articles} for r in rows]


def _by_month(conn: Connection) -> list[dict]:
    # Dates are YYYY-MM-DD text, so the month is its first seven characters on both backends.
    month = func.substr(articles.c.date, 1, 7).label("month")
    rows = conn.execute(select(month, func.count().label("articles")).where(articles.c.date.is_not(None))
                        .group_by(month).order_by(month)).all()
    return [{"month": r.month, "articles": r.articles} for r in rows]


def _top_speakers(conn: Connection, top: int) -> list[dict]:
    n = func.count(attributions.c.id).label("attributions")
    rows = conn.execute(
        select(entities.c.id, entities.c.name, entities.c.type, n)
        .select_from(attributions)
        .join(article_entities, and_(article_entities.c.article_id == attributions.c.article_id,
                                     article_entities.c.local_id == attributions.c.speaker_local_id))
        .join(entities, entities.c.id == article_entities.c.entity_id)
        .group_by(entities.c.id, entities.c.name, entities.c.type)
        .order_by(n.desc(), entities.c.name).limit(top)).all()
    return [{"entity_id": r.id, "name": r.name, "type": r.type, "attributions": r.attributions} for r in rows]


def actor_codes(role: str, prefix: str = "") -> Select:
    """(event id, actor code) of each actor in ``role`` that has a code: its country,
    else its org. ``prefix`` keeps the table aliases apart when a query joins this
    more than once (stats, the event facets)."""
    actor = event_actors.alias(f"{prefix}{role}")
    local = article_entities.alias(f"{prefix}{role}_local")
    entity = entities.alias(f"{prefix}{role}_entity")
    code = func.coalesce(entity.c.country, entity.c.org)
    return (select(actor.c.event_id, code.label("code"))
            .join(local, and_(local.c.article_id == actor.c.article_id, local.c.local_id == actor.c.local_id))
            .join(entity, entity.c.id == local.c.entity_id)
            .where(actor.c.role == role, code.is_not(None)))


def _top_dyads(conn: Connection, top: int) -> list[dict]:
    source, target = (actor_codes(role).subquery(f"{role}_codes") for role in ("source", "target"))
    n = func.count().label("events")
    rows = conn.execute(
        select(source.c.code.label("source"), target.c.code.label("target"), events.c.type, n)
        .select_from(events)
        .join(source, source.c.event_id == events.c.id)
        .join(target, target.c.event_id == events.c.id)
        .group_by(source.c.code, target.c.code, events.c.type)
        .order_by(n.desc(), source.c.code, target.c.code, events.c.type).limit(top)).all()
    return [{"source": r.source, "target": r.target, "type": r.type, "events": r.events} for r in rows]

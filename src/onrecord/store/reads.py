"""Reads beyond Store.search/count/export: facets, one article or entity with
everything about it, events with actor-role filters, the actor network.

Every function takes a Store and builds parameterised SQLAlchemy Core; user text
only ever reaches the database as bound parameters (the full-text query goes
through query.fts_condition, which binds it too).
"""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, Table, and_, case, distinct, func, select

from ..schema import COOPERATIVE_TYPES
from . import export as exporting
from .query import MAX_LIMIT, Filters, attribution_select, guarded
from .tables import (
    article_entities,
    articles,
    attributions,
    entities,
    entity_aliases,
    event_actors,
    events,
)

if TYPE_CHECKING:  # store.py imports this module's neighbours; only the type is needed here
    from .store import Store

FACET_TOP = 12


def _cap(limit: int, most: int = MAX_LIMIT) -> int:
    return max(1, min(int(limit), most))


def _by_id(conn: Connection, table: Table, row_id: int) -> dict | None:
    row = conn.execute(select(table).where(table.c.id == row_id)).first()
    return None if row is None else dict(row._mapping)


# -- search facets ---------------------------------------------------------

def facets(store: Store, f: Filters, top: int = FACET_TOP) -> dict[str, list[dict]]:
    """Counts of matching quotes by speaker, speaker actor code, act and outlet.
    Each count is a number of quotes, so clicking a value shows that many. The act
    facet ignores the act filter (else it would only ever list the act chosen).
    Events and their factuality have their own facets (browse.event_facets): as a
    quote facet they counted quotes in articles with such an event, which narrowed little."""
    with store.engine.connect() as conn:
        sub = attribution_select(conn, f).subquery("hits")
        any_act = attribution_select(conn, replace(f, act=None)).subquery("hits_any_act")

        def grouped(source, key, *extra, where=None) -> list:
            n = func.count(distinct(source.c.attribution_id)).label("n")
            q = select(key.label("value"), *extra, n).select_from(source)
            if where is not None:
                q = q.where(where)
            q = q.group_by(key, *extra).order_by(n.desc(), key).limit(top)
            return guarded(conn, f, q).all()

        code = func.coalesce(sub.c.speaker_country, sub.c.speaker_org)
        return {
            "speaker": [{"value": r.value, "id": r.speaker_id, "count": r.n}
                        for r in grouped(sub, sub.c.speaker, sub.c.speaker_id, where=sub.c.speaker_id.is_not(None))],
            "actor": [{"value": r.value, "count": r.n} for r in grouped(sub, code, where=code.is_not(None))],
            "act": [{"value": r.value, "count": r.n}
                    for r in grouped(any_act, any_act.c.act, where=any_act.c.act.is_not(None))],
            "outlet": [{"value": r.value, "count": r.n}
                       for r in grouped(sub, sub.c.source, where=sub.c.source.is_not(None))],
        }


# -- articles ----------------------------------------------------------------

def article(store: Store, article_id: int) -> dict | None:
    """One article with its entities, attributions and events (actors resolved)."""
    with store.engine.connect() as conn:
        result = _by_id(conn, articles, article_id)
        if result is None:
            return None
        result.pop("pipeline", None)
        local = conn.execute(
            select(article_entities.c.local_id, article_entities.c.entity_id, article_entities.c.name,
                   article_entities.c.type, article_entities.c.title, article_entities.c.affiliation,
                   entities.c.name.label("canonical"), entities.c.country, entities.c.org, entities.c.sector)
            .join(entities, entities.c.id == article_entities.c.entity_id)
            .where(article_entities.c.article_id == article_id)).all()
        ents = {r.local_id: dict(r._mapping) for r in local}
        quotes = [dict(r._mapping) for r in conn.execute(
            select(attributions).where(attributions.c.article_id == article_id).order_by(attributions.c.position))]
        for q in quotes:
            q["speaker"] = ents.get(q["speaker_local_id"])
        evs = [dict(r._mapping) for r in conn.execute(
            select(events).where(events.c.article_id == article_id).order_by(events.c.position))]
        actors = conn.execute(select(event_actors).where(event_actors.c.article_id == article_id)).all()
        for e in evs:
            e["contexts"] = json.loads(e["contexts"]) if e["contexts"] else []
            for role in ("source", "target"):
                e[role] = [ents[a.local_id] for a in actors
                           if a.event_id == e["id"] and a.role == role and a.local_id in ents]
            e["reported_by"] = ents.get(e["reported_by_local_id"])
            e["location"] = ents.get(e["location_local_id"])
        result["entities"] = list(ents.values())
        result["attributions"] = quotes
        result["events"] = evs
        return result


def articles_list(store: Store, limit: int = 50, offset: int = 0) -> list[dict]:
    with store.engine.connect() as conn:
        q = (select(articles.c.id, articles.c.key, articles.c.title, articles.c.date, articles.c.url,
                    articles.c.source_domain.label("source"))
             .order_by(articles.c.date.desc(), articles.c.id.desc()).limit(_cap(limit)).offset(max(0, offset)))
        return [dict(r._mapping) for r in conn.execute(q)]


# -- entities ----------------------------------------------------------------

def entity(store: Store, entity_id: int) -> dict | None:
    """An entity with its aliases and the titles it was introduced with."""
    with store.engine.connect() as conn:
        result = _by_id(conn, entities, entity_id)
        if result is None:
            return None
        result["aliases"] = [dict(r._mapping) for r in conn.execute(
            select(entity_aliases.c.alias, entity_aliases.c.seen).where(entity_aliases.c.entity_id == entity_id)
            .order_by(entity_aliases.c.seen.desc(), entity_aliases.c.alias))]
        n = func.count().label("n")
        result["titles"] = [r.title for r in conn.execute(
            select(article_entities.c.title, n).where(article_entities.c.entity_id == entity_id,
                                                      article_entities.c.title.is_not(None))
            .group_by(article_entities.c.title).order_by(n.desc(), article_entities.c.title).limit(10))]
        result["title"] = result["titles"][0] if result["titles"] else None
        result["articles"] = conn.execute(select(func.count()).where(
            article_entities.c.entity_id == entity_id)).scalar_one()
        return result


def _speaker_join(entity_id: int) -> tuple:
    local = article_entities.alias("spk")
    on = and_(local.c.article_id == attributions.c.article_id, local.c.local_id == attributions.c.speaker_local_id)
    return local, on, local.c.entity_id == entity_id


def entity_quotes(store: Store, entity_id: int, limit: int = 20) -> list[dict]:
    local, on, cond = _speaker_join(entity_id)
    with store.engine.connect() as conn:
        q = (select(attributions.c.id.label("attribution_id"), attributions.c.article_id, attributions.c.kind,
                    attributions.c.content_text.label("quote"), attributions.c.cue_text.label("cue"),
                    attributions.c.confidence, attributions.c.act, articles.c.title, articles.c.date,
                    articles.c.url, articles.c.source_domain.label("source"))
             .select_from(attributions).join(local, on).join(articles, articles.c.id == attributions.c.article_id)
             .where(cond).order_by(articles.c.date.desc(), attributions.c.id.desc()).limit(_cap(limit, 200)))
        return [dict(r._mapping) for r in conn.execute(q)]


def _bucket(date: str, by: str) -> str:
    if by == "week":
        day = dt.date.fromisoformat(date)
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return date[:7]


def _fill(buckets: list[str], by: str) -> list[str]:
    """Every month/week between the first and last bucket, so gaps show as zero."""
    if not buckets:
        return []
    first, last = min(buckets), max(buckets)
    out = []
    if by == "week":
        y, w = (int(x) for x in first.split("-W"))
        day = dt.date.fromisocalendar(y, w, 1)
        while True:
            label = _bucket(day.isoformat(), "week")
            out.append(label)
            if label >= last or len(out) > 2000:
                return out
            day += dt.timedelta(days=7)
    y, m = (int(x) for x in first.split("-"))
    while True:
        label = f"{y:04d}-{m:02d}"
        out.append(label)
        if label >= last or len(out) > 2000:
            return out
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def month_range(months: list[str]) -> list[str]:
    """Every YYYY-MM month from the first to the last of ``months``, gaps included."""
    return _fill(months, "month")


def entity_timeline(store: Store, entity_id: int, by: str = "month") -> dict:
    """How often the entity is quoted and acts (is an event source) per month or ISO week."""
    by = "week" if by == "week" else "month"
    local, on, cond = _speaker_join(entity_id)
    n = func.count().label("n")
    with store.engine.connect() as conn:
        quoted = conn.execute(
            select(articles.c.date, n).select_from(attributions).join(local, on)
            .join(articles, articles.c.id == attributions.c.article_id)
            .where(cond, articles.c.date.is_not(None)).group_by(articles.c.date)).all()
        acts = conn.execute(
            select(articles.c.date, func.count(distinct(event_actors.c.event_id)).label("n"))
            .select_from(event_actors)
            .join(article_entities, and_(article_entities.c.article_id == event_actors.c.article_id,
                                         article_entities.c.local_id == event_actors.c.local_id))
            .join(articles, articles.c.id == event_actors.c.article_id)
            .where(article_entities.c.entity_id == entity_id, event_actors.c.role == "source",
                   articles.c.date.is_not(None)).group_by(articles.c.date)).all()
    q_counts, a_counts = Counter(), Counter()
    for rows, counts in ((quoted, q_counts), (acts, a_counts)):
        for r in rows:
            try:
                counts[_bucket(r.date, by)] += r.n
            except ValueError:
                continue
    labels = _fill(list(q_counts) + list(a_counts), by)
    return {"by": by, "labels": labels, "quoted": [q_counts[x] for x in labels],
            "acts": [a_counts[x] for x in labels]}


# -- events ------------------------------------------------------------------

def _code(entity_table):
    return func.coalesce(entity_table.c.country, entity_table.c.org)


def _role_condition(role: str, *, code: str | None = None, entity_id: int | None = None):
    """EXISTS an actor in that role with that actor code / that global entity."""
    actor = event_actors.alias(f"{role}_actor")
    local = article_entities.alias(f"{role}_local")
    ent = entities.alias(f"{role}_ent")
    conds = [actor.c.event_id == events.c.id, actor.c.role == role]
    if code:
        conds.append(_code(ent) == code.upper())
    if entity_id is not None:
        conds.append(local.c.entity_id == entity_id)
    return (select(actor.c.event_id)
            .join(local, and_(local.c.article_id == actor.c.article_id, local.c.local_id == actor.c.local_id))
            .join(ent, ent.c.id == local.c.entity_id).where(*conds).exists())


def event_select(conn: Connection, f: Filters, *, source_code: str | None = None, target_code: str | None = None,
                 source_entity: int | None = None, target_entity: int | None = None,
                 after_id: int | None = None) -> Select:
    """The events export query plus role-specific actor filters."""
    query, _ = exporting.BUILDERS["events"](conn, f)
    conds = []
    if source_code or source_entity is not None:
        conds.append(_role_condition("source", code=source_code, entity_id=source_entity))
    if target_code or target_entity is not None:
        conds.append(_role_condition("target", code=target_code, entity_id=target_entity))
    if after_id is not None:
        conds.append(events.c.id > after_id)
    return query.where(*conds)


# How the events list can be sorted: name -> columns, newest or largest first
# where a leading "-" asks for it. The event id breaks ties so pages never overlap.
EVENT_SORTS = {
    "-date": (articles.c.date.desc(), events.c.id.desc()),
    "date": (articles.c.date.asc(), events.c.id.asc()),
    "-event_date": (events.c.date.desc(), events.c.id.desc()),
    "event_date": (events.c.date.asc(), events.c.id.asc()),
    "type": (events.c.type.asc(), articles.c.date.desc(), events.c.id.desc()),
    "factuality": (events.c.factuality.asc(), articles.c.date.desc(), events.c.id.desc()),
    "-confidence": (events.c.confidence.desc(), events.c.id.desc()),
}


def search_events(store: Store, f: Filters, *, limit: int = 50, offset: int = 0, newest_first: bool = True,
                  sort: str | None = None, **roles: Any) -> list[dict]:
    """A page of events; ``sort`` is a key of EVENT_SORTS (default newest article first).
    Each row also says who reported the event (``reporter``): the record's reported_by,
    else the speaker of the quote whose content holds the trigger."""
    with store.engine.connect() as conn:
        query = event_select(conn, f, **roles).order_by(None)
        if sort is not None:
            order = list(EVENT_SORTS[sort])
        else:
            order = [articles.c.date.desc(), events.c.id.desc()] if newest_first else [events.c.id]
        query = query.order_by(*order).limit(_cap(limit)).offset(max(0, int(offset)))
        rows = [exporting._plain(r._mapping) for r in guarded(conn, f, query)]
        rows = exporting._event_actors(conn, rows)
        return _reporters(conn, rows)


def _reporters(conn: Connection, rows: list[dict]) -> list[dict]:
    """reporter / reporter_id / reporter_from for each event row: the event's own
    reported_by when the extractor set it, else the speaker of the innermost quote
    around its trigger (a quoted claim is reported by whoever is quoted)."""
    if not rows:
        return rows
    article_ids = sorted({r["article_id"] for r in rows})
    spk = article_entities.alias("rep_spk")
    quotes = conn.execute(
        select(attributions.c.article_id, attributions.c.content_start, attributions.c.content_end,
               entities.c.id, entities.c.name)
        .join(spk, and_(spk.c.article_id == attributions.c.article_id,
                        spk.c.local_id == attributions.c.speaker_local_id))
        .join(entities, entities.c.id == spk.c.entity_id)
        .where(attributions.c.article_id.in_(article_ids))).all()
    rep = article_entities.alias("rep_own")
    own = dict(((r.event_id), (r.id, r.name)) for r in conn.execute(
        select(events.c.id.label("event_id"), entities.c.id, entities.c.name)
        .join(rep, and_(rep.c.article_id == events.c.article_id, rep.c.local_id == events.c.reported_by_local_id))
        .join(entities, entities.c.id == rep.c.entity_id)
        .where(events.c.id.in_([r["event_id"] for r in rows]))))
    by_article: dict[int, list] = defaultdict(list)
    for q in quotes:
        by_article[q.article_id].append(q)
    for row in rows:
        row["reporter"] = row["reporter_id"] = row["reporter_from"] = None
        if row["event_id"] in own:
            row["reporter_id"], row["reporter"] = own[row["event_id"]]
            row["reporter_from"] = "event"
            continue
        around = [q for q in by_article[row["article_id"]]
                  if q.content_start <= row["trigger_start"] and row["trigger_end"] <= q.content_end]
        if around:
            inner = min(around, key=lambda q: q.content_end - q.content_start)
            row["reporter_id"], row["reporter"], row["reporter_from"] = inner.id, inner.name, "quote"
    return rows


def count_events(store: Store, f: Filters, **roles: Any) -> int:
    with store.engine.connect() as conn:
        query = select(func.count()).select_from(event_select(conn, f, **roles).order_by(None).subquery())
        return int(guarded(conn, f, query).scalar_one())


def max_event_id(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.coalesce(func.max(events.c.id), 0))).scalar_one())


def max_attribution_id(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.coalesce(func.max(attributions.c.id), 0))).scalar_one())


def search_attributions_after(store: Store, f: Filters, after_id: int, limit: int = 50) -> list[dict]:
    """Attributions matching the filters with id > after_id, newest id first."""
    with store.engine.connect() as conn:
        query = (attribution_select(conn, f).where(attributions.c.id > after_id)
                 .order_by(attributions.c.id.desc()).limit(_cap(limit)))
        return [dict(r._mapping) for r in guarded(conn, f, query)]


def count_attributions_after(store: Store, f: Filters, after_id: int) -> int:
    with store.engine.connect() as conn:
        query = select(func.count()).select_from(
            attribution_select(conn, f).where(attributions.c.id > after_id).subquery())
        return int(guarded(conn, f, query).scalar_one())


# -- network -----------------------------------------------------------------

def network(store: Store, f: Filters, *, max_edges: int = 400) -> dict:
    """Who acts on whom: nodes are actor codes (country, else organisation),
    edges count events per (source, target, type) under the event filters."""
    with store.engine.connect() as conn:
        ev = event_select(conn, f).order_by(None).with_only_columns(events.c.id.label("event_id")).subquery("ev")
        roles = {}
        for role in ("source", "target"):
            actor = event_actors.alias(f"n_{role}")
            local = article_entities.alias(f"n_{role}_local")
            ent = entities.alias(f"n_{role}_ent")
            roles[role] = (select(actor.c.event_id, _code(ent).label("code"))
                           .join(local, and_(local.c.article_id == actor.c.article_id,
                                             local.c.local_id == actor.c.local_id))
                           .join(ent, ent.c.id == local.c.entity_id)
                           .where(actor.c.role == role, _code(ent).is_not(None))).distinct().subquery(f"{role}_codes")
        s, t = roles["source"], roles["target"]
        n = func.count(distinct(events.c.id)).label("n")
        rows = guarded(conn, f, (
            select(s.c.code.label("source"), t.c.code.label("target"), events.c.type, n)
            .select_from(ev).join(events, events.c.id == ev.c.event_id)
            .join(s, s.c.event_id == events.c.id).join(t, t.c.event_id == events.c.id)
            .where(s.c.code != t.c.code)
            .group_by(s.c.code, t.c.code, events.c.type).order_by(n.desc()).limit(max_edges))).all()
    weight: dict[str, int] = defaultdict(int)
    edges = []
    for r in rows:
        weight[r.source] += r.n
        weight[r.target] += r.n
        edges.append({"source": r.source, "target": r.target, "type": r.type, "count": r.n,
                      "tone": "cooperative" if r.type in COOPERATIVE_TYPES else "conflictual"})
    nodes = [{"id": code, "weight": w} for code, w in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": edges}


def quote_contexts(store: Store, attribution_ids: list[int], width: int = 140) -> dict[int, tuple[str, str]]:
    """Text just before and after each attribution's content, for "quote in context"."""
    if not attribution_ids:
        return {}
    start, end = attributions.c.content_start, attributions.c.content_end
    before_from = case((start > width, start - width + 1), else_=1)
    before_len = case((start > width, width), else_=start)
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(attributions.c.id, func.substr(articles.c.text, before_from, before_len).label("before"),
                   func.substr(articles.c.text, end + 1, width).label("after"))
            .join(articles, articles.c.id == attributions.c.article_id)
            .where(attributions.c.id.in_(attribution_ids[:MAX_LIMIT]))).all()
    return {r.id: (r.before or "", r.after or "") for r in rows}

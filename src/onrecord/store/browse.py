"""Reads for browsing a corpus in the web app: counts over time, event facets,
why the network leaves events out, entities ranked by how often they are quoted or
act, and entities that are likely one and the same.

Like reads.py, every function takes a Store and builds parameterised SQLAlchemy
Core; user text reaches the database only as bound parameters.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, distinct, func, or_, select

from ..schema import DEFAULT_ACTS, UNNAMED, select_acts
from .entities import local_only_key
from .keys import normalise_name
from .query import MAX_LIMIT, Filters, attribution_select, guarded
from .reads import event_select, month_range
from .stats import actor_codes
from .tables import (
    article_entities,
    attributions,
    entities,
    entity_aliases,
    event_actors,
    events,
)

if TYPE_CHECKING:
    from .store import Store

_MONTH = re.compile(r"^\d{4}-\d{2}$")
EVENT_FACET_TOP = 12
ENTITY_SORTS = ("quoted", "acts", "articles", "name")


# -- counts over time ----------------------------------------------------------

def _histogram(rows: list[Any]) -> dict:
    """Month labels from the first to the last month with a match, zero months
    included, and the count for each; rows are (month, n)."""
    counts = Counter({r.month: r.n for r in rows if r.month and _MONTH.match(r.month)})
    labels = month_range(list(counts))
    return {"labels": labels, "counts": [counts[m] for m in labels], "total": sum(counts.values())}


def quote_histogram(store: Store, f: Filters) -> dict:
    """Matching quotes per month over the whole range of the other filters: the
    from/to dates are left out, so a brush on the chart can widen them again."""
    undated = replace(f, date_from=None, date_to=None)
    with store.engine.connect() as conn:
        sub = attribution_select(conn, undated).subquery("hits")
        month = func.substr(sub.c.date, 1, 7).label("month")
        q = select(month, func.count().label("n")).where(sub.c.date.is_not(None)).group_by(month)
        return _histogram(guarded(conn, undated, q).all())


def event_histogram(store: Store, f: Filters, **roles: Any) -> dict:
    """Matching events per month (article date) over the whole range, as quote_histogram."""
    undated = replace(f, date_from=None, date_to=None)
    with store.engine.connect() as conn:
        sub = event_select(conn, undated, **roles).order_by(None).subquery("ev")
        month = func.substr(sub.c.date, 1, 7).label("month")
        q = select(month, func.count().label("n")).where(sub.c.date.is_not(None)).group_by(month)
        return _histogram(guarded(conn, undated, q).all())


# -- event facets ---------------------------------------------------------------

def event_facets(store: Store, f: Filters, top: int = EVENT_FACET_TOP, **roles: Any) -> dict[str, list[dict]]:
    """Counts of matching events by type, factuality, source and target actor code
    and outlet: each count is a number of events."""
    with store.engine.connect() as conn:
        sub = event_select(conn, f, **roles).order_by(None).subquery("ev")
        n = func.count(distinct(sub.c.event_id)).label("n")

        def grouped(key, join=None, where=None) -> list[dict]:
            q = select(key.label("value"), n).select_from(join if join is not None else sub)
            if where is not None:
                q = q.where(where)
            q = q.group_by(key).order_by(n.desc(), key).limit(top)
            return [{"value": r.value, "count": r.n} for r in guarded(conn, f, q)]

        out = {"type": grouped(sub.c.type), "factuality": grouped(sub.c.factuality)}
        for role in ("source", "target"):
            codes = actor_codes(role, "f_").subquery(f"{role}_codes")
            out[role] = grouped(codes.c.code, join=sub.join(codes, codes.c.event_id == sub.c.event_id))
        out["outlet"] = grouped(sub.c.source, where=sub.c.source.is_not(None))
        return out


# -- the network's accounting --------------------------------------------------

# Why an event under the filters is not an edge of the network, in the order checked.
LEFT_OUT = {
    "no_source": "no source actor",
    "no_target": "no target actor",
    "source_uncoded": "source actor has no country or organisation code",
    "target_uncoded": "target actor has no country or organisation code",
    "same_code": "source and target have the same code",
}


def network_accounting(store: Store, f: Filters, **roles: Any) -> dict:
    """How many events the filters match, how many the network can draw (a coded
    source and a differently coded target) and, for the rest, why not."""
    with store.engine.connect() as conn:
        ev = event_select(conn, f, **roles).order_by(None).with_only_columns(events.c.id)
        total = int(guarded(conn, f, select(func.count()).select_from(ev.subquery("ev"))).scalar_one())
        local = article_entities.alias("a_local")
        ent = entities.alias("a_ent")
        rows = guarded(conn, f, (
            select(event_actors.c.event_id, event_actors.c.role, func.coalesce(ent.c.country, ent.c.org).label("code"))
            .join(local, and_(local.c.article_id == event_actors.c.article_id,
                              local.c.local_id == event_actors.c.local_id))
            .join(ent, ent.c.id == local.c.entity_id)
            .where(event_actors.c.event_id.in_(ev)))).all()
    # Events with no actor row at all never appear in ``rows``: they have no source.
    sides: dict[int, dict[str, list]] = defaultdict(lambda: {"source": [], "target": []})
    for r in rows:
        side = sides[r.event_id]
        if r.role in side:
            side[r.role].append(r.code)
    reasons: Counter = Counter({"no_source": total - len(sides)})
    drawable = 0
    for side in sides.values():
        why = _left_out(side["source"], side["target"])
        if why is None:
            drawable += 1
        else:
            reasons[why] += 1
    return {"events": total, "drawable": drawable,
            "left_out": [{"reason": key, "label": label, "count": reasons[key]}
                         for key, label in LEFT_OUT.items() if reasons[key]]}


def _left_out(sources: list, targets: list) -> str | None:
    if not sources:
        return "no_source"
    if not targets:
        return "no_target"
    coded_s, coded_t = {c for c in sources if c}, {c for c in targets if c}
    if not coded_s:
        return "source_uncoded"
    if not coded_t:
        return "target_uncoded"
    if not any(s != t for s in coded_s for t in coded_t):
        return "same_code"
    return None


# -- entities ranked ---------------------------------------------------------

def _entity_counts() -> tuple[Any, Any, Any]:
    """Per entity id: quotes it is the speaker of (speech, as search counts them unless
    asked for more), events it is a source of, articles it is in."""
    quoted = (select(article_entities.c.entity_id, func.count(attributions.c.id).label("n"))
              .join(attributions, and_(attributions.c.article_id == article_entities.c.article_id,
                                       attributions.c.speaker_local_id == article_entities.c.local_id))
              .where(attributions.c.act.in_(select_acts(DEFAULT_ACTS)))
              .group_by(article_entities.c.entity_id).subquery("n_quoted"))
    acts = (select(article_entities.c.entity_id, func.count(distinct(event_actors.c.event_id)).label("n"))
            .join(event_actors, and_(event_actors.c.article_id == article_entities.c.article_id,
                                     event_actors.c.local_id == article_entities.c.local_id))
            .where(event_actors.c.role == "source")
            .group_by(article_entities.c.entity_id).subquery("n_acts"))
    in_articles = (select(article_entities.c.entity_id, func.count().label("n"))
                   .group_by(article_entities.c.entity_id).subquery("n_articles"))
    return quoted, acts, in_articles


def ranked_entities(store: Store, name: str | None = None, *, sort: str = "quoted", type_: str | None = None,
                    limit: int = 50, offset: int = 0) -> dict:
    """Entities with how often they are quoted, act (event source) and appear, most
    first by ``sort`` (one of ENTITY_SORTS); ``name`` matches the name or an alias
    (any case, a part is enough). Returns total and the page of rows."""
    quoted, acts, in_articles = _entity_counts()
    n_quoted = func.coalesce(quoted.c.n, 0).label("quoted")
    n_acts = func.coalesce(acts.c.n, 0).label("acts")
    n_articles = func.coalesce(in_articles.c.n, 0).label("articles")
    conds = []
    if name and name.strip():
        like = f"%{name.strip().lower()}%"
        by_alias = select(entity_aliases.c.entity_id).where(entity_aliases.c.alias_norm.like(like))
        conds.append(or_(func.lower(entities.c.name).like(like), entities.c.id.in_(by_alias)))
    if type_:
        conds.append(entities.c.type == type_.upper())
    order = {"quoted": (n_quoted.desc(), n_acts.desc()), "acts": (n_acts.desc(), n_quoted.desc()),
             "articles": (n_articles.desc(), n_quoted.desc()), "name": (func.lower(entities.c.name),)}[sort]
    base = (select(entities.c.id, entities.c.name, entities.c.type, entities.c.country, entities.c.org,
                   n_quoted, n_acts, n_articles)
            .select_from(entities)
            .outerjoin(quoted, quoted.c.entity_id == entities.c.id)
            .outerjoin(acts, acts.c.entity_id == entities.c.id)
            .outerjoin(in_articles, in_articles.c.entity_id == entities.c.id)
            .where(*conds))
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(entities).where(*conds)).scalar_one()
        rows = [dict(r._mapping) for r in conn.execute(
            base.order_by(*order, entities.c.name, entities.c.id)
            .limit(max(1, min(int(limit), MAX_LIMIT))).offset(max(0, int(offset))))]
    return {"total": total, "results": rows}


# -- likely duplicates ---------------------------------------------------------

def likely_duplicates(store: Store, limit: int = 50) -> list[dict]:
    """Groups of entities that probably name one ``target`` entity (merge each of
    ``sources`` into it):

    - the same name stored as several entities (another type or actor code, e.g.
      "United States" as place, person and organisation): each joins the one seen
      in most articles that is not kept to one article;
    - a person's name that ends another person's longer name, when exactly one
      longer name does ("La Riva" and "Gloria La Riva").

    Entities kept to one article by design (unnamed sources, a surname alone) are
    never a target. Groups seen in most articles first, at most ``limit``."""
    _, _, in_articles = _entity_counts()
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(entities.c.id, entities.c.name, entities.c.type, entities.c.key, entities.c.country,
                   entities.c.org, func.coalesce(in_articles.c.n, 0).label("articles"))
            .outerjoin(in_articles, in_articles.c.entity_id == entities.c.id)
            .where(entities.c.type != UNNAMED)).all()
    ents = [dict(r._mapping) | {"norm": normalise_name(r.name), "local": local_only_key(r.key)} for r in rows]
    merges: dict[int, tuple[dict, str]] = {}  # source id -> (target, reason)
    by_name: dict[str, list[dict]] = defaultdict(list)
    for e in ents:
        if e["norm"]:
            by_name[e["norm"]].append(e)
    for group in by_name.values():
        anchors = [e for e in group if not e["local"]]
        if len(group) < 2 or not anchors:
            continue
        target = max(anchors, key=lambda e: (e["articles"], -e["id"]))
        for e in group:
            if e["id"] != target["id"]:
                merges[e["id"]] = (target, "same name, stored as another entity")
    full_names: dict[str, dict[int, dict]] = defaultdict(dict)
    for e in ents:
        words = e["norm"].split()
        if e["type"] == "PERSON" and not e["local"] and len(words) > 1:
            for i in range(1, len(words)):
                full_names[" ".join(words[i:])][e["id"]] = e
    for e in ents:
        longer = full_names.get(e["norm"], {})
        if e["type"] == "PERSON" and len(longer) == 1 and e["id"] not in merges:
            merges[e["id"]] = (next(iter(longer.values())), "short form of a longer name")
    groups: dict[tuple[int, str], dict] = {}
    keep = ("id", "name", "type", "country", "org", "articles")
    by_id = {e["id"]: e for e in ents}
    for source_id, (target, reason) in sorted(merges.items()):
        group = groups.setdefault((target["id"], reason), {
            "target": {k: target[k] for k in keep}, "sources": [], "reason": reason})
        group["sources"].append({k: by_id[source_id][k] for k in keep})
    ranked = sorted(groups.values(), key=lambda g: (-(g["target"]["articles"] + sum(s["articles"] for s in g["sources"])),
                                                    g["target"]["name"], g["reason"]))
    return ranked[:max(1, limit)]

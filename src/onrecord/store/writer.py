"""Writing one Record: the article row and everything extracted from it.

Callers wrap each call in one transaction (db.writing), so an article is stored
whole or not at all.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import Connection, delete, insert, select, update

from ..rows import attribution_row, event_row
from ..schema import Event, Record
from . import entities as ents
from .keys import content_hash, normalise_url, outlet_domain
from .tables import article_entities, articles, attributions, event_actors, events


def now() -> datetime:
    return datetime.now(timezone.utc)


def article_row(record: Record) -> dict:
    """The article's columns, duplicate keys included: they come from the record
    itself, so every caller stores the same keys for the same article."""
    article = record.article
    return {
        "key": article.id, "url": article.url, "url_norm": normalise_url(article.url),
        "text_hash": content_hash(record.text), "title": article.title, "date": article.date,
        "source_domain": outlet_domain(article.url), "text": record.text,
        **_versions(record),
    }


def _versions(record: Record) -> dict:
    return {"pipeline": json.dumps(record.pipeline, sort_keys=True), "schema_version": record.schema_version}


def insert_article(conn: Connection, record: Record, *, run_id: int | None, language: str | None = None) -> int:
    row = {**article_row(record), "language": language, "ingested_at": now(), "run_id": run_id}
    return conn.execute(insert(articles).values(**row).returning(articles.c.id)).scalar_one()


def write_extractions(conn: Connection, article_id: int, record: Record) -> None:
    """Entities first: attributions and events point at the article's entity rows."""
    global_ids = ents.resolve_all(conn, record.entities, str(article_id))
    mentions = [ents.mentions_of(entity) for entity in record.entities]
    rows = [{"article_id": article_id, "local_id": entity.id, "entity_id": entity_id, "name": entity.name,
             "type": entity.type, "title": entity.title, "affiliation": entity.affiliation,
             "mentions": json.dumps(found, ensure_ascii=False)} for entity, entity_id, found in zip(record.entities, global_ids, mentions)]
    if rows:
        conn.execute(insert(article_entities), rows)
        ents.count_aliases_many(conn, [(r["entity_id"], r["name"], found) for r, found in zip(rows, mentions)], 1)
    known = {entity.id for entity in record.entities}
    _write_attributions(conn, article_id, record, known)
    _write_events(conn, article_id, record, known)


def _local(entity_id: str | None, known: set[str]) -> str | None:
    # A dangling id (a record edited by hand) is dropped rather than failing the article.
    return entity_id if entity_id in known else None


def _write_attributions(conn: Connection, article_id: int, record: Record, known: set[str]) -> None:
    rows = [{**attribution_row(a, i), "article_id": article_id, "speaker_local_id": _local(a.speaker, known)}
            for i, a in enumerate(record.attributions)]
    if rows:
        conn.execute(insert(attributions), rows)


def _write_events(conn: Connection, article_id: int, record: Record, known: set[str]) -> None:
    rows = [{**_event_columns(ev, i), "article_id": article_id, "contexts": json.dumps(ev.contexts), "date": ev.date,
             "location_local_id": _local(ev.location, known), "reported_by_local_id": _local(ev.reported_by, known)}
            for i, ev in enumerate(record.events)]
    if not rows:
        return
    event_ids = conn.execute(insert(events).returning(events.c.id, sort_by_parameter_order=True), rows).scalars().all()
    actors = [{"event_id": event_id, "role": role, "local_id": local, "article_id": article_id}
              for event_id, ev in zip(event_ids, record.events)
              for role, local in sorted({(role, local) for role, ids in (("source", ev.source), ("target", ev.target))
                                         for local in ids if local in known})]
    if actors:
        conn.execute(insert(event_actors), actors)


def _event_columns(ev: Event, position: int) -> dict:
    row = event_row(ev, position)
    del row["sentence_text"]  # the article text has it; the table keeps the offsets only
    return row


def clear_extractions(conn: Connection, article_id: int) -> None:
    """Remove an article's extracted rows (not the article), taking back its alias sightings."""
    rows = conn.execute(select(article_entities.c.entity_id, article_entities.c.name, article_entities.c.mentions)
                        .where(article_entities.c.article_id == article_id)).all()
    ents.count_aliases_many(conn, [(r.entity_id, r.name, json.loads(r.mentions or "[]")) for r in rows], -1)
    event_ids = select(events.c.id).where(events.c.article_id == article_id)
    conn.execute(delete(event_actors).where(event_actors.c.event_id.in_(event_ids)))
    conn.execute(delete(events).where(events.c.article_id == article_id))
    conn.execute(delete(attributions).where(attributions.c.article_id == article_id))
    conn.execute(delete(article_entities).where(article_entities.c.article_id == article_id))


def update_versions(conn: Connection, article_id: int, record: Record) -> None:
    conn.execute(update(articles).where(articles.c.id == article_id).values(**_versions(record)))

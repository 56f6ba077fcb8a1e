"""Streaming export: rows go out in batches of BATCH_SIZE, never the whole table.

The database side streams too (yield_per: a server-side cursor on PostgreSQL,
fetchmany on SQLite), so memory stays flat however large the corpus is.
"""
from __future__ import annotations

import csv
import io
import json
import os
from contextlib import ExitStack
from datetime import datetime
from typing import IO, Any, Callable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Connection, Engine, Select, and_, exists, func, select

from ..errors import InputError
from ..rows import LIST_SEP, arrow_fields
from .query import (Filters, article_conditions, article_has_event, article_ids_with_match, attribution_select,
                    entity_matches, event_confidence, guarded)
from .tables import article_entities, articles, attributions, entities, entity_aliases, event_actors, events

BATCH_SIZE = 1000
WHATS = ("attributions", "events", "entities", "articles")
FORMATS = ("csv", "jsonl", "parquet")
TEXT_FORMATS = ("csv", "jsonl")  # those stream_text can send chunk by chunk
# Column kinds in rows.py's vocabulary ("long", "string", "double"), so the export
# tables and the Spark tables map to Arrow types in one place (rows.arrow_fields).
I, S, F = "long", "string", "double"

COLUMNS: dict[str, list[tuple[str, str]]] = {
    "attributions": [
        ("attribution_id", I), ("article_id", I), ("article_key", S), ("title", S), ("date", S), ("url", S),
        ("source", S), ("kind", S), ("quote", S), ("start", I), ("end", I), ("cue", S), ("source_text", S),
        ("speaker_id", I), ("speaker", S), ("speaker_country", S), ("speaker_org", S), ("confidence", F),
        ("act", S)],
    "events": [
        ("event_id", I), ("article_id", I), ("article_key", S), ("title", S), ("date", S), ("url", S),
        ("source", S), ("type", S), ("mode", S), ("factuality", S), ("trigger", S), ("trigger_start", I),
        ("trigger_end", I), ("sentence", S), ("event_date", S), ("source_ids", S), ("source_names", S),
        ("source_codes", S), ("target_ids", S), ("target_names", S), ("target_codes", S),
        ("reported_by", S), ("location", S), ("confidence", F)],
    "entities": [
        ("entity_id", I), ("name", S), ("type", S), ("country", S), ("org", S), ("sector", S),
        ("articles", I), ("aliases", S)],
    "articles": [
        ("article_id", I), ("article_key", S), ("url", S), ("title", S), ("date", S), ("source", S),
        ("language", S), ("schema_version", S), ("pipeline", S), ("ingested_at", S), ("attributions", I),
        ("events", I), ("text", S)],
}


def export(conn: Connection, what: str, fmt: str, out: Any, f: Filters) -> int:
    _check(what, fmt, FORMATS)
    batches = _batches(conn, what, f)
    with ExitStack() as stack:
        return WRITERS[fmt](stack, out, COLUMNS[what], batches)


def stream_text(engine: Engine, what: str, fmt: str, f: Filters) -> Iterator[bytes]:
    """CSV or JSON Lines as UTF-8 chunks, one per batch, produced while the rows are
    read: a web download can send its first bytes before the last row is read, and
    never holds the whole file. The query runs before this returns, so a bad query
    raises here (a clean 400), not halfway through a response. The connection
    closes when the iterator is exhausted or closed."""
    _check(what, fmt, TEXT_FORMATS)
    conn = engine.connect()
    try:
        batches = _batches(conn, what, f)
    except BaseException:
        conn.close()
        raise
    return _encoded(conn, TEXT_CHUNKS[fmt](COLUMNS[what], batches))


def _check(what: str, fmt: str, formats: tuple[str, ...]) -> None:
    if what not in WHATS:
        raise InputError(f"cannot export {what!r}: choose one of {', '.join(WHATS)}")
    if fmt not in formats:
        raise InputError(f"unknown export format {fmt!r}: choose one of {', '.join(formats)}")


def _batches(conn: Connection, what: str, f: Filters) -> Iterator[list[dict]]:
    """The rows of ``what`` in batches of BATCH_SIZE; the query runs now, the rows
    are fetched as the batches are consumed."""
    query, enrich = BUILDERS[what](conn, f)
    result = guarded(conn, f, query, stream_results=True, yield_per=BATCH_SIZE)
    return (enrich(conn, [_plain(row._mapping) for row in part]) for part in result.partitions())


def _encoded(conn: Connection, chunks: Iterator[str]) -> Iterator[bytes]:
    try:
        for chunk in chunks:
            yield chunk.encode("utf-8")
    finally:
        conn.close()


def _plain(row: Any) -> dict:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in row.items()}


def _no_enrich(_conn: Connection, rows: list[dict]) -> list[dict]:
    return rows


def _attributions(conn: Connection, f: Filters) -> tuple[Select, Callable]:
    return attribution_select(conn, f).order_by(attributions.c.id), _no_enrich


def _events(conn: Connection, f: Filters) -> tuple[Select, Callable]:
    loc, rep = article_entities.alias("loc"), article_entities.alias("rep")
    loc_e, rep_e = entities.alias("loc_e"), entities.alias("rep_e")
    sentence = func.substr(articles.c.text, events.c.sentence_start + 1, events.c.sentence_end - events.c.sentence_start)
    query = (
        select(events.c.id.label("event_id"), events.c.article_id, articles.c.key.label("article_key"),
               articles.c.title, articles.c.date, articles.c.url, articles.c.source_domain.label("source"),
               events.c.type, events.c.mode, events.c.factuality, events.c.trigger_text.label("trigger"),
               events.c.trigger_start, events.c.trigger_end, sentence.label("sentence"),
               events.c.date.label("event_date"), rep_e.c.name.label("reported_by"),
               loc_e.c.name.label("location"), events.c.confidence)
        .join(articles, articles.c.id == events.c.article_id)
        .outerjoin(loc, and_(loc.c.article_id == events.c.article_id, loc.c.local_id == events.c.location_local_id))
        .outerjoin(loc_e, loc_e.c.id == loc.c.entity_id)
        .outerjoin(rep, and_(rep.c.article_id == events.c.article_id, rep.c.local_id == events.c.reported_by_local_id))
        .outerjoin(rep_e, rep_e.c.id == rep.c.entity_id)
    )
    conds = article_conditions(f)
    if f.event:
        conds.append(events.c.type == f.event.upper())
    if f.factuality:
        conds.append(events.c.factuality == f.factuality.lower())
    conds += event_confidence(f)
    actor_conds = entity_matches(article_entities.c.entity_id, f)
    if actor_conds:
        conds.append(exists(select(event_actors.c.event_id).join(article_entities, and_(
            article_entities.c.article_id == event_actors.c.article_id,
            article_entities.c.local_id == event_actors.c.local_id)).where(
            event_actors.c.event_id == events.c.id, *actor_conds)))
    match = article_ids_with_match(conn, f)
    if match is not None:
        conds.append(match)
    return query.where(*conds).order_by(events.c.id), _event_actors


def _event_actors(conn: Connection, rows: list[dict]) -> list[dict]:
    """Source and target actors for one batch of events, in one query."""
    if not rows:
        return rows
    found = conn.execute(
        select(event_actors.c.event_id, event_actors.c.role, entities.c.id, entities.c.name,
               func.coalesce(entities.c.country, entities.c.org).label("code"))
        .join(article_entities, and_(article_entities.c.article_id == event_actors.c.article_id,
                                     article_entities.c.local_id == event_actors.c.local_id))
        .join(entities, entities.c.id == article_entities.c.entity_id)
        .where(event_actors.c.event_id.in_([r["event_id"] for r in rows]))
        .order_by(event_actors.c.event_id, event_actors.c.role, event_actors.c.local_id)).all()
    # grouped once: scanning every actor of the batch for each event was quadratic
    # in the batch size (seconds for a few thousand events)
    by_event: dict[tuple[int, str], list] = {}
    for actor in found:
        by_event.setdefault((actor.event_id, actor.role), []).append(actor)
    for row in rows:
        for role in ("source", "target"):
            mine = by_event.get((row["event_id"], role), [])
            row[f"{role}_ids"] = LIST_SEP.join(str(a.id) for a in mine) or None
            row[f"{role}_names"] = LIST_SEP.join(a.name for a in mine) or None
            row[f"{role}_codes"] = LIST_SEP.join(a.code or "" for a in mine) or None
    return rows


def _entities(conn: Connection, f: Filters) -> tuple[Select, Callable]:
    n_articles = select(func.count()).where(article_entities.c.entity_id == entities.c.id).scalar_subquery()
    query = select(entities.c.id.label("entity_id"), entities.c.name, entities.c.type, entities.c.country,
                   entities.c.org, entities.c.sector, n_articles.label("articles"))
    conds = entity_matches(entities.c.id, f)
    in_articles = [*article_conditions(f), *article_has_event(articles.c.id, f)]
    match = article_ids_with_match(conn, f)
    if match is not None:
        in_articles.append(match)
    if in_articles:
        conds.append(exists(select(article_entities.c.article_id).join(
            articles, articles.c.id == article_entities.c.article_id).where(
            article_entities.c.entity_id == entities.c.id, *in_articles)))
    return query.where(*conds).order_by(entities.c.id), _entity_aliases


def _entity_aliases(conn: Connection, rows: list[dict]) -> list[dict]:
    if not rows:
        return rows
    found = conn.execute(select(entity_aliases.c.entity_id, entity_aliases.c.alias)
                         .where(entity_aliases.c.entity_id.in_([r["entity_id"] for r in rows]))
                         .order_by(entity_aliases.c.entity_id, entity_aliases.c.seen.desc(),
                                   entity_aliases.c.alias)).all()
    by_entity: dict[int, list[str]] = {}
    for found_alias in found:  # grouped once, as _event_actors: a scan per row was quadratic
        by_entity.setdefault(found_alias.entity_id, []).append(found_alias.alias)
    for row in rows:
        row["aliases"] = LIST_SEP.join(by_entity.get(row["entity_id"], [])) or None
    return rows


def _articles(conn: Connection, f: Filters) -> tuple[Select, Callable]:
    def counted(table):
        return select(func.count()).where(table.c.article_id == articles.c.id).scalar_subquery()

    query = select(articles.c.id.label("article_id"), articles.c.key.label("article_key"), articles.c.url,
                   articles.c.title, articles.c.date, articles.c.source_domain.label("source"),
                   articles.c.language, articles.c.schema_version, articles.c.pipeline, articles.c.ingested_at,
                   counted(attributions).label("attributions"), counted(events).label("events"), articles.c.text)
    conds = [*article_conditions(f), *article_has_event(articles.c.id, f)]
    entity_conds = entity_matches(article_entities.c.entity_id, f)
    if entity_conds:
        conds.append(exists(select(article_entities.c.article_id).where(
            article_entities.c.article_id == articles.c.id, *entity_conds)))
    match = article_ids_with_match(conn, f)
    if match is not None:
        conds.append(match)
    return query.where(*conds).order_by(articles.c.id), _no_enrich


BUILDERS = {"attributions": _attributions, "events": _events, "entities": _entities, "articles": _articles}


def _text_out(stack: ExitStack, out: Any) -> IO[str]:
    if isinstance(out, (str, os.PathLike)):
        return stack.enter_context(open(out, "w", encoding="utf-8", newline=""))
    if isinstance(out, io.TextIOBase) or hasattr(out, "encoding"):
        return out
    # A binary stream: wrap it, and detach on exit so the caller's stream stays open.
    wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")
    stack.callback(wrapper.detach)
    stack.callback(wrapper.flush)
    return wrapper


# A spreadsheet reads a cell that starts with one of these as a formula; article
# text is untrusted, so such cells get a leading apostrophe (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: strings starting with =, +, -, @,
    tab or carriage return get a leading ' (numbers and other values unchanged)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def formula_safe_row(row: dict) -> dict:
    """A row for csv.DictWriter, every cell passed through formula_safe. The one
    place CSV cells are made safe: `onrecord export`, `onrecord search --format csv`
    and the web's CSV downloads all write through it; JSON and Parquet keep values as stored."""
    return {key: formula_safe(value) for key, value in row.items()}


def _csv_chunks(columns: list, batches: Iterator[list[dict]]) -> Iterator[str]:
    """The header, then one chunk of CSV text per batch."""
    names = [name for name, _ in columns]
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=names, extrasaction="ignore")
    writer.writeheader()
    for batch in batches:
        writer.writerows(map(formula_safe_row, batch))
        yield _drain(buffer)
    yield _drain(buffer)  # the header alone when nothing matched


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _jsonl_chunks(columns: list, batches: Iterator[list[dict]]) -> Iterator[str]:
    names = [name for name, _ in columns]
    for batch in batches:
        yield "".join(json.dumps({n: row.get(n) for n in names}, ensure_ascii=False) + "\n" for row in batch)


TEXT_CHUNKS = {"csv": _csv_chunks, "jsonl": _jsonl_chunks}


def _counted(batches: Iterator[list[dict]], seen: list[int]) -> Iterator[list[dict]]:
    for batch in batches:
        seen[0] += len(batch)
        yield batch


def _write_text(stack: ExitStack, out: Any, columns: list, batches: Iterator[list[dict]], fmt: str) -> int:
    """export's CSV and JSON Lines: the same chunks stream_text sends, written to ``out``."""
    handle = _text_out(stack, out)
    seen = [0]
    for chunk in TEXT_CHUNKS[fmt](columns, _counted(batches, seen)):
        if chunk:
            handle.write(chunk)
    return seen[0]


def _write_csv(stack: ExitStack, out: Any, columns: list, batches: Iterator[list[dict]]) -> int:
    return _write_text(stack, out, columns, batches, "csv")


def _write_jsonl(stack: ExitStack, out: Any, columns: list, batches: Iterator[list[dict]]) -> int:
    return _write_text(stack, out, columns, batches, "jsonl")


def _write_parquet(stack: ExitStack, out: Any, columns: list, batches: Iterator[list[dict]]) -> int:
    # A fixed schema: a batch whose column happens to be all null must not change its type.
    schema = pa.schema(arrow_fields(columns))
    sink = os.fspath(out) if isinstance(out, (str, os.PathLike)) else out
    writer = stack.enter_context(pq.ParquetWriter(sink, schema))
    written = 0
    for batch in batches:
        if batch:  # one row group per batch: memory is one batch, whatever the table size
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            written += len(batch)
    return written


WRITERS = {"csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet}

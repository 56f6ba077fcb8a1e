"""A Record as flat rows: one table each for articles, entities, attributions,
events and errors. Pure: no Spark, no database. The Spark job writes these rows
to Parquet (docs/spark.md); any other engine can too. The store's writer builds
its rows from the same per-attribution and per-event columns (attribution_row,
event_row), so a Record is flattened in one place.

Every row carries ``article_hash`` (the article's content hash, the join key),
``year``/``month`` of the publication date (null when the article has none:
the Parquet partition columns) and ``pipeline_version`` (the onrecord version
that produced it). The articles row keeps the whole record as ``record_json``,
so loading the rows into a database rebuilds exactly the Record that local
ingest would have stored.
"""
from __future__ import annotations

import json

from .schema import Attribution, Event, Record, Span

TABLES = ("articles", "entities", "attributions", "events", "errors")
# A list (an event's actors, an entity's aliases) as one flat cell: how the store's
# export and event reads write it, and what the web API splits back into arrays.
LIST_SEP = "; "
PARTITION_COLUMNS = ("year", "month")

# Column name -> type: string, int, long, double, list<string>. The Spark job and
# pyarrow schemas are built from this, so it is the one description of the tables.
_COMMON = [("article_hash", "string"), ("article_key", "string")]
_TAIL = [("pipeline_version", "string"), ("year", "int"), ("month", "int")]


def _span_columns(prefix: str) -> list[tuple[str, str]]:
    return [(f"{prefix}_start", "int"), (f"{prefix}_end", "int"), (f"{prefix}_text", "string")]


COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": _COMMON + [
        ("url", "string"), ("title", "string"), ("date", "string"), ("origin", "string"), ("language", "string"),
        ("text", "string"), ("n_entities", "int"), ("n_attributions", "int"), ("n_events", "int"),
        ("warnings", "list<string>"), ("pipeline", "string"), ("schema_version", "string"),
        ("record_json", "string"),
    ] + _TAIL,
    "entities": _COMMON + [
        ("local_id", "string"), ("name", "string"), ("type", "string"), ("title", "string"),
        ("affiliation", "string"), ("actor_country", "string"), ("actor_org", "string"), ("actor_sector", "string"),
        ("n_mentions", "int"), ("mentions", "list<string>"),
    ] + _TAIL,
    "attributions": _COMMON + [
        ("position", "int"), ("kind", "string"), *_span_columns("content"), *_span_columns("cue"),
        *_span_columns("source"), ("speaker_local_id", "string"), ("speaker_name", "string"),
        ("confidence", "double"), ("continues", "int"), ("act", "string"), ("within", "int"),
    ] + _TAIL,
    "events": _COMMON + [
        ("position", "int"), ("type", "string"), ("mode", "string"), ("contexts", "list<string>"),
        *_span_columns("trigger"), *_span_columns("sentence"), ("factuality", "string"),
        ("source_ids", "list<string>"), ("source_names", "list<string>"),
        ("target_ids", "list<string>"), ("target_names", "list<string>"),
        ("reported_by_id", "string"), ("reported_by_name", "string"), ("event_date", "string"),
        ("location_id", "string"), ("location_name", "string"), ("confidence", "double"),
    ] + _TAIL,
    "errors": [
        ("origin", "string"), ("kind", "string"), ("reason", "string"), ("language", "string"),
        ("article_key", "string"),
    ] + _TAIL,
}


def package_version() -> str:
    from .pipeline import _package_version

    return _package_version()


def year_month(date: str | None) -> tuple[int | None, int | None]:
    """``YYYY-MM-DD`` (or ``YYYY-MM``) -> (year, month); (None, None) when unknown."""
    if not date or len(date) < 7 or not date[:4].isdigit() or not date[5:7].isdigit():
        return None, None
    return int(date[:4]), int(date[5:7])


def span_columns(prefix: str, span: Span | None, text: bool = True) -> dict:
    """``{prefix}_start``, ``_end`` (and ``_text``) of a span, None when there is none."""
    row = {f"{prefix}_start": span.start if span else None, f"{prefix}_end": span.end if span else None}
    if text:
        row[f"{prefix}_text"] = span.text if span else None
    return row


def attribution_row(a: Attribution, position: int) -> dict:
    """An attribution's own columns, as both the Parquet rows and the database keep them."""
    return {"position": position, "kind": a.kind, **span_columns("content", a.content), **span_columns("cue", a.cue),
            **span_columns("source", a.source), "speaker_local_id": a.speaker, "confidence": float(a.confidence),
            "continues": a.continues, "act": a.act, "within": a.within}


def event_row(ev: Event, position: int) -> dict:
    """An event's own columns, as both the Parquet rows and the database keep them
    (actors, place, reporter and contexts each table keeps its own way)."""
    return {"position": position, "type": ev.type, "mode": ev.mode, "factuality": ev.factuality,
            **span_columns("trigger", ev.trigger), **span_columns("sentence", ev.sentence),
            "confidence": float(ev.confidence)}


def _in_order(table: str, row: dict) -> dict:
    return {name: row[name] for name, _ in COLUMNS[table]}


def record_rows(record: Record, *, origin: str | None = None, language: str | None = None) -> dict[str, list[dict]]:
    """The rows of one record, by table (``errors`` is always empty here).
    ``article_hash`` is the duplicate key the store makes of the same text."""
    from .store.keys import content_hash

    year, month = year_month(record.article.date)
    version = record.pipeline.get("onrecord") or package_version()
    common = {"article_hash": content_hash(record.text), "article_key": record.article.id}
    tail = {"pipeline_version": version, "year": year, "month": month}
    names = {e.id: e.name for e in record.entities}

    def name_list(ids: list[str]) -> list[str]:
        return [names.get(i) for i in ids]

    article = {
        **common, "url": record.article.url, "title": record.article.title, "date": record.article.date,
        "origin": origin, "language": language, "text": record.text, "n_entities": len(record.entities),
        "n_attributions": len(record.attributions), "n_events": len(record.events),
        "warnings": list(record.warnings), "pipeline": json.dumps(record.pipeline, sort_keys=True),
        "schema_version": record.schema_version,
        "record_json": json.dumps(record.to_dict(), ensure_ascii=False), **tail,
    }
    entities = [{
        **common, "local_id": e.id, "name": e.name, "type": e.type, "title": e.title, "affiliation": e.affiliation,
        "actor_country": e.actor.country if e.actor else None, "actor_org": e.actor.org if e.actor else None,
        "actor_sector": e.actor.sector if e.actor else None, "n_mentions": len(e.mentions),
        "mentions": [m.text for m in e.mentions], **tail,
    } for e in record.entities]
    attributions = [_in_order("attributions", {
        **common, **attribution_row(a, i), "speaker_name": names.get(a.speaker), **tail,
    }) for i, a in enumerate(record.attributions)]
    events = [_in_order("events", {
        **common, **event_row(ev, i), "contexts": list(ev.contexts),
        "source_ids": list(ev.source), "source_names": name_list(ev.source),
        "target_ids": list(ev.target), "target_names": name_list(ev.target),
        "reported_by_id": ev.reported_by, "reported_by_name": names.get(ev.reported_by),
        "event_date": ev.date, "location_id": ev.location, "location_name": names.get(ev.location), **tail,
    }) for i, ev in enumerate(record.events)]
    return {"articles": [article], "entities": entities, "attributions": attributions, "events": events,
            "errors": []}


def error_row(origin: str, reason: str, *, kind: str = "failed", language: str | None = None,
              article_key: str | None = None, date: str | None = None) -> dict:
    """One errors row: ``kind`` is ``failed`` (unreadable, crashed) or ``skipped``
    (another language, not an HTML page), as in the database's errors table."""
    year, month = year_month(date)
    return {"origin": origin, "kind": kind, "reason": reason, "language": language, "article_key": article_key,
            "pipeline_version": package_version(), "year": year, "month": month}


def as_tuple(table: str, row: dict) -> tuple:
    """A row in COLUMNS order (what Spark's createDataFrame takes fastest)."""
    return tuple(row.get(name) for name, _ in COLUMNS[table])


def arrow_fields(columns: list[tuple[str, str]]) -> list:
    """(name, kind) columns as pyarrow fields: the one map from these kinds to Arrow
    types, for the Spark tables here and the store's export."""
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int32(), "long": pa.int64(), "double": pa.float64(),
             "list<string>": pa.list_(pa.string())}
    return [pa.field(name, types[kind]) for name, kind in columns]


def arrow_schema(table: str):
    """The pyarrow schema of a table."""
    import pyarrow as pa

    return pa.schema(arrow_fields(COLUMNS[table]))

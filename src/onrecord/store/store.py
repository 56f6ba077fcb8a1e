"""The Store: one object per database, one method per thing a command does."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import Engine, exists, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import InputError, NotFoundError
from ..schema import Article, Record
from . import db, writer
from . import entities as ents
from . import export as exporting
from . import query as q
from .keys import normalise_url
from .stats import stats as corpus_stats
from .tables import articles, entities, entity_aliases, errors, runs

ERROR_KINDS = ("failed", "skipped")


class Store:
    """A corpus database. Open with ``open_store(url)``; close when done."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    # -- ingest -----------------------------------------------------------

    def is_duplicate(self, url_norm: str | None, text_hash: str) -> bool:
        """Already stored: the same normalised URL or the same text."""
        same = articles.c.text_hash == text_hash
        if url_norm:
            same = or_(same, articles.c.url_norm == url_norm)
        with self.engine.connect() as conn:
            return bool(conn.execute(select(exists().where(same))).scalar())

    def add_record(self, record: Record, *, origin: str, text_hash: str, run_id: int | None = None,
                   language: str | None = None) -> int | None:
        """Store a record in one transaction; None when it is a duplicate. The unique
        keys on url_norm and text_hash decide, so two processes racing on the same
        article store it once. ``origin`` (file or line) is only used in errors."""
        try:
            with db.writing(self.engine) as conn:
                article_id = writer.insert_article(conn, record, text_hash=text_hash, run_id=run_id,
                                                   language=language)
                writer.write_extractions(conn, article_id, record)
                return article_id
        except IntegrityError as error:
            if self.is_duplicate(normalise_url(record.article.url), text_hash):
                return None
            raise InputError(f"{origin}: could not store the record: {error.orig}") from error

    def replace_record(self, article_id: int, record: Record) -> None:
        """Re-extraction: the article row stays (its id too); everything extracted from
        it is replaced and its pipeline versions updated, in one transaction."""
        with db.writing(self.engine) as conn:
            if conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is None:
                raise NotFoundError(f"no article with id {article_id}")
            writer.clear_extractions(conn, article_id)
            writer.write_extractions(conn, article_id, record)
            writer.update_versions(conn, article_id, record)

    def stored_articles(self) -> Iterator[tuple[int, str, Article]]:
        """Every stored article as (id, text, Article), streamed in id order."""
        cols = (articles.c.id, articles.c.text, articles.c.key, articles.c.url, articles.c.title, articles.c.date)
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=exporting.BATCH_SIZE).execute(
                select(*cols).order_by(articles.c.id))
            for row in result:
                yield row.id, row.text, Article(id=row.key, url=row.url, title=row.title, date=row.date)

    def add_error(self, origin: str, reason: str, *, kind: str = "failed", language: str | None = None,
                  run_id: int | None = None) -> None:
        if kind not in ERROR_KINDS:
            raise InputError(f"error kind {kind!r}: use one of {', '.join(ERROR_KINDS)}")
        with db.writing(self.engine) as conn:
            conn.execute(insert(errors).values(origin=origin, reason=reason, kind=kind, language=language,
                                               run_id=run_id, at=writer.now()))

    def start_run(self, command: str) -> int:
        with db.writing(self.engine) as conn:
            return conn.execute(insert(runs).values(command=command, started_at=writer.now())
                                .returning(runs.c.id)).scalar_one()

    def finish_run(self, run_id: int, counts: dict) -> None:
        with db.writing(self.engine) as conn:
            conn.execute(update(runs).where(runs.c.id == run_id).values(
                finished_at=writer.now(), counts=json.dumps(counts, sort_keys=True, default=str)))

    # -- reading ----------------------------------------------------------

    def search(self, query: str | None, *, limit: int = 50, offset: int = 0, **filters: Any) -> list[dict]:
        """Attributions matching the full-text query and filters (see query.py);
        most relevant first with a query, newest article first without. limit <= 1000."""
        with self.engine.connect() as conn:
            return q.search(conn, q.Filters.make(query, **filters), limit, offset)

    def count(self, query: str | None, **filters: Any) -> int:
        with self.engine.connect() as conn:
            return q.count(conn, q.Filters.make(query, **filters))

    def export(self, what: str, fmt: str, out: Any, query: str | None = None, **filters: Any) -> int:
        """Write attributions|events|entities|articles as csv|jsonl|parquet to a path
        or stream, in batches. Returns the number of rows written."""
        with self.engine.connect() as conn:
            return exporting.export(conn, what, fmt, out, q.Filters.make(query, **filters))

    def stats(self) -> dict:
        with self.engine.connect() as conn:
            return corpus_stats(conn)

    def entities(self, name: str | None = None, limit: int = 100) -> list[dict]:
        """Entities whose name or an alias contains ``name`` (any case), most seen first."""
        with self.engine.connect() as conn:
            query = select(entities).order_by(entities.c.name, entities.c.id).limit(max(1, min(limit, q.MAX_LIMIT)))
            if name:
                like = f"%{name.strip().lower()}%"
                by_alias = select(entity_aliases.c.entity_id).where(entity_aliases.c.alias_norm.like(like))
                query = query.where(or_(entities.c.name.ilike(like), entities.c.id.in_(by_alias)))
            rows = [dict(r._mapping) for r in conn.execute(query)]
            for row in rows:
                row["aliases"] = list(conn.execute(select(entity_aliases.c.alias).where(
                    entity_aliases.c.entity_id == row["id"]).order_by(entity_aliases.c.seen.desc())).scalars())
            return rows

    # -- corrections ------------------------------------------------------

    def merge_entities(self, a: int | str, b: int | str) -> None:
        """Entity A becomes part of B, for stored and future articles."""
        with db.writing(self.engine) as conn:
            ents.merge(conn, ents.find(conn, a), ents.find(conn, b))

    def split_entity(self, entity: int | str, alias: str) -> int:
        with db.writing(self.engine) as conn:
            return ents.split(conn, ents.find(conn, entity), alias)

    def load_aliases(self, path: str | Path) -> int:
        with db.writing(self.engine) as conn:
            return ents.load_aliases(conn, path)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_store(url: str | None = None) -> Store:
    """Open (creating if needed) the database and migrate it to the newest schema.
    ``None`` -> ./onrecord.db; a path -> SQLite file; ``postgresql://...`` -> PostgreSQL."""
    engine = db.create(url)
    db.migrate(engine)
    return Store(engine)

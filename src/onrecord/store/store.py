"""The Store: one object per database, one method per thing a command does."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import Engine, and_, exists, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import InputError, NotFoundError
from ..schema import Article, Record
from . import db, writer
from . import entities as ents
from . import export as exporting
from . import query as q
from . import watches as watching
from .keys import content_hash, normalise_url
from .query import Filters
from .stats import stats as corpus_stats
from .tables import (
    articles,
    entities,
    entity_aliases,
    entity_overrides,
    errors,
    runs,
    watches,
)

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

    def add_record(self, record: Record, *, origin: str, run_id: int | None = None,
                   language: str | None = None) -> int | None:
        """Store a record in one transaction; None when it is a duplicate. The
        duplicate keys (normalised URL, content hash of the text) come from the
        record, and the unique keys on them decide, so two processes racing on the
        same article store it once. ``origin`` (file or line) is only used in errors."""
        try:
            with db.writing(self.engine) as conn:
                article_id = writer.insert_article(conn, record, run_id=run_id, language=language)
                writer.write_extractions(conn, article_id, record)
                return article_id
        except IntegrityError as error:
            if self.is_duplicate(normalise_url(record.article.url), content_hash(record.text)):
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

    def add_error_once(self, origin: str, reason: str, *, kind: str = "failed", language: str | None = None,
                       run_id: int | None = None) -> bool:
        """add_error unless the same error (origin, kind, reason) is stored already;
        True when it was added. Loading the same Spark output twice adds nothing."""
        same = and_(errors.c.origin == origin, errors.c.kind == kind, errors.c.reason == reason)
        with self.engine.connect() as conn:
            if conn.execute(select(exists().where(same))).scalar():
                return False
        self.add_error(origin, reason, kind=kind, language=language, run_id=run_id)
        return True

    def start_run(self, command: str) -> int:
        with db.writing(self.engine) as conn:
            return conn.execute(insert(runs).values(command=command, started_at=writer.now())
                                .returning(runs.c.id)).scalar_one()

    def finish_run(self, run_id: int, counts: dict) -> None:
        with db.writing(self.engine) as conn:
            conn.execute(update(runs).where(runs.c.id == run_id).values(
                finished_at=writer.now(), counts=json.dumps(counts, sort_keys=True, default=str)))

    # -- reading ----------------------------------------------------------

    def search(self, filters: Filters | str | None = None, *, limit: int = 50, offset: int = 0,
               **by: str | None) -> list[dict]:
        """Attributions matching the filters (a Filters, or a full-text query with
        filters as keywords); most relevant first with a query, newest article first
        without. limit <= 1000."""
        with self.engine.connect() as conn:
            return q.search(conn, _filters(filters, by), limit, offset)

    def count(self, filters: Filters | str | None = None, **by: str | None) -> int:
        with self.engine.connect() as conn:
            return q.count(conn, _filters(filters, by))

    def export(self, what: str, fmt: str, out: Any, filters: Filters | str | None = None, **by: str | None) -> int:
        """Write attributions|events|entities|articles as csv|jsonl|parquet to a path
        or stream, in batches. Returns the number of rows written."""
        with self.engine.connect() as conn:
            return exporting.export(conn, what, fmt, out, _filters(filters, by))

    def stream(self, what: str, fmt: str, filters: Filters | str | None = None, **by: str | None) -> Iterator[bytes]:
        """attributions|events as csv|jsonl, UTF-8 chunks made while the rows are read
        (a web download starts at once and never holds the whole file). A bad query
        raises here, before the first chunk."""
        return exporting.stream_text(self.engine, what, fmt, _filters(filters, by))

    def data_version(self) -> tuple:
        """Changes whenever what a reader sees changes (articles, runs, corrections,
        watches): the web's response cache is valid while it stays the same."""
        with self.engine.connect() as conn:
            return tuple(conn.execute(select(
                select(func.max(articles.c.id)).scalar_subquery(),
                select(func.count()).select_from(articles).scalar_subquery(),
                select(func.max(runs.c.id)).scalar_subquery(),
                select(func.max(runs.c.finished_at)).scalar_subquery(),
                select(func.max(entity_overrides.c.id)).scalar_subquery(),
                select(func.count()).select_from(entity_overrides).scalar_subquery(),
                select(func.count()).select_from(watches).scalar_subquery(),
                select(func.max(watches.c.id)).scalar_subquery(),
                select(func.sum(watches.c.last_seen_id)).scalar_subquery(),
            )).one())

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

    # -- watches (saved searches; store/watches.py) -----------------------

    def add_watch(self, name: str, kind: str, params: dict[str, Any], *, include_existing: bool = False) -> dict:
        """Save a search over events or attributions; what is stored now counts as
        seen unless ``include_existing``."""
        return watching.add(self, name, kind, params, include_existing=include_existing)

    def watch(self, watch_id: int) -> dict:
        return watching.get(self, watch_id)

    def watches(self) -> list[dict]:
        return watching.all_watches(self)

    def remove_watch(self, watch_id: int) -> None:
        watching.remove(self, watch_id)

    def watch_matches(self, watch: dict, *, new_only: bool = False, limit: int = 50) -> list[dict]:
        return watching.matches(self, watch, new_only=new_only, limit=limit)

    def count_new_matches(self, watch: dict) -> int:
        return watching.count_new_matches(self, watch)

    def mark_watch_seen(self, watch_id: int) -> dict:
        return watching.mark_seen(self, watch_id)

    def check_watches(self, ids: tuple[int, ...] = (), *, limit: int = 100, dry_run: bool = False) -> list[dict]:
        """Each watch's new matches, then marked seen (unless ``dry_run``)."""
        return watching.check(self, ids, limit=limit, dry_run=dry_run)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _filters(filters: Filters | str | None, by: dict[str, str | None]) -> Filters:
    """A Filters as given, or made from a query (positional or ``query=``) and keywords."""
    if isinstance(filters, Filters):
        if by:
            raise InputError("give filters either as a Filters or as keywords, not both")
        return filters
    by = dict(by)
    query = by.pop("query", None)
    return Filters.make(filters if filters is not None else query, **by)


def open_store(url: str | None = None) -> Store:
    """Open (creating if needed) the database and migrate it to the newest schema.
    ``None`` -> ./onrecord.db; a path -> SQLite file; ``postgresql://...`` -> PostgreSQL."""
    engine = db.create(url)
    db.migrate(engine)
    return Store(engine)

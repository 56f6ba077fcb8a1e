"""``onrecord load``: the Spark job's Parquet into the database, idempotently.

Needs pyarrow, not Spark. Each articles row keeps its whole record as
``record_json``; it becomes a Record again and goes through ``Store.add_record``,
as in local ingest, so duplicate detection (same URL or same text) and entity
merging are the same. Loading the same folder twice adds nothing: every article
is then a duplicate, and an errors row already in the database is not added again.
Partitions are loaded in (year, month) order, articles within one by origin.
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..rows import PARTITION_COLUMNS, arrow_schema
from ..schema import Record

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # how Spark writes a null year/month


@dataclass
class LoadSummary:
    new: int = 0
    duplicate: int = 0
    errors: int = 0  # errors rows added to the database
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.new} new, {self.duplicate} duplicate article(s), {self.errors} error row(s) "
                f"in {self.seconds:.1f}s")


def dataset(directory: str | Path, table: str):
    """One table of a Spark output folder as a pyarrow dataset (None when absent).
    Also handy for reading the output in pandas: ``dataset(out, "events").to_table().to_pandas()``."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    path = Path(directory) / table
    if not path.is_dir():
        return None
    schema = arrow_schema(table)
    partitioning = ds.HivePartitioning(pa.schema([schema.field(c) for c in PARTITION_COLUMNS]),
                                       null_fallback=NULL_PARTITION)
    return ds.dataset(str(path), format="parquet", schema=schema, partitioning=partitioning,
                      exclude_invalid_files=True, ignore_prefixes=[".", "_"])


def _partitions(data) -> list[tuple]:
    import pyarrow.dataset as ds

    keys = set()
    for fragment in data.get_fragments():
        values = ds.get_partition_keys(fragment.partition_expression)
        keys.add(tuple(values.get(c) for c in PARTITION_COLUMNS))
    return sorted(keys, key=lambda k: tuple((v is None, v or 0) for v in k))


def _partition_filter(key: tuple):
    import pyarrow.dataset as ds

    condition = None
    for column, value in zip(PARTITION_COLUMNS, key):
        term = ds.field(column).is_null() if value is None else ds.field(column) == value
        condition = term if condition is None else condition & term
    return condition


def _article_rows(data) -> Iterator[dict]:
    columns = ["record_json", "article_hash", "origin", "language", "url"]
    for key in _partitions(data):
        table = data.to_table(columns=columns, filter=_partition_filter(key)).sort_by("origin")
        yield from table.to_pylist()


def load(directory: str | Path, store, *, progress: Callable[[LoadSummary], None] | None = None,
         errors: bool = True) -> LoadSummary:
    """Load ``directory`` (the ``--output`` of ``onrecord spark``) into ``store``."""
    from sqlalchemy import and_, exists, select

    from ..store import normalise_url
    from ..store.tables import errors as errors_table

    directory = Path(directory)
    articles = dataset(directory, "articles")
    if articles is None:
        raise InputError(f"{directory}: no articles/ folder here; give the --output folder of `onrecord spark`")
    summary = LoadSummary()
    started = time.perf_counter()
    run_id = store.start_run(f"load {directory}")
    try:
        for row in _article_rows(articles):
            if store.is_duplicate(normalise_url(row["url"]), row["article_hash"]):
                summary.duplicate += 1
            else:
                record = Record.from_dict(json.loads(row["record_json"]))
                stored = store.add_record(record, origin=row["origin"] or record.article.id or "?",
                                          text_hash=row["article_hash"], run_id=run_id, language=row["language"])
                if stored is None:
                    summary.duplicate += 1
                else:
                    summary.new += 1
            if progress is not None:
                progress(summary)
        failures = dataset(directory, "errors") if errors else None
        if failures is not None:
            for row in failures.to_table(columns=["origin", "kind", "reason", "language"]).to_pylist():
                same = and_(errors_table.c.origin == row["origin"], errors_table.c.kind == row["kind"],
                            errors_table.c.reason == row["reason"])
                with store.engine.connect() as conn:
                    if conn.execute(select(exists().where(same))).scalar():
                        continue
                store.add_error(row["origin"], row["reason"], kind=row["kind"], language=row["language"],
                                run_id=run_id)
                summary.errors += 1
    finally:
        summary.seconds = time.perf_counter() - started
        store.finish_run(run_id, {"new": summary.new, "duplicate": summary.duplicate, "errors": summary.errors})
    return summary


__all__ = ["LoadSummary", "dataset", "load"]

"""``onrecord load``: the Spark job's Parquet into the database, idempotently.

Needs pyarrow, not Spark. Each articles row keeps its whole record as
``record_json``; it becomes a Record again and goes through the store's Sink,
as in local ingest, so duplicate detection (same URL or same text) and entity
merging are the same. Loading the same folder twice adds nothing: every article
is then a duplicate, and an errors row already in the database is not added again.
Partitions are loaded in (year, month) order, articles within one by origin.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..rows import PARTITION_COLUMNS, arrow_schema
from ..schema import Record
from ..store.keys import normalise_url
from ..store.sink import Progress, RunSummary, Sink

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # how Spark writes a null year/month


def stored_line(summary: RunSummary) -> str:
    """The closing line of `onrecord load`: error rows are those copied from the errors table."""
    return (f"{summary.new} new, {summary.duplicate} duplicate article(s), "
            f"{summary.failed + summary.skipped} error row(s) in {summary.seconds:.1f}s")


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


def store_spark_output(directory: str | Path, store, *, progress: Progress | None = None,
                       errors: bool = True) -> RunSummary:
    """Store ``directory`` (the ``--output`` of ``onrecord spark``) in ``store``:
    its articles, and unless ``errors`` is False its errors rows not stored yet."""
    directory = Path(directory)
    articles = dataset(directory, "articles")
    if articles is None:
        raise InputError(f"{directory}: no articles/ folder here; give the --output folder of `onrecord spark`")
    with Sink(store, f"load {directory}", progress) as sink:
        for row in _article_rows(articles):
            # The row carries the keys: a duplicate is skipped before its JSON is parsed.
            if not sink.is_stored_as(normalise_url(row["url"]), row["article_hash"]):
                record = Record.from_dict(json.loads(row["record_json"]))
                sink.write(record, origin=row["origin"] or record.article.id or "?", language=row["language"])
        failures = dataset(directory, "errors") if errors else None
        if failures is not None:
            for row in failures.to_table(columns=["origin", "kind", "reason", "language"]).to_pylist():
                sink.error(row["origin"], row["reason"], kind=row["kind"], language=row["language"], once=True)
    return sink.summary


__all__ = ["dataset", "store_spark_output", "stored_line"]

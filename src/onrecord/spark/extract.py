"""The per-partition wrapper around ``onrecord.batch.extract_batch``: items in,
(table, row) pairs out. No pyspark here: Spark calls ``extract_partition`` in
mapPartitions, and tests call it directly.

The spaCy pipeline is loaded once per Python worker process (pipeline.load is
cached); it is never pickled with the task.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..batch import BATCH_SIZE, chunked, extract_batch
from ..items import ArticleInput, Failure, Skipped
from ..pipeline import load
from ..rows import as_tuple, error_row, record_rows

Count = Callable[[str, int], None]  # ("articles" | "failed" | "skipped", n)


def _noop(_kind: str, _n: int) -> None:
    pass


def _error(item, reason: str, count: Count) -> tuple[str, tuple]:
    count("failed", 1)
    article = item.article if isinstance(item, ArticleInput) else None
    row = error_row(item.origin, reason, language=getattr(item, "language", None),
                    article_key=article.id if article else None, date=article.date if article else None)
    return "errors", as_tuple("errors", row)


def extract_partition(items: Iterable[ArticleInput | Failure | Skipped], model_name: str | None = None,
                      rules_only: bool = False, count: Count = _noop,
                      batch_size: int = BATCH_SIZE, profile: str = "fast") -> Iterator[tuple[str, tuple]]:
    """(table name, row tuple in rows.COLUMNS order) for every item: an article's
    rows, or one errors row for a failure, a skip or an article that crashed.
    ``profile`` chooses the pipeline (pipeline.PROFILES)."""
    nlp = None
    for chunk in chunked(items, batch_size):
        articles = []
        for item in chunk:
            if isinstance(item, Skipped):
                count("skipped", 1)
                yield "errors", as_tuple("errors", error_row(item.origin, item.reason, kind="skipped",
                                                             language=item.language))
            elif isinstance(item, Failure):
                yield _error(item, item.error, count)
            else:
                articles.append(item)
        if not articles:
            continue
        nlp = nlp or load(model_name, rules_only, profile)
        try:
            results = list(extract_batch(articles, nlp, batch_size=batch_size))
        except Exception as error:  # noqa: BLE001 - extract_batch should not raise; if it does, lose the chunk only
            results = [Failure(item.origin, f"extraction failed: {type(error).__name__}: {error}") for item in articles]
        for item, result in zip(articles, results):
            if isinstance(result, Failure):
                yield _error(item, result.error, count)
                continue
            try:
                tables = record_rows(result, origin=item.origin, language=item.language)
                rows = [(table, as_tuple(table, row)) for table, table_rows in tables.items() for row in table_rows]
            except Exception as error:  # noqa: BLE001
                yield _error(item, f"could not make rows: {type(error).__name__}: {error}", count)
                continue
            count("articles", 1)
            yield from rows

"""Ingest: sources in, records into the store through one Sink.

Extraction runs in this process (``workers=1``) or in a pool of worker
processes that each load the model once; only this process touches the
database, so SQLite never sees two writers. Every article is stored in its own
transaction: a crash loses at most the articles in flight, never a committed
one, and rerunning the same command finishes the rest (duplicates are skipped).
"""
from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence

from ..batch import BATCH_SIZE, chunked, extract_batch
from ..items import ArticleInput, Failure, Item
from ..pipeline import load
from ..schema import Record
from ..store.sink import Progress, RunSummary, Sink
from . import iter_sources

IN_FLIGHT_PER_WORKER = 2  # chunks queued per worker: enough to keep it busy, little held in memory

def _init_worker(model: str | None, rules_only: bool, profile: str = "fast") -> None:
    load(model, rules_only, profile)  # each worker loads the model once, up front; pipeline.load keeps it


def _extract_chunk(chunk: list[ArticleInput], model: str | None, rules_only: bool,
                   profile: str = "fast") -> list[Record | Failure]:
    return list(extract_batch(chunk, load(model, rules_only, profile)))


def _fresh(items: Iterable[Item], sink: Sink) -> Iterator[ArticleInput]:
    """Articles not stored yet; failures, skips and duplicates are recorded on the way."""
    for item in items:
        if not isinstance(item, ArticleInput):
            sink.write(item, origin=item.origin)
        elif not sink.is_stored(item.text, item.article.url):
            yield item


def _write(sink: Sink, item: ArticleInput, result: Record | Failure) -> None:
    sink.write(result, origin=item.origin, language=item.language)


def ingest(
    sources: Sequence[str],
    store,
    *,
    workers: int = 1,
    model: str | None = None,
    rules_only: bool = False,
    profile: str = "fast",
    fetch: bool = True,
    progress: Progress | None = None,
) -> RunSummary:
    """Read every source, extract each new article with ``profile``'s pipeline and store its record."""
    with Sink(store, "ingest " + " ".join(sources), progress) as sink:
        fresh = _fresh(iter_sources(sources, fetch=fetch), sink)
        if workers <= 1:
            _ingest_here(fresh, sink, model, rules_only, profile)
        else:
            _ingest_in_pool(fresh, sink, workers, model, rules_only, profile)
    return sink.summary


def _ingest_here(fresh: Iterator[ArticleInput], sink: Sink, model: str | None, rules_only: bool,
                 profile: str) -> None:
    nlp = load(model, rules_only, profile)
    for chunk in chunked(fresh, BATCH_SIZE):
        for item, result in zip(chunk, extract_batch(chunk, nlp)):
            _write(sink, item, result)


def _pool_context():
    # fork shares the parent's imported modules; elsewhere only spawn exists.
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _ingest_in_pool(fresh: Iterator[ArticleInput], sink: Sink, workers: int, model: str | None,
                    rules_only: bool, profile: str) -> None:
    with _pool_context().Pool(workers, initializer=_init_worker, initargs=(model, rules_only, profile)) as pool:
        pending: deque = deque()
        for chunk in chunked(fresh, BATCH_SIZE):
            pending.append((chunk, pool.apply_async(_extract_chunk, (chunk, model, rules_only, profile))))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                _collect(pending.popleft(), sink)
        while pending:
            _collect(pending.popleft(), sink)


def _collect(entry, sink: Sink) -> None:
    chunk, result = entry
    try:
        records = result.get()
    except Exception as error:  # noqa: BLE001 - a worker crash fails its chunk, not the run
        records = [Failure(item.origin, f"extraction failed: {type(error).__name__}: {error}") for item in chunk]
    for item, record in zip(chunk, records):
        _write(sink, item, record)


def reprocess(store, *, model: str | None = None, rules_only: bool = False, profile: str = "fast",
              progress: Progress | None = None) -> RunSummary:
    """Re-extract every stored article with the current pipeline (``profile``'s), in place."""
    nlp = load(model, rules_only, profile)
    # The origin carries the article id through the batch function.
    items = (ArticleInput(text, article, str(article_id)) for article_id, text, article in store.stored_articles())
    with Sink(store, None, progress) as sink:
        for chunk in chunked(items, BATCH_SIZE):
            for item, result in zip(chunk, extract_batch(chunk, nlp)):
                sink.replace(int(item.origin), result)
    return sink.summary

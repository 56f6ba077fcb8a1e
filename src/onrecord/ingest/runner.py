"""Ingest: sources in, records into the store, one writer.

Extraction runs in this process (``workers=1``) or in a pool of worker
processes that each load the model once; only this process touches the
database, so SQLite never sees two writers. Every article is stored in its own
transaction: a crash loses at most the articles in flight, never a committed
one, and rerunning the same command finishes the rest (duplicates are skipped).
"""
from __future__ import annotations

import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ..batch import BATCH_SIZE, chunked, extract_batch
from ..io import ArticleInput, Failure
from ..schema import Record
from . import Skipped, iter_sources

IN_FLIGHT_PER_WORKER = 2  # chunks queued per worker: enough to keep it busy, little held in memory


@dataclass
class IngestSummary:
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    store_seconds: float = 0.0  # time spent writing and checking duplicates
    errors: list[str] = field(default_factory=list)  # the first few, for the summary line

    @property
    def seen(self) -> int:
        return self.new + self.duplicate + self.failed + self.skipped

    def line(self) -> str:
        rate = self.seen / self.seconds if self.seconds else 0.0
        return (f"{self.new} new, {self.duplicate} duplicate, {self.failed} failed, {self.skipped} skipped "
                f"in {self.seconds:.1f}s ({rate:.1f} articles/s)")


Progress = Callable[[IngestSummary], None]

_worker_nlp = None


def _init_worker(model: str | None, rules_only: bool) -> None:
    global _worker_nlp
    from ..pipeline import load

    _worker_nlp = load(model, rules_only)


def _extract_chunk(chunk: list[ArticleInput]) -> list[Record | Failure]:
    return list(extract_batch(chunk, _worker_nlp))


class _Writer:
    """Everything that touches the store, in the main process."""

    def __init__(self, store, run_id: int, summary: IngestSummary, progress: Progress | None):
        self.store, self.run_id, self.summary, self.progress = store, run_id, summary, progress

    def _timed(self, call, *args, **kwargs):
        started = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            self.summary.store_seconds += time.perf_counter() - started

    def _tick(self) -> None:
        if self.progress is not None:
            self.progress(self.summary)

    def error(self, origin: str, reason: str, kind: str = "failed", language: str | None = None) -> None:
        self._timed(self.store.add_error, origin, reason, kind=kind, language=language, run_id=self.run_id)
        if kind == "skipped":
            self.summary.skipped += 1
        else:
            self.summary.failed += 1
            if len(self.summary.errors) < 20:
                self.summary.errors.append(f"{origin}: {reason}")
        self._tick()

    def fresh(self, items: Iterable[ArticleInput | Failure | Skipped]) -> Iterator[ArticleInput]:
        """Articles not stored yet; failures and skips are recorded on the way."""
        from ..store import content_hash, normalise_url

        for item in items:
            if isinstance(item, Skipped):
                self.error(item.origin, item.reason, "skipped", item.language)
            elif isinstance(item, Failure):
                self.error(item.origin, item.error)
            elif self._timed(self.store.is_duplicate, normalise_url(item.article.url), content_hash(item.text)):
                self.summary.duplicate += 1
                self._tick()
            else:
                yield item

    def write(self, item: ArticleInput, result: Record | Failure) -> None:
        from ..store import content_hash

        if isinstance(result, Failure):
            self.error(result.origin, result.error)
            return
        stored = self._timed(self.store.add_record, result, origin=item.origin,
                             text_hash=content_hash(item.text), run_id=self.run_id,
                             language=item.language)
        if stored is None:  # the same article twice in one run
            self.summary.duplicate += 1
        else:
            self.summary.new += 1
        self._tick()


def ingest(
    sources: Sequence[str],
    store,
    *,
    workers: int = 1,
    model: str | None = None,
    rules_only: bool = False,
    fetch: bool = True,
    progress: Progress | None = None,
) -> IngestSummary:
    """Read every source, extract each new article and store its record."""
    summary = IngestSummary()
    started = time.perf_counter()
    run_id = store.start_run("ingest " + " ".join(sources))
    writer = _Writer(store, run_id, summary, progress)
    fresh = writer.fresh(iter_sources(sources, fetch=fetch))
    try:
        if workers <= 1:
            _ingest_here(fresh, writer, model, rules_only)
        else:
            _ingest_in_pool(fresh, writer, workers, model, rules_only)
    finally:
        summary.seconds = time.perf_counter() - started
        store.finish_run(run_id, {"new": summary.new, "duplicate": summary.duplicate,
                                  "failed": summary.failed, "skipped": summary.skipped})
    return summary


def _ingest_here(fresh: Iterator[ArticleInput], writer: _Writer, model: str | None, rules_only: bool) -> None:
    from ..pipeline import load

    nlp = load(model, rules_only)
    for chunk in chunked(fresh, BATCH_SIZE):
        for item, result in zip(chunk, extract_batch(chunk, nlp)):
            writer.write(item, result)


def _pool_context():
    # fork shares the parent's imported modules; elsewhere only spawn exists.
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _ingest_in_pool(fresh: Iterator[ArticleInput], writer: _Writer, workers: int, model: str | None,
                    rules_only: bool) -> None:
    with _pool_context().Pool(workers, initializer=_init_worker, initargs=(model, rules_only)) as pool:
        pending: deque = deque()
        for chunk in chunked(fresh, BATCH_SIZE):
            pending.append((chunk, pool.apply_async(_extract_chunk, (chunk,))))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                _collect(pending.popleft(), writer)
        while pending:
            _collect(pending.popleft(), writer)


def _collect(entry, writer: _Writer) -> None:
    chunk, result = entry
    try:
        records = result.get()
    except Exception as error:  # noqa: BLE001 - a worker crash fails its chunk, not the run
        records = [Failure(item.origin, f"extraction failed: {type(error).__name__}: {error}") for item in chunk]
    for item, record in zip(chunk, records):
        writer.write(item, record)


def reprocess(store, *, model: str | None = None, rules_only: bool = False,
              progress: Progress | None = None) -> IngestSummary:
    """Re-extract every stored article with the current pipeline, in place."""
    from ..pipeline import load

    summary = IngestSummary()
    started = time.perf_counter()
    nlp = load(model, rules_only)
    # The origin carries the article id through the batch function.
    items = (ArticleInput(text, article, str(article_id)) for article_id, text, article in store.stored_articles())
    for chunk in chunked(items, BATCH_SIZE):
        for item, result in zip(chunk, extract_batch(chunk, nlp)):
            if isinstance(result, Failure):
                summary.failed += 1
                summary.errors.append(f"article {item.origin}: {result.error}")
            else:
                store.replace_record(int(item.origin), result)
                summary.new += 1
            if progress is not None:
                progress(summary)
    summary.seconds = time.perf_counter() - started
    return summary

"""The one way extraction results reach the store, and the one summary of a run.

Ingest, reprocess, ``onrecord load`` (Spark output) and ``demo --db`` all write
through a ``Sink``: every record in its own transaction (a crash loses at most the
one in flight), failures and skips as errors rows, everything under one runs row,
counted in one ``RunSummary``.

    with Sink(store, "ingest news/") as sink:
        for item, result in zip(items, extract_batch(items, nlp)):
            sink.write(result, origin=item.origin, language=item.language)
    print(sink.summary.line())
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..items import Failure, Item, Skipped
from ..schema import Record
from .keys import content_hash, normalise_url

if TYPE_CHECKING:
    from .store import Store

MAX_KEPT_ERRORS = 20  # failure messages kept for the closing summary; the errors table has them all


@dataclass
class RunSummary:
    """What a run did: articles stored new, found already stored, failed, skipped."""

    new: int = 0
    duplicate: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    store_seconds: float = 0.0  # time spent writing and checking duplicates
    errors: list[str] = field(default_factory=list)  # the first few failures, for the summary line

    @property
    def seen(self) -> int:
        return self.new + self.duplicate + self.failed + self.skipped

    def counts(self) -> dict[str, int]:
        """What the runs row keeps."""
        return {"new": self.new, "duplicate": self.duplicate, "failed": self.failed, "skipped": self.skipped}

    def failure(self, message: str) -> None:
        self.failed += 1
        if len(self.errors) < MAX_KEPT_ERRORS:
            self.errors.append(message)

    def line(self) -> str:
        rate = self.seen / self.seconds if self.seconds else 0.0
        return (f"{self.new} new, {self.duplicate} duplicate, {self.failed} failed, {self.skipped} skipped "
                f"in {self.seconds:.1f}s ({rate:.1f} articles/s)")


Progress = Callable[[RunSummary], None]


class Sink:
    """Writes results to ``store`` under one runs row (none when ``command`` is
    None: reprocess changes stored articles, it adds none). Use it as a context
    manager: leaving it closes the run with its counts, also after an error."""

    def __init__(self, store: Store, command: str | None, progress: Progress | None = None,
                 summary: RunSummary | None = None) -> None:
        self.store, self.command, self.progress = store, command, progress
        self.summary = summary if summary is not None else RunSummary()
        self.run_id: int | None = None
        self._started = 0.0

    def __enter__(self) -> Sink:
        self._started = time.perf_counter()
        if self.command is not None:
            self.run_id = self.store.start_run(self.command)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.summary.seconds = time.perf_counter() - self._started
        if self.run_id is not None:
            self.store.finish_run(self.run_id, self.summary.counts())

    def _timed(self, call: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return call(*args, **kwargs)
        finally:
            self.summary.store_seconds += time.perf_counter() - started

    def _tick(self) -> None:
        if self.progress is not None:
            self.progress(self.summary)

    def is_stored(self, text: str, url: str | None) -> bool:
        """Already stored (same normalised URL or same text): counted as a duplicate,
        so the caller can skip extracting it."""
        return self.is_stored_as(normalise_url(url), content_hash(text))

    def is_stored_as(self, url_norm: str | None, text_hash: str) -> bool:
        """is_stored with the keys already made (Spark's rows carry them)."""
        if not self._timed(self.store.is_duplicate, url_norm, text_hash):
            return False
        self.summary.duplicate += 1
        self._tick()
        return True

    def write(self, result: Record | Failure | Skipped, *, origin: str, language: str | None = None) -> int | None:
        """Store a record (its article id; None when it was a duplicate), or record
        a failure or a skip as an errors row. ``origin`` names a record in messages;
        a Failure or Skipped carries its own."""
        if isinstance(result, Record):
            stored = self._timed(self.store.add_record, result, origin=origin, run_id=self.run_id,
                                 language=language)
            if stored is None:  # the same article twice in one run, or another process won the race
                self.summary.duplicate += 1
            else:
                self.summary.new += 1
            self._tick()
            return stored
        if isinstance(result, Skipped):
            self.error(result.origin, result.reason, kind="skipped", language=result.language)
        else:
            self.error(result.origin, result.error)
        return None

    def error(self, origin: str, reason: str, *, kind: str = "failed", language: str | None = None,
              once: bool = False) -> None:
        """An errors row; with ``once``, not when the same one is stored already."""
        if once:
            if not self._timed(self.store.add_error_once, origin, reason, kind=kind, language=language,
                               run_id=self.run_id):
                return
        else:
            self._timed(self.store.add_error, origin, reason, kind=kind, language=language, run_id=self.run_id)
        if kind == "skipped":
            self.summary.skipped += 1
        else:
            self.summary.failure(f"{origin}: {reason}")
        self._tick()

    def replace(self, article_id: int, result: Record | Failure) -> None:
        """Reprocess: the stored article ``article_id`` gets the new record's rows."""
        if isinstance(result, Failure):
            self.summary.failure(f"article {article_id}: {result.error}")
        else:
            self._timed(self.store.replace_record, article_id, result)
            self.summary.new += 1
        self._tick()


def write_through(sink: Sink, items: Iterable[Item], results: Iterable[Record | Failure]) -> Iterator[Record | Failure]:
    """Each result passed on once the sink has written it, for a caller that shows
    results as they are stored (``demo --db``). ``results`` are extract_batch's
    for ``items``: one each, in order."""
    for item, result in zip(items, results):
        sink.write(result, origin=item.origin, language=getattr(item, "language", None))
        yield result

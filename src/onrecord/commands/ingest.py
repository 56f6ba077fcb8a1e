"""``onrecord ingest``: sources into the database (onrecord.ingest.runner)."""
from __future__ import annotations

import sys
import time
from typing import Callable

import click

from .base import OnrecordCommand, db_option, model_option, profile_option, rules_only_option


MAX_WORKERS = 256  # processes; more is a typo, and each loads the model
PROGRESS_SECONDS = 10.0  # seconds between progress lines when stderr is not a terminal


class _ProgressLine:
    """One line on stderr, rewritten in place: articles, rate, ETA, errors so far."""

    def __init__(self, total: int | None):
        self.total, self.started, self.shown = total, time.perf_counter(), 0.0

    def __call__(self, summary) -> None:
        now = time.perf_counter()
        if now - self.shown < 0.2:
            return
        self.shown = now
        elapsed = now - self.started
        rate = summary.seen / elapsed if elapsed else 0.0
        done = f"{summary.seen}/{self.total}" if self.total else f"{summary.seen}"
        eta = ""
        if self.total and rate:
            eta = f"  ETA {max(0, self.total - summary.seen) / rate:.0f}s"
        errors = summary.failed
        click.echo(f"\r{done} articles  {rate:.1f}/s{eta}  {errors} error(s)   ", err=True, nl=False)

    def close(self) -> None:
        click.echo("", err=True)


class _ProgressLog:
    """When stderr is a pipe or a file (cron, nohup, a CI log): a whole line every
    ``every`` seconds, so a long run is seen to be alive; nothing is rewritten in place."""

    def __init__(self, every: float | None = None, clock: Callable[[], float] = time.monotonic):
        self.every, self.clock = PROGRESS_SECONDS if every is None else every, clock
        self.started = self.shown = clock()

    def __call__(self, summary) -> None:
        now = self.clock()
        if now - self.shown < self.every:
            return
        self.shown = now
        elapsed = now - self.started
        rate = summary.seen / elapsed if elapsed else 0.0
        click.echo(f"ingest: {summary.seen} articles in {elapsed:.0f}s ({rate:.1f}/s), "
                   f"{summary.failed} error(s) so far", err=True)

    def close(self) -> None:
        """The summary line follows; nothing to finish."""


def _progress(sources: tuple[str, ...], reprocess: bool):
    """A progress line rewritten in place on a terminal, else a line every PROGRESS_SECONDS."""
    from ..ingest import count_sources

    if sys.stderr.isatty():
        return _ProgressLine(None if reprocess else count_sources(sources))
    return _ProgressLog()


@click.command(name="ingest", cls=OnrecordCommand)
@click.argument("sources", nargs=-1)
@db_option
@click.option("--workers", type=click.IntRange(1, MAX_WORKERS), default=1, show_default=True,
              help="Extraction processes; each loads the model once.")
@model_option()
@rules_only_option
@profile_option
@click.option("--no-fetch", is_flag=True, help="Never fetch pages over the network (feeds use their summaries).")
@click.option("--reprocess", is_flag=True, help="Re-extract the stored articles with the current pipeline.")
def ingest_command(sources: tuple[str, ...], db: str, workers: int, model: str | None, rules_only: bool,
                   profile: str, no_fetch: bool, reprocess: bool) -> None:
    """Ingest articles into the database: text, HTML, JSONL, WARC/WARC.GZ,
    RSS/Atom feeds (files or URLs), page URLs, folders (recursively), - for stdin.
    Articles already stored (same URL or same text) are skipped.

    Example:

        onrecord ingest news/ feeds.xml CC-NEWS-2024.warc.gz --workers 2

        onrecord ingest dump.jsonl --db postgresql://onrecord@localhost/news

        onrecord ingest --reprocess

        onrecord ingest news/ --profile accurate
    """
    from ..ingest.runner import ingest, reprocess as reprocess_all
    from ..pipeline import check_profile
    from ..store import open_store

    if not sources and not reprocess:
        raise click.UsageError("give at least one file, folder, feed or URL (or --reprocess)")
    check_profile(profile)  # a missing runtime is one message here, not one failure per worker
    store = open_store(db)
    progress = _progress(sources, reprocess)
    try:
        if reprocess:
            summary = reprocess_all(store, model=model, rules_only=rules_only, profile=profile, progress=progress)
        else:
            summary = ingest(sources, store, workers=workers, model=model, rules_only=rules_only, profile=profile,
                             fetch=not no_fetch, progress=progress)
    finally:
        if progress is not None:
            progress.close()
        store.close()
    for error in summary.errors[:5]:
        click.echo(f"error: {error}", err=True)
    if summary.failed > 5:
        click.echo(f"… and {summary.failed - 5} more (see the errors table)", err=True)
    click.echo(("reprocessed: " if reprocess else "") + summary.line(), err=True)
    if not reprocess and summary.new == 0 and summary.duplicate == 0:
        sys.exit(1)  # nothing could be ingested

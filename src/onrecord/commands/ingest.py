"""``onrecord ingest``: sources into the database (onrecord.ingest.runner)."""
from __future__ import annotations

import sys
import time

import click

from .base import OnrecordCommand, db_option, model_option, profile_option, rules_only_option


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


@click.command(name="ingest", cls=OnrecordCommand)
@click.argument("sources", nargs=-1)
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
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
    from ..ingest import count_sources
    from ..ingest.runner import ingest, reprocess as reprocess_all
    from ..pipeline import check_profile
    from ..store import open_store

    if not sources and not reprocess:
        raise click.UsageError("give at least one file, folder, feed or URL (or --reprocess)")
    check_profile(profile)  # a missing runtime is one message here, not one failure per worker
    store = open_store(db)
    progress = _ProgressLine(None if reprocess else count_sources(sources)) if sys.stderr.isatty() else None
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

"""`onrecord watch add|list|check|remove`: saved searches, also shown by the web app.

`check` prints the new matches of each watch and marks them seen, for cron.
The lead attaches it with ``for command in COMMANDS: main.add_command(command)``.
"""
from __future__ import annotations

import json
from typing import Any

import click

from ..schema import DEFAULT_ACTS
from .base import CONFIDENCE, DATE_BOUND, EVENT_TYPE, FACTUALITY, ROW_ID, OnrecordGroup, db_option, opened_store
from .store import outlet_alias


@click.group(cls=OnrecordGroup)
def watch() -> None:
    """Save searches and check them for new matches (for cron, or feed readers via `onrecord serve`).

    Example:

        onrecord watch add "China arms Russia" --event AID --source-actor CHN --target-actor RUS
        onrecord watch check
    """


@watch.command("add")
@click.argument("name")
@click.option("--kind", type=click.Choice(["events", "attributions"]), default="events", show_default=True,
              help="Watch PLOVER events or quotes (attributions).")
@click.option("--query", metavar="TEXT", help="Full-text query on quote content (as in `onrecord search`).")
@click.option("--speaker", metavar="NAME", help="Speaker (quotes) or any actor (events), by name or alias.")
@click.option("--actor", metavar="CODE", help="Actor code of the speaker / any event actor.")
@click.option("--event", type=EVENT_TYPE, metavar="TYPE", help="PLOVER event type (AID, ACCUSE, ...).")
@click.option("--factuality", type=FACTUALITY, help="What the text says of the event.")
@click.option("--outlet", metavar="DOMAIN", help="Publisher's domain.")
@outlet_alias
@click.option("--from", "date_from", type=DATE_BOUND, help="Articles on or after this date.")
@click.option("--to", "date_to", type=DATE_BOUND, help="Articles on or before this date.")
@click.option("--source-actor", "source_code", metavar="CODE", help="Events: a source actor has this code (CHN).")
@click.option("--target-actor", "target_code", metavar="CODE", help="Events: a target actor has this code (RUS).")
@click.option("--min-confidence", type=CONFIDENCE, help="Events: only those the detector gave at least this confidence (0-1).")
@click.option("--act", metavar="ACTS", default=None,
              help=f"Quotes: these acts, speech, thought, evidence (comma-separated), or all [default: {DEFAULT_ACTS}].")
@click.option("--include-existing", is_flag=True, help="Count what is already stored as new.")
@db_option
def add(name: str, kind: str, db: str, include_existing: bool, source_alias: str | None, **params: Any) -> None:
    """Save a search as a watch named NAME.

    Example:

        onrecord watch add "China arms Russia" --event AID --source-actor CHN --target-actor RUS

        onrecord watch add "Stoltenberg's views" --kind attributions --speaker Stoltenberg --act speech,thought
    """
    from ..store.watches import describe

    params["outlet"] = params["outlet"] or source_alias
    if params["min_confidence"] is not None:
        params["min_confidence"] = f"{params['min_confidence']:g}"  # watches keep filters as text
    if kind == "attributions" and params["act"] is None:
        params["act"] = DEFAULT_ACTS  # as `onrecord search`: speech unless asked for more
    with opened_store(db) as store:
        w = store.add_watch(name, kind, params, include_existing=include_existing)
    click.echo(f"watch {w['id']}: {w['name']} ({describe(w)})")


@watch.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
def list_(fmt: str, db: str) -> None:
    """List watches with their counts of new matches.

    Example:

        onrecord watch list --format json
    """
    from ..store.watches import describe

    with opened_store(db) as store:
        rows = store.watches()
        for w in rows:
            w["new"] = store.count_new_matches(w)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    for w in rows:
        click.echo(f"{w['id']:>4}  {w['new']:>5} new  {w['name']}  ({describe(w)})")
        if w.get("problem"):
            click.echo(f"      cannot run: {w['problem']}", err=True)
    if not rows:
        click.echo("no watches; add one with `onrecord watch add NAME --event AID ...`", err=True)


@watch.command("check")
@click.argument("ids", nargs=-1, type=ROW_ID)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=100, show_default=True,
              help="At most this many matches printed per watch.")
@click.option("--dry-run", is_flag=True, help="Print new matches without marking them seen.")
@db_option
def check(ids: tuple[int, ...], fmt: str, limit: int, dry_run: bool, db: str) -> None:
    """Print new matches of every watch (or those with the given IDS) and mark them seen.

    A watch that cannot run (say, a query saved before queries were checked) is
    reported on stderr and skipped; the others still run, and the exit status is 1.

    Example (cron, hourly):

        0 * * * *  onrecord watch check --db /srv/news.db
    """
    with opened_store(db) as store:
        out = store.check_watches(ids, limit=limit, dry_run=dry_run)
    if fmt == "json":
        click.echo(json.dumps(out, ensure_ascii=False, indent=2, default=str))
    else:
        _print_check(out)
    failed = [item for item in out if item.get("problem")]
    for item in failed:
        click.echo(f"error: watch {item['watch']} ({item['name']}) skipped: {item['problem']}", err=True)
    if failed:
        raise SystemExit(1)  # cron mails the output; the status tells scripts a watch needs fixing


def _print_check(out: list[dict]) -> None:
    for item in out:
        if item.get("problem"):
            continue
        click.echo(f"== watch {item['watch']}: {item['name']}: {item['new']} new")
        for r in item["matches"]:
            if "event_id" in r:
                click.echo(f"  {r['date'] or '-'}  {r.get('source_names') or '?'} {r['type']} "
                           f"{r.get('target_names') or ''} ({r['factuality']})  [{r.get('title') or ''}]")
            else:
                click.echo(f"  {r['date'] or '-'}  {r.get('speaker') or r.get('source_text') or '?'}: {r['quote'][:120]}")


@watch.command("remove")
@click.argument("watch_id", type=ROW_ID)
@db_option
def remove(watch_id: int, db: str) -> None:
    """Delete a watch.

    Example:

        onrecord watch remove 3
    """
    with opened_store(db) as store:
        store.remove_watch(watch_id)
    click.echo(f"watch {watch_id} removed")


COMMANDS = [watch]

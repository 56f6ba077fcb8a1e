"""Corpus commands: search, export, stats, entities. Thin: one verb, one Store method.

The lead attaches them with ``for command in COMMANDS: main.add_command(command)``.
"""
from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import click

from ..schema import DEFAULT_ACTS
from .base import CONFIDENCE, DATE_BOUND, EVENT_TYPE, FACTUALITY, OFFSET, OnrecordCommand, OnrecordGroup, db_option, opened_store

if TYPE_CHECKING:  # the store is imported late: `onrecord extract` need not load SQLAlchemy
    from ..store import Filters

FILTER_NAMES = ("speaker", "actor", "event", "factuality", "date_from", "date_to", "outlet", "act", "min_confidence")


def _filter_options(func: Callable) -> Callable:
    options = [
        click.option("--speaker", metavar="NAME", help="Speaker's name or any alias (any case)."),
        click.option("--actor", metavar="CODE", help="Country (CHN) or organisation (NATO) code of the speaker / event actor."),
        click.option("--event", type=EVENT_TYPE, metavar="TYPE", help="PLOVER event type (AID, ACCUSE, ...)."),
        click.option("--factuality", type=FACTUALITY, help="What the text says of the event."),
        click.option("--min-confidence", type=CONFIDENCE, help="Events the detector gave at least this confidence "
                     "(0-1; its calibrated chance that the event is real). Events; with --event or "
                     "--factuality on quotes, the article's event must reach it."),
        click.option("--from", "date_from", type=DATE_BOUND, help="Articles on or after this date (YYYY[-MM[-DD]])."),
        click.option("--to", "date_to", type=DATE_BOUND, help="Articles on or before this date (YYYY[-MM[-DD]])."),
        click.option("--outlet", metavar="DOMAIN", help="Publisher's domain, e.g. reuters.com (subdomains included)."),
        outlet_alias,
        click.option("--act", metavar="ACTS", default=DEFAULT_ACTS, show_default=True,
                     help="Attributions of these acts: speech, thought, evidence (comma-separated), or all "
                          "(titles and terms too). Attributions only."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


# --source was the first name of --outlet; kept, hidden, so scripts using it still work.
outlet_alias = click.option("--source", "source_alias", metavar="DOMAIN", hidden=True)


def filter_values(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The filter options as Filters keywords, --source folded into --outlet."""
    values = {name: kwargs.get(name) for name in FILTER_NAMES}
    values["outlet"] = values["outlet"] or kwargs.get("source_alias")
    if values["min_confidence"] is not None:
        values["min_confidence"] = f"{values['min_confidence']:g}"  # Filters keeps filters as text
    return values


def _filters(query: str | None, kwargs: dict[str, Any]) -> Filters:
    """The validated Filters the store reads with; a bad value is a one-line error."""
    from ..store import Filters

    return Filters.make(query, **filter_values(kwargs))


@click.command(cls=OnrecordCommand)
@click.argument("query", required=False)
@_filter_options
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Results per page.")
@click.option("--offset", type=OFFSET, default=0, help="Skip this many results (next page).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@db_option
def search(query: str | None, limit: int, offset: int, fmt: str, db: str, **kwargs: Any) -> None:
    """Search stored quotes and reported speech by words, speaker, actor, date and more.

    QUERY is full-text: words, "a phrase", AND / OR / NOT (SQLite FTS5 syntax;
    PostgreSQL reads it like a web search).

    Example:

        onrecord search "air defence" --speaker Solberg --from 2024-01 --format json

        onrecord search "inflation" --act speech,thought,evidence
    """
    filters = _filters(query, kwargs)
    with opened_store(db) as store:
        rows = store.search(filters, limit=limit, offset=offset)
        total = store.count(filters)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _csv(rows, sys.stdout)
    else:
        for row in rows:
            where = " ".join(str(x) for x in (row["date"], row["source"], f"#{row['article_id']}") if x)
            act = "" if row["act"] == "speech" else f", {row['act'] or 'no act'}"  # say so when it is not speech
            click.echo(f"{row['speaker'] or row['source_text'] or '?'} ({row['kind']}, {row['cue'] or '-'}{act}) [{where}]")
            click.echo(f"    {row['quote']}")
        click.echo(f"{len(rows)} of {total} shown (offset {offset})", err=True)


def _csv(rows: list[dict], out: Any) -> None:
    from ..store.export import formula_safe_row  # the export's CSV rule: no cell a spreadsheet runs

    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(map(formula_safe_row, rows))


@click.command(cls=OnrecordCommand)
@click.argument("query", required=False)
@click.option("--what", type=click.Choice(["attributions", "events", "entities", "articles"]), required=True)
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), required=True)
@click.option("-o", "--output", required=True, help="File to write, or - for stdout.")
@_filter_options
@db_option
def export(query: str | None, what: str, fmt: str, output: str, db: str, **kwargs: Any) -> None:
    """Export attributions, events, entities or articles, streamed in batches.

    Filters work as in `onrecord search`; for --what events, --event and
    --factuality are the event's own, --speaker/--actor one of its actors.

    Example:

        onrecord export --what events --format parquet --actor CHN -o china-events.parquet
    """
    target: Any = (sys.stdout.buffer if fmt == "parquet" else sys.stdout) if output == "-" else _writable(output)
    filters = _filters(query, kwargs)
    with opened_store(db) as store:
        try:
            written = store.export(what, fmt, target, filters)
        except OSError as error:  # the disk filled up, permission denied on the file itself
            raise click.ClickException(f"cannot write {output}: {error.strerror or error}") from None
    click.echo(f"{written} {what} written to {output}", err=True)


def _writable(output: str) -> str:
    """``-o``'s path, checked before the database is read: a file in a folder that exists."""
    path = Path(output)
    if path.is_dir():
        raise click.BadParameter(f"{output} is a folder; give a file name in it", param_hint="'-o' / '--output'")
    folder = path.parent
    if not folder.is_dir():
        raise click.BadParameter(f"folder {folder} does not exist; create it first", param_hint="'-o' / '--output'")
    if not os.access(folder, os.W_OK):
        raise click.BadParameter(f"folder {folder} is not writable", param_hint="'-o' / '--output'")
    return output


@click.command(cls=OnrecordCommand)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
def stats(fmt: str, db: str) -> None:
    """Counts: articles by source and month, top speakers, top event dyads.

    Example:

        onrecord stats --db postgresql://localhost/news --format json
    """
    with opened_store(db) as store:
        result = store.stats()
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo("totals: " + ", ".join(f"{k} {v}" for k, v in result["totals"].items()))
    sections = {"by source": ("source", "articles"), "by month": ("month", "articles"),
                "top speakers": ("name", "attributions"), "top dyads": (None, "events")}
    for title, (label, value) in sections.items():
        click.echo(f"\n{title}:")
        for row in result[title.replace(" ", "_")]:
            name = row[label] if label else f"{row['source']} -> {row['target']} {row['type']}"
            click.echo(f"  {row[value]:>7}  {name if name is not None else '(none)'}")


@click.group(cls=OnrecordGroup)
def entities() -> None:
    """List and correct the corpus's people, organisations and places.

    Corrections are kept and applied again when articles are re-ingested or
    reprocessed.

    Example:

        onrecord entities merge "Solberg" "Maren Solberg"
    """


@entities.command("merge")
@click.argument("a")
@click.argument("b")
@db_option
def merge(a: str, b: str, db: str) -> None:
    """Merge entity A into entity B (each an id or an exact name).

    Example:

        onrecord entities merge 17 "Maren Solberg"
    """
    with opened_store(db) as store:
        store.merge_entities(a, b)
    click.echo(f"merged {a} into {b}", err=True)


@entities.command("split")
@click.argument("entity")
@click.argument("alias")
@db_option
def split(entity: str, alias: str, db: str) -> None:
    """Make ALIAS of ENTITY (id or exact name) an entity of its own.

    Example:

        onrecord entities split "Maren Solberg" "Erik Solberg"
    """
    with opened_store(db) as store:
        new_id = store.split_entity(entity, alias)
    click.echo(f"{alias} is now entity {new_id}", err=True)


@entities.command("aliases")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@db_option
def aliases(path: str, db: str) -> None:
    """Load an alias file: alias<TAB>canonical name[<TAB>TYPE] per line.

    Example:

        printf 'Xi\\tXi Jinping\\tPERSON\\n' > aliases.tsv && onrecord entities aliases aliases.tsv
    """
    with opened_store(db) as store:
        loaded = store.load_aliases(path)
    click.echo(f"{loaded} aliases loaded", err=True)


@entities.command("list")
@click.option("--name", help="Part of a name or alias (any case).")
@click.option("--limit", type=click.IntRange(1, 1000), default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@db_option
def list_entities(name: str | None, limit: int, fmt: str, db: str) -> None:
    """List entities with their ids, codes and aliases.

    Example:

        onrecord entities list --name solberg
    """
    with opened_store(db) as store:
        rows = store.entities(name, limit)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        code = "/".join(c for c in (row["country"], row["org"], row["sector"]) if c) or "-"
        click.echo(f"{row['id']:>6}  {row['name']} ({row['type']}, {code})  aliases: {', '.join(row['aliases']) or '-'}")


COMMANDS: list[click.Command] = [search, export, stats, entities]

"""The command line: one verb, one library function. Logic lives in the library.

What lives where: ``onrecord.cli`` is the entry point. It holds the root group
``main`` and the commands that read articles one by one, with no database:
``extract``, ``demo`` and ``eval``. ``onrecord.commands`` holds the
commands over a stored corpus, one module per area (ingest; search, export,
stats and entities; watch; serve; spark and load), and ``train``, one
subcommand per shipped model, each listing its commands in
COMMANDS for ``main`` to attach. ``onrecord.commands.base`` holds what all of
them share: OnrecordGroup and OnrecordCommand, which turn an OnrecordError into
a one-line message and exit status 1 (so no command catches OnrecordError
itself), and the ``--model``, ``--rules-only`` and ``--db`` options, declared
once. A command body parses its options, calls the library and prints the
result; anything more belongs in the library.
"""
from __future__ import annotations

import json
import sys
import time
from importlib import resources
from pathlib import Path

import click

from . import batch, pipeline
from .commands.base import OnrecordGroup, model_option, profile_option, rules_only_option
from .items import ArticleInput, Failure
from .render import record_table
from .schema import DEFAULT_ACTS, select_acts

FORMATS = ("table", "json", "jsonl")


def _emit(records, fmt: str, out, total: int = 0, act: str = DEFAULT_ACTS) -> tuple[int, int]:
    """Print records as they come; failures go to stderr. Returns (ok, failed).
    With ``total`` > 1 and a terminal on stderr, a progress bar shows rate and ETA."""
    ok = failed = 0
    show = total > 1 and sys.stderr.isatty()
    with click.progressbar(records, length=total, label="articles", file=sys.stderr, show_pos=True,
                           show_eta=True) if show else _NoBar(records) as results:
        ok, failed = _write(results, fmt, out, act)
    return ok, failed


def _write(records, fmt: str, out, act: str = DEFAULT_ACTS) -> tuple[int, int]:
    ok = failed = 0
    for result in records:
        if isinstance(result, Failure):
            failed += 1
            click.echo(f"error: {result.origin}: {result.error}", err=True)
            continue
        ok += 1
        if fmt == "table":
            out.write(record_table(result, act=act) + "\n")
        elif fmt == "json":
            out.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
    return ok, failed


@click.group(cls=OnrecordGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="onrecord")
def main() -> None:
    """onrecord: who said what, and who did what to whom, in English news.

    Example:

        onrecord extract article.txt
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="table (default for one article), json, or jsonl (default for several).")
@click.option("--date", default=None, metavar="YYYY-MM-DD", help="Publication date for articles that have none.")
@model_option()
@rules_only_option
@profile_option
@click.option("--predicates", is_flag=True, help="Also list every predicate with its polarity, certainty and time (JSON formats).")
@click.option("--act", default=DEFAULT_ACTS, show_default=True, metavar="ACTS",
              help="Table format: attributions of these acts, speech, thought, evidence (comma-separated) or all. "
                   "JSON always has every attribution, each with its act.")
def extract(paths: tuple[str, ...], fmt: str | None, date: str | None, model: str | None, rules_only: bool,
            profile: str, predicates: bool, act: str) -> None:
    """Extract attributions, events and dates from articles: files, folders,
    JSONL, or - for stdin.

    Example:

        onrecord extract article.txt --date 2023-02-24

        onrecord extract news/ --format jsonl > records.jsonl

        onrecord extract article.txt --format json --predicates

        cat article.txt | onrecord extract - --format json

        onrecord extract article.txt --profile accurate

        onrecord extract article.txt --act speech,thought,evidence
    """
    from .ingest import read_inputs

    select_acts(act)  # a bad --act fails before the model loads

    date = pipeline.check_date(date)
    items = list(read_inputs(paths))
    if fmt is None:
        fmt = "table" if len(items) == 1 else "jsonl"
    if date:
        for item in items:
            if isinstance(item, ArticleInput) and not item.article.date:
                item.article.date = date
    nlp = pipeline.load(model, rules_only, profile)
    ok, failed = _emit(batch.extract_batch(items, nlp, predicates=predicates), fmt, sys.stdout, total=len(items), act=act)
    if failed:
        click.echo(f"{ok} article(s) extracted, {failed} failed", err=True)
    if ok == 0:
        sys.exit(1)


@main.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", help="Output format.")
@model_option()
@rules_only_option
@profile_option
@click.option("--db", default=None, help="Also store the records in this database, for `onrecord serve`.")
def demo(fmt: str, model: str | None, rules_only: bool, profile: str, db: str | None) -> None:
    """Extract who said what, and who did what to whom, from the bundled sample
    corpus of fictional articles.

    Example:

        onrecord demo

        onrecord demo --db demo.db && onrecord serve --db demo.db

        onrecord demo --format jsonl > demo.jsonl

        onrecord demo --profile accurate
    """
    from .ingest import read_inputs

    corpus = Path(str(resources.files("onrecord") / "demo" / "articles.jsonl"))
    nlp = pipeline.load(model, rules_only, profile)
    started = time.perf_counter()
    items = list(read_inputs([str(corpus)]))
    records = batch.extract_batch(items, nlp)
    if db:
        ok, failed = _emit_stored(items, records, fmt, db)
    else:
        ok, failed = _emit(records, fmt, sys.stdout)
    click.echo(f"{ok} demo articles extracted in {time.perf_counter() - started:.1f}s ({failed} failed)", err=True)
    if db:
        click.echo(f"stored in {db}; browse them with: onrecord serve --db {db}", err=True)


def _emit_stored(items, records, fmt: str, db: str) -> tuple[int, int]:
    """_emit, each record stored in ``db`` on the way (one already stored is left as it is)."""
    from .store import open_store
    from .store.sink import Sink, write_through

    with open_store(db) as store, Sink(store, "demo") as sink:
        return _emit(write_through(sink, items, records), fmt, sys.stdout)


@main.group(name="eval")
def evaluate() -> None:
    """Score onrecord against gold-standard data sets.

    Example:

        onrecord eval polnear ../shared/data/polnear --split dev

        onrecord eval plv ../shared/data/plover/train/PLV_train.tsv

        onrecord eval meantime ../shared/data/meantime
    """


@evaluate.command(name="polnear")
@click.argument("path", type=click.Path(file_okay=False))
@click.option("--split", type=click.Choice(["train", "dev"]), default="dev", help="Which split to score.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N articles (for a quick look).")
@model_option()
@rules_only_option
@profile_option
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of a table.")
def eval_polnear(path: str, split: str, limit: int | None, model: str | None, rules_only: bool, profile: str,
                 as_json: bool) -> None:
    """Score attributions against PolNeAR gold (source, cue, content spans).

    Example:

        onrecord eval polnear ../shared/data/polnear --split dev

        onrecord eval polnear ../shared/data/polnear --split dev --profile accurate
    """
    from .evaluate import polnear

    nlp = pipeline.load(model, rules_only, profile)

    def predict(text: str):
        # PolNeAR's unit is one relation per cue: split quotes are regrouped (see as_relations).
        return polnear.as_relations(batch.extract(text, nlp=nlp))

    with click.progressbar(length=limit or 0, label="articles", file=sys.stderr,
                           show_pos=True) if sys.stderr.isatty() else _NoBar() as bar:
        scores = polnear.evaluate(Path(path), split, predict, limit=limit,
                                  progress=lambda done, total: _advance(bar, total))
    click.echo(json.dumps(scores, indent=2) if as_json else polnear.format_report(scores))


@evaluate.command(name="plv")
@click.argument("path", type=click.Path(dir_okay=False, exists=True))
@click.option("--folds", type=int, default=5, show_default=True, help="Cross-validation folds for the headline score.")
@model_option("Used for the end-to-end part.")
@click.option("--profile", type=click.Choice(["both", "fast", "accurate"]), default="both", show_default=True,
              help="Pair classifier: fast = linear model; accurate = fine-tuned encoder (needs "
                   "onrecord[accurate]); both = each, the encoder without its cross-validation "
                   "(--profile accurate runs it; that needs torch).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of a table.")
def eval_plv(path: str, folds: int, model: str | None, profile: str, as_json: bool) -> None:
    """Score PLOVER event types on PLV sentences: first with the source and target
    given (root accuracy and macro-F1; YIELD = CONCEDE + RETREAT), then end to
    end, with onrecord finding the events itself.

    Example:

        onrecord eval plv ../shared/data/plover/train/PLV_train.tsv

        onrecord eval plv --profile accurate --folds 0 held_out.tsv
    """
    from .evaluate.plv import evaluate_profiles, format_profiles_report
    from .evaluate.plv_events import evaluate_plv_events, format_plv_events_report

    nlp = pipeline.load(model)
    pairs = evaluate_profiles(Path(path), folds=folds, profile=profile, log=lambda msg: click.echo(msg, err=True))
    events = evaluate_plv_events(Path(path), nlp)
    if as_json:
        click.echo(json.dumps({"pairs": pairs, "end_to_end": events}, indent=2))
    else:
        click.echo(format_profiles_report(pairs) + "\n\n" + format_plv_events_report(events))


def _score_blind_set(module, nlp, gold: str, shared: str, split: str, as_json: bool, show_errors: bool,
                     errors_key: str, error_line, **options) -> None:
    """Run one of the blind sets' scorers (evaluate/speakers, events, dates) and
    print its report; errors, on stderr, only for the dev and train splits."""
    from .batch import extract

    scores = module.evaluate(Path(gold), Path(shared), lambda text, date: extract(text, date, nlp=nlp),
                             split=split, **options)
    errors = scores.pop(errors_key)
    click.echo(json.dumps(scores, indent=2) if as_json else module.format_report(scores))
    if show_errors:
        for e in errors:
            click.echo("  " + error_line(e), err=True)


def _dev_only(show_errors: bool, split: str) -> None:
    if show_errors and split not in ("dev", "train"):
        raise click.UsageError("--errors lists the dev and train splits only: rules must not be written from "
                               "held-out errors")


@evaluate.command(name="speakers")
@click.argument("shared", type=click.Path(file_okay=False, exists=True))
@click.option("--split", type=click.Choice(["dev", "heldout", "train", "all"]), default="heldout", show_default=True,
              help="heldout is the half no rule was written from; dev is the half to tune on; train is extra "
                   "training data (the confidence tables are fitted on it); all is dev and heldout.")
@click.option("--gold", type=click.Path(dir_okay=False), default="tests/data/speakers/speakers.jsonl",
              show_default=True, help="The labelled set (its README says how it was made).")
@click.option("--errors", "show_errors", is_flag=True, help="List the wrong speakers (dev and train splits only).")
@model_option()
@rules_only_option
@profile_option
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of a table.")
def eval_speakers(shared: str, split: str, gold: str, show_errors: bool, model: str | None, rules_only: bool,
                  profile: str, as_json: bool) -> None:
    """Score quotes and speakers against the blind-labelled speaker set (Wikinews and
    PolNeAR train articles, texts read from SHARED, the ../shared/data folder).

    Example:

        onrecord eval speakers ../shared/data

        onrecord eval speakers ../shared/data --split dev --errors
    """
    from .evaluate import speakers

    _dev_only(show_errors, split)
    _score_blind_set(speakers, pipeline.load(model, rules_only, profile), gold, shared, split, as_json, show_errors,
                     "speaker_errors", lambda e: f"{e['article']}: gold {e['gold']!r}, predicted {e['predicted']!r} "
                                                 f"({e['confidence']:.2f}) {e['content'] or ''}")


@evaluate.command(name="events")
@click.argument("shared", type=click.Path(file_okay=False, exists=True))
@click.option("--split", type=click.Choice(["dev", "heldout", "train", "all"]), default="heldout", show_default=True,
              help="heldout is the half no rule was written from; dev is the half to tune on; train is extra "
                   "training data for the detector (in-sample); all is dev and heldout.")
@click.option("--gold", type=click.Path(dir_okay=False), default="tests/data/events/events.jsonl",
              show_default=True, help="The labelled set (its README says how it was made).")
@click.option("--errors", "show_errors", is_flag=True, help="List the wrong events (dev and train splits only).")
@model_option()
@profile_option
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of a table.")
def eval_events(shared: str, split: str, gold: str, show_errors: bool, model: str | None, profile: str,
                as_json: bool) -> None:
    """Score events (detection, type, source, target, factuality) against the
    blind-labelled event set (Wikinews and PolNeAR train articles, texts read
    from SHARED, the ../shared/data folder).

    Example:

        onrecord eval events ../shared/data

        onrecord eval events ../shared/data --split dev --errors
    """
    from .evaluate import events

    _dev_only(show_errors, split)
    _score_blind_set(events, pipeline.load(model, False, profile), gold, shared, split, as_json, show_errors,
                     "errors", lambda e: f"{e['article']}: {e['trigger']!r} predicted {e['predicted']}, gold {e['gold']}"
                                         + (f", got {e['got']}" if e.get("got") else ""))


@evaluate.command(name="dates")
@click.argument("shared", type=click.Path(file_okay=False, exists=True))
@click.option("--split", type=click.Choice(["dev", "heldout", "all"]), default="heldout", show_default=True,
              help="heldout is the half no rule was written from; dev is the half to tune on.")
@click.option("--subset", type=click.Choice(["all", "unseen"]), default="all", show_default=True,
              help="unseen: leave out the MEANTIME articles the date rules were written from.")
@click.option("--gold", type=click.Path(dir_okay=False), default="tests/data/dates/dates.jsonl",
              show_default=True, help="The labelled set (its README says how it was made).")
@click.option("--errors", "show_errors", is_flag=True, help="List the wrong dates (dev split only).")
@model_option()
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of a table.")
def eval_dates(shared: str, split: str, subset: str, gold: str, show_errors: bool, model: str | None,
               as_json: bool) -> None:
    """Score date expressions and their values against the blind-labelled
    Wikinews date set (texts read from SHARED, the ../shared/data folder).

    Example:

        onrecord eval dates ../shared/data --subset unseen

        onrecord eval dates ../shared/data --split dev --errors
    """
    from .evaluate import dates

    _dev_only(show_errors, split)
    _score_blind_set(dates, pipeline.load(model), gold, shared, split, as_json, show_errors, "errors",
                     lambda e: f"{e['article']}: {e['text']!r} predicted {e['predicted']}, gold {e['gold']}",
                     subset=subset)


@evaluate.command(name="meantime")
@click.argument("path", type=click.Path(file_okay=False, exists=True))
@model_option()
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of a table.")
def eval_meantime(path: str, model: str | None, as_json: bool) -> None:
    """Score predicates (coverage; polarity, certainty and time macro-F1) and date
    values against NewsReader MEANTIME.

    Example:

        onrecord eval meantime ../shared/data/meantime
    """
    from .evaluate.meantime import evaluate_predicates, format_predicates_report
    from .evaluate.meantime_dates import evaluate_dates, format_dates_report

    nlp = pipeline.load(model)
    predicates = evaluate_predicates(Path(path), nlp=nlp)
    dates = evaluate_dates(Path(path))
    if as_json:
        click.echo(json.dumps({"predicates": predicates, "dates": dates}, indent=2))
    else:
        click.echo(format_predicates_report(predicates) + "\n\n" + format_dates_report(dates))


class _NoBar:
    """Stands in for click's progress bar when stderr is not a terminal."""

    def __init__(self, items=None):
        self.items = items

    def __enter__(self):
        return self.items

    def __exit__(self, *exc):
        return False


def _advance(bar, total: int) -> None:
    if bar is not None:
        bar.length = total
        bar.update(1)


def _attach_commands() -> None:
    """The corpus commands live in onrecord.commands, one module per area."""
    from .commands import serve, spark, store, train, watch
    from .commands.ingest import ingest_command

    main.add_command(ingest_command)
    for command in store.COMMANDS + train.COMMANDS + serve.COMMANDS + watch.COMMANDS + spark.COMMANDS:
        main.add_command(command)


_attach_commands()


if __name__ == "__main__":  # pragma: no cover
    main()

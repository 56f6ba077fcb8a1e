"""``onrecord spark`` (extraction on Spark, to Parquet) and ``onrecord load``
(that Parquet into the database). docs/spark.md."""
from __future__ import annotations

import sys

import click

from .base import OnrecordCommand, db_option, model_option, opened_store, profile_option, rules_only_option


@click.command(name="spark", cls=OnrecordCommand)
@click.argument("inputs", nargs=-1, required=True)
@click.option("--output", "-o", required=True, help="Folder (local, hdfs://, s3a://) for the Parquet tables.")
@click.option("--partitions", type=click.IntRange(min=1), default=None,
              help="Extraction tasks (default: 16 per core of the cluster's default parallelism).")
@model_option("It must be installed on every executor.")
@rules_only_option
@profile_option
@click.option("--master", default=None,
              help="Spark master, e.g. 'local[2]', yarn, spark://host:7077 (default: spark-submit's, else local[*]).")
@click.option("--language", "languages", multiple=True, default=("en",), show_default=True,
              help="Keep articles in this language (ISO 639-1); others become 'skipped' errors rows. Repeatable.")
@click.option("--path-prefix", default="", help="Put before every path a manifest lists (e.g. s3a://commoncrawl/).")
@click.option("--overwrite", is_flag=True, help="Replace the tables already in --output.")
def spark_command(inputs: tuple[str, ...], output: str, partitions: int | None, model: str | None, rules_only: bool,
                  profile: str, master: str | None, languages: tuple[str, ...], path_prefix: str,
                  overwrite: bool) -> None:
    """Extract articles on Spark into Parquet tables articles, entities,
    attributions, events and errors, partitioned by publication year/month.

    INPUTS are files or folders Spark can read (local, hdfs://, s3a://) of
    WARC/WARC.GZ, JSONL or text, or manifests listing such paths one per line
    (@list.txt, or a name ending .paths, .paths.gz, .manifest, .lst).
    Needs pyspark (pip install 'onrecord[spark]') and Java 17; --profile accurate
    also needs onrecord[accurate] on every executor.

    Example:

        onrecord spark CC-NEWS-*.warc.gz --output out/ --master 'local[2]'

        onrecord spark warc.paths.gz --path-prefix s3a://commoncrawl/ --output s3a://bucket/onrecord/

        onrecord spark news/ --output out/ --profile accurate

        onrecord load out/ --db postgresql://onrecord@localhost/news
    """
    from ..pipeline import check_profile
    from ..spark import driver as job

    check_profile(profile)  # the driver's own check, before any executor fails on it
    created = job.active_session() is None
    spark = job.session(master)
    try:
        summary = job.run(spark, inputs, output, partitions=partitions, model=model, rules_only=rules_only,
                          profile=profile, languages=[lang.lower() for lang in languages] or None, path_prefix=path_prefix,
                          mode="overwrite" if overwrite else "errorifexists")
    except ValueError as error:  # Spark's own refusals (e.g. the output exists) are for the user too
        raise click.ClickException(str(error)) from None
    finally:
        if created:  # a session this command started (not one a notebook or test already had)
            spark.stop()
    click.echo(summary.line(), err=True)
    if summary.articles == 0:
        sys.exit(1)


@click.command(name="load", cls=OnrecordCommand)
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--no-errors", is_flag=True, help="Do not copy the errors table into the database.")
def load_command(directory: str, db: str, no_errors: bool) -> None:
    """Load the Parquet that `onrecord spark` wrote into the database. Duplicates
    (same URL or text) are skipped as in `onrecord ingest`: loading twice adds nothing.

    Example:

        onrecord load out/ --db postgresql://onrecord@localhost/news
    """
    from ..spark.to_store import store_spark_output, stored_line

    with opened_store(db) as store:
        summary = store_spark_output(directory, store, errors=not no_errors)
    click.echo(stored_line(summary), err=True)


COMMANDS = [spark_command, load_command]

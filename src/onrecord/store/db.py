"""Opening the database: URL handling, SQLite pragmas, migrations to head."""
from __future__ import annotations

import os
from contextlib import contextmanager
from importlib import resources
from typing import Any, Iterator

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, Table, create_engine, event, make_url
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from ..errors import StoreError

DEFAULT_DB = "onrecord.db"
MIGRATION_LOCK = 0x6F6E7265  # "onre": any constant other programs are unlikely to use
BUSY_TIMEOUT_MS = 30_000  # a second ingest process waits for the lock instead of failing


def database_url(url: str | None) -> str:
    """``None`` -> ./onrecord.db; a plain path -> SQLite file; ``postgresql://`` uses psycopg 3."""
    if not url:
        url = DEFAULT_DB
    if "://" not in url:
        return f"sqlite:///{os.path.abspath(url)}"
    if url.startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver we ship with; plain postgresql:// would pick psycopg2.
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def create(url: str | None) -> Engine:
    try:
        parsed = make_url(database_url(url))
        if parsed.get_backend_name() not in ("sqlite", "postgresql"):
            raise StoreError(f"unsupported database {url!r}: use a SQLite file path or postgresql://...")
        engine = create_engine(parsed)
    except (ArgumentError, SQLAlchemyError, ImportError) as error:
        raise StoreError(f"cannot open database {url!r}: {reason(error)}") from error
    if engine.dialect.name == "sqlite":
        _sqlite_setup(engine)
    return engine


def reason(error: Exception) -> str:
    """The driver's own message, without SQLAlchemy's wrapping and help links."""
    return str(getattr(error, "orig", None) or error).strip()


def _sqlite_setup(engine: Engine) -> None:
    """WAL so readers never block the writer, foreign keys (off by default in SQLite),
    and transactions we begin ourselves (pysqlite's own BEGIN handling is unreliable)."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: committed stays committed on kill -9
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # Writers take the lock up front: a deferred transaction that reads first and
        # then writes fails at once with SQLITE_BUSY under WAL instead of waiting.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration; a no-op when it is already there."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("onrecord.store") / "migrations"))
    try:
        with engine.connect().execution_options(write=True) as conn:
            if conn.dialect.name == "postgresql":
                # Two processes opening a fresh database must not both create the tables.
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            conn.commit()
    except SQLAlchemyError as error:
        where = engine.url.render_as_string(hide_password=True)
        raise StoreError(f"cannot open or migrate database {where}: {reason(error)}") from error


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: everything in it commits together or not at all."""
    with engine.connect().execution_options(write=True) as conn:
        with conn.begin():
            yield conn


def upsert(conn: Connection, table: Table):
    """INSERT ... ON CONFLICT for this backend (both speak the same dialect of it)."""
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)

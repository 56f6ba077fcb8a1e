"""One migration history, the same tables on both backends, matching tables.py."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from importlib import resources

from alembic.config import Config
from alembic.script import ScriptDirectory

from onrecord.store import open_store
from onrecord.store.tables import metadata

TABLES = {"articles", "article_entities", "attributions", "entities", "entity_aliases", "entity_overrides",
          "errors", "event_actors", "events", "runs", "watches"}


def _head() -> str:
    config = Config()
    config.set_main_option("script_location", str(resources.files("onrecord.store") / "migrations"))
    return ScriptDirectory.from_config(config).get_current_head()


def _ours(name, type_, *_):
    # The full-text index (SQLite FTS5 tables, PostgreSQL GIN index) is made by raw SQL on purpose.
    if type_ == "table":
        return not (name.startswith("attributions_fts") or name == "alembic_version")
    return name != "ix_attributions_fts"


def test_migrations_create_the_model(db_url):
    store = open_store(db_url)
    try:
        names = set(inspect(store.engine).get_table_names())
        assert TABLES | {"alembic_version"} <= names
        with store.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"include_name": _ours})
            assert compare_metadata(context, metadata) == []
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == _head() == "0002"
        columns = {t: [c["name"] for c in inspect(store.engine).get_columns(t)] for t in TABLES}
    finally:
        store.close()
    reopened = open_store(db_url)  # opening again is a no-op migration
    reopened.close()
    assert columns["attributions"][:4] == ["id", "article_id", "position", "kind"]


def test_sqlite_pragmas(tmp_path):
    store = open_store(str(tmp_path / "x.db"))
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    finally:
        store.close()


def test_default_url_is_onrecord_db_in_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    open_store().close()
    assert (tmp_path / "onrecord.db").exists()

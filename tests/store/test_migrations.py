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
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == _head() == "0004"
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


def test_a_database_from_before_act_opens_and_marks_its_quotes_speech(tmp_path):
    """Migration 0003 adds attributions.act to an old database: its quotes become
    speech (what every search showed them as), its titles and terms get no act."""
    from alembic import command
    from datetime import datetime, timezone

    from onrecord.store.db import create

    url = str(tmp_path / "old.db")
    engine = create(url)
    config = Config()
    config.set_main_option("script_location", str(resources.files("onrecord.store") / "migrations"))
    with engine.connect().execution_options(write=True) as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        conn.commit()
    now = datetime.now(timezone.utc).isoformat()
    with engine.connect() as conn:
        conn.exec_driver_sql("INSERT INTO articles (id, text_hash, text, ingested_at) VALUES (1, 'h', 'Ana said “yes”.', ?)",
                             (now,))
        for n, kind in enumerate(("direct", "term")):
            conn.exec_driver_sql("INSERT INTO attributions (article_id, position, kind, content_start, content_end, "
                                 "content_text, confidence) VALUES (1, ?, ?, 10, 13, 'yes', 0.9)", (n, kind))
        conn.commit()
    engine.dispose()
    store = open_store(url)
    try:
        with store.engine.connect() as conn:
            acts = dict(conn.exec_driver_sql("SELECT kind, act FROM attributions").all())
            within = conn.exec_driver_sql("SELECT within FROM attributions").scalars().all()
    finally:
        store.close()
    assert acts == {"direct": "speech", "term": None}
    assert within == [None, None]  # migration 0004: no old row was found inside a quote

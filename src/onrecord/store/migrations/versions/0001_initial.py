"""Initial corpus schema: articles, entities, attributions, events, runs, errors.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Written out in full (not imported from tables.py) so that this migration keeps
creating the same tables after tables.py moves on.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _fk(cols: list[str], table: str, refs: list[str], name: str, **kw) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(cols, [f"{table}.{r}" for r in refs], name=name, **kw)


def _local(name: str, col: str) -> sa.ForeignKeyConstraint:
    """Composite key to the article's entity row ("e1" of article 7)."""
    return _fk(["article_id", col], "article_entities", ["article_id", "local_id"],
               f"fk_{name}_article_id_{col}_article_entities")


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("command", sa.Text, nullable=False),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("finished_at", TZ),
        sa.Column("counts", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("key", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("url_norm", sa.Text),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("date", sa.String(10)),
        sa.Column("source_domain", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("pipeline", sa.Text),
        sa.Column("schema_version", sa.String(8)),
        sa.Column("ingested_at", TZ, nullable=False),
        sa.Column("run_id", sa.Integer),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("url_norm", name="uq_articles_url_norm"),
        sa.UniqueConstraint("text_hash", name="uq_articles_text_hash"),
        _fk(["run_id"], "runs", ["id"], "fk_articles_run_id_runs", ondelete="SET NULL"),
    )
    op.create_index("ix_articles_source_domain", "articles", ["source_domain"])
    op.create_index("ix_articles_date", "articles", ["date"])
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("org", sa.String(16)),
        sa.Column("sector", sa.String(8)),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
        sa.UniqueConstraint("key", name="uq_entities_key"),
    )
    op.create_table(
        "entity_aliases",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("entity_id", sa.Integer, nullable=False),
        sa.Column("alias", sa.Text, nullable=False),
        sa.Column("alias_norm", sa.Text, nullable=False),
        sa.Column("seen", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entity_aliases"),
        sa.UniqueConstraint("entity_id", "alias_norm", name="uq_entity_aliases_entity_id_alias_norm"),
        _fk(["entity_id"], "entities", ["id"], "fk_entity_aliases_entity_id_entities", ondelete="CASCADE"),
    )
    op.create_index("ix_entity_aliases_alias_norm", "entity_aliases", ["alias_norm"])
    op.create_table(
        "article_entities",
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("local_id", sa.String(16), nullable=False),
        sa.Column("entity_id", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("affiliation", sa.Text),
        sa.Column("mentions", sa.Text),
        sa.PrimaryKeyConstraint("article_id", "local_id", name="pk_article_entities"),
        _fk(["article_id"], "articles", ["id"], "fk_article_entities_article_id_articles", ondelete="CASCADE"),
        _fk(["entity_id"], "entities", ["id"], "fk_article_entities_entity_id_entities"),
    )
    op.create_index("ix_article_entities_entity_id", "article_entities", ["entity_id"])
    op.create_table(
        "attributions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("content_start", sa.Integer, nullable=False),
        sa.Column("content_end", sa.Integer, nullable=False),
        sa.Column("content_text", sa.Text, nullable=False),
        sa.Column("cue_start", sa.Integer),
        sa.Column("cue_end", sa.Integer),
        sa.Column("cue_text", sa.Text),
        sa.Column("source_start", sa.Integer),
        sa.Column("source_end", sa.Integer),
        sa.Column("source_text", sa.Text),
        sa.Column("speaker_local_id", sa.String(16)),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("continues", sa.Integer),
        sa.PrimaryKeyConstraint("id", name="pk_attributions"),
        _fk(["article_id"], "articles", ["id"], "fk_attributions_article_id_articles", ondelete="CASCADE"),
        _local("attributions", "speaker_local_id"),
    )
    op.create_index("ix_attributions_article_id", "attributions", ["article_id"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("contexts", sa.Text),
        sa.Column("factuality", sa.String(16), nullable=False),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("trigger_end", sa.Integer, nullable=False),
        sa.Column("trigger_text", sa.Text, nullable=False),
        sa.Column("sentence_start", sa.Integer, nullable=False),
        sa.Column("sentence_end", sa.Integer, nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("location_local_id", sa.String(16)),
        sa.Column("reported_by_local_id", sa.String(16)),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        _fk(["article_id"], "articles", ["id"], "fk_events_article_id_articles", ondelete="CASCADE"),
        _local("events", "location_local_id"),
        _local("events", "reported_by_local_id"),
    )
    op.create_index("ix_events_article_id", "events", ["article_id"])
    op.create_index("ix_events_type", "events", ["type"])
    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.Integer, nullable=False),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("local_id", sa.String(16), nullable=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("event_id", "role", "local_id", name="pk_event_actors"),
        _fk(["event_id"], "events", ["id"], "fk_event_actors_event_id_events", ondelete="CASCADE"),
        _local("event_actors", "local_id"),
    )
    op.create_table(
        "errors",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("run_id", sa.Integer),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_errors"),
        _fk(["run_id"], "runs", ["id"], "fk_errors_run_id_runs", ondelete="SET NULL"),
    )
    op.create_table(
        "entity_overrides",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("match", sa.Text, nullable=False),
        sa.Column("entity_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entity_overrides"),
        sa.UniqueConstraint("kind", "match", name="uq_entity_overrides_kind_match"),
        _fk(["entity_id"], "entities", ["id"], "fk_entity_overrides_entity_id_entities", ondelete="CASCADE"),
    )
    _full_text_index()


def _full_text_index() -> None:
    """Full-text search over attribution content, in each backend's own way."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_attributions_fts ON attributions "
                   "USING gin (to_tsvector('english', content_text))")
        return
    # SQLite: an external-content FTS5 table (no second copy of the text), kept in
    # sync by triggers so every writer, including a plain sqlite3 shell, stays consistent.
    op.execute("CREATE VIRTUAL TABLE attributions_fts USING fts5("
               "content_text, content='attributions', content_rowid='id', tokenize='porter unicode61')")
    op.execute("CREATE TRIGGER attributions_fts_ai AFTER INSERT ON attributions BEGIN "
               "INSERT INTO attributions_fts(rowid, content_text) VALUES (new.id, new.content_text); END")
    op.execute("CREATE TRIGGER attributions_fts_ad AFTER DELETE ON attributions BEGIN "
               "INSERT INTO attributions_fts(attributions_fts, rowid, content_text) "
               "VALUES ('delete', old.id, old.content_text); END")
    op.execute("CREATE TRIGGER attributions_fts_au AFTER UPDATE ON attributions BEGIN "
               "INSERT INTO attributions_fts(attributions_fts, rowid, content_text) "
               "VALUES ('delete', old.id, old.content_text); "
               "INSERT INTO attributions_fts(rowid, content_text) VALUES (new.id, new.content_text); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS attributions_fts")
    for table in ("entity_overrides", "errors", "event_actors", "events", "attributions",
                  "article_entities", "entity_aliases", "entities", "articles", "runs"):
        op.drop_table(table)

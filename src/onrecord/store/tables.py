"""The corpus tables, as SQLAlchemy Core objects the queries are built from.

The migrations in ``migrations/versions`` create exactly these tables (a test
compares them); change both together and add a new migration, never edit an old one.

Attributions and events refer to entities through the article-local id
("e1", "n2") and the ``article_entities`` row for it. That way a merge or a split
re-points one row per article instead of every attribution and event actor.
"""
from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Fixed constraint names so SQLite and PostgreSQL agree and migrations can refer to them.
metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("command", Text, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("counts", Text),  # JSON object
)

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text),  # Article.id from the input; not unique (two feeds may reuse ids)
    Column("url", Text),
    Column("url_norm", Text, unique=True),  # NULLs never collide, so articles without URL are fine
    Column("text_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("date", String(10)),  # YYYY-MM-DD: text sorts and compares like the date
    Column("source_domain", Text, index=True),
    Column("text", Text, nullable=False),
    Column("language", String(16)),
    Column("pipeline", Text),  # JSON: the versions that produced this article's rows
    Column("schema_version", String(8)),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="SET NULL")),
    Index("ix_articles_date", "date"),
)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", Text, nullable=False, unique=True),  # normalised name | type | country | org
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("country", String(8)),
    Column("org", String(16)),
    Column("sector", String(8)),
)

entity_aliases = Table(
    "entity_aliases", metadata,
    Column("id", Integer, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("alias_norm", Text, nullable=False, index=True),
    Column("seen", Integer, nullable=False, default=1),
    UniqueConstraint("entity_id", "alias_norm"),
)

article_entities = Table(
    "article_entities", metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False, index=True),
    Column("name", Text, nullable=False),  # the name in this article: what a split matches on
    Column("type", String(16), nullable=False),
    Column("title", Text),
    Column("affiliation", Text),
    Column("mentions", Text),  # JSON list of {start, end, text}
)

attributions = Table(
    "attributions", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),  # index in Record.attributions
    Column("kind", String(16), nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("content_text", Text, nullable=False),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("cue_text", Text),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("source_text", Text),
    Column("speaker_local_id", String(16)),
    Column("confidence", Float, nullable=False),
    Column("continues", Integer),
    Column("act", String(16)),  # speech | thought | evidence; null for titles and terms (migration 0003)
    Column("within", Integer),  # the quote this report is made inside (migration 0004)
    ForeignKeyConstraint(["article_id", "speaker_local_id"],
                         ["article_entities.article_id", "article_entities.local_id"]),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("type", String(16), nullable=False, index=True),
    Column("mode", String(32)),
    Column("contexts", Text),  # JSON list
    Column("factuality", String(16), nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("trigger_text", Text, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("date", String(10)),
    Column("location_local_id", String(16)),
    Column("reported_by_local_id", String(16)),
    Column("confidence", Float, nullable=False),
    ForeignKeyConstraint(["article_id", "location_local_id"],
                         ["article_entities.article_id", "article_entities.local_id"]),
    ForeignKeyConstraint(["article_id", "reported_by_local_id"],
                         ["article_entities.article_id", "article_entities.local_id"]),
)

event_actors = Table(
    "event_actors", metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("role", String(8), primary_key=True),  # source | target
    Column("local_id", String(16), primary_key=True),
    Column("article_id", Integer, nullable=False),  # repeated so the FK to article_entities holds
    ForeignKeyConstraint(["article_id", "local_id"],
                         ["article_entities.article_id", "article_entities.local_id"]),
)

errors = Table(
    "errors", metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", Integer, ForeignKey("runs.id", ondelete="SET NULL")),
    Column("origin", Text, nullable=False),
    Column("kind", String(16), nullable=False),  # failed | skipped
    Column("reason", Text, nullable=False),
    Column("language", String(16)),
    Column("at", DateTime(timezone=True), nullable=False),
)

# User corrections, applied every time an article's entities are resolved, so they
# outlive re-ingest and --reprocess. kind "merge": entity key -> entity; kind
# "split": normalised alias of that type -> entity.
entity_overrides = Table(
    "entity_overrides", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(8), nullable=False),
    Column("match", Text, nullable=False),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    UniqueConstraint("kind", "match"),
)

# Saved searches (web app, `onrecord watch`): a search over ``kind`` rows (events or
# attributions) with its filters as a JSON object. Row ids only grow, so "new since
# last seen" is simply ``id > last_seen_id``. Created by migration 0002.
watches = Table(
    "watches", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),  # events | attributions
    Column("params", Text, nullable=False),  # JSON object of filters
    Column("last_seen_id", Integer, nullable=False, default=0),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("checked_at", DateTime(timezone=True)),
)

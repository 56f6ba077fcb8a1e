"""Saved searches ("watches") for the web app and `onrecord watch`.

The table is defined on the corpus ``metadata`` of tables.py, so the migration
check (tests/store/test_migrations.py) sees it once this module is imported;
migration 0002 imports it for exactly that reason.

A watch is a search over ``kind`` rows (``events`` or ``attributions``) with its
filters as a JSON object in ``params``. Row ids only grow, so "new since last
seen" is simply ``id > last_seen_id``.
"""
from __future__ import annotations

from sqlalchemy import Column, DateTime, Integer, String, Table, Text

from .tables import metadata

WATCH_KINDS = ("events", "attributions")

watches = metadata.tables.get("watches")
if watches is None:
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

"""Alembic environment: always run programmatically with a live connection.

``open_store`` passes its connection in ``config.attributes["connection"]`` so that
migrations use the same engine (and SQLite pragmas) as the store itself.
"""
from __future__ import annotations

from alembic import context

from onrecord.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # `alembic` CLI without a connection: nothing sensible to do
    raise RuntimeError("onrecord migrations run through onrecord.store.open_store(url)")

# render_as_batch lets future ALTERs work on SQLite (it copies the table).
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

"""Watches: saved searches with a "seen up to" marker (web app, `onrecord watch`).

Revision ID: 0002
Revises: 0001
Create Date: 2025-06-01

Written out in full, like 0001; tables.py defines the same table as ``watches``.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("params", sa.Text, nullable=False),
        sa.Column("last_seen_id", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_watches"),
    )


def downgrade() -> None:
    op.drop_table("watches")

"""Attribution within: the direct quote a report is quoted inside (docs/schema.md, Attribution.within).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

Rows stored before this migration were made before onrecord found reports
inside quotes, so none of them has one: null is right for all of them.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("attributions", sa.Column("within", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("attributions") as batch:
        batch.drop_column("within")

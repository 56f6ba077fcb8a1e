"""Attribution act: speech, thought or evidence (docs/schema.md, Attribution.act).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

Rows stored before this migration were made before onrecord told the acts apart.
They are marked speech, as every search showed them until now, except titles
and terms, which report no one's act (null). ``onrecord ingest --reprocess``
(or re-ingesting the articles) gives them their real act.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("attributions", sa.Column("act", sa.String(16)))
    op.execute("UPDATE attributions SET act = 'speech' WHERE kind IN ('direct', 'indirect', 'mixed')")


def downgrade() -> None:
    with op.batch_alter_table("attributions") as batch:
        batch.drop_column("act")

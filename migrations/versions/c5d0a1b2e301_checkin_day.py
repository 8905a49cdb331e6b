"""checkin day - badge categories, desks, undo, offline sync (issue 5)

Revision ID: c5d0a1b2e301
Revises: 82fb5070b1b5
Create Date: 2026-11-28

Placeholder in the migration chain: filled by the work on that issue (hand-written, reviewed).
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'c5d0a1b2e301'
down_revision = '82fb5070b1b5'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

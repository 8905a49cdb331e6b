"""dossier - upper-level delegates, export columns, imports (issue 4)

Revision ID: d4e0b2c3f402
Revises: c5d0a1b2e301
Create Date: 2026-11-28

Placeholder in the migration chain: filled by the work on that issue (hand-written, reviewed).
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'd4e0b2c3f402'
down_revision = 'c5d0a1b2e301'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

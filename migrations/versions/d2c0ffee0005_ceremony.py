"""presidium composition and honouring batches

Revision ID: d2c0ffee0005
Revises: d1c0ffee0004
Create Date: 2026-12-03

Hand-written.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'd2c0ffee0005'
down_revision = 'd1c0ffee0004'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

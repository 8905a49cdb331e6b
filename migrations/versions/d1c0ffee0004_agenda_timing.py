"""agenda: durations, pinned start times, the hall screen's current item

Revision ID: d1c0ffee0004
Revises: c3c0ffee0003
Create Date: 2026-12-03

Hand-written.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'd1c0ffee0004'
down_revision = 'c3c0ffee0003'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

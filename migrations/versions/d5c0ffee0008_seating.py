"""the hall's seating plan

Revision ID: d5c0ffee0008
Revises: d4c0ffee0007
Create Date: 2026-12-03

Hand-written.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'd5c0ffee0008'
down_revision = 'd4c0ffee0007'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

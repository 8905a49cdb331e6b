"""nominations and delegates: the summary of achievements

Revision ID: d7c0ffee0010
Revises: d6c0ffee0009
Create Date: 2026-12-03

Hand-written.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'd7c0ffee0010'
down_revision = 'd6c0ffee0009'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

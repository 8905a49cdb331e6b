"""the public honour board

Revision ID: d6c0ffee0009
Revises: d5c0ffee0008
Create Date: 2026-12-03

Hand-written.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'd6c0ffee0009'
down_revision = 'd5c0ffee0008'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

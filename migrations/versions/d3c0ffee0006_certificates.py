"""certificate templates and printer offsets

Revision ID: d3c0ffee0006
Revises: d2c0ffee0005
Create Date: 2026-12-03

Hand-written.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'd3c0ffee0006'
down_revision = 'd2c0ffee0005'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

"""guests: organisation, answer to the invitation, deputies

Revision ID: d4c0ffee0007
Revises: d3c0ffee0006
Create Date: 2026-12-03

Hand-written.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'd4c0ffee0007'
down_revision = 'd3c0ffee0006'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

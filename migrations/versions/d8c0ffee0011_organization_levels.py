"""organizations: the 2025 union structure's levels as data; the conference's signer

Revision ID: d8c0ffee0011
Revises: d7c0ffee0010
Create Date: 2026-12-03

Hand-written.
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'd8c0ffee0011'
down_revision = 'd7c0ffee0010'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

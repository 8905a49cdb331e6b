"""nominations as units send them - blocks, deadlines, references, states, audit log (issue 3)

Revision ID: e3f0c3d4a503
Revises: d4e0b2c3f402
Create Date: 2026-11-28

Placeholder in the migration chain: filled by the work on that issue (hand-written, reviewed).
"""
from alembic import op  # noqa: F401
import sqlalchemy as sa  # noqa: F401


revision = 'e3f0c3d4a503'
down_revision = 'd4e0b2c3f402'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

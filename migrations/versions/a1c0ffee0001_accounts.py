"""accounts: users.must_change_password, set by a one-time password the organizer hands out

Revision ID: a1c0ffee0001
Revises: f3c2d3e4f5a6
Create Date: 2026-12-03

Hand-written: users.must_change_password (false for every existing account). The organizer's account pages set
it when they create an account or reset its password; the user clears it by choosing a new password.
"""
from alembic import op
import sqlalchemy as sa


revision = 'a1c0ffee0001'
down_revision = 'f3c2d3e4f5a6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users') as batch:
        batch.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('users') as batch:
        batch.drop_column('must_change_password')

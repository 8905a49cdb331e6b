"""nominations.notes - the notes a lower level's delegate list carried

Revision ID: c3c0ffee0003
Revises: b2c0ffee0002
Create Date: 2026-12-03

Hand-written: an imported row of a lower level's list keeps its "Ghi chú"; approving copies it to the
delegate, so a list exported again one level up still carries it.
"""
from alembic import op
import sqlalchemy as sa


revision = 'c3c0ffee0003'
down_revision = 'b2c0ffee0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('nominations') as batch:
        batch.add_column(sa.Column('notes', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('nominations') as batch:
        batch.drop_column('notes')

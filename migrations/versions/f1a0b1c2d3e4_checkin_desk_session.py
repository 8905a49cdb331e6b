"""check-ins record the signed-in desk session that scanned

Revision ID: f1a0b1c2d3e4
Revises: e3f0c3d4a503
Create Date: 2026-12-03

Hand-written: checkins.desk_session, the random id of the Flask session whose desk scanned (the server sets it;
only that session may undo the check-in). Existing rows keep NULL: no session may undo them.
"""
from alembic import op
import sqlalchemy as sa


revision = 'f1a0b1c2d3e4'
down_revision = 'e3f0c3d4a503'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('checkins') as batch:
        batch.add_column(sa.Column('desk_session', sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table('checkins') as batch:
        batch.drop_column('desk_session')

"""checkin closures - the desks of a conference closed ("Đóng bàn đón tiếp")

Revision ID: f2b1c2d3e4f5
Revises: f1a0b1c2d3e4
Create Date: 2026-12-01

Hand-written: checkin_closures, one row per conference while its check-in desks are closed (the scan and
sync APIs refuse then); reopening deletes the row. Both are in the audit log.
"""
from alembic import op
import sqlalchemy as sa


revision = 'f2b1c2d3e4f5'
down_revision = 'f1a0b1c2d3e4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'checkin_closures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('closed_at', sa.DateTime(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_checkin_closures_conference_id_conferences'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_checkin_closures_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_checkin_closures')),
        sa.UniqueConstraint('conference_id', name=op.f('uq_checkin_closures_conference_id')),
    )


def downgrade():
    op.drop_table('checkin_closures')

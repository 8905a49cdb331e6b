"""the hall's seating plan - hall layouts and seat assignments

Revision ID: d5c0ffee0008
Revises: d4c0ffee0007
Create Date: 2026-12-03

Hand-written: hall_layouts (one per conference: blocks × rows × seats, the presidium table's seats) and
seat_assignments (one seat a delegate, one delegate a seat: two unique constraints; block 0 is the stage).
"""
from alembic import op
import sqlalchemy as sa


revision = 'd5c0ffee0008'
down_revision = 'd4c0ffee0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'hall_layouts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('blocks', sa.Integer(), nullable=False),
        sa.Column('rows_per_block', sa.Integer(), nullable=False),
        sa.Column('seats_per_row', sa.Integer(), nullable=False),
        sa.Column('stage_seats', sa.Integer(), nullable=False),
        sa.CheckConstraint('blocks BETWEEN 1 AND 8', name=op.f('ck_hall_layouts_blocks_range')),
        sa.CheckConstraint('rows_per_block BETWEEN 1 AND 40', name=op.f('ck_hall_layouts_rows_per_block_range')),
        sa.CheckConstraint('seats_per_row BETWEEN 1 AND 40', name=op.f('ck_hall_layouts_seats_per_row_range')),
        sa.CheckConstraint('stage_seats BETWEEN 0 AND 25', name=op.f('ck_hall_layouts_stage_seats_range')),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_hall_layouts_conference_id_conferences'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_hall_layouts')),
        sa.UniqueConstraint('conference_id', name=op.f('uq_hall_layouts_conference_id')),
    )
    op.create_table(
        'seat_assignments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('delegate_id', sa.Integer(), nullable=False),
        sa.Column('block', sa.Integer(), nullable=False),
        sa.Column('row_no', sa.Integer(), nullable=False),
        sa.Column('seat_no', sa.Integer(), nullable=False),
        sa.Column('by_hand', sa.Boolean(), nullable=False),
        sa.CheckConstraint('block BETWEEN 0 AND 8', name=op.f('ck_seat_assignments_block_range')),
        sa.CheckConstraint('row_no >= 1 AND seat_no >= 1', name=op.f('ck_seat_assignments_row_seat_positive')),
        sa.CheckConstraint('block <> 0 OR row_no = 1', name=op.f('ck_seat_assignments_stage_one_row')),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_seat_assignments_conference_id_conferences'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['delegate_id'], ['delegates.id'],
                                name=op.f('fk_seat_assignments_delegate_id_delegates'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_seat_assignments')),
        sa.UniqueConstraint('conference_id', 'block', 'row_no', 'seat_no', name=op.f('uq_seat_assignments_seat')),
        sa.UniqueConstraint('delegate_id', name=op.f('uq_seat_assignments_delegate_id')),
    )
    op.create_index(op.f('ix_seat_assignments_conference_id'), 'seat_assignments', ['conference_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_seat_assignments_conference_id'), table_name='seat_assignments')
    op.drop_table('seat_assignments')
    op.drop_table('hall_layouts')

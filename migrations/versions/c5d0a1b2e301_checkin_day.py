"""checkin day - badge categories, offline check-ins, conflicts of offline desks

Revision ID: c5d0a1b2e301
Revises: 82fb5070b1b5
Create Date: 2026-11-28

Hand-written: badge_categories (label and colour per badge kind, editable by the organizer),
checkins.offline (a scan queued by a desk without network), checkin_conflicts (two desks scanned the same
badge offline; the earliest is kept, the other recorded).
"""
from alembic import op
import sqlalchemy as sa


revision = 'c5d0a1b2e301'
down_revision = '82fb5070b1b5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'badge_categories',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('label', sa.String(length=60), nullable=False),
        sa.Column('colour', sa.String(length=7), nullable=False),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.CheckConstraint("kind IN ('presidium', 'exemplar', 'guest', 'press', 'staff')",
                           name=op.f('ck_badge_categories_kind_known')),
        sa.CheckConstraint("length(colour) = 7 AND substr(colour, 1, 1) = '#'",
                           name=op.f('ck_badge_categories_colour_hex')),
        sa.CheckConstraint('length(label) BETWEEN 1 AND 60', name=op.f('ck_badge_categories_label_length')),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_badge_categories_conference_id_conferences'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_badge_categories')),
        sa.UniqueConstraint('conference_id', 'kind', name='uq_badge_categories_conference_kind'),
    )
    with op.batch_alter_table('badge_categories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_badge_categories_conference_id'), ['conference_id'], unique=False)

    op.create_table(
        'checkin_conflicts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('delegate_id', sa.Integer(), nullable=False),
        sa.Column('kept_desk', sa.String(length=60), nullable=True),
        sa.Column('kept_at', sa.DateTime(), nullable=False),
        sa.Column('other_desk', sa.String(length=60), nullable=True),
        sa.Column('other_at', sa.DateTime(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_checkin_conflicts_conference_id_conferences'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['delegate_id'], ['delegates.id'],
                                name=op.f('fk_checkin_conflicts_delegate_id_delegates'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_checkin_conflicts')),
    )
    with op.batch_alter_table('checkin_conflicts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checkin_conflicts_conference_id'), ['conference_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_checkin_conflicts_delegate_id'), ['delegate_id'], unique=False)

    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.add_column(sa.Column('offline', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.drop_column('offline')
    with op.batch_alter_table('checkin_conflicts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checkin_conflicts_delegate_id'))
        batch_op.drop_index(batch_op.f('ix_checkin_conflicts_conference_id'))
    op.drop_table('checkin_conflicts')
    with op.batch_alter_table('badge_categories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_badge_categories_conference_id'))
    op.drop_table('badge_categories')

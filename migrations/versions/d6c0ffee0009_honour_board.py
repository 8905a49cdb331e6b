"""honour_boards - the public honour board of a conference (bảng vinh danh)

Revision ID: d6c0ffee0009
Revises: d5c0ffee0008
Create Date: 2026-12-03

Hand-written: honour_boards, one row per conference once the organizer saves its settings: whether the public
page is on (off by default), the link's random token (slug, 16 characters, unique), the introduction, one switch
per publishable field (position, titles, year of birth, ethnicity, party membership, phone; all off by default)
and when the settings last changed. No row: the board is off.
"""
from alembic import op
import sqlalchemy as sa


revision = 'd6c0ffee0009'
down_revision = 'd5c0ffee0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'honour_boards',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('slug', sa.String(length=16), nullable=False),
        sa.Column('enabled', sa.Boolean(), nullable=False),
        sa.Column('introduction', sa.Text(), nullable=True),
        sa.Column('show_position', sa.Boolean(), nullable=False),
        sa.Column('show_titles', sa.Boolean(), nullable=False),
        sa.Column('show_birth_year', sa.Boolean(), nullable=False),
        sa.Column('show_ethnicity', sa.Boolean(), nullable=False),
        sa.Column('show_party_member', sa.Boolean(), nullable=False),
        sa.Column('show_phone', sa.Boolean(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('length(slug) = 16', name=op.f('ck_honour_boards_slug_length')),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_honour_boards_conference_id_conferences'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_honour_boards')),
        sa.UniqueConstraint('conference_id', name=op.f('uq_honour_boards_conference_id')),
        sa.UniqueConstraint('slug', name=op.f('uq_honour_boards_slug')),
    )


def downgrade():
    op.drop_table('honour_boards')

"""certificate templates and printer offsets

Revision ID: d3c0ffee0006
Revises: d2c0ffee0005
Create Date: 2026-12-03

Hand-written: certificate_settings, one row per conference (stored on the first save; every text None means the
default of conference.certificates.rules), holding the certificate template (title, awarding body, citation,
paper, field positions on a pre-printed blank) and the draft decision's texts; certificate_printers, the printers
of a conference with the offset measured on their calibration page (mm, within ±30).
"""
from alembic import op
import sqlalchemy as sa


revision = 'd3c0ffee0006'
down_revision = 'd2c0ffee0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'certificate_settings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=60), nullable=True),
        sa.Column('awarding_body', sa.String(length=300), nullable=True),
        sa.Column('citation_source', sa.String(length=20), nullable=False),
        sa.Column('citation_text', sa.Text(), nullable=True),
        sa.Column('paper', sa.String(length=20), nullable=False),
        sa.Column('positions', sa.JSON(), nullable=True),
        sa.Column('list_order', sa.String(length=20), nullable=False),
        sa.Column('decision_number', sa.String(length=60), nullable=True),
        sa.Column('decision_subject', sa.Text(), nullable=True),
        sa.Column('legal_bases', sa.Text(), nullable=True),
        sa.Column('award_collective', sa.String(length=200), nullable=True),
        sa.Column('award_individual', sa.String(length=200), nullable=True),
        sa.Column('recipients', sa.Text(), nullable=True),
        sa.CheckConstraint("paper IN ('blank', 'preprinted')", name=op.f('ck_certificate_settings_paper_known')),
        sa.CheckConstraint("citation_source IN ('common', 'achievements')",
                           name=op.f('ck_certificate_settings_citation_source_known')),
        sa.CheckConstraint("list_order IN ('unit', 'name', 'approval')",
                           name=op.f('ck_certificate_settings_list_order_known')),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_certificate_settings_conference_id_conferences'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_settings')),
        sa.UniqueConstraint('conference_id', name=op.f('uq_certificate_settings_conference_id')),
    )
    op.create_table(
        'certificate_printers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('offset_x_mm', sa.Float(), nullable=False),
        sa.Column('offset_y_mm', sa.Float(), nullable=False),
        sa.CheckConstraint('offset_x_mm BETWEEN -30 AND 30', name=op.f('ck_certificate_printers_offset_x_range')),
        sa.CheckConstraint('offset_y_mm BETWEEN -30 AND 30', name=op.f('ck_certificate_printers_offset_y_range')),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_certificate_printers_conference_id_conferences'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_certificate_printers')),
        sa.UniqueConstraint('conference_id', 'name', name='uq_certificate_printers_conference_name'),
    )
    op.create_index(op.f('ix_certificate_printers_conference_id'), 'certificate_printers', ['conference_id'],
                    unique=False)


def downgrade():
    op.drop_index(op.f('ix_certificate_printers_conference_id'), table_name='certificate_printers')
    op.drop_table('certificate_printers')
    op.drop_table('certificate_settings')

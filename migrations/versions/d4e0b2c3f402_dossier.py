"""dossier - upper-level delegates, export columns, imports

Revision ID: d4e0b2c3f402
Revises: c5d0a1b2e301
Create Date: 2026-11-28

Hand-written: delegates.upper_order (the ordered list chosen for the upper-level conference), the
per-conference dossier settings (code, upper quota, chosen columns, official layout fields) and the
files imported from the level below (one per fingerprint and conference).
"""
from alembic import op
import sqlalchemy as sa


revision = 'd4e0b2c3f402'
down_revision = 'c5d0a1b2e301'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('upper_order', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            'upper_order_range', 'upper_order IS NULL OR upper_order BETWEEN 1 AND 10000')
        batch_op.create_check_constraint(
            'upper_only_exemplars', "upper_order IS NULL OR category = 'exemplar'")
        batch_op.create_unique_constraint('uq_delegates_upper_seat', ['conference_id', 'upper_order'])

    op.create_table(
        'dossiers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('upper_code', sa.String(length=40), nullable=True),
        sa.Column('upper_quota', sa.Integer(), nullable=True),
        sa.Column('columns', sa.Text(), nullable=True),
        sa.Column('document_number', sa.String(length=60), nullable=True),
        sa.Column('place', sa.String(length=100), nullable=True),
        sa.Column('signer_name', sa.String(length=120), nullable=True),
        sa.Column('signer_title', sa.String(length=120), nullable=True),
        sa.Column('recipients', sa.Text(), nullable=True),
        sa.CheckConstraint('upper_quota IS NULL OR upper_quota BETWEEN 0 AND 10000',
                           name=op.f('ck_dossiers_upper_quota_range')),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_dossiers_conference_id_conferences'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_dossiers')),
        sa.UniqueConstraint('code', name=op.f('uq_dossiers_code')),
        sa.UniqueConstraint('conference_id', name=op.f('uq_dossiers_conference_id')),
    )

    op.create_table(
        'imported_files',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('source_code', sa.String(length=40), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('filename', sa.String(length=255), nullable=True),
        sa.Column('row_count', sa.Integer(), nullable=False),
        sa.Column('imported_by_id', sa.Integer(), nullable=True),
        sa.Column('imported_at', sa.DateTime(), nullable=False),
        sa.CheckConstraint('row_count >= 1', name=op.f('ck_imported_files_row_count_positive')),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_imported_files_conference_id_conferences'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['imported_by_id'], ['users.id'],
                                name=op.f('fk_imported_files_imported_by_id_users')),
        sa.ForeignKeyConstraint(['unit_id'], ['organizations.id'],
                                name=op.f('fk_imported_files_unit_id_organizations')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_imported_files')),
        sa.UniqueConstraint('conference_id', 'fingerprint', name='uq_imported_files_conference_fingerprint'),
    )
    with op.batch_alter_table('imported_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_imported_files_conference_id'), ['conference_id'], unique=False)


def downgrade():
    with op.batch_alter_table('imported_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_imported_files_conference_id'))
    op.drop_table('imported_files')
    op.drop_table('dossiers')
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.drop_constraint('uq_delegates_upper_seat', type_='unique')
        batch_op.drop_constraint(batch_op.f('ck_delegates_upper_only_exemplars'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_delegates_upper_order_range'), type_='check')
        batch_op.drop_column('upper_order')

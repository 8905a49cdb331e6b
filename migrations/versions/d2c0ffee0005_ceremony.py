"""presidium composition and honouring batches

Revision ID: d2c0ffee0005
Revises: d1c0ffee0004
Create Date: 2026-12-03

Hand-written: delegates.presidium_group (the part of the plan's composition a presidium member stands for), the
ceremony's settings, the honouring batches with their awardees, and the MC's texts per agenda item.
"""
from alembic import op
import sqlalchemy as sa


revision = 'd2c0ffee0005'
down_revision = 'd1c0ffee0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('delegates', schema=None, table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.add_column(sa.Column('presidium_group', sa.String(length=20), nullable=True))
        batch_op.create_check_constraint(
            'presidium_group_known',
            "presidium_group IS NULL OR (presidium_order IS NOT NULL AND presidium_group IN "
            "('party', 'government', 'union', 'exemplar'))")

    op.create_table(
        'ceremony_settings',
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('batch_size', sa.Integer(), nullable=False),
        sa.Column('collective_form', sa.String(length=300), nullable=True),
        sa.Column('individual_form', sa.String(length=300), nullable=True),
        sa.CheckConstraint('batch_size BETWEEN 1 AND 50', name=op.f('ck_ceremony_settings_batch_size_range')),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_ceremony_settings_conference_id_conferences'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('conference_id', name=op.f('pk_ceremony_settings')),
    )

    op.create_table(
        'honouring_batches',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('form', sa.String(length=300), nullable=False),
        sa.Column('presenter_id', sa.Integer(), nullable=True),
        sa.Column('edited', sa.Boolean(), nullable=False),
        sa.CheckConstraint('position >= 1', name=op.f('ck_honouring_batches_position_positive')),
        sa.CheckConstraint("kind IN ('individual', 'collective')", name=op.f('ck_honouring_batches_kind_known')),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_honouring_batches_conference_id_conferences'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['presenter_id'], ['delegates.id'],
                                name=op.f('fk_honouring_batches_presenter_id_delegates'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_honouring_batches')),
    )
    with op.batch_alter_table('honouring_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_honouring_batches_conference_id'), ['conference_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_honouring_batches_presenter_id'), ['presenter_id'], unique=False)

    op.create_table(
        'honouring_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('batch_id', sa.Integer(), nullable=False),
        sa.Column('delegate_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('representative', sa.String(length=200), nullable=True),
        sa.CheckConstraint('position >= 1', name=op.f('ck_honouring_entries_position_positive')),
        sa.CheckConstraint("status IN ('called', 'skipped', 'represented')",
                           name=op.f('ck_honouring_entries_status_known')),
        sa.CheckConstraint("status <> 'represented' OR representative IS NOT NULL",
                           name=op.f('ck_honouring_entries_representative_named')),
        sa.ForeignKeyConstraint(['batch_id'], ['honouring_batches.id'],
                                name=op.f('fk_honouring_entries_batch_id_honouring_batches'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['delegate_id'], ['delegates.id'],
                                name=op.f('fk_honouring_entries_delegate_id_delegates'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_honouring_entries')),
        sa.UniqueConstraint('delegate_id', name=op.f('uq_honouring_entries_delegate_id')),
    )
    with op.batch_alter_table('honouring_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_honouring_entries_batch_id'), ['batch_id'], unique=False)

    op.create_table(
        'script_texts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('agenda_item_id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'],
                                name=op.f('fk_script_texts_agenda_item_id_agenda_items'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_script_texts_conference_id_conferences'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_script_texts')),
        sa.UniqueConstraint('agenda_item_id', name=op.f('uq_script_texts_agenda_item_id')),
    )
    with op.batch_alter_table('script_texts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_script_texts_conference_id'), ['conference_id'], unique=False)


def downgrade():
    with op.batch_alter_table('script_texts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_script_texts_conference_id'))
    op.drop_table('script_texts')
    with op.batch_alter_table('honouring_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_honouring_entries_batch_id'))
    op.drop_table('honouring_entries')
    with op.batch_alter_table('honouring_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_honouring_batches_presenter_id'))
        batch_op.drop_index(batch_op.f('ix_honouring_batches_conference_id'))
    op.drop_table('honouring_batches')
    op.drop_table('ceremony_settings')
    with op.batch_alter_table('delegates', schema=None, table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_delegates_presidium_group_known'), type_='check')
        batch_op.drop_column('presidium_group')

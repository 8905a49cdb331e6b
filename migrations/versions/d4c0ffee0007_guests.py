"""guests: organisation, answer to the invitation, deputies; pending guest imports; invitation settings

Revision ID: d4c0ffee0007
Revises: d3c0ffee0006
Create Date: 2026-12-03

Hand-written. A guest has an organisation (cơ quan, đơn vị công tác) apart from the position; the organizer
records each guest's answer to the invitation, and a deputy who takes a guest's seat keeps the invited guest in
`deputy_of`. `guest_imports` holds an uploaded guest list between its preview and its import;
`invitation_settings` the letter's number, date, body template and recipients per conference.
"""
from alembic import op
import sqlalchemy as sa


revision = 'd4c0ffee0007'
down_revision = 'd3c0ffee0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('delegates', table_kwargs={'sqlite_autoincrement': True}) as batch:
        batch.add_column(sa.Column('workplace', sa.String(length=300), nullable=True))
        batch.add_column(sa.Column('invitation_answer', sa.String(length=20), nullable=True))
        batch.add_column(sa.Column('deputy_of', sa.String(length=800), nullable=True))
        batch.create_check_constraint(
            op.f('ck_delegates_invitation_answer_known'),
            "invitation_answer IS NULL OR invitation_answer IN ('confirmed', 'declined', 'deputy')")
        batch.create_check_constraint(
            op.f('ck_delegates_invitation_answer_only_guests'),
            "(invitation_answer IS NULL AND deputy_of IS NULL) OR category = 'guest'")

    op.create_table(
        'guest_imports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('filename', sa.String(length=255), nullable=False),
        sa.Column('rows', sa.JSON(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_guest_imports_conference_id_conferences'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_guest_imports_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_guest_imports')),
    )
    with op.batch_alter_table('guest_imports') as batch:
        batch.create_index(batch.f('ix_guest_imports_conference_id'), ['conference_id'], unique=False)

    op.create_table(
        'invitation_settings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.String(length=60), nullable=False),
        sa.Column('signed_on', sa.Date(), nullable=True),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('recipients', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_invitation_settings_conference_id_conferences'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation_settings')),
        sa.UniqueConstraint('conference_id', name=op.f('uq_invitation_settings_conference_id')),
    )


def downgrade():
    op.drop_table('invitation_settings')
    with op.batch_alter_table('guest_imports') as batch:
        batch.drop_index(batch.f('ix_guest_imports_conference_id'))
    op.drop_table('guest_imports')
    with op.batch_alter_table('delegates', table_kwargs={'sqlite_autoincrement': True}) as batch:
        batch.drop_constraint(op.f('ck_delegates_invitation_answer_only_guests'), type_='check')
        batch.drop_constraint(op.f('ck_delegates_invitation_answer_known'), type_='check')
        batch.drop_column('deputy_of')
        batch.drop_column('invitation_answer')
        batch.drop_column('workplace')

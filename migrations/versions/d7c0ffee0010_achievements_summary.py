"""nominations and delegates: the summary of achievements; the lower levels' conference codes

Revision ID: d7c0ffee0010
Revises: d6c0ffee0009
Create Date: 2026-12-03

Hand-written. `achievements_summary` (tóm tắt thành tích, at most 300 characters) is what the delegate summary
list prints in place of the full achievements; the rows stored before it get the first sentences of their
achievements (`conference.nominations.rules.first_sentences`, the rule a nomination filed without a summary
follows). `lower_conferences`: the conference code each unit gave its organizer, by which the import one level
up knows the sender.
"""
import sqlalchemy as sa
from alembic import op

from conference.nominations.rules import ACHIEVEMENTS_SUMMARY_MAX, first_sentences

revision = 'd7c0ffee0010'
down_revision = 'd6c0ffee0009'
branch_labels = None
depends_on = None

TABLES = ('nominations', 'delegates')


def _fill_summaries(table: str) -> None:
    conn = op.get_bind()
    rows = sa.table(table, sa.column('id', sa.Integer), sa.column('achievements', sa.Text),
                    sa.column('achievements_summary', sa.String))
    for row_id, achievements in conn.execute(
            sa.select(rows.c.id, rows.c.achievements).where(rows.c.achievements.is_not(None))).all():
        conn.execute(rows.update().where(rows.c.id == row_id)
                     .values(achievements_summary=first_sentences(achievements)))


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('achievements_summary', sa.String(length=ACHIEVEMENTS_SUMMARY_MAX),
                                       nullable=True))
        _fill_summaries(table)
    with op.batch_alter_table('nominations') as batch:
        batch.create_check_constraint(
            'achievements_summary_length',
            f'achievements_summary IS NULL OR length(achievements_summary) <= {ACHIEVEMENTS_SUMMARY_MAX}')
    op.create_table(
        'lower_conferences',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('conference_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(['conference_id'], ['conferences.id'],
                                name=op.f('fk_lower_conferences_conference_id_conferences'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['unit_id'], ['organizations.id'],
                                name=op.f('fk_lower_conferences_unit_id_organizations'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lower_conferences')),
        sa.UniqueConstraint('conference_id', 'unit_id', name='uq_lower_conferences_conference_unit'),
        sa.UniqueConstraint('conference_id', 'code', name='uq_lower_conferences_conference_code'),
    )
    with op.batch_alter_table('lower_conferences') as batch:
        batch.create_index(batch.f('ix_lower_conferences_conference_id'), ['conference_id'], unique=False)


def downgrade():
    with op.batch_alter_table('lower_conferences') as batch:
        batch.drop_index(batch.f('ix_lower_conferences_conference_id'))
    op.drop_table('lower_conferences')
    with op.batch_alter_table('nominations') as batch:
        batch.drop_constraint(batch.f('ck_nominations_achievements_summary_length'), type_='check')
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('achievements_summary')

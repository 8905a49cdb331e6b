"""badges: a random token signed into the QR code and a fallback code printed under it

Revision ID: f3c2d3e4f5a6
Revises: f2b1c2d3e4f5
Create Date: 2026-12-03

Hand-written: delegates.badge_token (64 random bits, hex) replaces the serial in the signed badge code, so a
delegate given a removed one's id (SQLite reuses the highest id) never inherits the removed one's badge;
delegates.fallback_code (8 characters without look-alikes, unique per conference) is printed under the QR and
typed at the desk. Existing delegates draw both here: badges printed before this migration must be printed
again (their codes named the serial). On SQLite the table gets AUTOINCREMENT: a removed delegate's id is never
given to another, so a refused old badge never names the wrong person.
"""
from alembic import op
import sqlalchemy as sa

from conference.core.shortcode import new_short_code, new_token


revision = 'f3c2d3e4f5a6'
down_revision = 'f2b1c2d3e4f5'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('delegates') as batch:
        batch.add_column(sa.Column('badge_token', sa.String(length=16), nullable=True))
        batch.add_column(sa.Column('fallback_code', sa.String(length=8), nullable=True))
    connection = op.get_bind()
    delegates = sa.table('delegates', sa.column('id', sa.Integer), sa.column('conference_id', sa.Integer),
                         sa.column('badge_token', sa.String), sa.column('fallback_code', sa.String))
    taken: dict[int, set[str]] = {}
    rows = connection.execute(sa.select(delegates.c.id, delegates.c.conference_id).order_by(delegates.c.id)).all()
    for delegate_id, conference_id in rows:
        codes = taken.setdefault(conference_id, set())
        code = new_short_code(codes)
        codes.add(code)
        connection.execute(delegates.update().where(delegates.c.id == delegate_id)
                           .values(badge_token=new_token(), fallback_code=code))
    # SQLite: the table is built again with AUTOINCREMENT, so a removed delegate's id is never given to another
    # (PostgreSQL's sequence never gives an id twice).
    with op.batch_alter_table('delegates', recreate='auto', table_kwargs={'sqlite_autoincrement': True}) as batch:
        batch.alter_column('badge_token', existing_type=sa.String(length=16), nullable=False)
        batch.alter_column('fallback_code', existing_type=sa.String(length=8), nullable=False)
        batch.create_check_constraint(op.f('ck_delegates_badge_token_length'), 'length(badge_token) = 16')
        batch.create_check_constraint(op.f('ck_delegates_fallback_code_length'), 'length(fallback_code) = 8')
        batch.create_unique_constraint(op.f('uq_delegates_fallback_code'), ['conference_id', 'fallback_code'])


def downgrade():
    with op.batch_alter_table('delegates') as batch:
        batch.drop_constraint(op.f('uq_delegates_fallback_code'), type_='unique')
        batch.drop_constraint(op.f('ck_delegates_fallback_code_length'), type_='check')
        batch.drop_constraint(op.f('ck_delegates_badge_token_length'), type_='check')
        batch.drop_column('fallback_code')
        batch.drop_column('badge_token')

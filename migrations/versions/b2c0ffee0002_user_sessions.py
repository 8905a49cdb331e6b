"""user_sessions: each login is a row, so logout and "sign out everywhere" end sessions on the server

Revision ID: b2c0ffee0002
Revises: a1c0ffee0001
Create Date: 2026-12-03

Hand-written: user_sessions (a random id the signed cookie carries, the user, when the login began, the browser's
User-Agent and the client address). The user loader finds nobody unless the cookie's row exists, so every browser
signed in before this migration is signed out once and logs in again.
"""
from alembic import op
import sqlalchemy as sa


revision = 'b2c0ffee0002'
down_revision = 'a1c0ffee0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'user_sessions',
        sa.Column('id', sa.String(length=43), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('user_agent', sa.String(length=200), nullable=False),
        sa.Column('address', sa.String(length=45), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_sessions_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_sessions')),
    )
    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_sessions_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_sessions_user_id'))
    op.drop_table('user_sessions')

"""organizations: the 2025 union structure's levels as data and a stored place name; the conference's signer

Revision ID: d8c0ffee0011
Revises: d7c0ffee0010
Create Date: 2026-12-03

Hand-written. The level codes of `conference/organizations/data/levels.json` as of this revision become the CHECK
constraints of `organizations.level` and `conferences.level` (commune, sector and industrial-zone unions directly
above the grassroots since 1 July 2025; the national sector unions; the former district federation kept for old
data). `organizations.place_name` is the administrative unit an organization's documents print in their date line.
The signer (title, name) moves from the dossier settings to the conference, which also gets its "TM." line: the
values stored in `dossiers` are copied to their conference.
"""
from alembic import op
import sqlalchemy as sa


revision = 'd8c0ffee0011'
down_revision = 'd7c0ffee0010'
branch_labels = None
depends_on = None

OLD_ORGANIZATION_LEVELS = "level IN ('national', 'province', 'district', 'grassroots')"
OLD_CONFERENCE_LEVELS = "level IN ('district', 'province', 'national')"
NEW_ORGANIZATION_LEVELS = ("level IN ('national', 'province', 'sector_central', 'commune', 'sector', "
                           "'industrial_zone', 'district', 'grassroots')")
NEW_CONFERENCE_LEVELS = ("level IN ('national', 'province', 'sector_central', 'commune', 'sector', "
                         "'industrial_zone', 'district')")
#: Going back: each new level to the old level in its place of the tree.
BACK = {"commune": "district", "sector": "district", "industrial_zone": "district", "sector_central": "province"}


def _sqlite_foreign_keys(on: bool) -> None:
    """SQLite rebuilds a table to change it (batch mode); with foreign keys enforced, dropping the old
    `organizations` or `conferences` table fails while other rows point at it. The pragma only works outside a
    transaction, so the current one is committed around it (SQLite's documented 12-step ALTER procedure);
    `PRAGMA foreign_key_check` then proves nothing was left dangling."""
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    if on:
        problems = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
        if problems:
            raise RuntimeError(f"foreign keys broken by the migration: {problems[:5]}")
    conn.exec_driver_sql("COMMIT")
    conn.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    conn.exec_driver_sql("BEGIN")


def upgrade():
    _sqlite_foreign_keys(False)
    _upgrade()
    _sqlite_foreign_keys(True)


def downgrade():
    _sqlite_foreign_keys(False)
    _downgrade()
    _sqlite_foreign_keys(True)


def _upgrade():
    with op.batch_alter_table('organizations') as batch:
        batch.add_column(sa.Column('place_name', sa.String(length=100), nullable=True))
        batch.drop_constraint(op.f('ck_organizations_level_known'), type_='check')
        batch.create_check_constraint(op.f('ck_organizations_level_known'), NEW_ORGANIZATION_LEVELS)

    with op.batch_alter_table('conferences') as batch:
        batch.add_column(sa.Column('signature_for', sa.String(length=120), nullable=True))
        batch.add_column(sa.Column('signer_title', sa.String(length=120), nullable=True))
        batch.add_column(sa.Column('signer_name', sa.String(length=120), nullable=True))
        batch.drop_constraint(op.f('ck_conferences_level_known'), type_='check')
        batch.create_check_constraint(op.f('ck_conferences_level_known'), NEW_CONFERENCE_LEVELS)

    op.execute(
        "UPDATE conferences SET "
        "signer_title = (SELECT dossiers.signer_title FROM dossiers WHERE dossiers.conference_id = conferences.id), "
        "signer_name = (SELECT dossiers.signer_name FROM dossiers WHERE dossiers.conference_id = conferences.id) "
        "WHERE EXISTS (SELECT 1 FROM dossiers WHERE dossiers.conference_id = conferences.id)")

    with op.batch_alter_table('dossiers') as batch:
        batch.drop_column('signer_title')
        batch.drop_column('signer_name')


def _downgrade():
    with op.batch_alter_table('dossiers') as batch:
        batch.add_column(sa.Column('signer_name', sa.String(length=120), nullable=True))
        batch.add_column(sa.Column('signer_title', sa.String(length=120), nullable=True))
    op.execute(
        "UPDATE dossiers SET "
        "signer_title = (SELECT conferences.signer_title FROM conferences WHERE conferences.id = dossiers.conference_id), "
        "signer_name = (SELECT conferences.signer_name FROM conferences WHERE conferences.id = dossiers.conference_id)")

    for table in ('organizations', 'conferences'):
        for new, old in BACK.items():
            op.execute(sa.text(f"UPDATE {table} SET level = :old WHERE level = :new").bindparams(old=old, new=new))

    with op.batch_alter_table('conferences') as batch:
        batch.drop_constraint(op.f('ck_conferences_level_known'), type_='check')
        batch.create_check_constraint(op.f('ck_conferences_level_known'), OLD_CONFERENCE_LEVELS)
        batch.drop_column('signer_name')
        batch.drop_column('signer_title')
        batch.drop_column('signature_for')

    with op.batch_alter_table('organizations') as batch:
        batch.drop_constraint(op.f('ck_organizations_level_known'), type_='check')
        batch.create_check_constraint(op.f('ck_organizations_level_known'), OLD_ORGANIZATION_LEVELS)
        batch.drop_column('place_name')

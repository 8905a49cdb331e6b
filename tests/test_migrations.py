"""Migrations build exactly the schema the models describe, and run down to nothing and up again, on SQLite and
on PostgreSQL."""

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from conference import create_app
from conference.extensions import db

MIGRATIONS_DATABASE = f"conference_migrations_{uuid.uuid4().hex[:8]}"  # unique: runs may share a server


@pytest.fixture
def migrations_url(request, backend, tmp_path):
    """An empty database of its own (not the suite's shared PostgreSQL schema); its URL."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.db'}"
        return
    server = create_engine(request.getfixturevalue("postgres_url"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {MIGRATIONS_DATABASE}")
        connection.exec_driver_sql(f"CREATE DATABASE {MIGRATIONS_DATABASE}")
    try:
        yield server.url.set(database=MIGRATIONS_DATABASE).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {MIGRATIONS_DATABASE} WITH (FORCE)")
        server.dispose()


def _schema_difference() -> list:
    with db.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), db.metadata)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_migrations_run_down_to_nothing_and_up_again_to_the_models_schema(migrations_url, backend):
    app = create_app({"SQLALCHEMY_DATABASE_URI": migrations_url, "TESTING": True})
    with app.app_context():
        upgrade()
        assert _schema_difference() == []

        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}

        upgrade()
        assert _schema_difference() == []
        db.engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_badge_token_migration_keeps_every_check_in_and_gives_each_badge_its_own_codes(migrations_url, backend):
    """The delegates table is built again on SQLite (constraints, AUTOINCREMENT): the rows that reference it, here
    the check-ins (ON DELETE CASCADE), are all still there after it; each existing delegate draws a token and a
    fallback code, distinct within the conference."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": migrations_url, "TESTING": True})
    with app.app_context():
        upgrade(revision="f2b1c2d3e4f5")
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO organizations (id, name, level, member_count) VALUES (1, 'LĐLĐ', 'district', 0)"))
            connection.execute(text(
                "INSERT INTO conferences (id, host_id, name, level, held_on, duration, delegate_cap,"
                " exemplar_share_pct, split_tolerance_pct, presidium_max, created_at) VALUES (1, 1, 'Hội nghị',"
                " 'district', '2026-12-03', 'half_day', 250, 70, 5, 7, '2026-12-01 00:00:00')"))
            for i in range(1, 41):
                connection.execute(text(
                    "INSERT INTO delegates (id, conference_id, category, kind, full_name, direct_worker,"
                    " party_member, badge_serial, created_at) VALUES (:i, 1, 'guest', 'individual', :name,"
                    " false, false, 1, '2026-12-01 00:00:00')"), {"i": i, "name": f"Khách {i}"})
                if i % 2:
                    connection.execute(text(
                        "INSERT INTO checkins (id, conference_id, delegate_id, checked_in_at, offline)"
                        " VALUES (:i, 1, :i, '2026-12-03 01:00:00', false)"), {"i": i})
        upgrade()
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM checkins")).scalar_one() == 20
            rows = connection.execute(text("SELECT badge_token, fallback_code FROM delegates")).all()
            if backend == "sqlite":  # a removed delegate's id is never given again
                assert "AUTOINCREMENT" in connection.execute(text(
                    "SELECT sql FROM sqlite_master WHERE name = 'delegates'")).scalar_one()
        assert len(rows) == 40
        assert len({token for token, _ in rows}) == 40 and len({code for _, code in rows}) == 40
        assert _schema_difference() == []
        db.engine.dispose()

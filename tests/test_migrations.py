"""Migrations build exactly the schema the models describe, and run down to nothing and up again, on SQLite and
on PostgreSQL."""

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect

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

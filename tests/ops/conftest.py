"""Fixtures of the operations tests: a database of its own that a served process can open (an SQLite file, or a new
database on the suite's PostgreSQL cluster), with the schema."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text

from conference import create_app
from conference.extensions import db
from tests.ops.servers import SECRET


def _with_schema(url: str) -> str:
    app = create_app({"TESTING": True, "SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    return url


@pytest.fixture
def served_database(backend, tmp_path, request):
    """The URL of an empty database with the schema, committed for real (servers in other processes see it);
    a PostgreSQL database is dropped afterwards."""
    if backend == "sqlite":
        yield _with_schema(f"sqlite:///{tmp_path / 'served.db'}")
        return
    cluster = request.getfixturevalue("postgres_url")
    name = f"ops_{uuid.uuid4().hex[:12]}"
    admin = create_engine(cluster, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield _with_schema(cluster.rsplit("/", 1)[0] + "/" + name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()

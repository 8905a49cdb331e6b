"""Fixtures: an app on a fresh database per test (SQLite by default, PostgreSQL where a test asks for both),
a throw-away PostgreSQL cluster started by the test run itself, a statement counter, and helpers to log in.

SQLite: each test gets a copy of a file holding the empty schema. PostgreSQL: one schema for the session, and
each test runs inside a transaction rolled back at its end (the app's commits release savepoints inside it);
a test whose threads must see each other's commits is marked `real_commits` and its rows are truncated after.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from typing import Self

import pytest
from flask_sqlalchemy.session import Session as FlaskSession
from jinja2 import BytecodeCache
from sqlalchemy import event

from conference import create_app
from conference.extensions import db
from tests.factories import PASSWORD_HASH_METHOD


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url():
    """Start a private PostgreSQL cluster on 127.0.0.1 for the session; yield its URL; stop and delete it.

    Uses Debian's server binaries (installed by `make test`). As root the server runs as `postgres`.
    """
    if os.environ.get("TEST_POSTGRES_URL"):
        yield os.environ["TEST_POSTGRES_URL"]
        return
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not candidates:
        pytest.fail("PostgreSQL server binaries not found: run `make test`, which installs them.")
    bindir = os.path.dirname(candidates[-1])
    workdir = tempfile.mkdtemp(prefix="conference-pg-")
    datadir = os.path.join(workdir, "data")
    port = _free_port()
    as_root = os.geteuid() == 0
    if as_root:
        shutil.chown(workdir, "postgres", "postgres")
        os.chmod(workdir, 0o755)

    def run(*args):
        cmd = list(args)
        if as_root:
            cmd = ["runuser", "-u", "postgres", "--"] + cmd
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    run(f"{bindir}/initdb", "-D", datadir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8")
    run(f"{bindir}/pg_ctl", "-D", datadir, "-l", os.path.join(workdir, "log"), "-w", "-o",
        f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start")
    try:
        run(f"{bindir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "conference_test")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/conference_test"
    finally:
        run(f"{bindir}/pg_ctl", "-D", datadir, "-m", "immediate", "-w", "stop")
        shutil.rmtree(workdir, ignore_errors=True)


#: Test folders whose tests touch the database's rules (locks, constraints, counts): they run on both
#: SQLite and PostgreSQL. Elsewhere (access table, browser) SQLite alone, unless a test asks for both.
BOTH_DATABASES = {"accounts", "agenda", "audit", "checkin", "conferences", "dashboard", "delegates", "dossier", "nominations",
                  "organizations", "quotas", "units"}


def pytest_generate_tests(metafunc):
    """Run every database-facing test of the folders in BOTH_DATABASES on SQLite and on PostgreSQL."""
    if "backend" not in metafunc.fixturenames:
        return
    if any("backend" in marker.args[0] for marker in metafunc.definition.iter_markers("parametrize")):
        return  # the test chose its databases itself
    folder = metafunc.definition.path.parent.name
    if folder in BOTH_DATABASES and ("app" in metafunc.fixturenames or "ctx" in metafunc.fixturenames):
        metafunc.parametrize("backend", ["sqlite", "postgresql"])


@pytest.fixture
def backend() -> str:
    """The database a test runs on (see `pytest_generate_tests`); SQLite by default."""
    return "sqlite"


TEST_SETTINGS = {"TESTING": True, "SECRET_KEY": "test-secret-key", "WTF_CSRF_ENABLED": False, "PRODUCTION": False,
                 "HTTPS": False, "PASSWORD_HASH_METHOD": PASSWORD_HASH_METHOD}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "real_commits: on PostgreSQL, commit for real (threads see each other's rows) and truncate "
        "every table after the test, instead of rolling the test's transaction back")


class SharedTemplateCache(BytecodeCache):
    """Compiled templates kept in memory for the whole session. Each test builds a new app, and a new app's Jinja
    environment would compile every template it renders again (about 13 ms each); entries are keyed by the
    template's name and source checksum, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = SharedTemplateCache()


def make_test_app(settings: dict):
    """`create_app` with the suite's settings plus `settings`, sharing the session's compiled templates."""
    app = create_app({**TEST_SETTINGS, **settings})
    app.jinja_env.bytecode_cache = TEMPLATE_CACHE
    return app


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """An SQLite file with the empty schema, made once; each test gets a copy (creating tables is slow)."""
    path = tmp_path_factory.mktemp("schema") / "template.db"
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        db.create_all()
        db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_schema(postgres_url):
    """The session's PostgreSQL database with the models' schema, created once; yields its URL."""
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": postgres_url})
    with app.app_context():
        db.drop_all()  # a TEST_POSTGRES_URL database may hold an earlier run's tables
        db.create_all()
        db.engine.dispose()
    return postgres_url


class _JoinedSession(FlaskSession):
    """Flask-SQLAlchemy's session, except that a `bind` given to the session (the test's connection) wins over
    the app's engine, which Flask-SQLAlchemy's `get_bind` would otherwise always choose."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        if bind is None and self.bind is not None:
            return self.bind
        return super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)


@contextmanager
def _rolled_back(app):
    """Bind `db.session` to one connection inside a transaction that the test never commits; yield; roll it back.

    `join_transaction_mode="create_savepoint"`: the app's `commit()` releases a savepoint and its `rollback()`
    returns to one, so the app behaves as on a real database while nothing reaches it. One connection: only for
    tests that run the app in one thread at a time.
    """
    with app.app_context():
        connection = db.engine.connect()
    outer = connection.begin()
    factory = db.session.session_factory
    saved_class, saved_kw = factory.class_, dict(factory.kw)
    factory.class_ = _JoinedSession
    factory.configure(bind=connection, join_transaction_mode="create_savepoint")
    try:
        yield
    finally:
        with app.app_context():
            db.session.remove()
        factory.class_ = saved_class
        factory.kw.clear()
        factory.kw.update(saved_kw)
        outer.rollback()
        connection.close()


def _truncate_all_tables(app) -> None:
    """Empty every table of the models and restart their id sequences (after a `real_commits` test)."""
    with app.app_context():
        db.session.remove()
        tables = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
        with db.engine.begin() as connection:
            connection.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


@pytest.fixture
def app(request, backend, tmp_path):
    """The application on a fresh, empty schema: a copy of the SQLite template, or the session's PostgreSQL
    schema inside a transaction rolled back after the test (emptied by TRUNCATE for `real_commits` tests)."""
    if backend == "sqlite":
        target = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
        url = f"sqlite:///{target}"
    else:
        url = request.getfixturevalue("postgres_schema")
    app = make_test_app({"SQLALCHEMY_DATABASE_URI": url})
    if backend == "sqlite":
        yield app
    elif request.node.get_closest_marker("real_commits"):
        try:
            yield app
        finally:
            _truncate_all_tables(app)
    else:
        with _rolled_back(app):
            yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def ctx(app):
    """An application context for service-level tests."""
    with app.app_context():
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


class StatementCounter:
    """The SQL statements the app's engine ran inside a `with` block (savepoint bookkeeping left out, so the
    figure is the same on a rolled-back test connection as on a real one)."""

    _BOOKKEEPING = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")

    def __init__(self, engine):
        self._engine = engine
        self.statements: list[str] = []

    def __enter__(self) -> Self:
        self.statements = []
        event.listen(self._engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(self._engine, "before_cursor_execute", self._record)

    def _record(self, connection, cursor, statement, parameters, context, executemany) -> None:
        if not statement.lstrip().upper().startswith(self._BOOKKEEPING):
            self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counted: client.get(url)`, then `counted.count` (and `counted.statements`): the
    statements run on the app's database inside the block, from the test and the app alike."""
    with app.app_context():
        engine = db.engine

    def counter() -> StatementCounter:
        return StatementCounter(engine)

    return counter


class AuthActions:
    """Log a test client in and out (flaskr's helper)."""

    def __init__(self, client):
        self._client = client

    def login(self, username: str, password: str = "secret"):
        return self._client.post("/login", data={"username": username, "password": password})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


def wait_for(predicate, timeout: float = 10.0, interval: float = 0.05):
    """Poll `predicate` until it is truthy or `timeout` seconds pass; return its last value."""
    deadline = time.monotonic() + timeout
    value = predicate()
    while not value and time.monotonic() < deadline:
        time.sleep(interval)
        value = predicate()
    return value

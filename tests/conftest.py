"""Fixtures: an app on a fresh database per test (SQLite by default, PostgreSQL where a test asks for both),
a throw-away PostgreSQL cluster started by the test run itself, and helpers to log in."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest

from conference import create_app
from conference.extensions import db


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
BOTH_DATABASES = {"agenda", "audit", "checkin", "conferences", "dashboard", "delegates", "dossier", "nominations",
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


TEST_SETTINGS = {"TESTING": True, "SECRET_KEY": "test-secret-key", "WTF_CSRF_ENABLED": False, "PRODUCTION": False}


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


@pytest.fixture
def app(request, backend, tmp_path):
    """The application on a fresh, empty schema: a copy of the SQLite template, or a reset PostgreSQL."""
    if backend == "sqlite":
        target = tmp_path / "test.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), target)
        url = f"sqlite:///{target}"
    else:
        url = request.getfixturevalue("postgres_url")
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": url})
    if backend != "sqlite":
        with app.app_context():
            db.drop_all()
            db.create_all()
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

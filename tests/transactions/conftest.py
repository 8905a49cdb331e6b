"""Fixtures of the transaction tests: a database of its own (an SQLite file, or a new PostgreSQL database on the
suite's cluster) and two gunicorn processes serving `wsgi:app` on it."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]
SECRET = "transactions-test-secret-key-0123456789"
TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


@pytest.fixture(scope="module")
def database_url(backend, tmp_path_factory, request):
    """The URL of an empty database with the schema, for this module's servers; removed afterwards."""
    from conference import create_app
    from conference.extensions import db

    if backend == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('served') / 'served.db'}"
    else:
        cluster = request.getfixturevalue("postgres_url")
        name = f"served_{uuid.uuid4().hex[:12]}"
        admin = create_engine(cluster, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        url = cluster.rsplit("/", 1)[0] + "/" + name
    app = create_app({"TESTING": True, "SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    yield url
    if backend != "sqlite":
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(url: str, log: Path, **settings: str) -> tuple[subprocess.Popen, str]:
    """`gunicorn -w 1 --threads 8 wsgi:app` on `url` (one process, eight requests at once), with `settings` as
    extra environment variables; returns the process and its base URL."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": SECRET, **settings}
    with log.open("w") as output:  # the child keeps its own descriptor
        process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "-w", "1", "-k", "gthread", "--threads", "8", "-b",
             f"127.0.0.1:{port}", "wsgi:app"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    return process, f"http://127.0.0.1:{port}"


def wait_until_serving(base: str, process: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {log.read_text()}")
        try:
            status, _body, _cookie = call(base, "GET", "/login")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not start: {log.read_text()}")


@contextmanager
def two_servers(database_url: str, logs: Path, **settings: str):
    """Two gunicorn instances serving the same database (`start_gunicorn`, with `settings`); yields their base
    URLs once both answer, and stops them afterwards."""
    started = [start_gunicorn(database_url, logs / f"server{i}.log", **settings) for i in range(2)]
    try:
        for i, (process, base) in enumerate(started):
            wait_until_serving(base, process, logs / f"server{i}.log")
        yield [base for _process, base in started]
    finally:
        for process, _base in started:
            process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        for process, _base in started:
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


@pytest.fixture(scope="module")
def redis_url(backend, tmp_path_factory):
    """A private Redis server on 127.0.0.1 (Debian's redis-server, no persistence) for this module and database
    backend (so the counters of one backend's servers start at zero for the other's); yields its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server not found: run `make test`, which installs it (Debian's redis-server).")
    port = _free_port()
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                "--dir", str(tmp_path_factory.mktemp("redis"))],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def servers(database_url, redis_url, tmp_path_factory):
    """Two gunicorn instances serving the same database, their login throttles sharing one Redis store (as
    SECURITY.md asks of several processes); yields their base URLs."""
    with two_servers(database_url, tmp_path_factory.mktemp("gunicorn"), RATELIMIT_STORAGE_URI=redis_url) as bases:
        yield bases


def call(base: str, method: str, path: str, *, body: bytes | None = None, headers: dict | None = None,
         cookie: str | None = None) -> tuple[int, bytes, str | None]:
    """One HTTP request, redirects not followed; returns (status, body, the session cookie it set or None)."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request(method, path, body=body, headers={**(headers or {}), **({"Cookie": cookie} if cookie else {})})
        response = connection.getresponse()
        data = response.read()
        set_cookie = response.getheader("Set-Cookie")
        return response.status, data, set_cookie.split(";", 1)[0] if set_cookie else None
    finally:
        connection.close()


class Login:
    """A logged-in browser session: its cookie and CSRF token, valid on every server (one SECRET_KEY)."""

    def __init__(self, base: str, username: str, password: str):
        _status, page, self.cookie = call(base, "GET", "/login")
        token = TOKEN.search(page.decode()).group(1)
        status, _page, cookie = self.post_form(base, "/login", {"username": username, "password": password,
                                                               "csrf_token": token})
        assert status == 302, "login failed"
        self.cookie = cookie or self.cookie
        _status, page, cookie = call(base, "GET", "/", cookie=self.cookie)
        self.cookie = cookie or self.cookie
        self.token = TOKEN.search(page.decode()).group(1)

    def post_form(self, base: str, path: str, form: dict):
        return call(base, "POST", path, body=urlencode(form, doseq=True).encode(), cookie=self.cookie,
                    headers={"Content-Type": "application/x-www-form-urlencoded"})

    def post_json(self, base: str, path: str, payload: dict):
        return call(base, "POST", path, body=json.dumps(payload).encode(), cookie=self.cookie,
                    headers={"Content-Type": "application/json", "X-CSRFToken": self.token})

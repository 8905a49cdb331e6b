"""Two app processes share the login throttle through the configured store: two gunicorn instances serving
`wsgi:app` on one database with RATELIMIT_STORAGE_URI naming one Redis server (Debian's redis-server, started by
this test on 127.0.0.1 and stopped after it). Failures split between the two processes add up."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from urllib.parse import urlencode

import pytest

from conference import create_app
from conference.extensions import db
from tests.factories import PASSWORD, make_world
from tests.transactions.conftest import ROOT, SECRET, TOKEN, call, two_servers


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A private Redis server on 127.0.0.1 (no persistence) for this module; yields its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server not found: run `make test`, which installs it (Debian's redis-server).")
    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                "--dir", str(workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
def servers(redis_url, tmp_path_factory):
    """Two gunicorn processes on one SQLite file holding `make_world`, their counters in `redis_url`."""
    url = f"sqlite:///{tmp_path_factory.mktemp('throttle') / 'served.db'}"
    app = create_app({"TESTING": True, "SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        make_world()
        db.session.remove()
        db.engine.dispose()
    with two_servers(url, tmp_path_factory.mktemp("gunicorn"), RATELIMIT_STORAGE_URI=redis_url) as bases:
        yield bases


def attempt(base: str, username: str, password: str) -> int:
    """One login through the form, as a browser does it (the login page, then the POST with its CSRF token)."""
    _status, page, cookie = call(base, "GET", "/login")
    token = TOKEN.search(page.decode()).group(1)
    status, _body, _cookie = call(base, "POST", "/login", cookie=cookie,
                                  body=urlencode({"username": username, "password": password,
                                                  "csrf_token": token}).encode(),
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    return status


def test_failures_split_between_two_processes_add_up_in_the_shared_store(servers):
    first, second = servers
    assert attempt(first, "unit2", PASSWORD) == 302  # both serve the world
    assert attempt(second, "unit2", PASSWORD) == 302

    statuses = [attempt(servers[i % 2], "organizer", "wrong") for i in range(5)]  # 3 on the first, 2 on the second

    assert statuses == [200] * 5
    # Neither process saw five failures; together they did: both refuse, even the right password.
    assert attempt(first, "organizer", PASSWORD) == 429
    assert attempt(second, "organizer", PASSWORD) == 429
    assert attempt(second, "unit1", PASSWORD) == 302  # another username from the same address still logs in


UNREACHABLE_STORE = r'''
import sys
from conference.extensions import db
from tests.conftest import make_test_app
from tests.factories import PASSWORD, make_world

app = make_test_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1], "RATELIMIT_STORAGE_URI": sys.argv[2]})
with app.app_context():
    db.create_all()
    make_world()
client = app.test_client()
statuses = [client.post("/login", data={"username": "organizer", "password": "wrong"}).status_code
            for _ in range(5)]
statuses.append(client.post("/login", data={"username": "organizer", "password": PASSWORD}).status_code)
statuses.append(client.post("/login", data={"username": "unit1", "password": PASSWORD}).status_code)
print(statuses)
'''


def test_an_unreachable_store_never_fails_the_login_page_and_the_process_counts_alone(tmp_path):
    """Redis down: no 500; this process throttles in its own memory (in a subprocess: the fallback is the
    extension's state, and would outlive this test in the suite's process)."""
    dead = f"redis://127.0.0.1:{_free_port()}"  # nothing listens there
    result = subprocess.run([sys.executable, "-c", UNREACHABLE_STORE, f"sqlite:///{tmp_path / 'dead.db'}", dead],
                            check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str([200] * 5 + [429, 302])

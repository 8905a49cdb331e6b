"""The login throttle's store out of reach: the login page still answers and each process counts on its own.
(Two processes sharing one store: `tests/transactions/test_two_servers.py`, on both databases.)"""

from __future__ import annotations

import socket
import subprocess
import sys

from tests.transactions.conftest import ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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

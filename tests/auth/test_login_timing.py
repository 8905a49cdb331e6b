"""An unknown username takes as long to refuse as a known one with a wrong password (conference.auth.identity
.authenticate): the refusal's time does not tell which usernames exist."""

from __future__ import annotations

import statistics
import time

import pytest
from sqlalchemy import select

from conference.auth.identity import authenticate
from conference.auth.models import User
from conference.extensions import db
from tests.conftest import make_test_app
from tests.factories import make_world

#: Costly enough (tens of milliseconds) that the password check dominates the refusal's time, as scrypt does.
SLOW_HASH = "pbkdf2:sha256:60000"
ROUNDS = 5


@pytest.fixture
def slow_app(app):
    slow = make_test_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                          "PASSWORD_HASH_METHOD": SLOW_HASH})
    with slow.app_context():
        make_world()
        for username in ("organizer", "checkin"):
            user = db.session.execute(select(User).where(User.username == username)).scalar_one()
            user.set_password("the-right-password")
        db.session.execute(select(User).where(User.username == "checkin")).scalar_one().active = False
        db.session.commit()
        db.session.remove()
    yield slow
    with slow.app_context():
        db.engine.dispose()


def median_seconds(client, username: str) -> float:
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        response = client.post("/login", data={"username": username, "password": "a-wrong-password"},
                               environ_base={"REMOTE_ADDR": f"10.1.0.{len(times)}"})
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    return statistics.median(times)


def test_an_unknown_username_takes_as_long_to_refuse_as_a_known_one(slow_app):
    client = slow_app.test_client()
    median_seconds(client, "warm-up")

    known = median_seconds(client, "organizer")
    unknown = median_seconds(client, "nobody-by-this-name")
    deactivated = median_seconds(client, "checkin")

    assert unknown >= 0.5 * known, (unknown, known)
    assert deactivated >= 0.5 * known, (deactivated, known)


def test_authenticate_gives_the_user_only_for_the_right_password_of_an_active_account(slow_app):
    with slow_app.app_context():
        assert authenticate(db.session, " organizer ", "the-right-password").username == "organizer"
        assert authenticate(db.session, "organizer", "a-wrong-password") is None
        assert authenticate(db.session, "nobody", "the-right-password") is None
        assert authenticate(db.session, "checkin", "the-right-password") is None  # deactivated

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


def median_seconds(client, usernames: list[str]) -> dict[str, float]:
    """The median time of ROUNDS refused logins of each username, taken in turns (one of each, then again), so
    that a burst of load on a shared machine slows all of them alike rather than one."""
    times: dict[str, list[float]] = {username: [] for username in usernames}
    for round_ in range(ROUNDS):
        for index, username in enumerate(usernames):
            started = time.perf_counter()
            response = client.post("/login", data={"username": username, "password": "a-wrong-password"},
                                   environ_base={"REMOTE_ADDR": f"10.1.{index}.{round_}"})
            times[username].append(time.perf_counter() - started)
            assert response.status_code == 200
    return {username: statistics.median(values) for username, values in times.items()}


def test_an_unknown_username_takes_as_long_to_refuse_as_a_known_one(slow_app):
    client = slow_app.test_client()
    median_seconds(client, ["warm-up"])

    medians = median_seconds(client, ["organizer", "nobody-by-this-name", "checkin"])

    known, unknown, deactivated = medians["organizer"], medians["nobody-by-this-name"], medians["checkin"]
    assert unknown >= 0.5 * known, (unknown, known)
    assert deactivated >= 0.5 * known, (deactivated, known)


def test_authenticate_gives_the_user_only_for_the_right_password_of_an_active_account(slow_app):
    with slow_app.app_context():
        assert authenticate(db.session, " organizer ", "the-right-password").username == "organizer"
        assert authenticate(db.session, "Organizer", "the-right-password").username == "organizer"  # a phone's
        assert authenticate(db.session, "ORGANIZER", "a-wrong-password") is None  # capital letter, not a bypass
        assert authenticate(db.session, "organizer", "a-wrong-password") is None
        assert authenticate(db.session, "nobody", "the-right-password") is None
        assert authenticate(db.session, "checkin", "the-right-password") is None  # deactivated

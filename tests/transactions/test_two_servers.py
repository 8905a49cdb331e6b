"""The hard limits across processes: two gunicorn instances (`wsgi:app`, one sync worker each) on one database,
an SQLite file or PostgreSQL, hammered at once through HTTP. The database's own locks keep the counts; the login
throttle's counters are shared through the configured store (Redis)."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from conference import create_app
from conference.badges.services import badge_code
from conference.checkin.models import CheckIn
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.models import Nomination
from conference.nominations.services import Actor, approve_nomination, submit_nomination
from tests.factories import PASSWORD, make_world, nomination_data
from tests.transactions.conftest import SECRET, TOKEN, Login, call

pytestmark = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], scope="module")

TODAY = date(2025, 3, 1)


def attempt(base: str, username: str, password: str) -> int:
    """One login through the form, as a browser does it (the login page, then the POST with its CSRF token)."""
    _status, page, cookie = call(base, "GET", "/login")
    token = TOKEN.search(page.decode()).group(1)
    status, _body, _cookie = call(base, "POST", "/login", cookie=cookie,
                                  body=urlencode({"username": username, "password": password,
                                                  "csrf_token": token}).encode(),
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    return status


@dataclass(frozen=True)
class Seeded:
    conference_id: int
    unit_id: int
    code: str


def _app(url: str):
    return create_app({"TESTING": True, "SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": url})


@pytest.fixture(scope="module")
def seeded(database_url) -> Seeded:
    """Unit 1 has 2 of its 5 seats taken (3 left); unit 2's one nomination is an approved delegate with a badge."""
    app = _app(database_url)
    with app.app_context():
        world = make_world(units=2, quotas=(5, 1))
        for name in ("Lý Văn Một", "Lý Văn Hai"):
            submit_nomination(world.conference_id, world.unit_ids[0], nomination_data(name), Actor(None), TODAY)
        exemplar = submit_nomination(world.conference_id, world.unit_ids[1], nomination_data("Trần Thị Quét"),
                                     Actor(None), TODAY)
        approve_nomination(exemplar.id)
        db.session.commit()
        delegate = db.session.execute(select(Delegate).where(Delegate.nomination_id == exemplar.id)).scalar_one()
        seeded = Seeded(world.conference_id, world.unit_ids[0], badge_code(SECRET, delegate))
        db.session.remove()
        db.engine.dispose()
    return seeded


def _count(url: str, query):
    app = _app(url)
    with app.app_context():
        value = db.session.execute(query).scalar_one()
        db.session.remove()
        db.engine.dispose()
    return value


def _at_once(count: int, work):
    """Run `work(i)` for i < count in as many threads, released together; returns the results in order."""
    barrier = threading.Barrier(count)

    def run(i):
        barrier.wait(30)
        return work(i)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def test_fifty_submissions_through_two_servers_take_exactly_the_last_three_seats(servers, seeded, database_url):
    unit = Login(servers[0], "unit1", PASSWORD)
    path = f"/conferences/{seeded.conference_id}/nominations/new"

    def submit(i: int) -> int:
        form = {**nomination_data(f"Người thứ {i}"), "direct_worker": "y", "action": "submit",
                "csrf_token": unit.token}
        form.pop("party_member")
        form.pop("titles")
        status, _page, _cookie = unit.post_form(servers[i % 2], path, form)
        return status

    statuses = _at_once(50, submit)

    assert sorted(statuses) == [200] * 47 + [302] * 3  # 302: submitted; 200: the form again, with the refusal
    assert _count(database_url, select(func.count()).select_from(Nomination)
                  .where(Nomination.unit_id == seeded.unit_id)) == 5


def test_sixteen_desks_on_two_servers_scanning_one_badge_check_in_exactly_once(servers, seeded, database_url):
    desk = Login(servers[1], "checkin", PASSWORD)

    def scan(i: int) -> str:
        status, body, _cookie = desk.post_json(servers[i % 2], "/api/checkin", {
            "code": seeded.code, "conference_id": seeded.conference_id, "desk": f"Bàn {i}", "nonce": f"n-{i}"})
        assert status == 200
        return json.loads(body)["result"]

    results = _at_once(16, scan)

    assert sorted(results) == ["already_checked_in"] * 15 + ["checked_in"]
    assert _count(database_url, select(func.count()).select_from(CheckIn)) == 1


def test_failed_logins_through_two_servers_on_one_database_add_up_in_the_shared_throttle(servers, seeded):
    statuses = [attempt(servers[i % 2], "organizer", "wrong") for i in range(5)]  # 3 on the first, 2 on the second

    assert statuses == [200] * 5
    assert [attempt(base, "organizer", PASSWORD) for base in servers] == [429, 429]  # the right one too
    assert attempt(servers[0], "unit2", PASSWORD) == 302  # another username from the same address logs in

"""`conference.db.lock` on both databases: a second writer of the same guard waits for the first to commit, then
counts its row (lock, then count, then insert)."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from conference.db import lock
from conference.extensions import db
from conference.organizations.models import Organization

pytestmark = pytest.mark.real_commits  # the two threads' connections see each other's commits


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_second_writer_waits_for_the_first_and_counts_its_row(app):
    with app.app_context():
        host = Organization(name="LĐLĐ huyện", level="district")
        db.session.add(host)
        db.session.commit()
        guard = select(Organization.id).where(Organization.id == host.id)
    events: list[str] = []
    counts: dict[str, int] = {}
    first_holds = threading.Event()

    def writer(name: str, hold: float) -> None:
        with app.app_context():
            lock(db.session, guard)
            events.append(f"{name} locked")
            counts[name] = db.session.execute(
                select(func.count()).select_from(Organization).where(Organization.level == "grassroots")).scalar_one()
            first_holds.set()
            time.sleep(hold)
            db.session.add(Organization(name=name, level="grassroots", member_count=1))
            db.session.flush()
            events.append(f"{name} wrote")
            db.session.commit()
            db.session.remove()

    first = threading.Thread(target=writer, args=("first", 0.3))
    first.start()
    assert first_holds.wait(10)
    second = threading.Thread(target=writer, args=("second", 0))
    second.start()
    first.join(10)
    second.join(10)

    assert events == ["first locked", "first wrote", "second locked", "second wrote"]
    assert counts == {"first": 0, "second": 1}

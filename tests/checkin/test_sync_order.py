"""Two offline desks syncing the same delegates in opposite orders, at once: both syncs succeed (no deadlock on
PostgreSQL: a sync locks its delegates in id order first), and each delegate is checked in once."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from conference.badges.services import badge_code
from conference.checkin.models import CheckIn
from conference.checkin.services import OfflineScan, sync_offline_scans
from conference.core.clock import utcnow
from conference.delegates.models import Delegate
from conference.delegates.services import add_guest
from conference.extensions import db
from tests.factories import make_world


@pytest.mark.real_commits  # threads on their own connections: see each other's commits
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_desks_syncing_the_same_people_in_opposite_orders_both_succeed(app, backend):
    with app.app_context():
        world = make_world()
        for i in range(20):
            add_guest(world.conference_id, {"full_name": f"Khách mời {i}", "position": "Khách"})
        db.session.commit()
        secret = app.config["SECRET_KEY"]
        codes = [badge_code(secret, d) for d in db.session.execute(
            select(Delegate).where(Delegate.conference_id == world.conference_id).order_by(Delegate.id)).scalars()]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def desk(name: str, ordered: list[str]) -> None:
        try:
            with app.app_context():
                at = utcnow() - timedelta(minutes=5)
                scans = [OfflineScan(code, f"{name}-{i}", at + timedelta(seconds=i)) for i, code in enumerate(ordered)]
                barrier.wait(timeout=30)
                sync_offline_scans(secret, world.conference_id, scans, desk=name, user_id=None,
                                   desk_session=name)
                db.session.commit()
                db.session.remove()
        except BaseException as error:  # noqa: BLE001 - reported below, a thread must not die silently
            errors.append(error)

    threads = [threading.Thread(target=desk, args=("A", codes)),
               threading.Thread(target=desk, args=("B", codes[::-1]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    with app.app_context():
        rows = db.session.execute(select(func.count()).select_from(CheckIn)).scalar_one()
        distinct = db.session.execute(select(func.count(func.distinct(CheckIn.delegate_id)))).scalar_one()
    assert rows == distinct == len(codes)

"""`conference.db.serialized()` on SQLite: the transaction it opens reads what other writers committed before it
got the lock, and it queues writers on the file lock (the base of every hard limit's "lock, then count")."""

from __future__ import annotations

import threading
import time

from sqlalchemy import create_engine, func, select, text

from conference.db import serialized
from conference.extensions import db
from conference.organizations.models import Organization


def _count() -> int:
    return db.session.execute(select(func.count()).select_from(Organization)).scalar_one()


def _other_writer(app, sql: str) -> None:
    """Commit `sql` through a connection of its own, as another gunicorn worker would."""
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with engine.begin() as connection:
        connection.execute(text(sql))
    engine.dispose()


def test_the_locked_transaction_reads_rows_committed_after_the_requests_first_read(app, ctx):
    before = _count()  # the request's read transaction (its snapshot) begins here
    _other_writer(app, "INSERT INTO organizations (name, level, member_count) VALUES ('CĐCS mới', 'grassroots', 10)")
    assert _count() == before  # same snapshot: SQLite WAL keeps the read consistent

    with serialized(db.session, select(Organization.id)):
        assert _count() == before + 1
    db.session.rollback()


def test_objects_loaded_before_the_lock_are_read_again_inside_it(app, ctx):
    db.session.add(Organization(name="CĐCS số 1", level="grassroots", member_count=100))
    db.session.commit()
    unit = db.session.execute(select(Organization).where(Organization.name == "CĐCS số 1")).scalar_one()
    _other_writer(app, f"UPDATE organizations SET member_count = 4321 WHERE id = {unit.id}")

    with serialized(db.session, select(Organization.id)):
        assert unit.member_count == 4321
    db.session.rollback()


def test_a_pending_change_is_committed_before_the_lock(app, ctx):
    db.session.add(Organization(name="CĐCS chờ ghi", level="grassroots", member_count=5))

    with serialized(db.session, select(Organization.id)):
        engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
        with engine.connect() as connection:
            seen = connection.execute(text("SELECT count(*) FROM organizations WHERE name = 'CĐCS chờ ghi'")).scalar()
        engine.dispose()
        assert seen == 1
    db.session.rollback()


def test_a_second_writer_waits_until_the_first_commits(app):
    order: list[str] = []
    first_holds = threading.Event()

    def writer(name: str, hold: float) -> None:
        with app.app_context():
            _count()
            with serialized(db.session, select(Organization.id)):
                order.append(f"{name} in")
                first_holds.set()
                time.sleep(hold)
                order.append(f"{name} out")
            db.session.commit()

    first = threading.Thread(target=writer, args=("first", 0.3))
    first.start()
    first_holds.wait(5)
    second = threading.Thread(target=writer, args=("second", 0))
    second.start()
    first.join(10)
    second.join(10)

    assert order == ["first in", "first out", "second in", "second out"]


def test_serialized_inside_serialized_does_not_wait_for_itself(app):
    """The inner block commits the outer one and queues again, as before the same-connection path existed."""
    done = threading.Event()

    def nested() -> None:
        with app.app_context():
            _count()
            with serialized(db.session, select(Organization.id)):
                _count()
                with serialized(db.session, select(Organization.id)):
                    _count()
            db.session.commit()
            done.set()

    worker = threading.Thread(target=nested, daemon=True)
    worker.start()
    assert done.wait(10), "the inner serialized() waited for the outer one's file lock"


def test_a_flushed_write_is_committed_by_the_session_before_the_lock(app, ctx):
    """A row flushed (not committed) before serialized() stays a persistent object of the session, written once."""
    from sqlalchemy import inspect

    unit = Organization(name="CĐCS đã flush", level="grassroots", member_count=7)
    db.session.add(unit)
    db.session.flush()

    with serialized(db.session, select(Organization.id)):
        db.session.rollback()  # the locked transaction gives up; what was flushed before it stays

    assert inspect(unit).persistent
    assert db.session.execute(
        select(func.count()).select_from(Organization).where(Organization.name == "CĐCS đã flush")).scalar_one() == 1

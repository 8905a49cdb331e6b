"""`conference.db` on SQLite: the connection settings, BEGIN IMMEDIATE for writing transactions, and `lock()`
giving a transaction the write lock before it counts (the base of every hard limit's "lock, then count")."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy import create_engine, func, select, text

from conference.db import BEGIN_IMMEDIATE, WriteBeforeLock, lock
from conference.extensions import db
from conference.organizations.models import Organization

GUARD = select(Organization.id)


def _count() -> int:
    return db.session.execute(select(func.count()).select_from(Organization)).scalar_one()


def _other_writer(app, sql: str) -> None:
    """Commit `sql` through a connection of its own, as another gunicorn worker would."""
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with engine.begin() as connection:
        connection.execute(text(sql))
    engine.dispose()


def _can_write_elsewhere(app) -> bool:
    """Whether another connection gets SQLite's write lock right now (it does not wait)."""
    raw = sqlite3.connect(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"), timeout=0,
                          isolation_level=None)
    try:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:  # database is locked
        return False
    finally:
        raw.close()


def _insert(name: str) -> str:
    return f"INSERT INTO organizations (name, level, member_count) VALUES ('{name}', 'grassroots', 10)"


def test_every_connection_is_wal_with_foreign_keys_a_busy_timeout_and_sqlites_own_checkpoints(ctx):
    pragma = {name: db.session.execute(text(f"PRAGMA {name}")).scalar()
              for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous", "wal_autocheckpoint")}

    assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 30000, "synchronous": 1,
                      "wal_autocheckpoint": 1000}  # NORMAL; SQLite's default checkpoint every 1000 pages


def test_a_transaction_begun_with_begin_immediate_holds_the_write_lock_from_its_first_read(app, ctx):
    _count()
    assert _can_write_elsewhere(app)  # a plain BEGIN: a reader takes no write lock
    db.session.rollback()

    token = BEGIN_IMMEDIATE.set(True)
    try:
        _count()
    finally:
        BEGIN_IMMEDIATE.reset(token)
    assert not _can_write_elsewhere(app)
    db.session.rollback()
    assert _can_write_elsewhere(app)


def test_the_locked_transaction_reads_rows_committed_after_the_first_read(app, ctx):
    before = _count()  # a deferred read transaction (its snapshot) begins here
    _other_writer(app, _insert("CĐCS mới"))
    assert _count() == before  # same snapshot: SQLite WAL keeps the read consistent

    lock(db.session, GUARD)

    assert _count() == before + 1
    assert not _can_write_elsewhere(app)
    db.session.rollback()


def test_objects_loaded_before_the_lock_are_read_again_inside_it(app, ctx):
    db.session.add(Organization(name="CĐCS số 1", level="grassroots", member_count=100))
    db.session.commit()
    unit = db.session.execute(select(Organization).where(Organization.name == "CĐCS số 1")).scalar_one()
    _other_writer(app, f"UPDATE organizations SET member_count = 4321 WHERE id = {unit.id}")

    lock(db.session, GUARD)

    assert unit.member_count == 4321
    db.session.rollback()


def test_a_transaction_that_has_written_keeps_its_write_and_its_lock(app, ctx):
    """A write gave the transaction SQLite's write lock (and the latest snapshot): lock() has nothing to do."""
    db.session.add(Organization(name="CĐCS đã flush", level="grassroots", member_count=7))
    db.session.flush()

    lock(db.session, GUARD)

    assert not _can_write_elsewhere(app)
    db.session.commit()
    assert db.session.execute(
        select(func.count()).select_from(Organization).where(Organization.name == "CĐCS đã flush")).scalar_one() == 1


def test_unflushed_changes_before_the_lock_of_a_deferred_transaction_are_a_programming_error(app, ctx):
    _count()
    db.session.add(Organization(name="CĐCS chưa flush", level="grassroots", member_count=7))

    with pytest.raises(WriteBeforeLock):
        lock(db.session, GUARD)
    db.session.rollback()


def test_lock_twice_in_one_transaction_does_not_wait_for_itself(ctx):
    started = time.monotonic()
    lock(db.session, GUARD)
    db.session.add(Organization(name="CĐCS", level="grassroots", member_count=1))
    db.session.flush()
    lock(db.session, GUARD)
    assert time.monotonic() - started < 1
    db.session.rollback()


def test_a_second_writer_waits_until_the_first_commits_and_then_reads_its_row(app):
    order: list[str] = []
    counts: list[int] = []
    first_holds = threading.Event()

    def writer(name: str, hold: float) -> None:
        with app.app_context():
            _count()
            lock(db.session, GUARD)
            order.append(f"{name} in")
            counts.append(_count())
            first_holds.set()
            time.sleep(hold)
            db.session.add(Organization(name=name, level="grassroots", member_count=1))
            order.append(f"{name} out")
            db.session.commit()

    first = threading.Thread(target=writer, args=("first", 0.3))
    first.start()
    assert first_holds.wait(5)
    second = threading.Thread(target=writer, args=("second", 0))
    second.start()
    first.join(10)
    second.join(10)

    assert order == ["first in", "first out", "second in", "second out"]
    assert counts == [0, 1]  # the second counted after the first's insert: lock, then count

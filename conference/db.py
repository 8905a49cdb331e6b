"""Declarative base, naming convention and the transaction helpers the rules rely on.

SQLite is the embedded default (WAL mode, foreign keys on); PostgreSQL is the way past one machine.
`serialized()` gives the "lock, then count, then insert" transaction that keeps the hard limits
(DESIGN.md, "Lessons from the peers") on both databases.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every model; constraint names are stable for Alembic."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


_begin_immediate: ContextVar[bool] = ContextVar("sqlite_begin_immediate", default=False)


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_connection, connection_record) -> None:  # pragma: no cover - driver glue
    """Configure every new SQLite connection: WAL, foreign keys, a generous busy timeout.

    pysqlite's own transaction handling is switched off (isolation_level=None) so that the
    `begin` listener below decides how a transaction starts (SQLAlchemy's documented recipe).
    """
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL: never corrupts, fsyncs at checkpoints instead of every commit (a power cut may lose the
    # last commits, an application crash loses nothing). Commits get several times faster, so writers
    # queue for the lock far less on the busy morning of the conference.
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Checkpoints (copying the WAL into the database file, with an fsync) are the background thread's job
    # (`start_wal_checkpointer`); SQLite's own, run by whichever commit crosses the limit, stays as a safety net.
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT_PAGES}")
    cursor.close()


#: SQLite's automatic checkpoint runs only past this many WAL pages (4 KiB each): normally the background
#: checkpointer keeps the WAL far smaller, so no scan at the desk waits for a checkpoint's fsync.
WAL_AUTOCHECKPOINT_PAGES = 10000

_checkpointers: dict[tuple[int, str | None], threading.Thread] = {}  # (pid, database file)
_checkpointers_lock = threading.Lock()
_log = logging.getLogger(__name__)


def start_wal_checkpointer(engine: Engine, interval: float) -> threading.Thread:
    """Make sure this process has a daemon thread running `PRAGMA wal_checkpoint(PASSIVE)` on `engine` (a SQLite
    file) every `interval` seconds; returns it. Idempotent per process and database, and fork-safe (a forked
    gunicorn worker starts its own: threads do not survive a fork).

    PASSIVE never blocks readers or writers: it copies what it can and fsyncs the database file outside any
    request, so commits (WAL + synchronous=NORMAL: no fsync) do not wait on the disk. One process checkpoints
    at a time: each thread asks for `<database>.checkpoint` with a non-blocking flock and the holder keeps it, so
    gunicorn's workers do not copy the same pages three times a second (which lengthened the desks' slowest
    scans); when the holder process exits the kernel frees the lock and another worker's thread takes over
    (forked children close their copy of it: `_forget_inherited_elections`). Errors are logged and the thread
    carries on.
    """
    key = (os.getpid(), engine.url.database)
    thread = _checkpointers.get(key)  # every request asks: answer without the lock when it runs already
    if thread is not None and thread.is_alive():
        return thread
    with _checkpointers_lock:
        thread = _checkpointers.get(key)
        if thread is not None and thread.is_alive():
            return thread

        def run() -> None:
            while True:
                time.sleep(interval)
                try:
                    if not _elect_checkpointer(engine.url.database):
                        continue
                    raw = engine.raw_connection()
                    try:
                        raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    finally:
                        raw.close()
                except Exception:  # noqa: BLE001 - logged, tried again next time: the thread must not die
                    _log.exception("WAL checkpoint failed")

        thread = threading.Thread(target=run, name="sqlite-wal-checkpoint", daemon=True)
        thread.start()
        _checkpointers[key] = thread
        return thread


def _lock_file(database: str, suffix: str) -> int:
    """A new descriptor of `<database>.<suffix>` (made if absent, owner-only) for flock: the checkpoint election
    and the write lock each lock their own file."""
    return os.open(f"{database}.{suffix}", os.O_CREAT | os.O_RDWR, 0o600)


_elected: dict[tuple[int, str], int] = {}  # (pid, database) → the descriptor holding `<database>.checkpoint`


def _elect_checkpointer(database: str) -> bool:
    """True when this process holds `<database>.checkpoint` (flock, kept open until the process exits): now, or
    since an earlier call (a checkpointer thread started again after an error keeps the election)."""
    key = (os.getpid(), database)
    if key in _elected:
        return True
    descriptor = _lock_file(database, "checkpoint")
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        return False
    _elected[key] = descriptor
    return True


def _forget_inherited_elections() -> None:
    """In a forked child (the badge sheet's process pool): close the parent's checkpoint lock descriptors, so
    the lock goes when the parent goes, not when its last child does."""
    for key in [key for key in _elected if key[0] != os.getpid()]:
        try:
            os.close(_elected.pop(key))
        except OSError:
            pass


os.register_at_fork(after_in_child=_forget_inherited_elections)


@event.listens_for(Engine, "begin")
def _sqlite_on_begin(conn) -> None:  # pragma: no cover - driver glue
    """Emit BEGIN ourselves; BEGIN IMMEDIATE when `serialized()` asked for the write lock."""
    if conn.dialect.name == "sqlite":  # straight to the driver: every request begins one or two transactions
        conn.connection.driver_connection.execute("BEGIN IMMEDIATE" if _begin_immediate.get() else "BEGIN")


_FILE_LOCK = "sqlite_write_file_lock"


def _take_file_lock(session: Session) -> None:
    """Queue for the SQLite write lock in the kernel (flock on `<database>.writelock`).

    Writers that wait in SQLite's busy handler sleep and poll (up to 100 ms a time), which made the
    slowest check-ins under load wait for hundreds of milliseconds; a waiter on flock is woken as soon
    as the holder's transaction ends. Works across gunicorn processes and threads (one descriptor
    each). Released by `_release_file_lock` when the session's transaction ends.
    """
    database = session.get_bind().url.database
    if not database or database == ":memory:":
        return
    descriptor = _lock_file(database, "writelock")
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    session.info[_FILE_LOCK] = descriptor


def _release_file_lock(session: Session) -> None:
    descriptor = session.info.pop(_FILE_LOCK, None)
    if descriptor is not None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
        os.close(descriptor)


_FLUSHED = "flushed_in_transaction"


@event.listens_for(Session, "after_flush")
def _on_flush(session: Session, flush_context) -> None:  # pragma: no cover - driver glue
    """Remember that this transaction wrote something (`_restart_immediate` is then not used)."""
    session.info[_FLUSHED] = True


@event.listens_for(Session, "after_transaction_end")
def _on_transaction_end(session: Session, transaction) -> None:  # pragma: no cover - driver glue
    """The outermost transaction ended (commit or rollback): let the next writer in."""
    if transaction.parent is None:
        session.info.pop(_FLUSHED, None)
        _release_file_lock(session)


def _restart_immediate(session: Session) -> None:
    """SQLite, a transaction that only read (nothing pending, nothing flushed, no write lock held): commit it,
    queue for the file lock, and start `BEGIN IMMEDIATE` on the same connection, without handing the connection
    back to the pool and taking it again (the scan API's hot path). Objects loaded before are expired, so what
    the caller reads next comes from the locked transaction. For the Session it is one transaction: that is
    why a transaction that wrote, or that holds the lock already (nested `serialized`), takes the other path.
    A busy database raises the driver's `sqlite3.OperationalError` here, not SQLAlchemy's wrapper."""
    connection = session.connection()  # the open transaction's connection (begins one when there is none)
    driver = connection.connection.driver_connection
    try:
        if driver.in_transaction:
            driver.execute("COMMIT")  # before queueing: a flushed write holds SQLite's lock until it ends
        _take_file_lock(session)
        driver.execute("BEGIN IMMEDIATE")
    except Exception:
        session.rollback()
        _release_file_lock(session)
        raise
    session.expire_all()


@contextmanager
def serialized(session: Session, lock_target) -> Iterator[None]:
    """Start a transaction that holds the write lock before anything is counted.

    On SQLite the current transaction is committed and a new one begins with `BEGIN IMMEDIATE`
    (on the same connection when nothing is pending: `_restart_immediate`), so two writers cannot both read
    the same count. On PostgreSQL `lock_target` (a select of the
    row that guards the rule, e.g. the conference row) is run with `FOR UPDATE`.
    The caller commits (or rolls back) when done.

    Args:
        session: the SQLAlchemy session of the request.
        lock_target: a `select()` of the guarding row(s), used on PostgreSQL; or a function of no
            arguments returning it (only called on PostgreSQL, so a hot path on SQLite does not build it).
    """
    if session.get_bind().dialect.name == "sqlite":
        if not (session.new or session.dirty or session.deleted or session.info.get(_FLUSHED)
                or _FILE_LOCK in session.info):
            _restart_immediate(session)
            yield
            return
        session.commit()
        _take_file_lock(session)
        token = _begin_immediate.set(True)
        try:
            session.connection()
        except Exception:
            session.rollback()
            _release_file_lock(session)
            raise
        finally:
            _begin_immediate.reset(token)
    else:
        statement = lock_target() if callable(lock_target) else lock_target
        session.execute(statement.with_for_update())
    yield


@contextmanager
def locked_write(session: Session, lock_target) -> Iterator[None]:
    """`serialized()` plus the end of the transaction: commit on success, roll back on any error.

    Every write that checks a hard rule runs as `with locked_write(db.session, guard): check; change`,
    so a refused change leaves nothing half written.
    """
    try:
        with serialized(session, lock_target):
            yield
        session.commit()
    except Exception:
        session.rollback()
        raise


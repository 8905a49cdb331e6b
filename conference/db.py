"""Declarative base, naming convention, SQLite connection settings and the lock that keeps the hard limits.

Transactions (DESIGN.md, "Transactions and load"): services change rows and flush; the request (or the CLI
command) commits once at its end and rolls back on any error. A hard limit is kept by "lock, then count, then
insert" with the database's own locks: `lock()` runs the guarding row's `SELECT … FOR UPDATE` on PostgreSQL;
on SQLite the transaction holds the database's write lock from its `BEGIN IMMEDIATE`.
"""

from __future__ import annotations

import os
import stat
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


#: While true, SQLite transactions begun in this context start with BEGIN IMMEDIATE (the write lock first).
#: The app sets it for the requests that write (any method but GET, HEAD, OPTIONS).
BEGIN_IMMEDIATE: ContextVar[bool] = ContextVar("sqlite_begin_immediate", default=False)

#: Keys of a SQLite connection's `info`: whether its transaction began IMMEDIATE, and the driver's count of
#: changed rows when it began (a transaction that changed rows holds the write lock already).
_IMMEDIATE = "sqlite_immediate"
_CHANGES_AT_BEGIN = "sqlite_changes_at_begin"


class WriteBeforeLock(RuntimeError):
    """A programming error: on SQLite, `lock()` was called in a transaction that began without the write lock
    and has written (or has unflushed changes), so it can neither take the lock nor start again without them."""


def _is_sqlite(dbapi_connection) -> bool:
    return type(dbapi_connection).__module__.startswith("sqlite3")


def owner_only(dbapi_connection) -> None:
    """Make the SQLite database file of `dbapi_connection` and its -wal, -shm and -journal files readable and
    writable by their owner only (0600): they hold people's names, birth years and phone numbers.

    Called on every new connection, before WAL mode is set: SQLite creates the -wal and -shm files with the
    database file's permissions, so they are 0600 from their creation. A file already private costs one `stat`.
    Nothing on Windows (`os.chmod` there only sets the read-only flag; the user's profile folder is private) nor
    for an in-memory database; a file this user does not own is left as it is.
    """
    if os.name == "nt":
        return
    for _seq, name, path in dbapi_connection.execute("PRAGMA database_list").fetchall():
        if name != "main" or not path:
            continue
        for file in (path, f"{path}-wal", f"{path}-shm", f"{path}-journal"):
            try:
                if stat.S_IMODE(os.stat(file).st_mode) & 0o077:
                    os.chmod(file, 0o600)
            except FileNotFoundError:
                pass
            except PermissionError:  # another user's file: not ours to change
                pass


@event.listens_for(Engine, "connect")
def _sqlite_on_connect(dbapi_connection, connection_record) -> None:  # pragma: no cover - driver glue
    """Every new SQLite connection: WAL, foreign keys, a generous busy timeout, synchronous=NORMAL.

    pysqlite's own transaction handling is switched off (isolation_level=None) so that the `begin` listener
    decides how a transaction starts (SQLAlchemy's documented pysqlite recipe). WAL + NORMAL never corrupts
    the file (a power cut may lose the last commits); SQLite checkpoints the WAL by itself.
    """
    if not _is_sqlite(dbapi_connection):
        return
    dbapi_connection.isolation_level = None
    owner_only(dbapi_connection)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_on_begin(conn) -> None:  # pragma: no cover - driver glue
    """Emit BEGIN ourselves: BEGIN IMMEDIATE while `BEGIN_IMMEDIATE` is set, else a deferred BEGIN."""
    if conn.dialect.name != "sqlite":
        return
    immediate = BEGIN_IMMEDIATE.get()
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
    conn.info[_IMMEDIATE] = immediate
    conn.info[_CHANGES_AT_BEGIN] = conn.connection.driver_connection.total_changes


def begins_deferred(view):
    """Mark a writing view whose transaction may begin without SQLite's write lock: it reads first and takes
    `lock()` before it writes (the scan API), or writes nothing (the login form's password check). Other writers
    are not held back while it reads. Returns `view`, marked."""
    view.begins_deferred = True
    return view


def lock(session: Session, guard) -> None:
    """Hold the lock that guards a hard limit, before counting: the rest of the transaction is serialized with
    every other writer of the same guard, until the request (or command) commits or rolls back.

    PostgreSQL: `guard` (a select of the guarding row, e.g. the conference's or the unit's quota row) runs
    with FOR UPDATE; objects loaded before are expired, so they and later statements of the transaction (READ
    COMMITTED) read what the previous holder committed. SQLite: the transaction must hold the database's write lock. A writing request began with
    BEGIN IMMEDIATE and has it; so has a transaction that already changed rows. Elsewhere (a command, a test
    calling a service) a transaction that has only read is rolled back and begun again IMMEDIATE; objects
    loaded before are expired, so what the caller reads next is read under the lock.

    Args:
        session: the session of the request or command.
        guard: a `select()` of the guarding row(s), or a function of no arguments returning it (called on
            PostgreSQL only, so SQLite's hot paths do not build it).

    Raises:
        WriteBeforeLock: SQLite, the transaction began deferred and has unflushed changes.
    """
    if session.get_bind().dialect.name != "sqlite":
        statement = guard() if callable(guard) else guard
        session.flush()
        session.execute(statement.with_for_update())
        session.expire_all()  # rows loaded before the lock (the page's conference) are read again under it
        return
    token = BEGIN_IMMEDIATE.set(True)
    try:
        connection = session.connection()  # begins IMMEDIATE unless the session's transaction is already open
        if connection.info.get(_IMMEDIATE):
            return
        if connection.connection.driver_connection.total_changes != connection.info.get(_CHANGES_AT_BEGIN):
            return  # it changed rows: SQLite gave it the write lock then, with the latest snapshot
        if session.new or session.deleted or any(session.is_modified(o) for o in session.dirty):
            raise WriteBeforeLock(
                "unflushed changes before lock() in a SQLite transaction begun without the write lock: "
                "call lock() first, or begin the transaction with BEGIN_IMMEDIATE set")
        session.rollback()
        session.connection()
    finally:
        BEGIN_IMMEDIATE.reset(token)

"""Writing and reading the audit log (DESIGN.md: "Every state change is kept in an audit log: who, when,
what, before/after").

`record()` adds one row to the current session; the caller's transaction commits it together with the
change, so a refused change leaves no log row either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, func, select

from conference.audit.models import AuditEntry
from conference.core.clock import utcnow
from conference.extensions import db


def _current_user_id() -> int | None:
    """The logged-in user's id during a request, else None (CLI, demo loader, tests without a request)."""
    try:
        from flask import has_request_context
        from flask_login import current_user
    except ImportError:  # pragma: no cover
        return None
    if has_request_context() and getattr(current_user, "is_authenticated", False):
        return current_user.id
    return None


def jsonable(value):
    """A value as JSON keeps it: dates as ISO strings, bytes dropped, other scalars unchanged."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        return None
    return value


def snapshot(obj, fields) -> dict:
    """{field: value} of `obj` for the audit log's before/after columns."""
    return {name: jsonable(getattr(obj, name)) for name in fields}


def changed(before: dict | None, after: dict | None) -> tuple[dict | None, dict | None]:
    """Only the keys whose values differ, so the log shows what changed (both None when nothing did)."""
    if before is None or after is None:
        return before, after
    keys = [k for k in after if before.get(k) != after.get(k)]
    if not keys:
        return None, None
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def record(entity: str, entity_id: int | None, action: str, *, conference_id: int | None = None,
           unit_id: int | None = None, before: dict | None = None, after: dict | None = None,
           user_id: int | None = None) -> AuditEntry:
    """Add one audit row to the session (no commit). `user_id` defaults to the logged-in user.

    Args:
        entity: what changed, e.g. 'nomination', 'quota', 'unit', 'delegate', 'checkin'.
        action: how, e.g. 'create', 'update', 'submit', 'approve', 'return', 'withdraw', 'import'.
        before / after: the changed fields' values (JSON-able; see `snapshot`).
    """
    entry = AuditEntry(**_row(entity, entity_id, action, conference_id, unit_id, before, after,
                              user_id if user_id is not None else _current_user_id()))
    db.session.add(entry)
    return entry


def _row(entity: str, entity_id: int | None, action: str, conference_id: int | None, unit_id: int | None,
         before: dict | None, after: dict | None, user_id: int | None) -> dict:
    """The column values of one audit row (`at` aside), before/after made JSON-able."""
    return {"user_id": user_id, "conference_id": conference_id, "unit_id": unit_id, "entity": entity,
            "entity_id": entity_id, "action": action,
            "before": {k: jsonable(v) for k, v in before.items()} if before else None,
            "after": {k: jsonable(v) for k, v in after.items()} if after else None}


_INSERT = AuditEntry.__table__.insert()


def insert_now(connection: Connection, entity: str, entity_id: int | None, action: str, *,
               conference_id: int | None = None, unit_id: int | None = None, before: dict | None = None,
               after: dict | None = None, user_id: int | None = None) -> None:
    """`record()` for a hot path: one Core INSERT on `connection`, inside its open transaction (no ORM unit
    of work; the check-in API writes a row per scan). Same columns and meaning as `record()`; `user_id` is
    not guessed from the request here, pass it.
    """
    connection.execute(_INSERT, {"at": utcnow(),
                                 **_row(entity, entity_id, action, conference_id, unit_id, before, after, user_id)})


#: Rows per page of the log page.
PAGE_SIZE = 200


@dataclass(frozen=True)
class AuditPage:
    """One page of a conference's log, newest first: `entries`, the 1-based `page`, how many `pages` and rows, and
    `upto`: the newest row id the pages count from (None: the log is empty), for the links to the other pages."""

    entries: list[AuditEntry]
    page: int
    pages: int
    total: int
    upto: int | None = None


def audit_page(conference_id: int, unit_id: int | None = None, entity: str | None = None, page: int = 1,
               per_page: int = PAGE_SIZE, upto: int | None = None) -> AuditPage:
    """Page `page` (1-based; clamped to 1..pages) of the conference's log, optionally of one unit and one kind of
    entity; newest first, ties by id. Two queries (count and newest id, page).

    `upto` pins the pages to the log as it was when the first page was shown (rows with an id above it are left
    out): check-ins arriving while the organizer reads page 2 do not push rows from page 1 onto it. Ids are
    handed out at insert, so on PostgreSQL a long transaction (an import) that took its ids before page 1 and
    committed after it can still add rows below `upto`; the pages then shift by those rows only.
    """
    where = [AuditEntry.conference_id == conference_id]
    if unit_id:
        where.append(AuditEntry.unit_id == unit_id)
    if entity:
        where.append(AuditEntry.entity == entity)
    if upto is not None:
        where.append(AuditEntry.id <= upto)
    total, newest = db.session.execute(
        select(func.count(), func.max(AuditEntry.id)).select_from(AuditEntry).where(*where)).one()
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    entries = db.session.execute(
        select(AuditEntry).where(*where).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .offset((page - 1) * per_page).limit(per_page)
    ).scalars().all()
    return AuditPage(list(entries), page, pages, total, newest)


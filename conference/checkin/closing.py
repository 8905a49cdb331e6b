"""Closing the check-in desks ("Đóng bàn đón tiếp") and reopening them.

Closing freezes the count: while a conference's desks are closed, `ensure_open` refuses every scan, offline
sync and undo (the scan API answers 409 with the reason), and the board and the attendance report say when
they were closed. The organizer may reopen them; both are in the audit log. Services flush, never commit.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, func, select

from conference.audit.services import record as audit_record
from conference.checkin.models import CheckIn, CheckInClosure
from conference.conferences.models import Conference
from conference.core.clock import to_local, utcnow
from conference.core.errors import N_, RuleViolation
from conference.db import lock
from conference.delegates.models import Delegate
from conference.extensions import db

_closures = CheckInClosure.__table__
#: Built once: the scan API runs it before every scan (one primary-key-sized lookup on a unique index).
_CLOSED_AT = select(_closures.c.closed_at).where(_closures.c.conference_id == bindparam("conference_id"))


class DesksClosed(RuleViolation):
    """The desks are closed: a scan, a sync or an undo is refused (409 under /api/)."""


def closed_at(conference_id: int) -> datetime | None:
    """When the conference's desks were closed (naive UTC), or None while they are open."""
    return db.session.connection().execute(_CLOSED_AT, {"conference_id": conference_id}).scalar_one_or_none()


def _local(moment: datetime) -> str:
    return to_local(moment).strftime("%H:%M %d/%m/%Y")


def ensure_open(conference_id: int) -> None:
    """Raise `DesksClosed` when the conference's desks are closed; nothing when they are open."""
    at = closed_at(conference_id)
    if at is not None:
        raise_closed(at)


def raise_closed(at: datetime) -> None:
    """Raise `DesksClosed` for desks closed at `at` (naive UTC), e.g. read with a scanned badge's card."""
    raise DesksClosed(N_("Bàn đón tiếp đã đóng lúc %(time)s: không nhận điểm danh nữa. "
                         "Liên hệ Ban Tổ chức nếu cần mở lại."), time=_local(at))


def _conference_lock(conference_id: int):
    return select(Conference.id).where(Conference.id == conference_id)


def _counts(conference_id: int) -> dict:
    delegates = db.session.execute(
        select(func.count()).select_from(Delegate).where(Delegate.conference_id == conference_id)).scalar_one()
    arrived = db.session.execute(
        select(func.count()).select_from(CheckIn).where(CheckIn.conference_id == conference_id)).scalar_one()
    return {"arrived": arrived, "absent": delegates - arrived}


def _who(desk: str | None, desk_session: str | None) -> dict:
    """The audit row's desk name (when the session named one) and the session's desk id, as a scan logs them."""
    return {**({"desk": desk} if desk else {}), **({"desk_session": desk_session} if desk_session else {})}


def close_desks(conference_id: int, user_id: int | None = None, *, desk: str | None = None,
                desk_session: str | None = None) -> CheckInClosure:
    """Close the desks now. Refused (`RuleViolation`) when they are already closed.

    The audit row (`close_desks`) holds the time, the arrived and absent counts, and the signed-in session that
    closed (`desk_session`, the id the scans of that session carry; `desk` its desk's name, if it named one)."""
    lock(db.session, _conference_lock(conference_id))
    if closed_at(conference_id) is not None:
        raise RuleViolation(N_("Bàn đón tiếp đã đóng rồi."))
    closure = CheckInClosure(conference_id=conference_id, closed_at=utcnow(), user_id=user_id)
    db.session.add(closure)
    db.session.flush()
    audit_record("conference", conference_id, "close_desks", conference_id=conference_id,
                 after={"closed_at": _local(closure.closed_at), **_counts(conference_id),
                        **_who(desk, desk_session)})
    return closure


def reopen_desks(conference_id: int, *, desk: str | None = None, desk_session: str | None = None) -> None:
    """Reopen the desks (scans are accepted again). Refused (`RuleViolation`) when they are open. Logged
    (`reopen_desks`) with the closing's time and the session that reopened, as `close_desks`."""
    lock(db.session, _conference_lock(conference_id))
    closure = db.session.execute(
        select(CheckInClosure).where(CheckInClosure.conference_id == conference_id)).scalar_one_or_none()
    if closure is None:
        raise RuleViolation(N_("Bàn đón tiếp đang mở."))
    audit_record("conference", conference_id, "reopen_desks", conference_id=conference_id,
                 before={"closed_at": _local(closure.closed_at)}, after=_who(desk, desk_session) or None)
    db.session.delete(closure)
    db.session.flush()

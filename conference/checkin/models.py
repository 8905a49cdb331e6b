"""Check-in (điểm danh): a delegate's arrival, at most one per delegate, and the conflicts of offline desks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.core.clock import utcnow
from conference.delegates.models import Delegate
from conference.extensions import db


class CheckIn(db.Model):
    """The arrival of one delegate; the unique `delegate_id` makes a second check-in impossible.

    `checked_in_at` is when the badge was scanned (UTC). For a scan made while the desk was offline it is the
    desk's clock at the scan, and `offline` is true; the server keeps the earliest scan of a delegate.
    """

    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegates.id", ondelete="CASCADE"), unique=True)
    checked_in_at: Mapped[datetime] = mapped_column(default=utcnow)
    desk: Mapped[str | None] = mapped_column(String(60))
    #: The signed-in desk session that scanned (a random id kept in its Flask session): only it may undo.
    desk_session: Mapped[str | None] = mapped_column(String(32))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Client-made id of the scan request: a retry with the same nonce answers `checked_in` again.
    nonce: Mapped[str | None] = mapped_column(String(64))
    #: True when the scan was queued by a desk without network and synced later.
    offline: Mapped[bool] = mapped_column(default=False, server_default=false())

    delegate: Mapped[Delegate] = relationship(lazy="joined")


class CheckInConflict(db.Model):
    """Two desks scanned the same badge while offline: the earliest scan is kept, the later one recorded here."""

    __tablename__ = "checkin_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegates.id", ondelete="CASCADE"), index=True)
    kept_desk: Mapped[str | None] = mapped_column(String(60))
    kept_at: Mapped[datetime] = mapped_column()
    other_desk: Mapped[str | None] = mapped_column(String(60))
    other_at: Mapped[datetime] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    delegate: Mapped[Delegate] = relationship(lazy="joined")


class CheckInClosure(db.Model):
    """The desks of a conference are closed ("Đóng bàn đón tiếp"): one row while closed, deleted on reopening.

    While the row exists the scan and sync APIs refuse (`conference.checkin.closing.ensure_open`), so the count
    the attendance report gives stays the count at `closed_at` (UTC). Closing and reopening are in the audit log.
    """

    __tablename__ = "checkin_closures"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), unique=True)
    closed_at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

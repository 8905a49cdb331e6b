"""Check-in (điểm danh): a delegate's arrival, at most one per delegate."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.db import utcnow
from conference.delegates.models import Delegate
from conference.extensions import db


class CheckIn(db.Model):
    """The arrival of one delegate; the unique `delegate_id` makes a second check-in impossible."""

    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegates.id", ondelete="CASCADE"), unique=True)
    checked_in_at: Mapped[datetime] = mapped_column(default=utcnow)
    desk: Mapped[str | None] = mapped_column(String(60))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Client-made id of the scan request: a retry with the same nonce answers `checked_in` again.
    nonce: Mapped[str | None] = mapped_column(String(64))

    delegate: Mapped[Delegate] = relationship(lazy="joined")

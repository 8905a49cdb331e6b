"""Audit log (nhật ký thay đổi): who changed what, when, with the values before and after."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.core.clock import utcnow
from conference.extensions import db


class AuditEntry(db.Model):
    """One change: `entity` ('unit', 'block', 'quota', 'nomination', 'delegate', 'checkin', …) with its id,
    `action` (e.g. 'submit', 'approve', 'update'), `before`/`after` as JSON objects of the changed fields.

    `conference_id` and `unit_id` say where the change belongs, for the log page's filters. Rows are only
    ever added, in the same transaction as the change they describe.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_conference_at", "conference_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    conference_id: Mapped[int | None] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id", ondelete="SET NULL"), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column()
    action: Mapped[str] = mapped_column(String(40))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)

    user = relationship("User", lazy="joined")  # named, not imported: the writer sits below auth

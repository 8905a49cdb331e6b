"""Quota (số lượng phân bổ): exemplar seats given to one unit for one conference."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.organizations.models import Organization


class Quota(db.Model):
    """Exemplar seats of `unit` at `conference`; one row per (conference, unit), seats ≥ 0."""

    __tablename__ = "quotas"
    __table_args__ = (
        UniqueConstraint("conference_id", "unit_id", name="uq_quotas_conference_unit"),
        CheckConstraint("seats >= 0", name="seats_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    seats: Mapped[int] = mapped_column(default=0)

    unit: Mapped[Organization] = relationship(lazy="joined")

"""Delegate (đại biểu): anyone seated at the conference, exemplar or guest; presidium members among them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.db import utcnow
from conference.extensions import db
from conference.nominations.models import PersonDetails
from conference.organizations.models import Organization

DELEGATE_CATEGORIES = ("exemplar", "guest")


class Delegate(PersonDetails, db.Model):
    """A seat at the conference.

    Exemplar delegates come from approved nominations (`nomination_id`, one delegate per nomination);
    guests are added by the organizer. `presidium_order` (1..n) marks the presidium, unique per
    conference. `upper_order` (1..n) marks the exemplars chosen for the upper-level conference (đại biểu dự
    Hội nghị cấp trên), in order, unique per conference. `badge_serial` is signed into the badge code; raising it revokes printed badges.
    """

    __tablename__ = "delegates"
    __table_args__ = (
        CheckConstraint("category IN ('exemplar', 'guest')", name="category_known"),
        CheckConstraint("presidium_order IS NULL OR presidium_order BETWEEN 1 AND 50", name="presidium_order_range"),
        CheckConstraint("badge_serial >= 1", name="badge_serial_positive"),
        CheckConstraint("gender IS NULL OR gender IN ('male', 'female')", name="gender_known"),
        UniqueConstraint("conference_id", "presidium_order", name="uq_delegates_presidium_seat"),
        CheckConstraint("upper_order IS NULL OR upper_order BETWEEN 1 AND 10000", name="upper_order_range"),
        CheckConstraint("upper_order IS NULL OR category = 'exemplar'", name="upper_only_exemplars"),
        UniqueConstraint("conference_id", "upper_order", name="uq_delegates_upper_seat"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(20))
    nomination_id: Mapped[int | None] = mapped_column(ForeignKey("nominations.id"), unique=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    presidium_order: Mapped[int | None] = mapped_column()
    #: Place (1..n) in the list of delegates chosen for the upper-level conference; None = not chosen.
    upper_order: Mapped[int | None] = mapped_column()
    badge_serial: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    unit: Mapped[Organization | None] = relationship(lazy="joined")

    @property
    def affiliation(self) -> str:
        """The unit's name for exemplars; the position/workplace line for guests."""
        return self.unit.name if self.unit is not None else (self.position or "")

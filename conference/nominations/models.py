"""Nomination (hồ sơ giới thiệu): a unit's proposal of one exemplar, individual or collective."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.db import utcnow
from conference.extensions import db
from conference.organizations.models import Organization

NOMINATION_KINDS = ("individual", "collective")
NOMINATION_STATUSES = ("submitted", "approved", "returned")
#: Statuses that hold one of the unit's quota seats (issue 3: "Only submitted and approved ones count").
COUNTED_STATUSES = ("submitted", "approved")
GENDERS = ("male", "female")


class PersonDetails:
    """The columns that describe an exemplar or a delegate (the delegate summary list's fields).

    `kind`: individual (cá nhân) or collective (tập thể); `gender` 'male'/'female' or None; `position`:
    chức vụ, nơi công tác; `titles`: danh hiệu thi đua, hình thức khen thưởng; `achievements`: thành tích
    tiêu biểu. Shared by `Nomination` and `Delegate` (an approved nomination is copied into its delegate).
    """

    kind: Mapped[str] = mapped_column(String(20), default="individual")
    full_name: Mapped[str] = mapped_column(String(200))
    gender: Mapped[str | None] = mapped_column(String(10))
    birth_year: Mapped[int | None] = mapped_column()
    ethnicity: Mapped[str | None] = mapped_column(String(60))
    position: Mapped[str | None] = mapped_column(String(300))
    direct_worker: Mapped[bool] = mapped_column(default=False)
    party_member: Mapped[bool] = mapped_column(default=False)
    titles: Mapped[str | None] = mapped_column(Text)
    achievements: Mapped[str | None] = mapped_column(Text)


class Nomination(PersonDetails, db.Model):
    """One exemplar proposed by a unit for a conference.

    `status`: submitted → approved (becomes a delegate) or returned (with `return_reason`);
    a returned nomination the unit fixes is submitted again.
    """

    __tablename__ = "nominations"
    __table_args__ = (
        CheckConstraint("kind IN ('individual', 'collective')", name="kind_known"),
        CheckConstraint("status IN ('submitted', 'approved', 'returned')", name="status_known"),
        CheckConstraint("gender IS NULL OR gender IN ('male', 'female')", name="gender_known"),
        CheckConstraint("birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100", name="birth_year_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    phone: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="submitted", index=True)
    return_reason: Mapped[str | None] = mapped_column(Text)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    reviewed_at: Mapped[datetime | None] = mapped_column()

    unit: Mapped[Organization] = relationship(lazy="joined")

"""Nomination (hồ sơ giới thiệu): a unit's proposal of one exemplar, individual or collective."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    select,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.core.clock import utcnow
from conference.core.errors import N_
from conference.delegates.models import PersonDetails
from conference.extensions import db
from conference.nominations import rules
from conference.organizations.models import Organization

NOMINATION_KINDS = ("individual", "collective")
#: The statuses and the seat rule live in `rules` (named here too: the model's readers import them from here).
NOMINATION_STATUSES = rules.NOMINATION_STATUSES
COUNTED_STATUSES = rules.COUNTED_STATUSES
PENDING_STATUSES = rules.PENDING_STATUSES
GENDERS = ("male", "female")
#: Thành tích tiêu biểu: a short citation, its length capped.
ACHIEVEMENTS_MAX = 2000
#: Tóm tắt thành tích, what the delegate summary list prints (see `rules.ACHIEVEMENTS_SUMMARY_MAX`).
ACHIEVEMENTS_SUMMARY_MAX = rules.ACHIEVEMENTS_SUMMARY_MAX
#: Trình độ chuyên môn, the levels of the Vietnamese education system (Luật Giáo dục 2019, Luật Giáo dục
#: nghề nghiệp 2014), as the delegate summary list writes them.
EDUCATION_LEVELS = (N_("Tiến sĩ"), N_("Thạc sĩ"), N_("Đại học"), N_("Cao đẳng"), N_("Trung cấp"), N_("Sơ cấp"),
                    N_("Chưa qua đào tạo"))
REFERENCE_KINDS = ("movement", "title")


class Nomination(PersonDetails, db.Model):
    """One exemplar proposed by a unit for a conference.

    `status`: see `NOMINATION_STATUSES`; a draft holds no seat; submitted → approved (becomes a delegate)
    or returned (with `return_reason`, which the unit sees); a returned nomination the unit fixes becomes
    resubmitted; the unit may withdraw one that is not approved. `movements`: the emulation movements
    (phong trào thi đua) the achievement belongs to, one per line; `titles` (PersonDetails): commendation
    titles and forms received, one per line. A unit cannot propose the same person twice (same name,
    year of birth and unit) unless the first was withdrawn: a partial unique index.
    """

    __tablename__ = "nominations"
    __table_args__ = (
        CheckConstraint("kind IN ('individual', 'collective')", name="kind_known"),
        CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'returned', 'resubmitted', 'withdrawn')",
            name="status_known",
        ),
        CheckConstraint("gender IS NULL OR gender IN ('male', 'female')", name="gender_known"),
        CheckConstraint("birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100", name="birth_year_range"),
        CheckConstraint(f"achievements IS NULL OR length(achievements) <= {ACHIEVEMENTS_MAX}",
                        name="achievements_length"),
        CheckConstraint(f"achievements_summary IS NULL OR length(achievements_summary) <= {ACHIEVEMENTS_SUMMARY_MAX}",
                        name="achievements_summary_length"),
        Index("uq_nominations_person", "conference_id", "unit_id", "full_name", "birth_year", unique=True,
              sqlite_where=text("status <> 'withdrawn'"), postgresql_where=text("status <> 'withdrawn'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    phone: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(20), default="submitted", index=True)
    return_reason: Mapped[str | None] = mapped_column(Text)
    birth_date: Mapped[date | None] = mapped_column()
    education: Mapped[str | None] = mapped_column(String(60))
    movements: Mapped[str | None] = mapped_column(Text)
    #: Ghi chú: the notes a lower level's list carried (an imported row); copied to the delegate on approval.
    notes: Mapped[str | None] = mapped_column(Text)
    has_photo: Mapped[bool] = mapped_column(default=False)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    reviewed_at: Mapped[datetime | None] = mapped_column()

    unit: Mapped[Organization] = relationship(lazy="joined")

    def allows(self, action: str) -> bool:
        """Whether `action` ('submit', 'edit', 'withdraw', 'approve', 'return') may be applied now
        (`rules.allows`)."""
        return rules.allows(self.status, action)

    @property
    def holds_seat(self) -> bool:
        """Whether this nomination takes one of its unit's quota seats (`rules.holds_seat`)."""
        return rules.holds_seat(self.status)

    @property
    def is_returned(self) -> bool:
        """Returned to the unit with a reason (`rules.is_returned`): the pages show the reason and "send again"."""
        return rules.is_returned(self.status)

    @property
    def is_withdrawn(self) -> bool:
        """Withdrawn by its unit (`rules.is_withdrawn`)."""
        return rules.is_withdrawn(self.status)

    @classmethod
    def status_counts(cls, conference_id: int, unit_ids=None) -> dict[int, dict[str, int]]:
        """{unit_id: {status: how many nominations}} at a conference, of every unit or of `unit_ids`
        (one query)."""
        query = (select(cls.unit_id, cls.status, func.count()).where(cls.conference_id == conference_id)
                 .group_by(cls.unit_id, cls.status))
        if unit_ids is not None:
            query = query.where(cls.unit_id.in_(list(unit_ids)))
        counts: dict[int, dict[str, int]] = {}
        for unit_id, status, number in db.session.execute(query):
            counts.setdefault(unit_id, {})[status] = number
        return counts

    @classmethod
    def seats_used_by_unit(cls, conference_id: int, unit_ids=None) -> dict[int, int]:
        """{unit_id: quota seats its nominations use} (`rules.seats_used`: submitted + resubmitted +
        approved); every unit with a nomination, or those of `unit_ids` (one query). The one count behind the
        quota check, the quota page, the unit's page and the import's check."""
        return {unit_id: rules.seats_used(statuses)
                for unit_id, statuses in cls.status_counts(conference_id, unit_ids).items()}


class NominationPhoto(db.Model):
    """The exemplar's photo, re-encoded as JPEG by `photos.reencode_photo`; kept apart so lists never load it."""

    __tablename__ = "nomination_photos"

    nomination_id: Mapped[int] = mapped_column(ForeignKey("nominations.id", ondelete="CASCADE"), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int] = mapped_column()
    height: Mapped[int] = mapped_column()


class ReferenceItem(db.Model):
    """One entry of a host organization's reference lists the organizer edits.

    `kind`: 'movement' (phong trào thi đua) or 'title' (danh hiệu thi đua, hình thức khen thưởng);
    `position` orders the list.
    """

    __tablename__ = "reference_items"
    __table_args__ = (
        UniqueConstraint("organization_id", "kind", "name", name="uq_reference_items_organization_kind_name"),
        CheckConstraint("kind IN ('movement', 'title')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(default=0)


class NominationImport(db.Model):
    """An uploaded template waiting for confirmation: its parsed rows (JSON), kept between the preview
    and the "import" click so the app stays stateless across processes. Deleted once imported."""

    __tablename__ = "nomination_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(255))
    rows: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

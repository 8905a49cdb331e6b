"""The conference (Hội nghị tuyên dương điển hình tiên tiến), its settings from the plan, and the exemplar seats
each unit is given (Quota)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.conferences import rules
from conference.core.clock import utcnow
from conference.extensions import db
from conference.organizations.levels import CONFERENCE_LEVEL_CODES, DEFAULT_CONFERENCE_LEVEL, in_check
from conference.organizations.models import Organization

#: The levels that hold a conference (`conference.organizations.levels`, "hosts_conference").
CONFERENCE_LEVELS = CONFERENCE_LEVEL_CODES


class Conference(db.Model):
    """One conference hosted by an organization.

    Defaults follow Kế hoạch 65/KH-LĐLĐ, mục II.2: at most 250 delegates, ~70 % exemplars and
    ~30 % guests, a presidium of at most 7. `level` is the host's level when the conference was made (a code of
    `conference.organizations.levels`); `upper_body` is the name of the body above, kept for a host without a
    parent in the database (`letterhead.letterhead_of` reads the parent first). `signature_for`, `signer_title`,
    `signer_name`: the signature block of its documents ("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", the name; None: the
    defaults of `letterhead`, the name left blank for the clerk).
    """

    __tablename__ = "conferences"
    __table_args__ = (
        CheckConstraint("delegate_cap BETWEEN 1 AND 100000", name="delegate_cap_range"),
        CheckConstraint("exemplar_share_pct BETWEEN 0 AND 100", name="exemplar_share_range"),
        CheckConstraint("split_tolerance_pct BETWEEN 0 AND 100", name="split_tolerance_range"),
        CheckConstraint("presidium_max BETWEEN 1 AND 50", name="presidium_max_range"),
        CheckConstraint(in_check("level", CONFERENCE_LEVEL_CODES), name="level_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    host_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(20), default=DEFAULT_CONFERENCE_LEVEL)
    plan_reference: Mapped[str | None] = mapped_column(String(120))
    upper_body: Mapped[str | None] = mapped_column(String(200))
    venue: Mapped[str | None] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column()
    duration: Mapped[str] = mapped_column(String(60), default=rules.DEFAULT_DURATION)
    delegate_cap: Mapped[int] = mapped_column(default=rules.DEFAULT_DELEGATE_CAP)
    exemplar_share_pct: Mapped[int] = mapped_column(default=rules.DEFAULT_EXEMPLAR_SHARE_PCT)
    split_tolerance_pct: Mapped[int] = mapped_column(default=rules.DEFAULT_SPLIT_TOLERANCE_PCT)
    presidium_max: Mapped[int] = mapped_column(default=rules.DEFAULT_PRESIDIUM_MAX)
    nomination_deadline: Mapped[date | None] = mapped_column()
    dossier_deadline: Mapped[date | None] = mapped_column()
    signature_for: Mapped[str | None] = mapped_column(String(120))
    signer_title: Mapped[str | None] = mapped_column(String(120))
    signer_name: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    host: Mapped[Organization] = relationship()

    @property
    def seats(self) -> rules.SeatSplit:
        """Exemplar and guest seats derived from the cap and the share (see `rules.seat_split`)."""
        return rules.seat_split(self.delegate_cap, self.exemplar_share_pct)


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

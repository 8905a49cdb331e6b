"""Agenda (chương trình hội nghị): ordered items with a duration and an optional fixed start, and the programme's
clock (when it starts, by when it must end, what the hall screen shows)."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from conference.agenda import rules
from conference.extensions import db


class AgendaItem(db.Model):
    """One item of the agenda; `position` 1..n gives the order within the conference.

    `duration_min`: minutes, 0..`rules.MAX_DURATION_MIN`. `starts_at`: a fixed (pinned) start time, or None
    when the item begins as the previous one ends (`rules.schedule`).
    """

    __tablename__ = "agenda_items"
    __table_args__ = (
        CheckConstraint("position >= 1", name="position_positive"),
        CheckConstraint(f"duration_min BETWEEN 0 AND {rules.MAX_DURATION_MIN}", name="duration_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column()
    starts_at: Mapped[time | None] = mapped_column()
    duration_min: Mapped[int] = mapped_column(default=rules.DEFAULT_DURATION_MIN,
                                              server_default=text(str(rules.DEFAULT_DURATION_MIN)))
    title: Mapped[str] = mapped_column(Text)
    presenter: Mapped[str | None] = mapped_column(String(200))


class AgendaSchedule(db.Model):
    """The programme's clock of one conference (at most one row; the defaults of `rules` until first saved).

    `starts_at`: when the first item begins unless it is pinned; `ends_by`: by when the half day must be over
    (`rules.HALF_DAY_ENDS`); `current_item_id`: the item the hall screen shows (None: the opening screen), set
    with `shown_at` (UTC) when the organizer moves the screen on.
    """

    __tablename__ = "agenda_schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), unique=True)
    starts_at: Mapped[time] = mapped_column(default=rules.DEFAULT_DAY_START)
    ends_by: Mapped[time] = mapped_column(default=rules.HALF_DAY_ENDS)
    current_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"))
    shown_at: Mapped[datetime | None] = mapped_column()

"""Agenda (chương trình hội nghị): ordered items with start time and presenter."""

from __future__ import annotations

from datetime import time

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from conference.extensions import db


class AgendaItem(db.Model):
    """One item of the agenda; `position` 1..n gives the order within the conference."""

    __tablename__ = "agenda_items"
    __table_args__ = (CheckConstraint("position >= 1", name="position_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column()
    starts_at: Mapped[time | None] = mapped_column()
    title: Mapped[str] = mapped_column(Text)
    presenter: Mapped[str | None] = mapped_column(String(200))

"""The honour board's settings (bảng vinh danh): one row per conference, made when the organizer first saves them."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from conference.core.clock import utcnow
from conference.extensions import db
from conference.honourboard.rules import PUBLISHABLE_KEYS, SLUG_LENGTH


def new_slug() -> str:
    """A fresh link token: 96 random bits from `secrets`, SLUG_LENGTH URL-safe characters."""
    return secrets.token_urlsafe(SLUG_LENGTH * 3 // 4)


class HonourBoard(db.Model):
    """A conference's public honour board.

    `enabled`: the public page exists (off by default: a switched-off or never-saved board is 404, like an unknown
    link). `slug`: the link's random token (`/honour/<slug>`), unguessable, drawn again by "new link" to retire a
    link shared too widely. `introduction`: the organizer's words above the list. `show_<field>`: one switch per
    field of `rules.PUBLISHABLE`, all off by default. `updated_at`: when the settings last changed.
    """

    __tablename__ = "honour_boards"
    __table_args__ = (CheckConstraint(f"length(slug) = {SLUG_LENGTH}", name="slug_length"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), unique=True)
    slug: Mapped[str] = mapped_column(String(SLUG_LENGTH), unique=True, default=new_slug)
    enabled: Mapped[bool] = mapped_column(default=False)
    introduction: Mapped[str | None] = mapped_column(Text)
    show_position: Mapped[bool] = mapped_column(default=False)
    show_titles: Mapped[bool] = mapped_column(default=False)
    show_birth_year: Mapped[bool] = mapped_column(default=False)
    show_ethnicity: Mapped[bool] = mapped_column(default=False)
    show_party_member: Mapped[bool] = mapped_column(default=False)
    show_phone: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def switches(self) -> dict[str, bool]:
        """{field key: published?} for every field of `rules.PUBLISHABLE`."""
        return {key: bool(getattr(self, f"show_{key}")) for key in PUBLISHABLE_KEYS}

"""The invitation letter's settings of one conference: number, date, body template and recipients."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from conference.extensions import db
from conference.invitations import rules


class InvitationSettings(db.Model):
    """One row per conference (none until the organizer saves): the letter's number ("12/GM-LĐLĐ"), the date it is
    signed (None: the conference's date is not assumed, the page proposes today), the body with its placeholders
    (`rules.PLACEHOLDERS`) and the "Nơi nhận" lines."""

    __tablename__ = "invitation_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), unique=True)
    number: Mapped[str] = mapped_column(String(60), default=rules.DEFAULT_NUMBER)
    signed_on: Mapped[date | None] = mapped_column()
    body: Mapped[str] = mapped_column(Text, default=rules.DEFAULT_BODY)
    recipients: Mapped[str] = mapped_column(Text, default=rules.DEFAULT_RECIPIENTS)

"""What the invitations page and the letters read: the people invited with their seats and badge codes, and the
conference's opening time. A fixed number of statements whatever the number of people."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import select

from conference.agenda.services import timetable
from conference.badges.services import badge_code, fallback_code
from conference.conferences.letterhead import letterhead_of
from conference.conferences.models import Conference
from conference.core.collation import name_sort_key
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.invitations import rules
from conference.invitations.letters import Letter, LetterSettings
from conference.invitations.models import InvitationSettings
from conference.seating.queries import seat_labels

#: Who a file of letters is for: the guests, or the exemplars (a letter per exemplar is optional).
AUDIENCES = ("guest", "exemplar")


def invitees(conference_id: int, category: str = "guest") -> list[Delegate]:
    """The delegates of `category` of a conference, in Vietnamese name order (one statement; units joined)."""
    rows = db.session.execute(select(Delegate).where(Delegate.conference_id == conference_id,
                                                     Delegate.category == category)).scalars().all()
    return sorted(rows, key=lambda d: name_sort_key(d.full_name))


def opening_time(conference_id: int) -> time | None:
    """When the programme begins: the earliest start on the agenda's clock (`conference.agenda.services.timetable`,
    two statements); None for an empty agenda."""
    rows = timetable(conference_id).rows
    if not rows:
        return None
    start = min(row.slot.start for row in rows)
    return time(start // 60 % 24, start % 60)


def settings_of(conference_id: int) -> InvitationSettings:
    """The letter's settings of a conference: the stored row, else the defaults (a GET never writes: the defaults
    are kept out of the session)."""
    stored = db.session.execute(select(InvitationSettings).where(
        InvitationSettings.conference_id == conference_id)).scalar_one_or_none()
    return stored or InvitationSettings(conference_id=conference_id, number=rules.DEFAULT_NUMBER,
                                        body=rules.DEFAULT_BODY, recipients=rules.DEFAULT_RECIPIENTS)


def letter_settings(conference: Conference, today: date) -> LetterSettings:
    """The shared part of the conference's letters; the date is the one saved, else `today`."""
    settings = settings_of(conference.id)
    return LetterSettings(
        letterhead=letterhead_of(conference), number=settings.number, signed_on=settings.signed_on or today,
        body=settings.body, recipients=settings.recipients, conference_name=conference.name,
        time_text=rules.time_text(conference.held_on, opening_time(conference.id)), venue=conference.venue or "")


def letters_for(secret_key: str, delegates: list[Delegate]) -> list[Letter]:
    """A `Letter` per delegate (all of one conference), with the seat from the seating plan ("" when none) and the
    badge's signed code: the QR printed on the letter is the badge's own."""
    seats = seat_labels(delegates[0].conference_id) if delegates else {}
    return [Letter(name=rules.addressee(d.full_name, d.kind), gender=d.gender, position=d.position or "",
                   workplace=d.unit.name if d.unit is not None else (d.workplace or ""),
                   seat=seats.get(d.id, ""), code=badge_code(secret_key, d), fallback=fallback_code(d))
            for d in delegates]

"""What the public honour board reads: the enabled board of a link, its exemplars, a photo. A fixed number of
statements whatever the number of exemplars (one for the board, one for the list), and only published columns.

Privacy by construction: `exemplars` selects the always-shown columns plus the columns of the fields the organizer
published, so an unpublished phone number or year of birth is never even read from the database for the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from conference.conferences.models import Conference
from conference.core.collation import unit_then_name_key
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.honourboard import rules
from conference.honourboard.models import HonourBoard
from conference.nominations.models import Nomination, NominationPhoto
from conference.organizations.models import Organization


@dataclass(frozen=True)
class PublicBoard:
    """An enabled board as its public pages show it: the conference's name, host, date and venue, the organizer's
    introduction and the published fields (`rules.PUBLISHABLE` keys)."""

    slug: str
    conference_id: int
    conference_name: str
    host_name: str
    held_on: date
    venue: str | None
    introduction: str | None
    published: frozenset[str]


@dataclass(frozen=True)
class ShownExemplar:
    """One exemplar as the board shows them; a field not published is None (False for `party_member`)."""

    delegate_id: int
    full_name: str
    kind: str
    unit_name: str | None
    has_photo: bool
    movements: tuple[str, ...]
    achievements: str | None
    position: str | None = None
    titles: str | None = None
    birth_year: int | None = None
    ethnicity: str | None = None
    party_member: bool = False
    phone: str | None = None


#: The column each publishable field is read from.
_PUBLISHABLE_COLUMNS = {
    "position": Delegate.position,
    "titles": Delegate.titles,
    "birth_year": Delegate.birth_year,
    "ethnicity": Delegate.ethnicity,
    "party_member": Delegate.party_member,
    "phone": Nomination.phone,
}

_EXEMPLAR = Delegate.category == "exemplar"


def enabled_board(slug: str) -> PublicBoard | None:
    """The enabled board whose link token is `slug`, else None (unknown, malformed or switched off: the caller
    answers 404 alike). One statement; none for a malformed token."""
    if not rules.is_slug(slug):
        return None
    row = db.session.execute(
        select(HonourBoard, Conference.name, Conference.held_on, Conference.venue, Organization.name)
        .join(Conference, Conference.id == HonourBoard.conference_id)
        .join(Organization, Organization.id == Conference.host_id)
        .where(HonourBoard.slug == slug, HonourBoard.enabled.is_(True))
    ).one_or_none()
    if row is None:
        return None
    board, name, held_on, venue, host_name = row
    return PublicBoard(slug=board.slug, conference_id=board.conference_id, conference_name=name,
                       host_name=host_name, held_on=held_on, venue=venue, introduction=board.introduction,
                       published=rules.published(board.switches))


def exemplars(board: PublicBoard) -> list[ShownExemplar]:
    """The conference's exemplar delegates, by unit then name (Vietnamese order; no unit last: the order of the
    commendation decision, `conference.core.collation.unit_then_name_key`), with the published fields only.

    One statement: the delegate, its unit's name, whether its nomination has a photo (the photo's key, never its
    bytes) and its emulation movements, plus the columns of `board.published`.
    """
    extra = [_PUBLISHABLE_COLUMNS[key].label(key) for key in rules.PUBLISHABLE_KEYS if key in board.published]
    query = (
        select(Delegate.id.label("delegate_id"), Delegate.full_name, Delegate.kind,
               Organization.name.label("unit_name"), NominationPhoto.nomination_id.is_not(None).label("has_photo"),
               Nomination.movements, Delegate.achievements, *extra)
        .select_from(Delegate)
        .outerjoin(Organization, Organization.id == Delegate.unit_id)
        .outerjoin(Nomination, Nomination.id == Delegate.nomination_id)
        .outerjoin(NominationPhoto, NominationPhoto.nomination_id == Delegate.nomination_id)
        .where(Delegate.conference_id == board.conference_id, _EXEMPLAR)
    )
    shown = []
    for row in db.session.execute(query).mappings():
        values = dict(row)
        values["movements"] = rules.lines(values["movements"])
        values["has_photo"] = bool(values["has_photo"])
        if "party_member" in values:
            values["party_member"] = bool(values["party_member"])
        shown.append(ShownExemplar(**values))
    shown.sort(key=lambda e: (unit_then_name_key(e.unit_name, e.full_name, e.kind == "collective"), e.delegate_id))
    return shown


def exemplar_count(board: PublicBoard) -> int:
    """How many exemplars the board lists (one statement)."""
    return db.session.execute(
        select(func.count()).select_from(Delegate).where(Delegate.conference_id == board.conference_id, _EXEMPLAR)
    ).scalar_one()


def photo(slug: str, delegate_id: int) -> bytes | None:
    """The JPEG of exemplar `delegate_id` when it is shown on the enabled board `slug`, else None. One statement
    (none for a malformed token)."""
    if not rules.is_slug(slug):
        return None
    return db.session.execute(
        select(NominationPhoto.content)
        .join(Delegate, Delegate.nomination_id == NominationPhoto.nomination_id)
        .join(HonourBoard, HonourBoard.conference_id == Delegate.conference_id)
        .where(HonourBoard.slug == slug, HonourBoard.enabled.is_(True), Delegate.id == delegate_id, _EXEMPLAR)
    ).scalar_one_or_none()

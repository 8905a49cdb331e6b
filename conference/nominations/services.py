"""Writing nominations: draft, submit, edit/resubmit, withdraw, approve, return; each rule checked inside a
locked transaction (conference/db.py: lock, then count, then write) and each change written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from conference.audit.services import record, snapshot
from conference.conferences.models import Conference, Quota
from conference.core.clock import utcnow
from conference.core.errors import N_, RuleViolation
from conference.core.text import clean_text
from conference.db import lock
from conference.delegates.services import seat_delegate
from conference.extensions import db
from conference.nominations.models import Nomination, NominationPhoto
from conference.nominations.rules import (
    PERSON_ONLY_FIELDS,
    effective_deadline,
    ensure_before_deadline,
    ensure_not_duplicate,
    ensure_within_quota,
    first_sentences,
    next_status,
    person_key,
)
from conference.organizations.models import BlockDeadline, Organization

__all__ = [
    "NOMINATION_FIELDS", "Actor", "approve_nomination", "approve_nominations", "create_nomination",
    "return_nomination", "submit_draft", "submit_nomination", "unit_deadline", "update_nomination",
    "withdraw_nomination",
]

#: Fields a unit fills in a nomination.
NOMINATION_FIELDS = (
    "kind", "full_name", "gender", "birth_year", "birth_date", "ethnicity", "education", "position",
    "direct_worker", "party_member", "movements", "titles", "achievements", "achievements_summary", "phone",
)
#: Fields copied into the delegate when a nomination is approved (the delegate summary list's).
DELEGATE_FIELDS = ("kind", "full_name", "gender", "birth_year", "ethnicity", "position", "direct_worker",
                   "party_member", "titles", "achievements", "achievements_summary", "notes")
AUDITED = (*NOMINATION_FIELDS, "status", "return_reason")


@dataclass(frozen=True)
class Actor:
    """Who makes a change: `user_id` and whether they are the organizer (exempt from the deadline)."""

    user_id: int | None
    is_organizer: bool = False


def unit_deadline(conference: Conference, unit_id: int) -> date | None:
    """The deadline that applies to a unit: its block's at this conference, else the conference's."""
    block_deadline = db.session.execute(
        select(BlockDeadline.deadline)
        .join(Organization, Organization.block_id == BlockDeadline.block_id)
        .where(Organization.id == unit_id, BlockDeadline.conference_id == conference.id)
    ).scalar_one_or_none()
    return effective_deadline(block_deadline, conference.nomination_deadline)


def _lock_quota(conference_id: int, unit_id: int):
    """The row that guards a unit's seats: locked FOR UPDATE on PostgreSQL."""
    return select(Quota.id).where(Quota.conference_id == conference_id, Quota.unit_id == unit_id)


def counted_nominations(conference_id: int, unit_id: int) -> int:
    """The quota seats a unit's nominations use (`Nomination.seats_used_by_unit`)."""
    return Nomination.seats_used_by_unit(conference_id, [unit_id]).get(unit_id, 0)


def unit_quota(conference_id: int, unit_id: int) -> int:
    """Seats given to a unit (0 without a quota row)."""
    return db.session.execute(
        select(Quota.seats).where(Quota.conference_id == conference_id, Quota.unit_id == unit_id)
    ).scalar_one_or_none() or 0


def _check_deadline(conference: Conference, unit_id: int, actor: Actor, today: date) -> None:
    if not actor.is_organizer:
        ensure_before_deadline(unit_deadline(conference, unit_id), today)


def _take_seats(conference_id: int, unit_id: int, adding: int = 1) -> None:
    """Quota check, run after the lock is held."""
    ensure_within_quota(counted_nominations(conference_id, unit_id), unit_quota(conference_id, unit_id), adding)


def existing_people(conference_id: int, unit_id: int, exclude_id: int | None = None) -> set:
    """`person_key`s of a unit's nominations at a conference, withdrawn ones excluded."""
    query = select(Nomination.full_name, Nomination.birth_year).where(
        Nomination.conference_id == conference_id, Nomination.unit_id == unit_id, Nomination.status != "withdrawn",
    )
    if exclude_id is not None:
        query = query.where(Nomination.id != exclude_id)
    return {person_key(name, year) for name, year in db.session.execute(query)}


def _apply(nomination: Nomination, data: dict) -> None:
    """Copy cleaned fields; a birth date gives the year; no summary gives the achievements' first sentences
    (`rules.first_sentences`), and a summary made so follows the achievements when they change and it is left as
    it was; a collective keeps none of a person's fields (`rules.PERSON_ONLY_FIELDS`: whatever the form or the
    spreadsheet sent for them is dropped)."""
    summary = nomination.achievements_summary
    derived = summary is not None and summary == first_sentences(nomination.achievements)
    for key in NOMINATION_FIELDS:
        setattr(nomination, key, clean_text(data.get(key)))
    if not nomination.achievements_summary or (derived and nomination.achievements_summary == summary):
        nomination.achievements_summary = first_sentences(nomination.achievements)
    if nomination.birth_date is not None:
        nomination.birth_year = nomination.birth_date.year
    if nomination.kind == "collective":
        for key, empty in PERSON_ONLY_FIELDS.items():
            setattr(nomination, key, empty)


def _audit(nomination: Nomination, action: str, before: dict | None, actor_id: int | None = None) -> None:
    after = snapshot(nomination, AUDITED)
    if before is not None:
        keys = [k for k in after if before.get(k) != after[k]]
        before, after = {k: before.get(k) for k in keys}, {k: after[k] for k in keys}
    record("nomination", nomination.id, action, conference_id=nomination.conference_id, unit_id=nomination.unit_id,
           before=before, after=after, user_id=actor_id)


def create_nomination(conference_id: int, unit_id: int, data: dict, actor: Actor, today: date, *,
                      draft: bool = False, photo=None) -> Nomination:
    """Create a nomination, as a draft (holds no seat) or submitted.

    Lock, count, insert in one transaction (SQLite BEGIN IMMEDIATE, PostgreSQL SELECT … FOR UPDATE on the
    unit's quota row), so two racing requests cannot both take the last seat.

    Args:
        data: the fields of `NOMINATION_FIELDS`; text is trimmed and NFC-normalised.
        today: the date in the conference's time zone (Asia/Ho_Chi_Minh).
        photo: a `photos.Photo` (already re-encoded by `photos.reencode_photo`), or None.

    Raises:
        RuleViolation: past the unit's deadline (unit users), the quota is full (when submitting), or the
            unit already proposed this person. Nothing is written.
    """
    lock(db.session, _lock_quota(conference_id, unit_id))
    conference = db.session.get(Conference, conference_id)
    _check_deadline(conference, unit_id, actor, today)
    nomination = Nomination(conference_id=conference_id, unit_id=unit_id, submitted_by_id=actor.user_id,
                            status="draft" if draft else "submitted")
    _apply(nomination, data)
    ensure_not_duplicate(nomination.full_name, nomination.birth_year, existing_people(conference_id, unit_id))
    if not draft:
        _take_seats(conference_id, unit_id)
    db.session.add(nomination)
    db.session.flush()
    if photo is not None:
        _store_photo(nomination, photo)
    _audit(nomination, "draft" if draft else "submit", None, actor.user_id)
    db.session.flush()
    return nomination


def submit_nomination(conference_id: int, unit_id: int, data: dict, actor: Actor, today: date) -> Nomination:
    """Create and submit a nomination (see `create_nomination`)."""
    return create_nomination(conference_id, unit_id, data, actor, today)


def _store_photo(nomination: Nomination, photo) -> None:
    """Attach (or replace) the re-encoded photo: `photo` is a `photos.Photo`."""
    existing = db.session.get(NominationPhoto, nomination.id)
    if existing is None:
        db.session.add(NominationPhoto(nomination_id=nomination.id, content=photo.content, width=photo.width,
                                       height=photo.height))
    else:
        existing.content, existing.width, existing.height = photo.content, photo.width, photo.height
    nomination.has_photo = True


def update_nomination(nomination_id: int, data: dict, actor: Actor, today: date, *, photo=None,
                      remove_photo: bool = False) -> Nomination:
    """Edit a nomination: a draft stays a draft, a submitted one stays submitted, a returned one becomes
    resubmitted (and holds a seat again).

    Raises:
        RuleViolation: approved or withdrawn; past the deadline for a unit user; resubmitting when the quota
            is full; the new name and year duplicate another of the unit's nominations.
    """
    nomination = db.session.get(Nomination, nomination_id)
    conference_id, unit_id = nomination.conference_id, nomination.unit_id
    lock(db.session, _lock_quota(conference_id, unit_id))
    nomination = db.session.get(Nomination, nomination_id)
    db.session.refresh(nomination)
    conference = db.session.get(Conference, conference_id)
    status = next_status(nomination.status, "edit")
    _check_deadline(conference, unit_id, actor, today)
    if nomination.status == "returned":
        _take_seats(conference_id, unit_id)
    before = snapshot(nomination, AUDITED)
    _apply(nomination, data)
    ensure_not_duplicate(nomination.full_name, nomination.birth_year,
                         existing_people(conference_id, unit_id, exclude_id=nomination.id))
    if status != nomination.status:
        nomination.return_reason = None
        nomination.submitted_at = utcnow()
    nomination.status = status
    if photo is not None:
        _store_photo(nomination, photo)
    elif remove_photo and nomination.has_photo:
        db.session.delete(db.session.get(NominationPhoto, nomination.id))
        nomination.has_photo = False
    _audit(nomination, "resubmit" if status == "resubmitted" and before["status"] == "returned" else "update",
           before, actor.user_id)
    db.session.flush()
    return nomination


def submit_draft(nomination_id: int, actor: Actor, today: date) -> Nomination:
    """Send a draft to the organizer: it now holds one of the unit's seats.

    Raises:
        RuleViolation: not a draft; past the deadline (unit users); the quota is full.
    """
    nomination = db.session.get(Nomination, nomination_id)
    conference_id, unit_id = nomination.conference_id, nomination.unit_id
    lock(db.session, _lock_quota(conference_id, unit_id))
    nomination = db.session.get(Nomination, nomination_id)
    db.session.refresh(nomination)
    status = next_status(nomination.status, "submit")
    _check_deadline(db.session.get(Conference, conference_id), unit_id, actor, today)
    _take_seats(conference_id, unit_id)
    before = snapshot(nomination, AUDITED)
    nomination.status = status
    nomination.submitted_at = utcnow()
    _audit(nomination, "submit", before, actor.user_id)
    db.session.flush()
    return nomination


def withdraw_nomination(nomination_id: int, actor: Actor, today: date) -> Nomination:
    """The unit withdraws a nomination that is not approved: it frees its seat.

    Raises:
        RuleViolation: approved or already withdrawn; past the deadline (unit users).
    """
    nomination = db.session.get(Nomination, nomination_id)
    conference_id, unit_id = nomination.conference_id, nomination.unit_id
    lock(db.session, _lock_quota(conference_id, unit_id))
    nomination = db.session.get(Nomination, nomination_id)
    db.session.refresh(nomination)
    status = next_status(nomination.status, "withdraw")
    _check_deadline(db.session.get(Conference, conference_id), unit_id, actor, today)
    before = snapshot(nomination, AUDITED)
    nomination.status = status
    _audit(nomination, "withdraw", before, actor.user_id)
    db.session.flush()
    return nomination


def _lock_conference(conference_id: int):
    return select(Conference.id).where(Conference.id == conference_id)


def _approve_locked(nomination: Nomination, conference: Conference, actor_id: int | None) -> None:
    status = next_status(nomination.status, "approve")
    before = snapshot(nomination, AUDITED)
    seat_delegate(conference, category="exemplar", nomination_id=nomination.id, unit_id=nomination.unit_id,
                  **{k: getattr(nomination, k) for k in DELEGATE_FIELDS})
    nomination.status = status
    nomination.reviewed_at = utcnow()
    _audit(nomination, "approve", before, actor_id)


def _locked_for_review(nomination_id: int) -> Nomination:
    """The nomination, read again under the review's locks: the conference's row (seats), then its unit's quota
    row, which the unit's own submit and withdraw lock, so a review and a withdrawal never both apply."""
    found = db.session.get(Nomination, nomination_id)
    lock(db.session, _lock_conference(found.conference_id))
    lock(db.session, _lock_quota(found.conference_id, found.unit_id))
    nomination = db.session.get(Nomination, nomination_id)
    db.session.refresh(nomination)
    return nomination


def approve_nomination(nomination_id: int, actor: Actor | None = None) -> None:
    """Approve a submitted or resubmitted nomination: it becomes an exemplar delegate.

    Raises:
        RuleViolation: not waiting for review; the cap or the exemplar seats are full.
    """
    nomination = _locked_for_review(nomination_id)
    conference_id = nomination.conference_id
    _approve_locked(nomination, db.session.get(Conference, conference_id), actor.user_id if actor else None)
    db.session.flush()


def approve_nominations(conference_id: int, nomination_ids: list[int], actor: Actor | None = None) -> int:
    """Bulk approval: approve every given nomination of the conference, all or none, in one transaction.

    Returns:
        how many were approved.

    Raises:
        RuleViolation: none chosen; a nomination of another conference or not waiting for review (named);
            the cap or the exemplar seats would be exceeded. Nothing is approved then.
    """
    ids = sorted(set(nomination_ids))
    if not ids:
        raise RuleViolation(N_("Chưa chọn hồ sơ nào để duyệt."))
    lock(db.session, _lock_conference(conference_id))
    lock(db.session, select(Quota.id).where(Quota.conference_id == conference_id).order_by(Quota.id))
    conference = db.session.get(Conference, conference_id)
    nominations = db.session.execute(
        select(Nomination).where(Nomination.id.in_(ids)).order_by(Nomination.id)
        .execution_options(populate_existing=True)
    ).scalars().all()
    if len(nominations) != len(ids) or any(n.conference_id != conference_id for n in nominations):
        raise RuleViolation(N_("Có hồ sơ không thuộc hội nghị này."))
    for nomination in nominations:
        if not nomination.allows("approve"):
            raise RuleViolation(N_("Hồ sơ của %(name)s không ở trạng thái chờ duyệt."),
                                name=nomination.full_name)
        _approve_locked(nomination, conference, actor.user_id if actor else None)
    db.session.flush()
    return len(ids)


def return_nomination(nomination_id: int, reason: str, actor: Actor | None = None) -> None:
    """Return a nomination waiting for review to its unit with a reason; it stops holding a seat.

    Runs under the same lock as approval, so a nomination is never both approved and returned.

    Raises:
        RuleViolation: empty reason, or the nomination is not waiting for review.
    """
    reason = clean_text(reason)
    if not reason:
        raise RuleViolation(N_("Vui lòng ghi lý do trả lại hồ sơ."))
    nomination = _locked_for_review(nomination_id)
    status = next_status(nomination.status, "return")
    before = snapshot(nomination, AUDITED)
    nomination.status = status
    nomination.return_reason = reason
    nomination.reviewed_at = utcnow()
    _audit(nomination, "return", before, actor.user_id if actor else None)
    db.session.flush()

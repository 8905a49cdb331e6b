"""Submitting, resubmitting and reviewing nominations; each rule checked inside a locked transaction."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from conference.db import locked_write, utcnow
from conference.delegates.services import seat_delegate
from conference.events.models import Conference
from conference.events.rules import RuleViolation
from conference.extensions import db
from conference.nominations.models import COUNTED_STATUSES, Nomination
from conference.quotas.models import Quota

NOMINATION_FIELDS = (
    "kind", "full_name", "gender", "birth_year", "ethnicity", "position", "direct_worker",
    "party_member", "titles", "achievements", "phone",
)


def clean_text(value):
    """Trim and normalise a text value to Unicode NFC; empty becomes None. Non-strings pass through."""
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value).strip()
        return value or None
    return value


def ensure_before_deadline(deadline: date | None, today: date) -> None:
    """Refuse a unit's change after its deadline; the deadline day itself is still open.

    Source: DESIGN.md hard rule "after a unit's deadline only the organizer can change its nominations".

    Raises:
        RuleViolation: today > deadline.
    """
    if deadline is not None and today > deadline:
        raise RuleViolation(
            f"Đã hết thời hạn gửi hồ sơ (hạn cuối {deadline:%d/%m/%Y}). "
            "Vui lòng liên hệ Ban Tổ chức."
        )


def ensure_within_quota(used: int, quota: int) -> None:
    """Refuse one more nomination when the unit's submitted + approved ones already fill its quota.

    Raises:
        RuleViolation: used >= quota.
    """
    if used >= quota:
        raise RuleViolation(
            f"Đơn vị đã dùng hết số lượng phân bổ ({used}/{quota}). Không thể gửi thêm hồ sơ."
        )


@dataclass(frozen=True)
class Actor:
    """Who makes a change: `user_id` and whether they are the organizer (exempt from the deadline)."""

    user_id: int | None
    is_organizer: bool = False


def _lock_quota(conference_id: int, unit_id: int):
    """The row that guards a unit's seats: locked FOR UPDATE on PostgreSQL."""
    return select(Quota.id).where(Quota.conference_id == conference_id, Quota.unit_id == unit_id)


def _take_seat_checks(conference: Conference, unit_id: int, actor: Actor, today: date) -> None:
    """Deadline (unit users only) and quota checks, run after the lock is held."""
    if not actor.is_organizer:
        ensure_before_deadline(conference.nomination_deadline, today)
    quota = db.session.execute(
        select(Quota.seats).where(Quota.conference_id == conference.id, Quota.unit_id == unit_id)
    ).scalar_one_or_none()
    used = db.session.execute(
        select(func.count()).select_from(Nomination).where(
            Nomination.conference_id == conference.id,
            Nomination.unit_id == unit_id,
            Nomination.status.in_(COUNTED_STATUSES),
        )
    ).scalar_one()
    ensure_within_quota(used, quota or 0)


def submit_nomination(conference_id: int, unit_id: int, data: dict, actor: Actor, today: date) -> Nomination:
    """Submit a new nomination for a unit, then commit.

    Lock, count, insert in one transaction (SQLite BEGIN IMMEDIATE, PostgreSQL SELECT … FOR UPDATE on
    the unit's quota row), so two racing requests cannot both take the last seat.

    Args:
        data: the fields of `NOMINATION_FIELDS`; text is trimmed and NFC-normalised.
        today: the date in the conference's time zone (Asia/Ho_Chi_Minh).

    Raises:
        RuleViolation: past the deadline, or the unit's quota is full. Nothing is written.
    """
    with locked_write(db.session, _lock_quota(conference_id, unit_id)):
        conference = db.session.get(Conference, conference_id)
        _take_seat_checks(conference, unit_id, actor, today)
        nomination = Nomination(
            conference_id=conference_id,
            unit_id=unit_id,
            status="submitted",
            submitted_by_id=actor.user_id,
            **{k: clean_text(data.get(k)) for k in NOMINATION_FIELDS},
        )
        _normalise_kind(nomination)
        db.session.add(nomination)
    return nomination


def _normalise_kind(nomination: Nomination) -> None:
    """A collective (tập thể) has no gender or year of birth."""
    if nomination.kind == "collective":
        nomination.gender = None
        nomination.birth_year = None


def update_nomination(nomination_id: int, data: dict, actor: Actor, today: date) -> Nomination:
    """Edit a submitted or returned nomination; a returned one is submitted again (and counts again).

    Raises:
        RuleViolation: the nomination is approved; past the deadline for a unit user; resubmitting
            a returned nomination when the quota is full.
    """
    nomination = db.session.get(Nomination, nomination_id)
    conference_id, unit_id = nomination.conference_id, nomination.unit_id
    with locked_write(db.session, _lock_quota(conference_id, unit_id)):
        nomination = db.session.get(Nomination, nomination_id)
        conference = db.session.get(Conference, conference_id)
        if nomination.status == "approved":
            raise RuleViolation("Hồ sơ đã được duyệt, không thể sửa.")
        if nomination.status == "returned":
            _take_seat_checks(conference, unit_id, actor, today)
        elif not actor.is_organizer:
            ensure_before_deadline(conference.nomination_deadline, today)
        for key in NOMINATION_FIELDS:
            setattr(nomination, key, clean_text(data.get(key)))
        _normalise_kind(nomination)
        nomination.status = "submitted"
        nomination.return_reason = None
        nomination.submitted_at = utcnow()
    return nomination


def approve_nomination(nomination_id: int) -> None:
    """Approve a submitted nomination: it becomes an exemplar delegate. Commits.

    Raises:
        RuleViolation: not in the submitted state; the cap or the exemplar seats are full.
    """
    nomination = db.session.get(Nomination, nomination_id)
    conference_id = nomination.conference_id
    with locked_write(db.session, select(Conference.id).where(Conference.id == conference_id)):
        nomination = db.session.get(Nomination, nomination_id)
        if nomination.status != "submitted":
            raise RuleViolation("Chỉ duyệt được hồ sơ đang chờ duyệt.")
        conference = db.session.get(Conference, conference_id)
        seat_delegate(
            conference,
            category="exemplar",
            nomination_id=nomination.id,
            unit_id=nomination.unit_id,
            **{k: getattr(nomination, k) for k in NOMINATION_FIELDS if k != "phone"},
        )
        nomination.status = "approved"
        nomination.reviewed_at = utcnow()


def return_nomination(nomination_id: int, reason: str) -> None:
    """Return a submitted nomination to its unit with a reason; it stops holding a seat. Commits.

    Runs under the same lock as approval, so a nomination is never both approved and returned.

    Raises:
        RuleViolation: empty reason, or the nomination is not in the submitted state.
    """
    reason = clean_text(reason)
    if not reason:
        raise RuleViolation("Vui lòng ghi lý do trả lại hồ sơ.")
    conference_id = db.session.get(Nomination, nomination_id).conference_id
    with locked_write(db.session, select(Conference.id).where(Conference.id == conference_id)):
        nomination = db.session.get(Nomination, nomination_id)
        if nomination.status != "submitted":
            raise RuleViolation("Chỉ trả lại được hồ sơ đang chờ duyệt.")
        nomination.status = "returned"
        nomination.return_reason = reason
        nomination.reviewed_at = utcnow()

"""Seating delegates (exemplars from approved nominations, guests), and choosing the presidium."""

from __future__ import annotations

from sqlalchemy import exists, func, select

from conference.audit.services import record
from conference.conferences.models import Conference
from conference.conferences.rules import ensure_presidium_size, ensure_room_for_delegate
from conference.core.errors import N_, Message, RuleViolation
from conference.core.shortcode import new_short_code
from conference.core.text import clean_text
from conference.db import lock
from conference.delegates.guest_rows import DUPLICATE_GUEST, guest_key
from conference.delegates.models import Delegate
from conference.delegates.rules import PRESIDIUM_GROUPS, ensure_presidium_person
from conference.extensions import db

CATEGORY_LABELS = {"exemplar": Message(N_("đại biểu điển hình tiên tiến")),
                   "guest": Message(N_("đại biểu khách mời"))}
GUEST_FIELDS = ("full_name", "gender", "birth_year", "ethnicity", "position", "workplace", "party_member", "notes")


def delegate_counts(conference_id: int) -> dict[str, int]:
    """{category: delegates seated} for one conference, with 0 for empty categories."""
    rows = db.session.execute(
        select(Delegate.category, func.count())
        .where(Delegate.conference_id == conference_id)
        .group_by(Delegate.category)
    )
    counts = {"exemplar": 0, "guest": 0}
    counts.update(dict(rows.all()))
    return counts


class FallbackCodesInUse:
    """The fallback codes printed on a conference's current badges (`Delegate.fallback_code`), as a container
    `new_short_code` asks about one drawn code at a time: one lookup in the unique index per code drawn, not every
    code of the conference read for each delegate seated (a bulk approval of 1,000 seats 1,000)."""

    def __init__(self, conference_id: int):
        self.conference_id = conference_id

    def __contains__(self, code: object) -> bool:
        return db.session.execute(select(exists().where(
            Delegate.conference_id == self.conference_id, Delegate.fallback_code == code))).scalar_one()


def fallback_codes(conference_id: int) -> FallbackCodesInUse:
    """The fallback codes in use at `conference_id` (`FallbackCodesInUse`)."""
    return FallbackCodesInUse(conference_id)


def seat_delegate(conference: Conference, *, category: str, **fields) -> Delegate:
    """Add a delegate after checking the cap and the category's seats. Caller holds the lock.

    Raises:
        RuleViolation: the conference or the category is full (DESIGN.md hard rules).
    """
    counts = delegate_counts(conference.id)
    seats = conference.seats
    ensure_room_for_delegate(
        cap=seats.cap,
        seated=sum(counts.values()),
        category_seats=seats.exemplar if category == "exemplar" else seats.guest,
        category_seated=counts[category],
        category_label=CATEGORY_LABELS[category],
    )
    delegate = Delegate(conference_id=conference.id, category=category,
                        fallback_code=new_short_code(fallback_codes(conference.id)), **fields)
    db.session.add(delegate)
    db.session.flush()
    record("delegate", delegate.id, "create", conference_id=conference.id, unit_id=delegate.unit_id,
           after={"category": category, "full_name": delegate.full_name})
    return delegate


def _lock_conference(conference_id: int):
    return select(Conference.id).where(Conference.id == conference_id)


def existing_guest_keys(conference_id: int) -> set[tuple[str, str]]:
    """The `guest_rows.guest_key` of every guest of the conference (one query)."""
    return {guest_key(name, workplace) for name, workplace in db.session.execute(
        select(Delegate.full_name, Delegate.workplace).where(Delegate.conference_id == conference_id,
                                                             Delegate.category == "guest"))}


def add_guest(conference_id: int, data: dict) -> Delegate:
    """Seat a guest (đại biểu khách mời) within the guest seats and the cap.

    Args:
        data: the fields of `GUEST_FIELDS` (already cleaned by the form).

    Raises:
        RuleViolation: the same guest is already listed (`guest_rows.guest_key`: name and organisation, as people
            type them); guest seats or the cap are full.
    """
    lock(db.session, _lock_conference(conference_id))
    if guest_key(data.get("full_name"), data.get("workplace")) in existing_guest_keys(conference_id):
        raise RuleViolation(DUPLICATE_GUEST)
    conference = db.session.get(Conference, conference_id)
    delegate = seat_delegate(
        conference, category="guest", **{k: clean_text(data.get(k)) for k in GUEST_FIELDS}
    )
    db.session.flush()
    return delegate


def remove_guest(delegate: Delegate) -> None:
    """Remove a guest who will not attend (exemplars leave only through their nomination).

    Raises:
        RuleViolation: the delegate is not a guest, or has already checked in.
    """
    if not delegate.removable:
        raise RuleViolation(N_("Chỉ xoá được đại biểu khách mời."))
    if delegate.check_in is not None:
        raise RuleViolation(N_("Đại biểu đã điểm danh, không thể xoá."))
    record("delegate", delegate.id, "delete", conference_id=delegate.conference_id,
           before={"category": delegate.category, "full_name": delegate.full_name})
    db.session.delete(delegate)
    db.session.flush()


def set_presidium(conference_id: int, delegate_ids: list[int], groups: list[str | None] | None = None) -> None:
    """Make `delegate_ids`, in this order, the presidium (Đoàn Chủ tịch) of the conference; `groups` gives each
    member's part of the plan's composition (`rules.PRESIDIUM_GROUPS` codes or None; same length as
    `delegate_ids`; None: no group for anyone).

    Source: Kế hoạch 65/KH-LĐLĐ, mục II.2.4: "số lượng không quá 07 người" (configurable per conference).

    Raises:
        RuleViolation: more members than allowed, a repeated member, a delegate of another conference, or a
            collective (`rules.ensure_presidium_person`). Nothing changes then.
        ValueError: `groups` of another length than `delegate_ids`, or an unknown group code.
    """
    groups = list(groups) if groups is not None else [None] * len(delegate_ids)
    if len(groups) != len(delegate_ids) or any(g is not None and g not in PRESIDIUM_GROUPS for g in groups):
        raise ValueError("one known presidium group (or None) per member")
    lock(db.session, _lock_conference(conference_id))
    conference = db.session.get(Conference, conference_id)
    if len(set(delegate_ids)) != len(delegate_ids):
        raise RuleViolation(N_("Một đại biểu được chọn hai lần vào Đoàn Chủ tịch."))
    ensure_presidium_size(len(delegate_ids), conference.presidium_max)
    members = {
        d.id: d
        for d in db.session.execute(
            select(Delegate).where(Delegate.id.in_(delegate_ids), Delegate.conference_id == conference_id)
        ).scalars()
    }
    if len(members) != len(delegate_ids):
        raise RuleViolation(N_("Thành viên Đoàn Chủ tịch phải là đại biểu của hội nghị này."))
    for delegate_id in delegate_ids:
        ensure_presidium_person(members[delegate_id].kind, members[delegate_id].full_name)
    for current in db.session.execute(
        select(Delegate).where(Delegate.conference_id == conference_id, Delegate.presidium_order.is_not(None))
    ).scalars():
        current.presidium_order = None
        current.presidium_group = None
    db.session.flush()
    for order, (delegate_id, group) in enumerate(zip(delegate_ids, groups, strict=True), start=1):
        members[delegate_id].presidium_order = order
        members[delegate_id].presidium_group = group
    record("delegate", None, "presidium", conference_id=conference_id,
           after={"presidium": delegate_ids, "presidium_groups": groups})
    db.session.flush()

"""Writing quotas: by hand or proportionally, always within the exemplar seats."""

from __future__ import annotations

from sqlalchemy import select

from conference.audit.services import record
from conference.conferences.models import Conference, Quota
from conference.core.errors import N_, RuleViolation
from conference.db import lock
from conference.extensions import db
from conference.nominations.models import Nomination
from conference.organizations.queries import units_of
from conference.quotas.allocation import Claimant, allocate_largest_remainder, ensure_quota_total


def used_seats_by_unit(conference_id: int) -> dict[int, int]:
    """{unit_id: quota seats its nominations use} for one conference (`Nomination.seats_used_by_unit`)."""
    return Nomination.seats_used_by_unit(conference_id)


def save_quotas(conference: Conference, seats_by_unit: dict[int, int]) -> None:
    """Replace the quotas of the given units, in one locked transaction.

    Args:
        seats_by_unit: {unit_id: seats}; every unit must belong to the conference's host.

    Raises:
        RuleViolation: unknown unit, negative seats, a sum above the exemplar seats
            (DESIGN.md hard rule), or a quota below what the unit has already submitted.
            Nothing is written then.
    """
    conference_id = conference.id
    lock(db.session, select(Conference.id).where(Conference.id == conference_id))
    # and every unit's quota row, which its own submissions lock: a quota is never lowered below a submission
    # racing it
    lock(db.session, select(Quota.id).where(Quota.conference_id == conference_id).order_by(Quota.id))
    conference = db.session.get(Conference, conference_id)
    unit_ids = {u.id for u in units_of(conference)}
    unknown = set(seats_by_unit) - unit_ids
    if unknown:
        raise RuleViolation(N_("Có đơn vị không thuộc hội nghị này."))
    existing = {
        q.unit_id: q
        for q in db.session.execute(select(Quota).where(Quota.conference_id == conference_id)).scalars()
    }
    merged = {uid: q.seats for uid, q in existing.items()}
    merged.update(seats_by_unit)
    ensure_quota_total(merged, conference.seats.exemplar)
    used = used_seats_by_unit(conference_id)
    names = {u.id: u.name for u in units_of(conference)}
    for unit_id, seats in seats_by_unit.items():
        if seats < used.get(unit_id, 0):
            raise RuleViolation(
                N_("%(unit)s: số lượng phân bổ (%(seats)s) ít hơn số hồ sơ đã gửi (%(used)s)."),
                unit=names[unit_id], seats=seats, used=used[unit_id],
            )
    for unit_id, seats in seats_by_unit.items():
        if unit_id not in existing or existing[unit_id].seats != seats:
            record("quota", unit_id, "update", conference_id=conference_id, unit_id=unit_id,
                   before={"seats": existing[unit_id].seats if unit_id in existing else None}, after={"seats": seats})
        if unit_id in existing:
            existing[unit_id].seats = seats
        else:
            db.session.add(Quota(conference_id=conference_id, unit_id=unit_id, seats=seats))
    db.session.flush()


def allocate_proportionally(conference: Conference, minimum: int = 1) -> dict[int, int]:
    """Allocate all exemplar seats to the units by largest remainder on member counts, and save.

    Returns:
        {unit_id: seats} as saved.

    Raises:
        RuleViolation: as `save_quotas` (e.g. a unit already holds more nominations than its new share).
    """
    units = units_of(conference)
    if not units:
        raise RuleViolation(N_("Hội nghị chưa có đơn vị nào để phân bổ."))
    shares = allocate_largest_remainder(
        conference.seats.exemplar,
        [Claimant(key=u.id, name=u.name, members=u.member_count) for u in units],
        minimum=minimum,
    )
    save_quotas(conference, shares)
    return shares

"""The dashboard's figures for one conference, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from conference.checkin.models import CheckIn
from conference.conferences.models import Conference, Quota
from conference.conferences.rules import SeatSplit, SplitCheck, check_split
from conference.core.clock import to_local
from conference.core.collation import vietnamese_key
from conference.delegates.models import Delegate
from conference.delegates.rules import PriorityCounts, count_priority_groups
from conference.extensions import db
from conference.nominations.models import Nomination
from conference.nominations.rules import PENDING_STATUSES
from conference.organizations.models import Organization


@dataclass(frozen=True)
class Dashboard:
    """Seat figures of a conference, as the organizer's dashboard shows them."""

    seats: SeatSplit
    allocated: int
    nominations: dict[str, int]
    delegates: dict[str, int]
    presidium: int
    presidium_max: int
    split: SplitCheck
    checked_in: dict[str, int]
    #: Every nomination status with its count (the statuses with none left out).
    by_status: dict[str, int]
    #: The plan's priority groups among the exemplar delegates (`conference.delegates.rules.priority_groups`).
    priority: PriorityCounts

    @property
    def seated(self) -> int:
        return sum(self.delegates.values())

    @property
    def women(self) -> int:
        return self.priority.women

    @property
    def ethnic_minorities(self) -> int:
        return self.priority.ethnic_minority

    @property
    def direct_workers(self) -> int:
        return self.priority.direct_worker


def dashboard(conference: Conference) -> Dashboard:
    """Compute the dashboard figures (6 queries, whatever the number of rows)."""
    cid = conference.id
    allocated = db.session.execute(
        select(func.coalesce(func.sum(Quota.seats), 0)).where(Quota.conference_id == cid)
    ).scalar_one()
    by_status = dict(db.session.execute(
        select(Nomination.status, func.count()).where(Nomination.conference_id == cid).group_by(Nomination.status)
    ).all())
    # "Waiting" is everything the organizer still has to review: submitted and resubmitted.
    nominations = {
        "waiting": sum(by_status.get(s, 0) for s in PENDING_STATUSES),
        "approved": by_status.get("approved", 0),
        "returned": by_status.get("returned", 0),
    }
    row = db.session.execute(
        select(
            func.count().filter(Delegate.category == "exemplar"),
            func.count().filter(Delegate.category == "guest"),
            func.count(Delegate.presidium_order),
        ).where(Delegate.conference_id == cid)
    ).one()
    exemplars, guests, presidium = (v or 0 for v in row)
    person = (Delegate.kind, Delegate.gender, Delegate.ethnicity, Delegate.direct_worker)
    priority = count_priority_groups(db.session.execute(
        select(*person, func.count()).where(Delegate.conference_id == cid, Delegate.category == "exemplar")
        .group_by(*person)
    ))
    checked = {"exemplar": 0, "guest": 0}
    checked.update(dict(db.session.execute(
        select(Delegate.category, func.count()).join(CheckIn, CheckIn.delegate_id == Delegate.id)
        .where(Delegate.conference_id == cid).group_by(Delegate.category)
    ).all()))
    return Dashboard(
        by_status=by_status,
        seats=conference.seats,
        allocated=allocated,
        nominations=nominations,
        delegates={"exemplar": exemplars, "guest": guests},
        presidium=presidium,
        presidium_max=conference.presidium_max,
        split=check_split(exemplars, guests, conference.exemplar_share_pct, conference.split_tolerance_pct),
        checked_in=checked,
        priority=priority,
    )


@dataclass(frozen=True)
class UnitSeats:
    """One unit's exemplar seats: `allocated` (its quota) and `used` (held by its submitted, resubmitted and
    approved nominations, `conference.nominations.rules.seats_used`)."""

    name: str
    allocated: int
    used: int


@dataclass(frozen=True)
class Arrivals:
    """Check-ins per `minutes`-long slot of local time, from the first arrival's slot to the last's:
    (slot start, arrivals in it, arrivals up to its end); `slots` is empty before anyone arrives."""

    minutes: int
    slots: list[tuple[datetime, int, int]]


#: The length of an arrivals slot, in minutes; a span longer than `ARRIVALS_FILL_HOURS` lists only the slots
#: somebody arrived in (test scans days before the conference would otherwise make thousands of empty slots).
ARRIVALS_SLOT_MINUTES = 10
ARRIVALS_FILL_HOURS = 12


def unit_seats(conference_id: int) -> list[UnitSeats]:
    """Every unit with a quota row: its seats allocated and used, by unit name in Vietnamese order (two
    queries)."""
    quotas = db.session.execute(
        select(Organization.id, Organization.name, Quota.seats).join(Organization, Organization.id == Quota.unit_id)
        .where(Quota.conference_id == conference_id)
    ).all()
    used = Nomination.seats_used_by_unit(conference_id)
    units = [UnitSeats(name=name, allocated=seats, used=used.get(unit_id, 0)) for unit_id, name, seats in quotas]
    return sorted(units, key=lambda unit: vietnamese_key(unit.name))


def arrivals(conference_id: int, minutes: int = ARRIVALS_SLOT_MINUTES) -> Arrivals:
    """The conference's check-ins counted per slot of `minutes` in Vietnam's time (one query)."""
    counts: dict[datetime, int] = {}
    for checked_in_at in db.session.execute(
            select(CheckIn.checked_in_at).where(CheckIn.conference_id == conference_id)).scalars():
        moment = to_local(checked_in_at).replace(tzinfo=None)
        slot = moment.replace(minute=moment.minute - moment.minute % minutes, second=0, microsecond=0)
        counts[slot] = counts.get(slot, 0) + 1
    if not counts:
        return Arrivals(minutes=minutes, slots=[])
    first, last = min(counts), max(counts)
    starts = list(counts)
    if last - first <= timedelta(hours=ARRIVALS_FILL_HOURS):
        step = timedelta(minutes=minutes)
        starts = [first + step * i for i in range((last - first) // step + 1)]
    slots, total = [], 0
    for start in sorted(starts):
        total += counts.get(start, 0)
        slots.append((start, counts.get(start, 0), total))
    return Arrivals(minutes=minutes, slots=slots)

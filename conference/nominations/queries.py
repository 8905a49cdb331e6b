"""The selects the nomination pages list, each page in a fixed number of queries (no N+1)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import joinedload, raiseload

from conference.conferences.models import Quota
from conference.core.collation import compact_key, vietnamese_key
from conference.delegates.rules import PRIORITY_GROUPS, PriorityCounts, count_priority_groups, priority_groups
from conference.extensions import db
from conference.nominations.models import Nomination
from conference.nominations.rules import NOMINATION_STATUSES, PENDING_STATUSES, seats_used
from conference.organizations.models import Block, Organization

#: Review filter values for the state: "pending" (submitted or resubmitted), each state, or "all".
STATUS_FILTERS = ("pending", *NOMINATION_STATUSES, "all")
PAGE_SIZE = 200
#: The columns the priority groups are decided on (`conference.delegates.rules.priority_groups`).
_PERSON = (Nomination.kind, Nomination.gender, Nomination.ethnicity, Nomination.direct_worker)


def _in_priority_group(conditions: list, group: str) -> list[int]:
    """Ids of the nominations matching `conditions` that belong to the priority `group` (one query; the rule
    is applied in Python, so it is the same rule as everywhere else)."""
    return [nomination_id for nomination_id, *person in db.session.execute(
        select(Nomination.id, *_PERSON).where(*conditions)) if group in priority_groups(*person)]


@dataclass(frozen=True)
class ReviewFilter:
    status: str = "pending"
    unit_id: int | None = None
    block_id: int | None = None
    priority: str | None = None


def review_list(conference_id: int, flt: ReviewFilter, limit: int = PAGE_SIZE) -> tuple[list[Nomination], int]:
    """(the first `limit` nominations matching the filter, oldest first, with their units; the total): 2 queries,
    3 with a priority group."""
    conditions = [Nomination.conference_id == conference_id, Nomination.status != "draft"]
    if flt.status == "pending":
        conditions.append(Nomination.status.in_(PENDING_STATUSES))
    elif flt.status in STATUS_FILTERS and flt.status != "all":
        conditions[1] = Nomination.status == flt.status
    if flt.unit_id:
        conditions.append(Nomination.unit_id == flt.unit_id)
    if flt.block_id:
        conditions.append(Nomination.unit_id.in_(select(Organization.id).where(Organization.block_id == flt.block_id)))
    if flt.priority in PRIORITY_GROUPS:
        conditions.append(Nomination.id.in_(_in_priority_group(conditions, flt.priority)))
    total = db.session.execute(select(func.count()).select_from(Nomination).where(*conditions)).scalar_one()
    rows = db.session.execute(
        select(Nomination).where(*conditions)
        .options(joinedload(Nomination.unit).joinedload(Organization.block), raiseload("*"))
        .order_by(Nomination.submitted_at, Nomination.id).limit(limit)
    ).unique().scalars().all()
    return list(rows), total


@dataclass(frozen=True)
class UnitCounts:
    """One unit's line on the review page: its quota and its nominations by status."""

    unit_id: int
    name: str
    block: str | None
    quota: int
    statuses: dict[str, int]

    @property
    def pending(self) -> int:
        """Waiting for the organizer's review (`PENDING_STATUSES`)."""
        return sum(self.statuses.get(status, 0) for status in PENDING_STATUSES)

    @property
    def approved(self) -> int:
        return self.statuses.get("approved", 0)

    @property
    def returned(self) -> int:
        return self.statuses.get("returned", 0)

    @property
    def used(self) -> int:
        """Seats the unit uses (`conference.nominations.rules.seats_used`)."""
        return seats_used(self.statuses)


def unit_counts(conference_id: int, host_id: int) -> list[UnitCounts]:
    """Per unit: quota, waiting for review, approved, returned, seats used (two queries), by unit name."""
    statuses = Nomination.status_counts(conference_id)
    rows = db.session.execute(
        select(Organization.id, Organization.name, Block.name, Quota.seats)
        .select_from(Organization)
        .outerjoin(Block, Block.id == Organization.block_id)
        .outerjoin(Quota, and_(Quota.unit_id == Organization.id, Quota.conference_id == conference_id))
        .where(Organization.parent_id == host_id)
    ).all()
    rows = sorted(rows, key=lambda row: compact_key(vietnamese_key(row[1])))  # Vietnamese order, as the exports
    return [UnitCounts(uid, name, block, seats or 0, statuses.get(uid, {}))
            for uid, name, block, seats in rows]


def priority_shares(conference_id: int) -> PriorityCounts:
    """The plan's priority groups among the approved exemplars (individuals only:
    `conference.delegates.rules.count_priority_groups`), one query grouped by the columns the rule reads."""
    return count_priority_groups(db.session.execute(
        select(*_PERSON, func.count())
        .where(Nomination.conference_id == conference_id, Nomination.status == "approved")
        .group_by(*_PERSON)
    ))


def unit_nominations(conference_id: int, unit_id: int) -> list[Nomination]:
    """A unit's nominations (withdrawn last), in one query."""
    return list(db.session.execute(
        select(Nomination).where(Nomination.conference_id == conference_id, Nomination.unit_id == unit_id)
        .options(raiseload("*"))
        .order_by((Nomination.status == "withdrawn"), Nomination.id)
    ).scalars())


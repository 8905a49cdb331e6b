"""The selects the nomination pages list, each page in a fixed number of queries (no N+1)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import joinedload, raiseload

from conference.conferences.models import Quota
from conference.extensions import db
from conference.nominations.models import PENDING_STATUSES, Nomination
from conference.organizations.models import Block, Organization

#: Priority groups of Kế hoạch 65/KH-LĐLĐ, mục II.2.3 ("ưu tiên CNVCLĐ trực tiếp lao động sản xuất, lao
#: động nữ, lao động là người dân tộc thiểu số").
PRIORITY_GROUPS = ("women", "ethnic_minority", "direct_worker")
#: Review filter values for the state: "pending" (submitted or resubmitted), each state, or "all".
STATUS_FILTERS = ("pending", "draft", "submitted", "resubmitted", "approved", "returned", "withdrawn", "all")
PAGE_SIZE = 200


def is_ethnic_minority():
    """SQL condition: an ethnicity other than Kinh is recorded (the majority group)."""
    return and_(Nomination.ethnicity.is_not(None), func.lower(Nomination.ethnicity) != "kinh")


def _priority_condition(group: str):
    return {
        "women": and_(Nomination.kind == "individual", Nomination.gender == "female"),
        "ethnic_minority": and_(Nomination.kind == "individual", is_ethnic_minority()),
        "direct_worker": Nomination.direct_worker.is_(True),
    }[group]


@dataclass(frozen=True)
class ReviewFilter:
    status: str = "pending"
    unit_id: int | None = None
    block_id: int | None = None
    priority: str | None = None


def review_list(conference_id: int, flt: ReviewFilter, limit: int = PAGE_SIZE) -> tuple[list[Nomination], int]:
    """(the first `limit` nominations matching the filter, oldest first, with their units; the total), 2 queries."""
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
        conditions.append(_priority_condition(flt.priority))
    total = db.session.execute(select(func.count()).select_from(Nomination).where(*conditions)).scalar_one()
    rows = db.session.execute(
        select(Nomination).where(*conditions)
        .options(joinedload(Nomination.unit).joinedload(Organization.block), raiseload("*"))
        .order_by(Nomination.submitted_at, Nomination.id).limit(limit)
    ).unique().scalars().all()
    return list(rows), total


@dataclass(frozen=True)
class UnitCounts:
    unit_id: int
    name: str
    block: str | None
    quota: int
    pending: int
    approved: int
    returned: int


def unit_counts(conference_id: int, host_id: int) -> list[UnitCounts]:
    """Per unit: quota, waiting for review, approved, returned (one query), by unit name."""
    counts = (
        select(
            Nomination.unit_id.label("unit_id"),
            func.sum(case((Nomination.status.in_(PENDING_STATUSES), 1), else_=0)).label("pending"),
            func.sum(case((Nomination.status == "approved", 1), else_=0)).label("approved"),
            func.sum(case((Nomination.status == "returned", 1), else_=0)).label("returned"),
        ).where(Nomination.conference_id == conference_id).group_by(Nomination.unit_id).subquery()
    )
    rows = db.session.execute(
        select(Organization.id, Organization.name, Block.name, Quota.seats, counts.c.pending, counts.c.approved,
               counts.c.returned)
        .select_from(Organization)
        .outerjoin(Block, Block.id == Organization.block_id)
        .outerjoin(Quota, and_(Quota.unit_id == Organization.id, Quota.conference_id == conference_id))
        .outerjoin(counts, counts.c.unit_id == Organization.id)
        .where(Organization.parent_id == host_id).order_by(Organization.name)
    ).all()
    return [UnitCounts(uid, name, block, seats or 0, pending or 0, approved or 0, returned or 0)
            for uid, name, block, seats, pending, approved, returned in rows]


@dataclass(frozen=True)
class PriorityShares:
    """Among approved individual exemplars: how many, and how many women, ethnic minorities, direct workers."""

    approved_individuals: int
    women: int
    ethnic_minority: int
    direct_worker: int

    def pct(self, group: str) -> float | None:
        """Share in percent, None when nobody is approved yet."""
        if not self.approved_individuals:
            return None
        return 100.0 * getattr(self, group) / self.approved_individuals


def priority_shares(conference_id: int) -> PriorityShares:
    """Shares of the plan's priority groups among approved individual exemplars (one query)."""
    row = db.session.execute(
        select(
            func.count(),
            func.sum(case((Nomination.gender == "female", 1), else_=0)),
            func.sum(case((is_ethnic_minority(), 1), else_=0)),
            func.sum(case((Nomination.direct_worker.is_(True), 1), else_=0)),
        ).where(Nomination.conference_id == conference_id, Nomination.status == "approved",
                Nomination.kind == "individual")
    ).one()
    return PriorityShares(row[0], row[1] or 0, row[2] or 0, row[3] or 0)


def unit_nominations(conference_id: int, unit_id: int) -> list[Nomination]:
    """A unit's nominations (withdrawn last), in one query."""
    return list(db.session.execute(
        select(Nomination).where(Nomination.conference_id == conference_id, Nomination.unit_id == unit_id)
        .options(raiseload("*"))
        .order_by((Nomination.status == "withdrawn"), Nomination.id)
    ).scalars())


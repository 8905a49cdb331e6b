"""The dashboard's figures for one conference, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from conference.checkin.models import CheckIn
from conference.conferences.models import Conference, Quota
from conference.conferences.rules import SeatSplit, SplitCheck, check_split
from conference.delegates.models import Delegate
from conference.delegates.rules import PriorityCounts, count_priority_groups
from conference.extensions import db
from conference.nominations.models import Nomination
from conference.nominations.rules import PENDING_STATUSES


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

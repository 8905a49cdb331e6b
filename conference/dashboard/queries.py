"""The dashboard's figures for one conference, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select

from conference.checkin.models import CheckIn
from conference.conferences.models import Conference, Quota
from conference.conferences.rules import SeatSplit, SplitCheck, check_split
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.models import PENDING_STATUSES, Nomination


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
    women: int
    ethnic_minorities: int
    direct_workers: int

    @property
    def seated(self) -> int:
        return sum(self.delegates.values())


def dashboard(conference: Conference) -> Dashboard:
    """Compute the dashboard figures (5 queries, whatever the number of rows)."""
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
            func.sum(case((Delegate.category == "exemplar", case((Delegate.gender == "female", 1), else_=0)),
                          else_=0)),
            func.sum(case((Delegate.category == "exemplar",
                           case((func.coalesce(Delegate.ethnicity, "Kinh") != "Kinh", 1), else_=0)), else_=0)),
            func.sum(case((Delegate.category == "exemplar", case((Delegate.direct_worker, 1), else_=0)),
                          else_=0)),
        ).where(Delegate.conference_id == cid)
    ).one()
    exemplars, guests, presidium, women, minorities, workers = (v or 0 for v in row)
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
        women=women,
        ethnic_minorities=minorities,
        direct_workers=workers,
    )

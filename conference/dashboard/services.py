"""Creating and editing a conference without breaking what is already seated or allocated."""

from __future__ import annotations

from sqlalchemy import func, select

from conference.audit.services import changed, record, snapshot
from conference.conferences import rules
from conference.conferences.models import Conference, Quota
from conference.core.errors import N_, RuleViolation
from conference.db import lock
from conference.delegates.models import Delegate
from conference.extensions import db

CONFERENCE_FIELDS = (
    "name", "level", "plan_reference", "upper_body", "venue", "held_on", "duration", "delegate_cap",
    "exemplar_share_pct", "split_tolerance_pct", "presidium_max", "nomination_deadline", "dossier_deadline",
)


def _ensure_schedule(data: dict) -> None:
    """The venue and the nomination deadline of `data` (`rules.ensure_venue`,
    `rules.ensure_deadline_before_conference`)."""
    rules.ensure_venue(data.get("venue"))
    rules.ensure_deadline_before_conference(data.get("nomination_deadline"), data["held_on"])


def create_conference(host_id: int, data: dict) -> Conference:
    """Create a conference hosted by `host_id` from the form's `data`; its settings are logged.

    Raises:
        RuleViolation: no venue, or a nomination deadline after the conference date.
    """
    _ensure_schedule(data)
    conference = Conference(host_id=host_id, **{k: data[k] for k in CONFERENCE_FIELDS if k in data})
    db.session.add(conference)
    db.session.flush()
    record("conference", conference.id, "create", conference_id=conference.id,
           after=snapshot(conference, CONFERENCE_FIELDS))
    return conference


def update_conference(conference_id: int, data: dict) -> Conference:
    """Change a conference's settings; the changed ones are logged.

    Raises:
        RuleViolation: no venue, a nomination deadline after the conference date, the new cap is below the
            delegates seated, the new exemplar or guest seats are below what is allocated or seated, or the new
            presidium maximum is below its members.
    """
    _ensure_schedule(data)
    lock(db.session, select(Conference.id).where(Conference.id == conference_id))
    conference = db.session.get(Conference, conference_id)
    new = rules.seat_split(data["delegate_cap"], data["exemplar_share_pct"])
    counts = dict(db.session.execute(
        select(Delegate.category, func.count()).where(Delegate.conference_id == conference_id)
        .group_by(Delegate.category)
    ).all())
    seated = sum(counts.values())
    allocated = db.session.execute(
        select(func.coalesce(func.sum(Quota.seats), 0)).where(Quota.conference_id == conference_id)
    ).scalar_one()
    presidium = db.session.execute(
        select(func.count()).select_from(Delegate)
        .where(Delegate.conference_id == conference_id, Delegate.presidium_order.is_not(None))
    ).scalar_one()
    if new.cap < seated:
        raise RuleViolation(N_("Số đại biểu tối đa (%(cap)s) ít hơn số đại biểu đã có (%(seated)s)."),
                            cap=new.cap, seated=seated)
    if new.exemplar < max(allocated, counts.get("exemplar", 0)):
        raise RuleViolation(
            N_("Số chỗ điển hình tiên tiến mới (%(seats)s) ít hơn số đã phân bổ (%(allocated)s) "
               "hoặc đã duyệt (%(approved)s)."),
            seats=new.exemplar, allocated=allocated, approved=counts.get("exemplar", 0),
        )
    if new.guest < counts.get("guest", 0):
        raise RuleViolation(
            N_("Số chỗ khách mời mới (%(seats)s) ít hơn số khách mời đã có (%(guests)s)."),
            seats=new.guest, guests=counts["guest"],
        )
    if data["presidium_max"] < presidium:
        raise RuleViolation(
            N_("Đoàn Chủ tịch hiện có %(count)s người, nhiều hơn số tối đa mới (%(maximum)s)."),
            count=presidium, maximum=data["presidium_max"],
        )
    before = snapshot(conference, CONFERENCE_FIELDS)
    for key in CONFERENCE_FIELDS:
        if key in data:
            setattr(conference, key, data[key])
    db.session.flush()
    before, after = changed(before, snapshot(conference, CONFERENCE_FIELDS))
    if after:
        record("conference", conference.id, "update", conference_id=conference.id, before=before, after=after)
    return conference

"""Creating and editing a conference without breaking what is already seated or allocated."""

from __future__ import annotations

from sqlalchemy import func, select

from conference.agenda.services import add_plan_programme
from conference.audit.services import changed, record, snapshot
from conference.conferences import rules
from conference.conferences.models import Conference, Quota
from conference.core.errors import N_, RuleViolation
from conference.db import lock
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.organizations.models import Organization

CONFERENCE_FIELDS = (
    "name", "plan_reference", "upper_body", "venue", "held_on", "duration", "delegate_cap",
    "exemplar_share_pct", "split_tolerance_pct", "presidium_max", "nomination_deadline", "dossier_deadline",
    "signature_for", "signer_title", "signer_name",
)


def _upper_body(host: Organization, typed: str | None) -> str | None:
    """The body above a host as its conferences store it: the host's parent's name; `typed` only for a host
    without a parent in the database (`conference.conferences.letterhead.letterhead_of` reads the same)."""
    return host.parent.name if host.parent is not None else typed


def _ensure_schedule(data: dict) -> None:
    """The venue and the nomination deadline of `data` (`rules.ensure_venue`,
    `rules.ensure_deadline_before_conference`)."""
    rules.ensure_venue(data.get("venue"))
    rules.ensure_deadline_before_conference(data.get("nomination_deadline"), data["held_on"])


def create_conference(host_id: int, data: dict) -> Conference:
    """Create a conference hosted by `host_id` from the form's `data`; its settings are logged.

    The conference's level is the host's (`conference.organizations.levels`); its body above is the host's parent
    (`_upper_body`).

    Raises:
        RuleViolation: the host's level holds no conference (`rules.ensure_hosts_conference`), no venue, or a
            nomination deadline after the conference date.
    """
    host = db.session.get(Organization, host_id)
    rules.ensure_hosts_conference(host.level if host is not None else None)
    _ensure_schedule(data)
    values = {k: data[k] for k in CONFERENCE_FIELDS if k in data}
    values["upper_body"] = _upper_body(host, values.get("upper_body"))
    conference = Conference(host_id=host_id, level=host.level, **values)
    db.session.add(conference)
    db.session.flush()
    record("conference", conference.id, "create", conference_id=conference.id,
           after=snapshot(conference, CONFERENCE_FIELDS))
    add_plan_programme(conference.id)  # the plan's nine items (Kế hoạch 65/KH-LĐLĐ, mục II.3), editable
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
    conference.upper_body = _upper_body(conference.host, conference.upper_body)
    db.session.flush()
    before, after = changed(before, snapshot(conference, CONFERENCE_FIELDS))
    if after:
        record("conference", conference.id, "update", conference_id=conference.id, before=before, after=after)
    return conference

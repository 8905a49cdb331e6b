"""Creating and editing a conference without breaking what is already seated or allocated."""

from __future__ import annotations

from sqlalchemy import func, select

from conference.conferences import rules
from conference.conferences.models import Conference, Quota
from conference.core.errors import RuleViolation
from conference.db import locked_write
from conference.delegates.models import Delegate
from conference.extensions import db

CONFERENCE_FIELDS = (
    "name", "level", "plan_reference", "upper_body", "venue", "held_on", "duration", "delegate_cap",
    "exemplar_share_pct", "split_tolerance_pct", "presidium_max", "nomination_deadline", "dossier_deadline",
)


def create_conference(host_id: int, data: dict) -> Conference:
    """Create a conference hosted by `host_id` from the form's `data`. Commits."""
    conference = Conference(host_id=host_id, **{k: data[k] for k in CONFERENCE_FIELDS if k in data})
    db.session.add(conference)
    db.session.commit()
    return conference


def update_conference(conference_id: int, data: dict) -> Conference:
    """Change a conference's settings. Commits.

    Raises:
        RuleViolation: the new cap is below the delegates seated, the new exemplar or guest seats are
            below what is allocated or seated, or the new presidium maximum is below its members.
    """
    with locked_write(db.session, select(Conference.id).where(Conference.id == conference_id)):
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
            raise RuleViolation(f"Số đại biểu tối đa ({new.cap}) ít hơn số đại biểu đã có ({seated}).")
        if new.exemplar < max(allocated, counts.get("exemplar", 0)):
            raise RuleViolation(
                f"Số chỗ điển hình tiên tiến mới ({new.exemplar}) ít hơn số đã phân bổ ({allocated}) "
                f"hoặc đã duyệt ({counts.get('exemplar', 0)})."
            )
        if new.guest < counts.get("guest", 0):
            raise RuleViolation(
                f"Số chỗ khách mời mới ({new.guest}) ít hơn số khách mời đã có ({counts['guest']})."
            )
        if data["presidium_max"] < presidium:
            raise RuleViolation(
                f"Đoàn Chủ tịch hiện có {presidium} người, nhiều hơn số tối đa mới ({data['presidium_max']})."
            )
        for key in CONFERENCE_FIELDS:
            if key in data:
                setattr(conference, key, data[key])
    return conference

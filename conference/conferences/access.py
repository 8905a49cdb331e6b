"""Which conferences a user may act on, and the loader every conference page uses.

A unit user sees only the conferences of its host (and, in them, only its own unit's data); organizer and
check-in users only the conferences hosted by their organization.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from conference.conferences.models import Conference
from conference.extensions import db


def can_access_conference(user, conference) -> bool:
    """True when `user` may act on `conference`.

    organizer/checkin: the conference is hosted by the user's organization.
    unit: the user's unit is a child of the host organization.
    """
    if user.role in ("organizer", "checkin"):
        return conference.host_id == user.organization_id
    if user.role == "unit":
        return user.organization.parent_id == conference.host_id
    return False


def get_conference_or_403(conference_id: int) -> Conference:
    """Load a conference the current user may act on; 404 if absent, 403 if not theirs."""
    conference = db.get_or_404(Conference, conference_id)
    if not can_access_conference(current_user, conference):
        abort(403)
    return conference

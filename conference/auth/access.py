"""Who may see what: role decorators and scoped loaders used by every view.

A unit user sees only its own unit's data; organizer and checkin users only the conferences hosted by
their organization.
"""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from conference.extensions import db


def roles_required(*roles: str):
    """Decorate a view: the user must be logged in and have one of `roles`, else 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


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


def get_conference_or_403(conference_id: int):
    """Load a conference the current user may act on; 404 if absent, 403 if not theirs."""
    from conference.events.models import Conference

    conference = db.get_or_404(Conference, conference_id)
    if not can_access_conference(current_user, conference):
        abort(403)
    return conference

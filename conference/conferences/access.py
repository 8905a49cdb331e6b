"""Which conferences a user may act on, and the loader every conference page uses.

A unit user sees only the conferences of its host (and, in them, only its own unit's data); organizer and
check-in users only the conferences hosted by their organization.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort, g
from flask_login import current_user
from sqlalchemy import select

from conference.conferences.models import Conference
from conference.extensions import db
from conference.web.access import roles_required


def host_id_of(user) -> int | None:
    """The organization whose conferences `user` works on.

    organizer/checkin: the user's own organization. unit: the unit's parent (the host of its conferences).
    """
    if user.role in ("organizer", "checkin"):
        return user.organization_id
    if user.role == "unit":
        return user.organization.parent_id
    return None


def can_access_conference(user, conference) -> bool:
    """True when `user` may act on `conference` (a row with `host_id`): it is hosted by `host_id_of(user)`."""
    host_id = host_id_of(user)
    return host_id is not None and conference.host_id == host_id


def conferences_of(user) -> list[Conference]:
    """The conferences `user` may act on, newest first."""
    return list(db.session.execute(
        select(Conference).where(Conference.host_id == host_id_of(user)).order_by(Conference.held_on.desc())
    ).scalars())


def get_conference_or_403(conference_id: int) -> Conference:
    """Load a conference the current user may act on; 404 if absent, 403 if not theirs."""
    conference = db.get_or_404(Conference, conference_id)
    if not can_access_conference(current_user, conference):
        abort(403)
    return conference


def load_conference(conference_id: int) -> Conference:
    """The conference the current page belongs to (404 if absent, 403 if not the user's), kept in
    `g.conference` for the layout's navigation."""
    conference = g.conference = get_conference_or_403(conference_id)
    return conference


def conference_view(*roles: str) -> Callable:
    """Decorate a view of one conference, routed with `<int:conference_id>`.

    The user must be logged in (else the login page, or 401 under /api/) and hold one of `roles` (else 403);
    the conference is loaded with `load_conference` and the view is called with it instead of its id:

        @bp.route("/conferences/<int:conference_id>/quotas")
        @conference_view("organizer")
        def index(conference: Conference): ...
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @roles_required(*roles)
        def wrapped(conference_id: int, **kwargs):
            return view(load_conference(conference_id), **kwargs)

        return wrapped

    return decorator

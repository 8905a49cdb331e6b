"""The signed-in user as every request sees it (`flask_login.current_user`): a few columns, read in one query.

Flask-Login calls the user loader on every request, the desk's scan API included. Loading the ORM `User` cost
more than the scan's own database work (bench/bench_checkin.py), so a request gets a `SignedInUser`: the columns
of the user's row, read by one prebuilt select, with the organization loaded only when a page asks for it.
Changes go through the ORM `User` (auth/models.py), never through this object.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_login import UserMixin
from sqlalchemy import bindparam, select

from conference.auth.models import User
from conference.organizations.models import Organization

_users = User.__table__
_SIGNED_IN = select(_users.c.id, _users.c.username, _users.c.full_name, _users.c.role,
                    _users.c.organization_id).where(_users.c.id == bindparam("user_id"), _users.c.active.is_(True))


@dataclass(frozen=True, eq=False)
class SignedInUser(UserMixin):
    """The user of the current request: id, username, full name, role (ROLES) and organization id.

    `organization` loads the `Organization` row through `session` on first use (pages that show its name, a
    unit's access check through its parent); the ORM session's identity map keeps it for the request.
    """

    id: int
    username: str
    full_name: str
    role: str
    organization_id: int
    session: object  # the request's SQLAlchemy session (scoped), for `organization`

    @property
    def organization(self) -> Organization:
        return self.session.get(Organization, self.organization_id)


def load_signed_in_user(session, user_id: str) -> SignedInUser | None:
    """The active user with id `user_id` (the string Flask-Login keeps in the session cookie), else None.

    A user deactivated after logging in is signed out on the next request: the loader finds no active row and
    Flask-Login treats the browser as anonymous (login page, or 401 on the desk's API).
    """
    try:
        key = int(user_id)
    except (TypeError, ValueError):
        return None
    row = session.connection().execute(_SIGNED_IN, {"user_id": key}).one_or_none()
    if row is None:
        return None
    return SignedInUser(*row, session=session)

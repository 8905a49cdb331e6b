"""The signed-in user as every request sees it (`flask_login.current_user`): a few columns, read in one query.

Flask-Login calls the user loader on every request, the desk's scan API included, so a request gets a light
`SignedInUser` rather than the ORM `User` with its relationships: the columns
of the user's row, read by one prebuilt select, with the organization loaded only when a page asks for it.
Changes go through the ORM `User` (auth/models.py), never through this object.

The session cookie names the user with a stamp of the password hash (`User.get_id`): the loader finds nobody
for a deactivated user or after the password changed, so either signs that account out of every browser.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass

from flask_login import UserMixin
from sqlalchemy import bindparam, select

from conference.auth.models import User, password_stamp
from conference.organizations.models import Organization

_users = User.__table__
#: The shape of `User.get_id()`: a database id, ":", 16 lowercase hex characters.
_COOKIE_ID = re.compile(r"([0-9]{1,18}):([0-9a-f]{16})")
_SIGNED_IN = select(_users.c.id, _users.c.username, _users.c.full_name, _users.c.role, _users.c.organization_id,
                    _users.c.password_hash).where(_users.c.id == bindparam("user_id"), _users.c.active.is_(True))


@dataclass(frozen=True, eq=False)
class SignedInUser(UserMixin):
    """The user of the current request: id, username, full name, role (ROLES), organization id, and the
    password stamp its session cookie carries (`get_id` gives back the cookie's "<id>:<stamp>").

    `organization` loads the `Organization` row through `session` on first use (pages that show its name, a
    unit's access check through its parent); the ORM session's identity map keeps it for the request.
    """

    id: int
    username: str
    full_name: str
    role: str
    organization_id: int
    session: object  # the request's SQLAlchemy session (scoped), for `organization`
    stamp: str  # the password stamp of the session cookie (16 hex characters)

    def get_id(self) -> str:
        """The same "<id>:<password stamp>" as `User.get_id`."""
        return f"{self.id}:{self.stamp}"

    @property
    def organization(self) -> Organization:
        return self.session.get(Organization, self.organization_id)


def load_signed_in_user(session, user_id: str) -> SignedInUser | None:
    """The active user named by `user_id`, the "<id>:<password stamp>" Flask-Login keeps in the session cookie
    (`User.get_id`), else None.

    None (Flask-Login then treats the browser as anonymous: login page, or 401 on the desk's API) when the user
    was deactivated, or when the password changed since this browser logged in (`flask set-password` on a lost
    phone's account signs it out), or for a cookie of another shape.
    """
    match = _COOKIE_ID.fullmatch(user_id) if isinstance(user_id, str) else None
    if match is None:
        return None
    key, stamp = int(match[1]), match[2]
    row = session.connection().execute(_SIGNED_IN, {"user_id": key}).one_or_none()
    if row is None or not hmac.compare_digest(stamp, password_stamp(row.password_hash)):
        return None
    return SignedInUser(*row[:5], session=session, stamp=stamp)

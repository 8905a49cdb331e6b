"""The signed-in user as every request sees it (`flask_login.current_user`): a few columns, read in one query.

Flask-Login calls the user loader on every request, the desk's scan API included, so a request gets a light
`SignedInUser` rather than the ORM `User` with its relationships: the columns
of the user's row, read by one prebuilt select, with the organization loaded only when a page asks for it.
Changes go through the ORM `User` (auth/models.py), never through this object.

The session cookie names the user with a stamp of the password hash (`User.get_id`): the loader finds nobody
for a deactivated user or after the password changed, so either signs that account out of every browser. It also
carries the id of the login's `UserSession` row (auth/sessions.py): the loader finds nobody once that row is gone
(logout, "sign out everywhere") or older than PERMANENT_SESSION_LIFETIME, so a copy of the cookie dies with it.

`authenticate` checks a login's password in the same time whether the username exists or not.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass

from flask import current_app
from flask import session as cookie
from flask_login import UserMixin
from sqlalchemy import bindparam, select

from conference.auth.models import User, hash_password, password_stamp
from conference.auth.sessions import SESSION_KEY, UserSession
from conference.core.clock import utcnow
from conference.organizations.models import Organization

_users = User.__table__
_sessions = UserSession.__table__
#: The shape of `User.get_id()`: a database id, ":", 16 lowercase hex characters.
_COOKIE_ID = re.compile(r"([0-9]{1,18}):([0-9a-f]{16})")
_SIGNED_IN = (
    select(_users.c.id, _users.c.username, _users.c.full_name, _users.c.role, _users.c.organization_id,
           _users.c.must_change_password, _users.c.password_hash)
    .join_from(_users, _sessions, _sessions.c.user_id == _users.c.id)
    .where(_users.c.id == bindparam("user_id"), _users.c.active.is_(True), _sessions.c.id == bindparam("session_id"),
           _sessions.c.created_at >= bindparam("since"))
)


@dataclass(frozen=True, eq=False)
class SignedInUser(UserMixin):
    """The user of the current request: id, username, full name, role (ROLES), organization id, whether it still
    has a one-time password (`User.must_change_password`), and the password stamp its session cookie carries
    (`get_id` gives back the cookie's "<id>:<stamp>").

    `organization` loads the `Organization` row through `session` on first use (pages that show its name, a
    unit's access check through its parent); the ORM session's identity map keeps it for the request.
    """

    id: int
    username: str
    full_name: str
    role: str
    organization_id: int
    must_change_password: bool
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
    (`User.get_id`), whose login session (the cookie's `SESSION_KEY`) still exists, else None. One query.

    None (Flask-Login then treats the browser as anonymous: login page, or 401 on the desk's API) when the user
    was deactivated, or when the password changed since this browser logged in (`flask set-password` on a lost
    phone's account signs it out), or when the session was ended (logout, "sign out everywhere") or is older
    than PERMANENT_SESSION_LIFETIME, or for a cookie of another shape.
    """
    match = _COOKIE_ID.fullmatch(user_id) if isinstance(user_id, str) else None
    session_id = cookie.get(SESSION_KEY)
    if match is None or not isinstance(session_id, str):
        return None
    key, stamp = int(match[1]), match[2]
    since = utcnow() - current_app.permanent_session_lifetime
    row = session.connection().execute(
        _SIGNED_IN, {"user_id": key, "session_id": session_id, "since": since}).one_or_none()
    if row is None or not hmac.compare_digest(stamp, password_stamp(row.password_hash)):
        return None
    return SignedInUser(*row[:6], session=session, stamp=stamp)


def authenticate(session, username: str, password: str) -> User | None:
    """The active user whose username is `username` (stripped) and whose password is `password`, else None.

    Usernames are lower case (`conference.accounts.rules.USERNAME_PATTERN`), and a phone's keyboard capitalises
    the first letter it types: a username that names nobody as typed is looked up again in lower case, so
    "Dontiep" logs in as "dontiep" (the login throttle already counts both as one, `auth.throttle.username_key`).

    The password is checked whatever the username: an unknown username (or a deactivated account) costs one key
    derivation of PASSWORD_HASH_METHOD, as checking a real hash of that method does, so the time of a refusal
    does not tell which usernames exist.
    """
    username = username.strip()
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None and username != username.lower():
        user = session.execute(select(User).where(User.username == username.lower())).scalar_one_or_none()
    if user is None:
        hash_password(password)  # the same work as a check, thrown away
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user

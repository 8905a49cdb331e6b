"""Signed-in sessions kept on the server, so that logging out ends a session for good.

The session cookie is signed, not stored: by itself a copy of it stays valid as long as its signature. So each
login writes a `UserSession` row with a random id, and the cookie carries that id (`SESSION_KEY`) beside
Flask-Login's user id; the user loader (`auth.identity.load_signed_in_user`) finds nobody unless the row still
exists and is younger than PERMANENT_SESSION_LIFETIME. Logout deletes the row (a copy of the cookie taken before
no longer signs anybody in); "sign out everywhere" deletes every row of the user. The password stamp in the cookie
(`User.get_id`) still signs a user out of every browser when the password changes.

Functions change rows and flush; the request commits.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import DateTime, ForeignKey, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from conference.extensions import db

#: The key of the Flask session (the signed cookie) that holds the id of the `UserSession` row.
SESSION_KEY = "login_session"


class UserSession(db.Model):
    """One login of one user in one browser: a random id (43 URL-safe characters, 256 bits), when it began
    (naive UTC) and, for the user to recognise it, the browser's User-Agent and the client address (printable
    characters only, cut to the column's length)."""

    __tablename__ = "user_sessions"

    id: Mapped[str] = mapped_column(String(43), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(45), default="")


def start_session(session: Session, user_id: int, *, now: datetime, lifetime: timedelta, user_agent: str = "",
                  address: str = "") -> str:
    """Write a new session of `user_id` begun at `now` (naive UTC) and return its id, for the cookie
    (`SESSION_KEY`). The user's sessions older than `lifetime` are deleted on the way, so the table holds only
    sessions that could still sign somebody in."""
    session.execute(delete(UserSession).where(UserSession.user_id == user_id, UserSession.created_at < now - lifetime))
    session_id = secrets.token_urlsafe(32)
    session.add(UserSession(id=session_id, user_id=user_id, created_at=now, user_agent=_printable(user_agent, 200),
                            address=_printable(address, 45)))
    session.flush()
    return session_id


def _printable(text: str, length: int) -> str:
    """`text` without control characters (PostgreSQL refuses NUL), cut at `length` characters."""
    return "".join(character for character in text if character.isprintable())[:length]


def end_session(session: Session, session_id: str | None) -> None:
    """Delete the session `session_id` (logout); nothing happens for None or an id already gone."""
    if session_id:
        session.execute(delete(UserSession).where(UserSession.id == session_id))


def end_all_sessions(session: Session, user_id: int) -> int:
    """Delete every session of `user_id` ("sign out everywhere"); returns how many there were."""
    return session.execute(delete(UserSession).where(UserSession.user_id == user_id)).rowcount


def sessions_of(session: Session, user_id: int, *, since: datetime) -> list[UserSession]:
    """The sessions of `user_id` begun at `since` (naive UTC) or later, newest first."""
    return list(session.execute(
        select(UserSession).where(UserSession.user_id == user_id, UserSession.created_at >= since)
        .order_by(UserSession.created_at.desc())
    ).scalars())

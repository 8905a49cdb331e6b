"""Helpers shared by views: navigation context, today's date in the conference's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask import g

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def local_today() -> date:
    """Today's date in Vietnam (deadlines are calendar days there)."""
    return datetime.now(LOCAL_TZ).date()


def to_local(moment: datetime | None) -> datetime | None:
    """A stored naive-UTC timestamp as an aware time in Vietnam."""
    if moment is None:
        return None

    return moment.replace(tzinfo=UTC).astimezone(LOCAL_TZ)


def inject_navigation() -> dict:
    """Template context: the conference the page belongs to (set by views in `g.conference`)."""
    from flask_babel import get_locale

    return {"nav_conference": g.get("conference"), "get_locale": get_locale}


def safe_local_url(target: str | None) -> str | None:
    """`target` if it is a same-site path (e.g. "/conferences/1"), else None: no open redirects."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target

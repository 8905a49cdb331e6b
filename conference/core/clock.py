"""Time: timestamps are stored as naive UTC; deadlines and what people read are in Vietnam's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def utcnow() -> datetime:
    """The current time in UTC as a naive `datetime` (how every timestamp is stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


def local_today() -> date:
    """Today's date in Vietnam (deadlines are calendar days there)."""
    return datetime.now(LOCAL_TZ).date()


def to_local(moment: datetime | None) -> datetime | None:
    """A stored naive-UTC timestamp as an aware time in Vietnam; None stays None."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC).astimezone(LOCAL_TZ)

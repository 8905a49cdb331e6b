"""The check-in's time rules (pure): which scan times an offline desk may bring, and the conference's day.

Times are naive UTC, as stored; the conference's date is a calendar day in Vietnam (`core.clock.LOCAL_TZ`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from conference.core.clock import LOCAL_TZ

#: An offline scan's time may be at most this far in the future of the server's clock: a later time is refused at
#: sync, an earlier one in the future is stored as "now". A desk without network time drifts by minutes, and the
#: scans it made just before the network came back then carry a time ahead of the server's: those people walked
#: in, and storing them as "now" loses nothing true, where a refusal would count them absent.
CLOCK_SKEW = timedelta(minutes=15)


def local_midnight(day: date) -> datetime:
    """The start of `day` in Vietnam, as naive UTC."""
    return datetime.combine(day, time(0), LOCAL_TZ).astimezone(UTC).replace(tzinfo=None)


def conference_day(held_on: date) -> tuple[datetime, datetime]:
    """[start, end) of the conference's date in Vietnam, naive UTC: what the board's timeline covers."""
    start = local_midnight(held_on)
    return start, start + timedelta(days=1)


def scan_window(held_on: date, now: datetime) -> tuple[datetime, datetime]:
    """[earliest, latest] time an offline scan may carry: from the start of the day before the conference (Vietnam
    time) to `now` + CLOCK_SKEW. A desk whose clock is outside this window (a phone set to 2000, year 1) is refused
    at sync."""
    return local_midnight(held_on - timedelta(days=1)), now + CLOCK_SKEW


def in_window(moment: datetime, window: tuple[datetime, datetime]) -> bool:
    """Whether `moment` (naive UTC) lies in `window` (`scan_window`), both ends included."""
    return window[0] <= moment <= window[1]

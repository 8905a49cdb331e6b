"""The live attendance board: arrived / expected overall, per badge kind, per unit, per desk, over time.

A fixed number of queries whatever the number of delegates (one for delegates with their check-in, one for
the latest conflicts); the grouping is plain Python on those rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from conference.checkin.models import CheckIn, CheckInConflict
from conference.core.collation import name_sort_key
from conference.delegates.models import Delegate
from conference.extensions import db

#: Width of one bar of the "arrivals over time" chart, in minutes.
BUCKET_MINUTES = 5


@dataclass(frozen=True)
class Tally:
    """Arrived out of expected for one group (a unit, a badge kind, the whole conference)."""

    key: str
    label: str
    arrived: int
    expected: int

    @property
    def missing(self) -> int:
        return self.expected - self.arrived

    @property
    def percent(self) -> int:
        return round(100 * self.arrived / self.expected) if self.expected else 0


@dataclass(frozen=True)
class Board:
    """Everything the board shows; times are naive UTC (the view converts them to Vietnam time)."""

    overall: Tally
    kinds: list[Tally]
    units: list[Tally]
    desks: list[tuple[str, int]]
    timeline: list[tuple[datetime, int]]
    conflicts: list[CheckInConflict]
    offline: int


def bucket_start(moment: datetime, minutes: int = BUCKET_MINUTES) -> datetime:
    """The start of the `minutes`-wide bucket holding `moment` (buckets aligned on the hour)."""
    return moment.replace(minute=moment.minute - moment.minute % minutes, second=0, microsecond=0)


def timeline(times: list[datetime], minutes: int = BUCKET_MINUTES) -> list[tuple[datetime, int]]:
    """Arrivals per bucket from the first to the last arrival, empty buckets included (0 arrivals)."""
    if not times:
        return []
    counts = Counter(bucket_start(t, minutes) for t in times)
    first, last = min(counts), max(counts)
    result, at = [], first
    while at <= last:
        result.append((at, counts.get(at, 0)))
        at += timedelta(minutes=minutes)
    return result


def board(conference_id: int, kind_labels: dict[str, str], guests_label: str) -> Board:
    """Compute the board of one conference.

    `kind_labels` maps badge kinds (presidium, exemplar, guest) to their labels; presidium members count
    under "presidium" only (`conference.delegates.rules.badge_kind`, as on their badges). Units: exemplars grouped by their unit, guests in one group named
    `guests_label`; ordered by delegates still missing (most first), then by name, so the units the desk is
    waiting for are at the top.
    """
    rows = db.session.execute(
        select(Delegate, CheckIn).outerjoin(CheckIn, CheckIn.delegate_id == Delegate.id)
        .where(Delegate.conference_id == conference_id)
    ).all()
    kind_expected: Counter = Counter()
    kind_arrived: Counter = Counter()
    unit_expected: Counter = Counter()
    unit_arrived: Counter = Counter()
    desks: Counter = Counter()
    times = []
    offline = 0
    for delegate, record in rows:
        kind = delegate.badge_kind
        unit = delegate.unit.name if delegate.unit is not None else guests_label
        kind_expected[kind] += 1
        unit_expected[unit] += 1
        if record is not None:
            kind_arrived[kind] += 1
            unit_arrived[unit] += 1
            desks[record.desk or "—"] += 1
            times.append(record.checked_in_at)
            offline += record.offline
    kinds = [Tally(k, kind_labels.get(k, k), kind_arrived[k], kind_expected[k])
             for k in ("presidium", "exemplar", "guest") if kind_expected[k]]
    units = [Tally(u, u, unit_arrived[u], unit_expected[u]) for u in unit_expected]
    units.sort(key=lambda t: (-t.missing, name_sort_key(t.label)))
    conflicts = db.session.execute(
        select(CheckInConflict).where(CheckInConflict.conference_id == conference_id)
        .order_by(CheckInConflict.id.desc()).limit(20)
    ).scalars().all()
    overall = Tally("all", "", sum(kind_arrived.values()), len(rows))
    return Board(overall=overall, kinds=kinds, units=units, desks=sorted(desks.items()),
                 timeline=timeline(times), conflicts=list(conflicts), offline=offline)

"""The live attendance board: arrived / expected overall, per badge kind, per unit, per desk, over time, who
is still missing; and the attendance of the day for the report when the desks close.

A fixed number of queries whatever the number of delegates (one for delegates with their check-in, one for
the latest conflicts, one for the desks' closing); the grouping is plain Python on those rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from conference.checkin.closing import closed_at
from conference.checkin.models import CheckIn, CheckInConflict
from conference.checkin.rules import conference_day
from conference.conferences.models import Conference
from conference.core.collation import compact_key, compact_name_key, name_sort_key, vietnamese_key
from conference.delegates.models import Delegate
from conference.delegates.rules import DECLINED, affiliation
from conference.extensions import db
from conference.organizations.models import Organization

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
class Person:
    """One delegate as the missing list and the attendance report show them: name, unit (or organisation for
    guests), badge kind, and the check-in's time (naive UTC) and desk, None when not arrived. `declined`: a guest
    who answered the invitation that they will not come (`delegates.rules.DECLINED`); `deputy_of`: for a deputy,
    the guest invited ("name, position, organisation"), else None."""

    name: str
    affiliation: str
    kind: str
    unit: str | None
    checked_in_at: datetime | None = None
    desk: str | None = None
    declined: bool = False
    deputy_of: str | None = None

    @property
    def arrived(self) -> bool:
        return self.checked_in_at is not None

    @property
    def excused(self) -> bool:
        """Not arrived and said beforehand they would not come (a guest who declined): absent, but nobody waits
        for them, so the board and the absentee list show them apart from the missing. One who came after all
        counts as arrived."""
        return self.declined and not self.arrived


@dataclass(frozen=True)
class Group:
    """Delegates listed together: the presidium (`key` "presidium"), the guests ("guest") or one unit ("unit",
    `label` its name)."""

    key: str
    label: str
    people: list[Person]

    @property
    def arrived(self) -> int:
        return sum(1 for p in self.people if p.arrived)


@dataclass(frozen=True)
class Board:
    """Everything the board shows; times are naive UTC (the view converts them to Vietnam time).

    `missing`: the groups of delegates not yet arrived (`ordered_groups`, arrived ones left out, empty groups
    too); `declined`: the guests who declined and have not come (`Person.excused`), in the guests' order, shown
    apart and counted neither as expected nor as missing in the tallies; `empty_units`: the units none of whose
    delegates has arrived, in Vietnamese order; `closed_at`: when the desks were closed (None: open).
    """

    overall: Tally
    kinds: list[Tally]
    units: list[Tally]
    desks: list[tuple[str, int]]
    timeline: list[tuple[datetime, int]]
    conflicts: list[CheckInConflict]
    offline: int
    missing: list[Group] = field(default_factory=list)
    empty_units: list[str] = field(default_factory=list)
    closed_at: datetime | None = None
    declined: list[Person] = field(default_factory=list)

    @property
    def missing_count(self) -> int:
        return sum(len(g.people) for g in self.missing)


def bucket_start(moment: datetime, minutes: int = BUCKET_MINUTES) -> datetime:
    """The start of the `minutes`-wide bucket holding `moment` (buckets aligned on the hour)."""
    return moment.replace(minute=moment.minute - moment.minute % minutes, second=0, microsecond=0)


def timeline(times: list[datetime], minutes: int = BUCKET_MINUTES,
             day: tuple[datetime, datetime] | None = None) -> list[tuple[datetime, int]]:
    """Arrivals per bucket from the first to the last arrival, empty buckets included (0 arrivals).

    `day` ([start, end), naive UTC: `checkin.rules.conference_day`) keeps only the arrivals of the conference's
    day, so the chart has at most one day of buckets (288 of 5 minutes) whatever times the desks' clocks gave."""
    if day is not None:
        times = [t for t in times if day[0] <= t < day[1]]
    if not times:
        return []
    counts = Counter(bucket_start(t, minutes) for t in times)
    first, last = min(counts), max(counts)
    result, at = [], first
    while at <= last:
        result.append((at, counts.get(at, 0)))
        at += timedelta(minutes=minutes)
    return result


def _rows(conference_id: int):
    """Every delegate of the conference with its unit and check-in, only the columns the board and the report
    read (no ORM objects): rows of full_name, position, workplace, category, presidium_order, invitation_answer,
    deputy_of, kind (the badge kind, `Delegate.badge_kind`), unit (its name or None), checked_in_at, desk and offline
    (None when not arrived). One statement."""
    return db.session.execute(
        select(Delegate.full_name, Delegate.position, Delegate.workplace, Delegate.category, Delegate.presidium_order,
               Delegate.invitation_answer, Delegate.deputy_of,
               Delegate.badge_kind.label("kind"), Organization.name.label("unit"), CheckIn.checked_in_at,
               CheckIn.desk, CheckIn.offline)
        .select_from(Delegate)
        .outerjoin(Organization, Organization.id == Delegate.unit_id)
        .outerjoin(CheckIn, CheckIn.delegate_id == Delegate.id)
        .where(Delegate.conference_id == conference_id)
    ).all()


def ordered_groups(rows, presidium_label: str, guests_label: str) -> list[Group]:
    """Every delegate of `rows` (`_rows`) once, in the order the board and the report list them: the presidium
    (in its seating order), then the guests (and any delegate without a unit), then each unit in Vietnamese
    order of its name; inside the guests and each unit, people in Vietnamese name order (given name first:
    `conference.core.collation`). Groups without anyone are left out."""
    presidium, guests, units = [], [], {}
    for row in rows:
        unit = row.unit
        person = Person(row.full_name, affiliation(unit, row.position, row.workplace), row.kind, unit,
                        row.checked_in_at, row.desk, row.invitation_answer == DECLINED, row.deputy_of)
        if person.kind == "presidium":
            presidium.append((row.presidium_order, person))
        elif row.category == "guest" or unit is None:
            guests.append(person)
        else:
            units.setdefault(unit, []).append(person)
    groups = []
    if presidium:
        groups.append(Group("presidium", presidium_label, [p for _order, p in sorted(presidium, key=lambda x: x[0])]))
    if guests:
        groups.append(Group("guest", guests_label, sorted(guests, key=lambda p: compact_name_key(p.name))))
    for unit in sorted(units, key=lambda u: compact_key(vietnamese_key(u))):
        groups.append(Group("unit", unit, sorted(units[unit], key=lambda p: compact_name_key(p.name))))
    return groups


def missing_groups(groups: list[Group]) -> list[Group]:
    """`groups` with only the people still awaited (not arrived, not `Person.excused`); groups left empty are
    dropped."""
    result = []
    for group in groups:
        absent = [p for p in group.people if not p.arrived and not p.excused]
        if absent:
            result.append(Group(group.key, group.label, absent))
    return result


def excused_people(groups: list[Group]) -> list[Person]:
    """The people of `groups` who declined and have not come (`Person.excused`), in the groups' order."""
    return [p for g in groups for p in g.people if p.excused]


@dataclass(frozen=True)
class Attendance:
    """Who arrived and who did not (`groups`, see `ordered_groups`), and when the desks closed (None: open).

    `expected`: everyone on the list (the report's "triệu tập", guests who declined included); `excused`: those of
    them who declined and did not come (`Person.excused`); `awaited`: `expected` less `excused`, the board's
    figure; `absent`: not arrived, `excused` included."""

    groups: list[Group]
    closed_at: datetime | None

    @property
    def expected(self) -> int:
        return sum(len(g.people) for g in self.groups)

    @property
    def arrived(self) -> int:
        return sum(g.arrived for g in self.groups)

    @property
    def excused(self) -> list[Person]:
        return excused_people(self.groups)

    @property
    def awaited(self) -> int:
        return self.expected - len(self.excused)

    @property
    def absent(self) -> int:
        return self.expected - self.arrived


def attendance(conference_id: int, presidium_label: str, guests_label: str) -> Attendance:
    """The attendance of one conference (two statements whatever the number of delegates)."""
    return Attendance(ordered_groups(_rows(conference_id), presidium_label, guests_label), closed_at(conference_id))


def _conference_day(conference_id: int) -> tuple[datetime, datetime]:
    """The timeline's day: the conference's date in Vietnam (one query)."""
    return conference_day(db.session.execute(
        select(Conference.held_on).where(Conference.id == conference_id)).scalar_one())


def board(conference_id: int, kind_labels: dict[str, str], guests_label: str) -> Board:
    """Compute the board of one conference.

    A guest who declined and has not come counts nowhere (neither expected nor missing) and is listed in
    `Board.declined`; one who came after all counts as arrived.

    `kind_labels` maps badge kinds (presidium, exemplar, guest) to their labels; presidium members count
    under "presidium" only (`conference.delegates.rules.badge_kind`, as on their badges). Units: exemplars grouped by their unit, guests in one group named
    `guests_label`; ordered by delegates still missing (most first), then by name, so the units the desk is
    waiting for are at the top.
    """
    rows = _rows(conference_id)
    kind_expected: Counter = Counter()
    kind_arrived: Counter = Counter()
    unit_expected: Counter = Counter()
    unit_arrived: Counter = Counter()
    desks: Counter = Counter()
    times = []
    offline = 0
    for row in rows:
        if row.invitation_answer == DECLINED and row.checked_in_at is None:
            continue  # nobody waits for a guest who declined (`Person.excused`): listed apart, not counted
        kind = row.kind
        unit = row.unit if row.unit is not None else guests_label
        kind_expected[kind] += 1
        unit_expected[unit] += 1
        if row.checked_in_at is not None:
            kind_arrived[kind] += 1
            unit_arrived[unit] += 1
            desks[row.desk or "—"] += 1
            times.append(row.checked_in_at)
            offline += row.offline
    kinds = [Tally(k, kind_labels.get(k, k), kind_arrived[k], kind_expected[k])
             for k in ("presidium", "exemplar", "guest") if kind_expected[k]]
    units = [Tally(u, u, unit_arrived[u], unit_expected[u]) for u in unit_expected]
    units.sort(key=lambda t: (-t.missing, name_sort_key(t.label)))
    conflicts = db.session.execute(
        select(CheckInConflict).where(CheckInConflict.conference_id == conference_id)
        .order_by(CheckInConflict.id.desc()).limit(20)
    ).scalars().all()
    overall = Tally("all", "", sum(kind_arrived.values()), sum(kind_expected.values()))
    groups = ordered_groups(rows, kind_labels.get("presidium", "presidium"), guests_label)
    empty_units = sorted((t.label for t in units if t.arrived == 0 and t.label != guests_label),
                         key=lambda u: compact_key(vietnamese_key(u)))
    return Board(overall=overall, kinds=kinds, units=units, desks=sorted(desks.items()),
                 timeline=timeline(times, day=_conference_day(conference_id)), conflicts=list(conflicts), offline=offline,
                 missing=missing_groups(groups), empty_units=empty_units, closed_at=closed_at(conference_id),
                 declined=excused_people(groups))

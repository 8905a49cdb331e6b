"""Agenda operations: add, edit, move, delete (positions stay 1..n without gaps); the programme's clock and its
timetable; the plan's default programme; what the hall screen shows. Every change is in the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from sqlalchemy import select

from conference.agenda import rules
from conference.agenda.models import AgendaItem, AgendaSchedule
from conference.agenda.rules import PLAN_PROGRAMME, place_by_time
from conference.audit.services import changed, record
from conference.conferences.models import Conference
from conference.core.clock import utcnow
from conference.db import lock
from conference.extensions import db

AGENDA_FIELDS = ("starts_at", "duration_min", "title", "presenter")


def items_of(conference_id: int) -> list[AgendaItem]:
    """The agenda of a conference, in order."""
    return list(db.session.execute(
        select(AgendaItem).where(AgendaItem.conference_id == conference_id).order_by(AgendaItem.position)
    ).scalars())


def schedule_of(conference_id: int) -> AgendaSchedule:
    """The programme's clock of a conference: its stored row, else an unsaved one with the defaults
    (`rules.DEFAULT_DAY_START`, `rules.HALF_DAY_ENDS`, the opening screen)."""
    stored = db.session.execute(
        select(AgendaSchedule).where(AgendaSchedule.conference_id == conference_id)
    ).scalar_one_or_none()
    if stored is not None:
        return stored
    return AgendaSchedule(conference_id=conference_id, starts_at=rules.DEFAULT_DAY_START, ends_by=rules.HALF_DAY_ENDS)


def _stored_schedule(conference_id: int) -> AgendaSchedule:
    """The clock's row, made with the defaults when missing (under the conference's lock, so two first saves do
    not both insert)."""
    schedule = schedule_of(conference_id)
    if schedule.id is None:
        lock(db.session, select(Conference.id).where(Conference.id == conference_id))
        schedule = schedule_of(conference_id)
        if schedule.id is None:
            db.session.add(schedule)
            db.session.flush()
    return schedule


@dataclass(frozen=True)
class Row:
    """One item of the timetable: the item and when it runs (`rules.Slot`); `start` and `end` as "HH:MM"."""

    item: AgendaItem
    slot: rules.Slot

    @property
    def start(self) -> str:
        return rules.hhmm(self.slot.start)

    @property
    def end(self) -> str:
        return rules.hhmm(self.slot.end)


@dataclass(frozen=True)
class Timetable:
    """A conference's programme with its times (`rules.schedule`) and what is wrong with them.

    `overrun`: minutes past `schedule.ends_by` (`rules.overrun`, 0 when in time); `ends_at`: "HH:MM" of the
    latest end (None for an empty programme); `late`: the rows whose fixed start comes before the previous item
    ends.
    """

    schedule: AgendaSchedule
    rows: list[Row]

    @property
    def overrun(self) -> int:
        return rules.overrun([row.slot for row in self.rows], self.schedule.ends_by)

    @property
    def ends_at(self) -> str | None:
        return rules.hhmm(max(row.slot.end for row in self.rows)) if self.rows else None

    @property
    def late(self) -> list[Row]:
        return [row for row in self.rows if row.slot.late]


def _rows(schedule: AgendaSchedule, items: list[AgendaItem]) -> list[Row]:
    slots = rules.schedule(schedule.starts_at, [(item.duration_min, item.starts_at) for item in items])
    return [Row(item, slot) for item, slot in zip(items, slots)]


def timetable(conference_id: int) -> Timetable:
    """The programme of a conference with each item's start and end (two queries)."""
    schedule = schedule_of(conference_id)
    return Timetable(schedule, _rows(schedule, items_of(conference_id)))


def _starts(schedule: AgendaSchedule, items: list[AgendaItem]) -> list[int]:
    """The computed starts (minutes) of `items` in this order, on the conference's clock `schedule`."""
    return [row.slot.start for row in _rows(schedule, items)]


def _snapshot(item: AgendaItem) -> dict:
    """An item's fields for the audit log (the fixed start as HH:MM)."""
    starts_at = item.starts_at.strftime("%H:%M") if item.starts_at else None
    return {"position": item.position, "starts_at": starts_at, "duration_min": item.duration_min,
            "title": item.title, "presenter": item.presenter}


def _values(data: dict) -> dict:
    """The item's fields from `data` (a missing duration: `rules.DEFAULT_DURATION_MIN`)."""
    values = {k: data.get(k) for k in AGENDA_FIELDS}
    if values["duration_min"] is None:
        values["duration_min"] = rules.DEFAULT_DURATION_MIN
    return values


def add_item(conference_id: int, data: dict) -> AgendaItem:
    """Add an item ({starts_at: time | None, duration_min: int | None, title, presenter}): with a fixed start,
    before the first item that starts later (`rules.place_by_time` on the computed times), else at the end;
    logged."""
    items = items_of(conference_id)
    item = AgendaItem(conference_id=conference_id, position=len(items) + 1, **_values(data))
    if item.starts_at is not None:
        items.insert(place_by_time(_starts(schedule_of(conference_id), items), rules.minutes(item.starts_at)), item)
    else:
        items.append(item)
    db.session.add(item)
    _renumber(items)
    db.session.flush()
    record("agenda_item", item.id, "create", conference_id=conference_id, after=_snapshot(item))
    return item


def add_plan_programme(conference_id: int, presenters: tuple[str, ...] | None = None) -> list[AgendaItem]:
    """Give a conference the plan's nine items (`rules.PLAN_PROGRAMME`, Kế hoạch 65/KH-LĐLĐ mục II.3) after any it
    has, each flowing from the previous one; `presenters` (nine, in order) replace the plan's roles. Logged like
    any added item."""
    names = presenters or tuple(item.presenter for item in PLAN_PROGRAMME)
    return [add_item(conference_id, {"title": item.title, "duration_min": item.duration_min, "starts_at": None,
                                     "presenter": presenter})
            for item, presenter in zip(PLAN_PROGRAMME, names, strict=True)]


def update_item(item: AgendaItem, data: dict) -> None:
    """Change an item's fixed start, duration, title and presenter (a field missing from `data` stays as it is).
    A new fixed start out of order with its neighbours (earlier than the previous item's start or later than the
    next one's) moves the item into the order of the computed times (`rules.place_by_time`); in order, it stays
    and the items after it flow from it. The changed fields are logged."""
    before = _snapshot(item)
    for key in AGENDA_FIELDS:
        if key in data and not (key == "duration_min" and data[key] is None):
            setattr(item, key, data[key])
    if item.starts_at is not None and item.starts_at.strftime("%H:%M") != before["starts_at"]:
        items, schedule = items_of(item.conference_id), schedule_of(item.conference_id)
        starts, index = _starts(schedule, items), items.index(item)
        if sorted(starts[max(0, index - 1):index + 2]) != starts[max(0, index - 1):index + 2]:
            others = [it for it in items if it.id != item.id]
            others.insert(place_by_time(_starts(schedule, others), rules.minutes(item.starts_at)), item)
            _renumber(others)
    db.session.flush()
    before, after = changed(before, _snapshot(item))
    if after:
        record("agenda_item", item.id, "update", conference_id=item.conference_id, before=before, after=after)


def move_item(item: AgendaItem, offset: int) -> None:
    """Move an item up (offset −1) or down (+1) by swapping with its neighbour; no-op at the ends. A move is
    logged as the item's new place."""
    items = items_of(item.conference_id)
    index = next(i for i, it in enumerate(items) if it.id == item.id)
    target = index + offset
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        _renumber(items)
        record("agenda_item", item.id, "move", conference_id=item.conference_id,
               before={"position": index + 1}, after={"position": target + 1})
    db.session.flush()


def delete_item(item: AgendaItem) -> None:
    """Delete an item and close the gap; logged with what it was. The hall screen showing it goes back to the
    opening screen."""
    conference_id, item_id, before = item.conference_id, item.id, _snapshot(item)
    schedule = schedule_of(conference_id)
    if schedule.current_item_id == item_id:
        schedule.current_item_id = None
    db.session.delete(item)
    db.session.flush()
    _renumber(items_of(conference_id))
    record("agenda_item", item_id, "delete", conference_id=conference_id, before=before)
    db.session.flush()


def _renumber(items: list[AgendaItem]) -> None:
    for position, it in enumerate(items, start=1):
        it.position = position


def set_clock(conference_id: int, starts_at: time, ends_by: time) -> AgendaSchedule:
    """Set when the programme starts and by when it must end (the half day, `rules.HALF_DAY_ENDS`); the changed
    values are logged."""
    schedule = _stored_schedule(conference_id)
    before = {"day_start": schedule.starts_at.strftime("%H:%M"), "ends_by": schedule.ends_by.strftime("%H:%M")}
    schedule.starts_at, schedule.ends_by = starts_at, ends_by
    db.session.flush()
    before, after = changed(before, {"day_start": starts_at.strftime("%H:%M"), "ends_by": ends_by.strftime("%H:%M")})
    if after:
        record("agenda", schedule.id, "update", conference_id=conference_id, before=before, after=after)
    return schedule


def show_item(conference_id: int, item_id: int | None) -> None:
    """Put item `item_id` of the conference on the hall screen (None: the opening screen); logged with the titles
    shown before and after. Showing what is already shown changes and logs nothing, so two people pressing
    "next" on the same screen move it once.

    Raises:
        LookupError: `item_id` is not an item of this conference.
    """
    items = {item.id: item for item in items_of(conference_id)}
    if item_id is not None and item_id not in items:
        raise LookupError(item_id)
    schedule = _stored_schedule(conference_id)
    if schedule.current_item_id == item_id:
        return
    shown_before = items.get(schedule.current_item_id)
    schedule.current_item_id, schedule.shown_at = item_id, utcnow()
    db.session.flush()
    record("hall_screen", item_id, "show", conference_id=conference_id,
           before={"shown_item": shown_before.title if shown_before else None},
           after={"shown_item": items[item_id].title if item_id is not None else None})


@dataclass(frozen=True)
class HallState:
    """What the hall screen shows: the current row (None: the opening screen), the one after it, and the ids the
    "previous" and "next" buttons go to (`rules.step`; None: the opening screen, or nowhere further)."""

    current: Row | None
    following: Row | None
    previous_id: int | None
    next_id: int | None
    at_end: bool


def hall_state(table: Timetable) -> HallState:
    """The hall screen's state from a conference's `timetable`."""
    ids = [row.item.id for row in table.rows]
    current_id = table.schedule.current_item_id if table.schedule.current_item_id in ids else None
    index = ids.index(current_id) if current_id is not None else -1
    following = table.rows[index + 1] if index + 1 < len(table.rows) else None
    next_id = rules.step(ids, current_id, 1)
    return HallState(current=table.rows[index] if index >= 0 else None, following=following,
                     previous_id=rules.step(ids, current_id, -1), next_id=next_id,
                     at_end=next_id == current_id)

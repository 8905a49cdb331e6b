"""Changing the seating plan: the hall's layout, the automatic seating, moving or swapping delegates by hand.

No Flask. Every change locks the conference's row first (`conference.db.lock`), so two organizers seating at once
are serialized; the database's unique constraints (one seat a delegate, one delegate a seat) are the last word,
and a refusal of theirs comes back as a `rules.SeatTaken` naming who sits there. Each change is in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from conference.audit.services import record
from conference.conferences.models import Conference
from conference.core.errors import N_, RuleViolation
from conference.db import lock
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.organizations.models import Organization
from conference.seating import rules
from conference.seating.models import HallLayout, SeatAssignment


class HandMovesKept(RuleViolation):
    """The automatic seating was asked without saying what to do with the seats placed by hand (`count` of them)."""

    def __init__(self, count: int) -> None:
        super().__init__(N_("%(n)s đại biểu đã được xếp chỗ bằng tay. Chọn giữ nguyên chỗ của họ, hoặc xếp lại tất "
                            "cả."), n=count)
        self.count = count


def _lock(conference_id: int) -> None:
    lock(db.session, select(Conference.id).where(Conference.id == conference_id))


def _hall(conference_id: int) -> HallLayout:
    hall = HallLayout.of(conference_id)
    if hall is None:
        raise RuleViolation(N_("Chưa khai báo hội trường: nhập số khu, số hàng và số ghế trước khi xếp chỗ."))
    return hall


def _layout_values(layout: rules.Layout) -> dict:
    return {"blocks": layout.blocks, "rows_per_block": layout.rows, "seats_per_row": layout.seats,
            "stage_seats": layout.stage_seats}


def save_layout(conference_id: int, blocks: int, rows: int, seats: int, stage_seats: int) -> int:
    """Set the conference's hall: `blocks` × `rows` × `seats` (per row) and `stage_seats` at the presidium table.

    The delegates whose seats the new hall no longer has lose them (they are listed as without a seat); returns
    how many. Logged (entity `hall_layout`).

    Raises:
        RuleViolation: a number out of bounds (`rules.check_layout`); nothing changes then.
    """
    layout = rules.check_layout(blocks, rows, seats, stage_seats)
    _lock(conference_id)
    hall = HallLayout.of(conference_id)
    before = _layout_values(hall.layout) if hall is not None else None
    if hall is None:
        hall = HallLayout(conference_id=conference_id)
        db.session.add(hall)
    hall.blocks, hall.rows_per_block, hall.seats_per_row, hall.stage_seats = (
        layout.blocks, layout.rows, layout.seats, layout.stage_seats)
    db.session.flush()
    outside = [a.id for a in db.session.execute(
        select(SeatAssignment).where(SeatAssignment.conference_id == conference_id)).scalars()
        if not layout.contains(a.seat)]
    if outside:
        db.session.execute(delete(SeatAssignment).where(SeatAssignment.id.in_(outside)))
    after = _layout_values(layout)
    if before != after:
        record("hall_layout", hall.id, "create" if before is None else "update", conference_id=conference_id,
               before=before, after={**after, "unseated": len(outside)} if outside else after)
    return len(outside)


def _sitters(conference_id: int) -> list[rules.Sitter]:
    """Every delegate of the conference who takes a seat, as `rules.Sitter` (guests who declined the invitation are
    left out). One statement."""
    rows = db.session.execute(
        select(Delegate.id, Delegate.full_name, Delegate.category, Delegate.presidium_order, Organization.name)
        .outerjoin(Organization, Organization.id == Delegate.unit_id)
        .where(Delegate.conference_id == conference_id, Delegate.takes_a_seat))
    return [rules.Sitter(i, name, category, order, unit) for i, name, category, order, unit in rows]


@dataclass(frozen=True)
class Seated:
    """What the automatic seating did: `seated` delegates now have a seat, `kept` of them kept a seat placed by
    hand."""

    seated: int
    kept: int


def seat_automatically(conference_id: int, keep_hand: bool | None = None) -> Seated:
    """Seat every delegate of the conference by the plan's order (`rules.seating_groups`, `rules.assign_seats`).

    `keep_hand`: True keeps the seats the organizer placed by hand (the others are seated around them), False
    seats everyone afresh; None is allowed only while no seat was placed by hand (the page asks first).

    Raises:
        RuleViolation: no hall set yet.
        HandMovesKept: `keep_hand` is None and seats were placed by hand.
        rules.NotEnoughSeats: the hall has fewer free seats than delegates; nothing changes then.
    """
    _lock(conference_id)
    layout = _hall(conference_id).layout
    current = list(db.session.execute(
        select(SeatAssignment).where(SeatAssignment.conference_id == conference_id)).scalars())
    hand = [a for a in current if a.by_hand]
    if hand and keep_hand is None:
        raise HandMovesKept(len(hand))
    fixed = {a.delegate_id: a.seat for a in hand} if keep_hand else {}
    presidium, guests, exemplars = rules.seating_groups(_sitters(conference_id))
    seats = rules.assign_seats(layout, presidium, guests, exemplars, fixed)
    stale = [a.id for a in current if a.delegate_id not in fixed]
    if stale:
        db.session.execute(delete(SeatAssignment).where(SeatAssignment.id.in_(stale)))
    new = [{"conference_id": conference_id, "delegate_id": delegate_id, "block": seat.block, "row_no": seat.row,
            "seat_no": seat.number, "by_hand": False}
           for delegate_id, seat in seats.items() if delegate_id not in fixed]
    if new:
        db.session.execute(insert(SeatAssignment), new)
    record("seating", None, "auto_assign", conference_id=conference_id,
           after={"seated": len(seats), "kept": len(fixed)})
    return Seated(len(seats), len(fixed))


@dataclass(frozen=True)
class Moved:
    """A hand move: the delegate's name, the seat's label, and who had to give it up (swapped to the delegate's
    former seat, or left without a seat when the delegate had none), else None."""

    name: str
    seat: str
    other: str | None = None
    other_seat: str | None = None


def _delegate(conference_id: int, delegate_id: int) -> Delegate:
    delegate = db.session.get(Delegate, delegate_id)
    if delegate is None or delegate.conference_id != conference_id:
        raise RuleViolation(N_("Không tìm thấy đại biểu này trong hội nghị."))
    return delegate


def _assignment_of(delegate_id: int) -> SeatAssignment | None:
    return db.session.execute(
        select(SeatAssignment).where(SeatAssignment.delegate_id == delegate_id)).scalar_one_or_none()


def _assignment_at(conference_id: int, seat: rules.Seat) -> SeatAssignment | None:
    return db.session.execute(select(SeatAssignment).where(
        SeatAssignment.conference_id == conference_id, SeatAssignment.block == seat.block,
        SeatAssignment.row_no == seat.row, SeatAssignment.seat_no == seat.number)).scalar_one_or_none()


def _log_move(conference_id: int, delegate_id: int, before: rules.Seat | None, after: rules.Seat | None) -> None:
    record("seat", delegate_id, "move", conference_id=conference_id,
           before={"delegate_id": delegate_id, "seat": before.label if before else None},
           after={"delegate_id": delegate_id, "seat": after.label if after else None})


def move_delegate(conference_id: int, delegate_id: int, seat_text: str, swap: bool = False) -> Moved:
    """Put one delegate on the seat `seat_text` names ("B-03-07", "ĐCT-04"; `rules.parse_seat`), by hand.

    A seat someone else holds is refused (`rules.SeatTaken`, from the database's unique seat) unless `swap`: then
    the two change places (the other gets the delegate's former seat, or none when the delegate had none).
    Both seats are marked as placed by hand; the moves are logged.

    Raises:
        RuleViolation: no hall yet, a text naming no seat of the hall, a delegate not of this conference.
        rules.SeatTaken: the seat is held and `swap` is false; nothing changes then.
    """
    _lock(conference_id)
    layout = _hall(conference_id).layout
    seat = rules.ensure_seat_in_layout(rules.parse_seat(seat_text), layout, seat_text or "")
    delegate = _delegate(conference_id, delegate_id)
    mine = _assignment_of(delegate_id)
    former = mine.seat if mine is not None else None
    holder = _assignment_at(conference_id, seat)
    if holder is not None and holder.delegate_id == delegate_id:
        mine.by_hand = True
        return Moved(delegate.full_name, seat.label)
    if holder is not None and swap:
        other = _delegate(conference_id, holder.delegate_id)
        db.session.delete(holder)
        if mine is not None:
            db.session.delete(mine)
        db.session.flush()
        db.session.add(SeatAssignment(conference_id=conference_id, delegate_id=delegate_id, block=seat.block,
                                      row_no=seat.row, seat_no=seat.number, by_hand=True))
        if former is not None:
            db.session.add(SeatAssignment(conference_id=conference_id, delegate_id=other.id, block=former.block,
                                          row_no=former.row, seat_no=former.number, by_hand=True))
        db.session.flush()
        _log_move(conference_id, delegate_id, former, seat)
        _log_move(conference_id, other.id, seat, former)
        return Moved(delegate.full_name, seat.label, other.full_name, former.label if former else None)
    try:
        with db.session.begin_nested():  # the unique seat decides; a refusal undoes only this move
            if mine is None:
                db.session.add(SeatAssignment(conference_id=conference_id, delegate_id=delegate_id,
                                              block=seat.block, row_no=seat.row, seat_no=seat.number, by_hand=True))
            else:
                mine.block, mine.row_no, mine.seat_no, mine.by_hand = seat.block, seat.row, seat.number, True
            db.session.flush()
    except IntegrityError:
        holder = _assignment_at(conference_id, seat)
        name = _delegate(conference_id, holder.delegate_id).full_name if holder is not None else "?"
        raise rules.SeatTaken(seat.label, name) from None
    _log_move(conference_id, delegate_id, former, seat)
    return Moved(delegate.full_name, seat.label)


def release_seat(conference_id: int, delegate_id: int) -> None:
    """Free the seat of a delegate of `conference_id` who will not come (a guest who declined the invitation);
    logged as a move to no seat; nothing happens when they have none.

    Takes no lock of the hall, unlike `unseat`: the caller holds the delegate's row already, and taking the hall's
    lock after it would reverse the order in which the automatic seating takes them.
    """
    mine = _assignment_of(delegate_id)
    if mine is not None:
        _log_move(conference_id, delegate_id, mine.seat, None)
        db.session.delete(mine)
        db.session.flush()


def unseat(conference_id: int, delegate_id: int) -> None:
    """Take the delegate's seat away (the seat becomes free); logged. Nothing happens when they have none."""
    _lock(conference_id)
    _delegate(conference_id, delegate_id)
    release_seat(conference_id, delegate_id)

"""What pages, badges, invitations and the desk read of the seating plan; a fixed number of statements each."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from conference.delegates.models import Delegate
from conference.delegates.rules import affiliation
from conference.extensions import db
from conference.organizations.models import Organization
from conference.seating import rules
from conference.seating.models import HallLayout, SeatAssignment


def seat_labels(conference_id: int) -> dict[int, str]:
    """Delegate id -> seat label ("B-03-07", "ĐCT-04": `rules.seat_label`) of every seated delegate of the
    conference; delegates without a seat are absent. One statement."""
    rows = db.session.execute(
        select(SeatAssignment.delegate_id, SeatAssignment.block, SeatAssignment.row_no, SeatAssignment.seat_no)
        .where(SeatAssignment.conference_id == conference_id))
    return {delegate_id: rules.seat_label(block, row, number) for delegate_id, block, row, number in rows}


@dataclass(frozen=True)
class Occupant:
    """Who sits on a seat, as the plan shows them: delegate id, full name, unit or position line, badge kind
    ('presidium' / 'exemplar' / 'guest'), and whether the organizer placed them by hand."""

    delegate_id: int
    name: str
    affiliation: str
    kind: str
    by_hand: bool = False


@dataclass
class Plan:
    """The whole plan of one conference, for the page, the print and the move page.

    `layout` None: no hall set yet. `stage`: the presidium table's seats left to right from the hall, each
    (seat, occupant | None); `blocks`: per block (letter, rows), each row a list of (seat, occupant | None) left
    to right; `unseated`: delegates who take a seat (not a guest who declined) and have none, in seating order;
    `people`: every delegate of the conference (id -> Occupant), `seat_of` their seats (id -> Seat) and `order`
    their ids in seating order.
    """

    layout: rules.Layout | None
    stage: list[tuple[rules.Seat, Occupant | None]] = field(default_factory=list)
    blocks: list[tuple[str, list[list[tuple[rules.Seat, Occupant | None]]]]] = field(default_factory=list)
    unseated: list[Occupant] = field(default_factory=list)
    people: dict[int, Occupant] = field(default_factory=dict)
    seat_of: dict[int, rules.Seat] = field(default_factory=dict)
    order: list[int] = field(default_factory=list)

    @property
    def seated(self) -> int:
        return len(self.seat_of)

    def in_order(self) -> list[Occupant]:
        """Every delegate in seating order (`rules.seating_groups`: presidium, guests, exemplars by unit)."""
        return [self.people[delegate_id] for delegate_id in self.order]

    @property
    def by_hand(self) -> int:
        """How many delegates sit where the organizer put them by hand."""
        return sum(1 for delegate_id in self.seat_of if self.people[delegate_id].by_hand)


def plan(conference_id: int) -> Plan:
    """The conference's seating plan (`Plan`). Two statements whatever the number of delegates."""
    hall = HallLayout.of(conference_id)
    rows = db.session.execute(
        select(Delegate.id, Delegate.full_name, Delegate.position, Delegate.workplace, Delegate.category,
               Delegate.presidium_order, Delegate.badge_kind, Delegate.takes_a_seat, Organization.name,
               SeatAssignment.block, SeatAssignment.row_no, SeatAssignment.seat_no, SeatAssignment.by_hand)
        .outerjoin(Organization, Organization.id == Delegate.unit_id)
        .outerjoin(SeatAssignment, SeatAssignment.delegate_id == Delegate.id)
        .where(Delegate.conference_id == conference_id)).all()
    people: dict[int, Occupant] = {}
    seat_of: dict[int, rules.Seat] = {}
    sitters_: list[rules.Sitter] = []
    waiting: set[int] = set()  # who takes a seat (`Delegate.takes_a_seat`): a guest who declined waits for none
    for (delegate_id, name, position, workplace, category, order, kind, takes_a_seat, unit, block, row, number,
         by_hand) in rows:
        people[delegate_id] = Occupant(delegate_id, name, affiliation(unit, position, workplace), kind,
                                       bool(by_hand))
        sitters_.append(rules.Sitter(delegate_id, name, category, order, unit))
        if takes_a_seat:
            waiting.add(delegate_id)
        if block is not None:
            seat_of[delegate_id] = rules.Seat(block, row, number)
    layout = hall.layout if hall is not None else None
    result = Plan(layout=layout, people=people, seat_of=seat_of)
    presidium, guests, exemplars = rules.seating_groups(sitters_)
    result.order = presidium + guests + exemplars
    result.unseated = [people[i] for i in result.order if i not in seat_of and i in waiting]
    if layout is None:
        return result
    by_seat = {seat: people[delegate_id] for delegate_id, seat in seat_of.items()}
    result.stage = [(seat, by_seat.get(seat))
                    for seat in (rules.Seat(rules.STAGE, 1, n) for n in range(1, layout.stage_seats + 1))]
    for block in range(1, layout.blocks + 1):
        block_rows = [[(seat, by_seat.get(seat)) for seat in
                       (rules.Seat(block, row, number) for number in range(1, layout.seats + 1))]
                      for row in range(1, layout.rows + 1)]
        result.blocks.append((rules.BLOCK_LETTERS[block - 1], block_rows))
    return result


def seat_label_of(delegate_id: int) -> str | None:
    """The seat label of one delegate ("B-03-07", "ĐCT-04"), None without a seat. One statement."""
    row = db.session.execute(
        select(SeatAssignment.block, SeatAssignment.row_no, SeatAssignment.seat_no)
        .where(SeatAssignment.delegate_id == delegate_id)).one_or_none()
    return rules.seat_label(*row) if row is not None else None

"""The seating plan's rules (sơ đồ chỗ ngồi), as plain functions: no Flask, no database.

The hall is `blocks` blocks (khu) side by side, each of `rows` rows (hàng) of `seats` seats (ghế), row 1 nearest
the stage, seat 1 at the block's left as seen from the hall; on the stage, the presidium table (bàn Đoàn Chủ
tịch) has `stage_seats` seats numbered 1..n from the hall's left.

Seat labels, as printed on the badge, the invitation and the plan, and shown at the desk ("Ghế B-03-07"):

- in the hall: block letter, row and seat, two digits each: "B-03-07" = khu B, hàng 3, ghế 7;
- at the presidium table: "ĐCT-04" = bàn Đoàn Chủ tịch, ghế 4.

Who sits where (Kế hoạch 65/KH-LĐLĐ, mục II.2.3-2.4: the delegates are the presidium, the guests and the
exemplars): the presidium at the stage table in its order, the first in the centre (`table_places`); the guests
in the front rows; the exemplars behind them, unit by unit in Vietnamese order of the unit's name
(`seating_groups`, `assign_seats`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from conference.core.collation import compact_key, compact_name_key, vietnamese_key
from conference.core.errors import N_, RuleViolation
from conference.delegates.rules import presidium_seating

#: Block letters, left to right as seen from the hall; at most this many blocks.
BLOCK_LETTERS = "ABCDEFGH"
MAX_BLOCKS = len(BLOCK_LETTERS)
MAX_ROWS = 40
MAX_SEATS_PER_ROW = 40
MAX_STAGE_SEATS = 25
#: `Seat.block` of the presidium table on the stage.
STAGE = 0
#: Prefix of a stage seat's label: "ĐCT" (Đoàn Chủ tịch).
STAGE_PREFIX = "ĐCT"


@dataclass(frozen=True, order=True)
class Seat:
    """One seat: `block` 1..MAX_BLOCKS in the hall (A = 1) or STAGE (0, then `row` is 1); `row` and `number` from 1.

    Ordered stage first, then block, row, number (the order of `label`s in lists, not the filling order:
    `hall_order`)."""

    block: int
    row: int
    number: int

    @property
    def on_stage(self) -> bool:
        return self.block == STAGE

    @property
    def label(self) -> str:
        """"B-03-07" in the hall, "ĐCT-04" at the presidium table (see the module's docstring)."""
        return seat_label(self.block, self.row, self.number)


def seat_label(block: int, row: int, number: int) -> str:
    """The printed label of a seat (`Seat.label`) from its three numbers."""
    if block == STAGE:
        return f"{STAGE_PREFIX}-{number:02d}"
    return f"{BLOCK_LETTERS[block - 1]}-{row:02d}-{number:02d}"


_HALL = re.compile(r"^([A-Z])\W*0*(\d{1,2})\W+0*(\d{1,2})$")
_STAGE = re.compile(r"^(?:ĐCT|DCT)\W*0*(\d{1,2})$")


def parse_seat(text: str | None) -> Seat | None:
    """The seat a typed label names, or None when it names none.

    Accepts the printed form and what a phone keyboard gives: case, spaces and any separators are free, leading
    zeros optional ("B-03-07", "b 3 7", "B3-7", "B.03.07"); the stage as "ĐCT-4", "DCT 04", "đct4". Whether the
    seat exists in the hall is `Layout.contains`'s question.
    """
    if not isinstance(text, str):
        return None
    compact = unicodedata.normalize("NFC", text).strip().upper()
    if (stage := _STAGE.match(compact.replace(" ", ""))) is not None:
        return Seat(STAGE, 1, int(stage.group(1))) if int(stage.group(1)) >= 1 else None
    hall = _HALL.match(compact)
    if hall is None:
        return None
    letter, row, number = hall.group(1), int(hall.group(2)), int(hall.group(3))
    if letter not in BLOCK_LETTERS or row < 1 or number < 1:
        return None
    return Seat(BLOCK_LETTERS.index(letter) + 1, row, number)


@dataclass(frozen=True)
class Layout:
    """The hall as set by the organizer: `blocks` × `rows` × `seats` (per row) in the hall, `stage_seats` at the
    presidium table (0: no table on the plan)."""

    blocks: int
    rows: int
    seats: int
    stage_seats: int

    @property
    def capacity(self) -> int:
        """Seats in the hall, the stage's left out."""
        return self.blocks * self.rows * self.seats

    def contains(self, seat: Seat) -> bool:
        """Whether `seat` is one of this layout's seats."""
        if seat.on_stage:
            return seat.row == 1 and 1 <= seat.number <= self.stage_seats
        return 1 <= seat.block <= self.blocks and 1 <= seat.row <= self.rows and 1 <= seat.number <= self.seats


def check_layout(blocks: int, rows: int, seats: int, stage_seats: int) -> Layout:
    """The `Layout` of these numbers, or a refusal naming the number out of range.

    Bounds: 1..MAX_BLOCKS blocks (the letters A-H), 1..MAX_ROWS rows, 1..MAX_SEATS_PER_ROW seats a row,
    0..MAX_STAGE_SEATS seats at the presidium table (the plan's presidium is at most 7: mục II.2.4).

    Raises:
        RuleViolation: a number outside its bounds.
    """
    for value, low, high, message in (
        (blocks, 1, MAX_BLOCKS, N_("Số khu phải từ %(low)s đến %(high)s.")),
        (rows, 1, MAX_ROWS, N_("Số hàng mỗi khu phải từ %(low)s đến %(high)s.")),
        (seats, 1, MAX_SEATS_PER_ROW, N_("Số ghế mỗi hàng phải từ %(low)s đến %(high)s.")),
        (stage_seats, 0, MAX_STAGE_SEATS, N_("Số ghế bàn Đoàn Chủ tịch phải từ %(low)s đến %(high)s.")),
    ):
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise RuleViolation(message, low=low, high=high)
    return Layout(blocks, rows, seats, stage_seats)


def table_places(free: list[int], members: int) -> list[int]:
    """The presidium table's seat of each member, in presidium order: `free` are the table's free seat numbers
    (left to right as seen from the hall), `members` how many are to sit there (at most len(free)).

    The members take the central `members` seats of `free` and sit in them by the protocol of
    `conference.delegates.rules.presidium_seating` (number 1 in the centre, number 2 on their right as they face
    the hall, number 3 on their left, outwards), the same order as the presidium's chart and name tents. A 7-seat
    table seats 7 members [4, 3, 5, 2, 6, 1, 7]; 6 members at it take seats 1-6 as [4, 3, 5, 2, 6, 1].
    """
    count = min(members, len(free))
    start = (len(free) - count) // 2
    slots = free[start:start + count]
    place = {number: slots[i] for i, number in enumerate(presidium_seating(count))}
    return [place[number] for number in range(1, count + 1)]


def hall_order(layout: Layout) -> list[Seat]:
    """Every hall seat in the order they are filled: front row first; in a row, block A's seats left to right,
    then block B's, and so on (so the front rows of every block fill before the second rows)."""
    return [Seat(block, row, number)
            for row in range(1, layout.rows + 1)
            for block in range(1, layout.blocks + 1)
            for number in range(1, layout.seats + 1)]


@dataclass(frozen=True)
class Sitter:
    """A delegate as the seating rules see them: id, full name, category ('exemplar' / 'guest'), presidium order
    (None: not in the presidium) and unit name (None for guests)."""

    id: int
    full_name: str
    category: str
    presidium_order: int | None = None
    unit: str | None = None


def seating_groups(people: Iterable[Sitter]) -> tuple[list[int], list[int], list[int]]:
    """(presidium, guests, exemplars) as delegate ids in the order they are seated.

    The presidium in its order; the guests in the order they were entered (their ids: the organizer enters them
    in protocol order, as the MC introduces them); the exemplars unit by unit in Vietnamese order of the unit's
    name (`conference.core.collation`), inside a unit in Vietnamese name order (given name first). A delegate
    without a unit sits with the guests.
    """
    people = list(people)
    presidium = sorted((p for p in people if p.presidium_order is not None), key=lambda p: p.presidium_order)
    rest = [p for p in people if p.presidium_order is None]
    guests = sorted((p for p in rest if p.category == "guest" or p.unit is None), key=lambda p: p.id)
    exemplars = sorted((p for p in rest if p.category != "guest" and p.unit is not None),
                       key=lambda p: (compact_key(vietnamese_key(p.unit)), compact_name_key(p.full_name), p.id))
    return [p.id for p in presidium], [p.id for p in guests], [p.id for p in exemplars]


class NotEnoughSeats(RuleViolation):
    """The hall has fewer free seats than delegates to seat (`needed`, `free`: counts)."""

    def __init__(self, needed: int, free: int) -> None:
        super().__init__(N_("Hội trường còn %(free)s ghế trống nhưng cần xếp %(needed)s đại biểu: hãy thêm khu, hàng "
                            "hoặc ghế mỗi hàng rồi xếp lại."), needed=needed, free=free)
        self.needed = needed
        self.free = free


def assign_seats(layout: Layout, presidium: list[int], guests: list[int], exemplars: list[int],
                 fixed: dict[int, Seat] | None = None) -> dict[int, Seat]:
    """Seat every delegate not in `fixed`: delegate id -> Seat, `fixed` included as given.

    `presidium`, `guests`, `exemplars`: delegate ids in seating order (`seating_groups`); `fixed`: the seats kept
    as they are (moved by hand), whose seats nobody else gets. The presidium takes the free stage seats
    (`table_places`); members the table cannot hold sit first in the hall. Then the guests from the front of the hall
    (`hall_order`), then the exemplars; the exemplars begin on a fresh row after the guests when the rows behind
    still hold them all.

    Raises:
        NotEnoughSeats: fewer free hall seats than people to seat there; nothing is assigned.
    """
    fixed = dict(fixed or {})
    taken = set(fixed.values())
    result = dict(fixed)
    stage_free = [n for n in range(1, layout.stage_seats + 1) if Seat(STAGE, 1, n) not in taken]
    to_stage = [d for d in presidium if d not in fixed]
    places = table_places(stage_free, len(to_stage))
    for delegate_id, number in zip(to_stage, places):
        result[delegate_id] = Seat(STAGE, 1, number)
    front = to_stage[len(places):] + [d for d in guests if d not in fixed]
    back = [d for d in exemplars if d not in fixed]
    free = [seat for seat in hall_order(layout) if seat not in taken]
    if len(front) + len(back) > len(free):
        raise NotEnoughSeats(len(front) + len(back), len(free))
    for delegate_id, seat in zip(front, free):
        result[delegate_id] = seat
    rest = free[len(front):]
    if front and rest:
        last_row = free[len(front) - 1].row
        fresh = [seat for seat in rest if seat.row > last_row]
        if len(fresh) >= len(back):
            rest = fresh
    for delegate_id, seat in zip(back, rest):
        result[delegate_id] = seat
    return result


class SeatTaken(RuleViolation):
    """Someone else already sits on the seat (the database's one-person-a-seat constraint refused it)."""

    def __init__(self, label: str, occupant: str) -> None:
        super().__init__(N_("Ghế %(seat)s đã có đại biểu %(name)s ngồi: mỗi ghế chỉ xếp một người. Chọn ghế khác, "
                            "hoặc đánh dấu “Đổi chỗ” để hai người đổi chỗ cho nhau."), seat=label, name=occupant)


def ensure_seat_in_layout(seat: Seat | None, layout: Layout, typed: str = "") -> Seat:
    """`seat` when it is a seat of `layout`; else a refusal saying how seats are written.

    Raises:
        RuleViolation: `seat` is None (the text named no seat) or lies outside the hall.
    """
    if seat is None:
        raise RuleViolation(N_("“%(typed)s” không phải là số ghế. Ghi theo mẫu B-03-07 (khu B, hàng 3, ghế 7) hoặc "
                               "ĐCT-04 (bàn Đoàn Chủ tịch, ghế 4)."), typed=typed)
    if not layout.contains(seat):
        raise RuleViolation(N_("Ghế %(seat)s không có trong sơ đồ hội trường."), seat=seat.label)
    return seat

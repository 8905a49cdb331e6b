"""The seating plan's pure rules: seat labels, the hall's filling order, the presidium table, who sits where."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conference.core.errors import RuleViolation
from conference.delegates.rules import presidium_seating
from conference.seating import rules
from conference.seating.rules import Layout, Seat, Sitter


def test_labels_name_block_row_and_seat_with_two_digits_and_the_stage_as_dct():
    assert Seat(2, 3, 7).label == "B-03-07"
    assert Seat(1, 12, 10).label == "A-12-10"
    assert Seat(rules.STAGE, 1, 4).label == "ĐCT-04"


@pytest.mark.parametrize(("typed", "seat"), [
    ("B-03-07", Seat(2, 3, 7)), ("b 3 7", Seat(2, 3, 7)), ("B3-7", Seat(2, 3, 7)), (" B.03.07 ", Seat(2, 3, 7)),
    ("ĐCT-04", Seat(0, 1, 4)), ("đct 4", Seat(0, 1, 4)), ("DCT4", Seat(0, 1, 4)),
])
def test_a_typed_seat_is_read_whatever_its_case_spaces_and_zeros(typed, seat):
    assert rules.parse_seat(typed) == seat


@pytest.mark.parametrize("typed", ["", "B", "B-0-7", "Z-1-1", "12", "B-3", "ĐCT-0", None, "B-123-4"])
def test_text_that_names_no_seat_is_none(typed):
    assert rules.parse_seat(typed) is None


@given(st.integers(0, rules.MAX_BLOCKS), st.integers(1, 99), st.integers(1, 99))
def test_every_label_reads_back_as_its_seat(block, row, number):
    seat = Seat(block, 1 if block == rules.STAGE else row, number)
    assert rules.parse_seat(seat.label) == seat


def test_the_layout_refuses_numbers_out_of_bounds_in_vietnamese():
    assert rules.check_layout(2, 12, 10, 7) == Layout(2, 12, 10, 7)
    with pytest.raises(RuleViolation, match="Số khu phải từ 1 đến 8"):
        rules.check_layout(9, 12, 10, 7)
    with pytest.raises(RuleViolation, match="Số ghế mỗi hàng"):
        rules.check_layout(2, 12, 0, 7)
    with pytest.raises(RuleViolation, match="bàn Đoàn Chủ tịch"):
        rules.check_layout(2, 12, 10, -1)


def test_the_presidium_sits_from_the_centre_outwards():
    assert rules.table_places([1, 2, 3, 4, 5, 6, 7], 7) == [4, 3, 5, 2, 6, 1, 7]
    assert rules.table_places([1, 2, 3, 4, 5, 6, 7], 6) == [4, 3, 5, 2, 6, 1]
    assert rules.table_places([1, 2, 3, 4, 5, 6, 7], 1) == [4]
    assert rules.table_places([2, 5, 6], 5) == [5, 2, 6]  # three free seats: three members sit
    assert rules.table_places([], 2) == []


@pytest.mark.parametrize("members", range(1, 10))
def test_the_table_follows_the_presidium_chart_and_name_tents(members):
    places = rules.table_places(list(range(1, members + 1)), members)
    by_seat = sorted(range(1, members + 1), key=lambda number: places[number - 1])
    assert by_seat == presidium_seating(members)


def test_the_hall_fills_front_row_first_across_the_blocks():
    order = rules.hall_order(Layout(2, 2, 3, 0))
    assert [s.label for s in order[:7]] == ["A-01-01", "A-01-02", "A-01-03", "B-01-01", "B-01-02", "B-01-03",
                                            "A-02-01"]


def test_groups_are_presidium_in_order_guests_as_entered_exemplars_by_unit_then_name():
    people = [
        Sitter(1, "Nguyễn Văn Bình", "exemplar", None, "Công đoàn Trường THCS Vĩnh Thuận"),
        Sitter(2, "Trần Thị An", "exemplar", None, "Công đoàn Trường THCS Vĩnh Thuận"),
        Sitter(3, "Lê Văn Cường", "exemplar", None, "Công đoàn cơ sở Ủy ban nhân dân xã Vĩnh Bình Bắc"),
        Sitter(4, "Phạm Thị Đào", "exemplar", None, "Công đoàn Bệnh viện"),
        Sitter(9, "Bí thư", "guest"),
        Sitter(5, "Chủ tịch", "guest", 1),
        Sitter(7, "Phó Bí thư", "guest"),
        Sitter(6, "Điển hình", "exemplar", 2, "Công đoàn Bệnh viện"),
    ]
    presidium, guests, exemplars = rules.seating_groups(people)
    assert presidium == [5, 6]
    assert guests == [7, 9]
    # "Công đoàn Bệnh viện" < "Công đoàn cơ sở …" < "Công đoàn Trường …" (Vietnamese order); An < Bình in a unit.
    assert exemplars == [4, 3, 2, 1]


def test_presidium_at_the_table_guests_in_front_exemplars_from_a_fresh_row():
    layout = Layout(2, 4, 3, 3)  # 6 seats a row across the two blocks
    seats = rules.assign_seats(layout, presidium=[10, 11, 12, 13], guests=[20, 21, 22, 23, 24, 25, 26],
                               exemplars=[30, 31])
    assert [seats[d].label for d in (10, 11, 12)] == ["ĐCT-02", "ĐCT-01", "ĐCT-03"]
    assert seats[13].label == "A-01-01"  # the fourth member: the table holds three, first in the hall
    assert seats[26].label == "A-02-02"  # guests fill rows 1 and 2 partly
    assert [seats[30].label, seats[31].label] == ["A-03-01", "A-03-02"]  # exemplars start on row 3


def test_exemplars_fill_the_guest_row_when_the_rows_behind_cannot_hold_them():
    layout = Layout(1, 2, 3, 0)
    seats = rules.assign_seats(layout, presidium=[], guests=[1], exemplars=[2, 3, 4, 5])
    assert [seats[d].label for d in (1, 2, 3, 4, 5)] == ["A-01-01", "A-01-02", "A-01-03", "A-02-01", "A-02-02"]


def test_seats_kept_by_hand_stay_and_nobody_else_gets_them():
    layout = Layout(1, 2, 2, 1)
    kept = {21: Seat(1, 1, 1), 10: Seat(1, 2, 2)}
    seats = rules.assign_seats(layout, presidium=[10], guests=[20, 21], exemplars=[30])
    moved = rules.assign_seats(layout, presidium=[10], guests=[20, 21], exemplars=[30], fixed=kept)
    assert seats[10].label == "ĐCT-01"
    assert moved[21] == Seat(1, 1, 1) and moved[10] == Seat(1, 2, 2)
    assert moved[20] == Seat(1, 1, 2)
    assert len(set(moved.values())) == 4


def test_a_hall_too_small_is_refused_saying_how_many_seats_are_missing():
    with pytest.raises(rules.NotEnoughSeats) as refused:
        rules.assign_seats(Layout(1, 2, 2, 0), presidium=[], guests=[1, 2], exemplars=[3, 4, 5])
    assert refused.value.needed == 5 and refused.value.free == 4
    assert "còn 4 ghế trống nhưng cần xếp 5 đại biểu" in str(refused.value)


def test_a_seat_outside_the_hall_or_unreadable_is_refused():
    layout = Layout(2, 12, 10, 7)
    assert rules.ensure_seat_in_layout(Seat(2, 12, 10), layout) == Seat(2, 12, 10)
    with pytest.raises(RuleViolation, match="không có trong sơ đồ"):
        rules.ensure_seat_in_layout(Seat(3, 1, 1), layout)
    with pytest.raises(RuleViolation, match="ĐCT-08"):
        rules.ensure_seat_in_layout(Seat(0, 1, 8), layout)
    with pytest.raises(RuleViolation, match="không phải là số ghế"):
        rules.ensure_seat_in_layout(None, layout, "xyz")


layouts = st.builds(Layout, st.integers(1, 3), st.integers(1, 5), st.integers(1, 6), st.integers(0, 8))


@st.composite
def halls(draw):
    """A layout, a conference's delegates split into presidium / guests / exemplars, and some kept seats."""
    layout = draw(layouts)
    ids = draw(st.lists(st.integers(1, 10_000), unique=True, max_size=layout.capacity + layout.stage_seats + 8))
    cut1 = draw(st.integers(0, min(len(ids), 9)))
    cut2 = draw(st.integers(cut1, len(ids)))
    presidium, guests, exemplars = ids[:cut1], ids[cut1:cut2], ids[cut2:]
    all_seats = rules.hall_order(layout) + [Seat(0, 1, n) for n in range(1, layout.stage_seats + 1)]
    kept_seats = draw(st.lists(st.sampled_from(all_seats), unique=True, max_size=min(3, len(ids)))) if all_seats else []
    fixed = dict(zip(ids, kept_seats))
    return layout, presidium, guests, exemplars, fixed


@settings(max_examples=300, deadline=None)
@given(halls())
def test_never_two_on_one_seat_everyone_seated_when_seats_suffice_else_a_clear_refusal(hall):
    layout, presidium, guests, exemplars, fixed = hall
    everyone = presidium + guests + exemplars
    hall_free = layout.capacity - sum(1 for s in fixed.values() if not s.on_stage)
    stage_free = layout.stage_seats - sum(1 for s in fixed.values() if s.on_stage)
    to_seat_in_hall = len(guests) + len(exemplars) - sum(1 for d in guests + exemplars if d in fixed)
    presidium_overflow = max(0, sum(1 for d in presidium if d not in fixed) - stage_free)
    needed = to_seat_in_hall + presidium_overflow
    try:
        seats = rules.assign_seats(layout, presidium, guests, exemplars, fixed)
    except rules.NotEnoughSeats as refused:
        assert needed > hall_free
        assert (refused.needed, refused.free) == (needed, hall_free)
        return
    assert needed <= hall_free
    assert set(seats) == set(everyone)  # everyone has a seat
    assert len(set(seats.values())) == len(seats)  # never two people on one seat
    assert all(layout.contains(seat) for seat in seats.values())
    assert all(seats[d] == seat for d, seat in fixed.items())
    assert all(not seats[d].on_stage for d in guests + exemplars if d not in fixed)  # only the presidium on stage

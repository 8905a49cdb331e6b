"""Seat rules of Kế hoạch 65/KH-LĐLĐ, mục II.2: cap 250, ~70/30, presidium ≤ 7."""

import pytest

from conference.conferences.rules import (
    RuleViolation,
    check_split,
    ensure_presidium_size,
    ensure_room_for_delegate,
    seat_split,
)


def test_plan_cap_splits_into_175_exemplar_and_75_guest_seats():
    split = seat_split(250, 70)
    assert (split.cap, split.exemplar, split.guest) == (250, 175, 75)


def test_exemplar_seats_round_down_and_guests_take_the_rest():
    split = seat_split(101, 70)  # 70.7 → 70
    assert (split.exemplar, split.guest) == (70, 31)


@pytest.mark.parametrize("cap, share", [(0, 70), (250, -1), (250, 101)])
def test_seat_split_refuses_impossible_settings(cap, share):
    with pytest.raises(ValueError):
        seat_split(cap, share)


def test_split_within_tolerance_is_not_flagged():
    check = check_split(exemplars=170, guests=75, target_pct=70, tolerance_pct=5)
    assert check.within and round(check.exemplar_pct, 1) == 69.4


def test_split_outside_tolerance_is_flagged():
    check = check_split(exemplars=100, guests=75, target_pct=70, tolerance_pct=5)
    assert not check.within


def test_split_with_no_delegates_has_no_share():
    assert check_split(0, 0, 70, 5).exemplar_pct is None


def test_no_delegate_past_the_cap():
    with pytest.raises(RuleViolation, match="250"):
        ensure_room_for_delegate(cap=250, seated=250, category_seats=75, category_seated=10,
                                 category_label="đại biểu khách mời")


def test_no_guest_past_the_guest_seats():
    with pytest.raises(RuleViolation, match="75 chỗ"):
        ensure_room_for_delegate(cap=250, seated=100, category_seats=75, category_seated=75,
                                 category_label="đại biểu khách mời")


def test_room_left_is_accepted():
    ensure_room_for_delegate(cap=250, seated=249, category_seats=75, category_seated=74, category_label="x")


def test_presidium_of_eight_is_refused_and_seven_accepted():
    ensure_presidium_size(7, 7)
    with pytest.raises(RuleViolation, match="không quá 7"):
        ensure_presidium_size(8, 7)

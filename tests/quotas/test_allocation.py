"""Largest-remainder allocation (DESIGN.md, "Proportional allocation")."""

import random

import pytest

from conference.core.errors import RuleViolation
from conference.quotas.allocation import Claimant, allocate_largest_remainder, ensure_quota_total


def claimants(*members):
    return [Claimant(key=i, name=f"Đơn vị {chr(65 + i)}", members=m) for i, m in enumerate(members)]


def test_worked_example_of_the_design_notes():
    # 10 seats, 500/300/200, minimum 1 → 1+1+1, then 7 shared: 3.5/2.1/1.4 → 3/2/1 + 1 to the largest remainder.
    assert allocate_largest_remainder(10, claimants(500, 300, 200)) == {0: 5, 1: 3, 2: 2}


def test_minimum_is_skipped_when_seats_are_fewer_than_units():
    result = allocate_largest_remainder(2, claimants(10, 500, 300))
    assert result == {0: 0, 1: 1, 2: 1}


def test_tie_on_remainder_goes_to_the_larger_unit():
    # 4 seats over 1/2/5 members: 0.5/1.0/2.5 → remainders tie at 0.5; the larger unit (5) takes the seat.
    result = allocate_largest_remainder(4, [Claimant("a", "A", 1), Claimant("b", "B", 2), Claimant("c", "C", 5)],
                                        minimum=0)
    assert result == {"a": 0, "b": 1, "c": 3}


def test_tie_on_remainder_and_members_goes_by_name():
    # 1 seat, minimum 0, equal members → by name (Đơn vị A first).
    assert allocate_largest_remainder(1, claimants(100, 100), minimum=0) == {0: 1, 1: 0}
    # Equal remainders (3/7 each) and equal members: the name decides (A before Z).
    result = allocate_largest_remainder(1, [Claimant("x", "Z", 300), Claimant("y", "A", 300),
                                            Claimant("z", "M", 100)], minimum=0)
    assert result == {"x": 0, "y": 1, "z": 0}


def test_units_without_members_share_evenly():
    assert allocate_largest_remainder(4, claimants(0, 0, 0), minimum=0) == {0: 2, 1: 1, 2: 1}


@pytest.mark.parametrize("seed", range(25))
def test_result_always_sums_to_the_seats_and_respects_the_minimum(seed):
    rng = random.Random(seed)
    units = claimants(*[rng.randint(0, 900) for _ in range(rng.randint(1, 40))])
    seats = rng.randint(0, 300)
    result = allocate_largest_remainder(seats, units)
    assert sum(result.values()) == seats
    if seats >= len(units):
        assert min(result.values()) >= 1


def test_bigger_unit_never_gets_fewer_seats_than_a_smaller_one():
    members = [386, 212, 154, 78, 64, 63, 58, 52, 47, 46, 44, 41, 41, 40, 39, 39, 38, 37, 36, 35, 32]
    result = allocate_largest_remainder(175, claimants(*members))
    seats = [result[i] for i in range(len(members))]
    assert seats == sorted(seats, reverse=True)
    assert sum(seats) == 175


def test_allocation_is_deterministic_whatever_the_input_order():
    units = claimants(120, 80, 80, 40, 7)
    assert allocate_largest_remainder(23, units) == allocate_largest_remainder(23, list(reversed(units)))


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        allocate_largest_remainder(-1, claimants(1))
    with pytest.raises(ValueError):
        allocate_largest_remainder(3, [Claimant(1, "A", 5), Claimant(1, "B", 5)])
    with pytest.raises(ValueError):
        allocate_largest_remainder(3, [])


def test_quota_total_above_exemplar_seats_is_refused_with_the_numbers():
    with pytest.raises(RuleViolation, match=r"\(176\).*\(175\)"):
        ensure_quota_total({1: 100, 2: 76}, 175)
    ensure_quota_total({1: 100, 2: 75}, 175)

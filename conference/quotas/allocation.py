"""Proportional allocation of exemplar seats to units (pure functions, no Flask).

Method: largest remainder (Hamilton) on member counts, DESIGN.md "Proportional allocation": each unit
first gets its minimum (default 1, when there are at least as many seats as units), the rest is shared
in proportion to member counts, leftover seats go to the largest fractional remainders, ties broken by
larger member count, then by unit name. Deterministic; the result always sums to `seats`.
The plan leaves the numbers to the organizer ("số lượng phân bổ sau", Kế hoạch 65/KH-LĐLĐ, mục III.2).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from conference.core.errors import N_, RuleViolation


@dataclass(frozen=True)
class Claimant:
    """A unit taking part in the allocation: `key` identifies it, `members` ≥ 0, `name` breaks ties."""

    key: Hashable
    name: str
    members: int


def allocate_largest_remainder(seats: int, claimants: Sequence[Claimant], minimum: int = 1) -> dict:
    """Share `seats` among `claimants` by largest remainder on member counts.

    Args:
        seats: seats to share, ≥ 0.
        claimants: the units; keys must be distinct, members ≥ 0.
        minimum: seats each unit gets first, applied only if seats ≥ minimum × len(claimants).

    Returns:
        {key: seats} for every claimant, summing exactly to `seats`.

    Raises:
        ValueError: negative seats, minimum or members; duplicate keys; seats but no claimants.

    Example (DESIGN.md): 10 seats, members 500/300/200 → 5/3/2.
    """
    if seats < 0 or minimum < 0:
        raise ValueError("seats and minimum must be non-negative")
    keys = [c.key for c in claimants]
    if len(set(keys)) != len(keys):
        raise ValueError("claimant keys must be distinct")
    if any(c.members < 0 for c in claimants):
        raise ValueError("member counts must be non-negative")
    if not claimants:
        if seats:
            raise ValueError("no units to allocate seats to")
        return {}

    base = minimum if seats >= minimum * len(claimants) else 0
    result = {c.key: base for c in claimants}
    rest = seats - base * len(claimants)
    total_members = sum(c.members for c in claimants)
    if rest == 0:
        return result
    if total_members == 0:
        # No basis for proportion: share evenly, extra seats by name order.
        weights = {c.key: Fraction(1) for c in claimants}
        total = Fraction(len(claimants))
    else:
        weights = {c.key: Fraction(c.members) for c in claimants}
        total = Fraction(total_members)

    quotas = {c.key: rest * weights[c.key] / total for c in claimants}
    for c in claimants:
        result[c.key] += int(quotas[c.key])  # floor: quotas are non-negative
    left = seats - sum(result.values())
    order = sorted(
        claimants,
        key=lambda c: (-(quotas[c.key] - int(quotas[c.key])), -c.members, c.name),
    )
    for c in order[:left]:
        result[c.key] += 1
    return result


def ensure_quota_total(quotas: dict, exemplar_seats: int) -> None:
    """Refuse quotas whose sum exceeds the exemplar seats (DESIGN.md, hard rule), or a negative quota.

    Raises:
        RuleViolation: with the reason.
    """
    if any(v < 0 for v in quotas.values()):
        raise RuleViolation(N_("Số lượng phân bổ không được âm."))
    total = sum(quotas.values())
    if total > exemplar_seats:
        raise RuleViolation(
            N_("Tổng số lượng phân bổ (%(total)s) vượt quá số chỗ dành cho đại biểu điển hình tiên tiến "
               "(%(seats)s). Không lưu thay đổi nào."),
            total=total, seats=exemplar_seats,
        )

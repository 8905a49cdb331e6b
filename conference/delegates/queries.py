"""Lists of delegates that pages show."""

from __future__ import annotations

from sqlalchemy import select

from conference.core.collation import name_sort_key
from conference.delegates.models import Delegate
from conference.delegates.rules import position_line, presidium_seating
from conference.extensions import db


def delegates_in_order(conference_id: int) -> list[Delegate]:
    """All delegates of a conference, presidium first (by order), then by Vietnamese name order."""
    rows = db.session.execute(select(Delegate).where(Delegate.conference_id == conference_id)).scalars().all()
    return sorted(rows, key=lambda d: (d.presidium_order or 999, name_sort_key(d.full_name)))


def presidium_of(conference_id: int) -> list[Delegate]:
    """The presidium (Đoàn Chủ tịch) of a conference, by order (1 = most senior)."""
    return list(db.session.execute(
        select(Delegate).where(Delegate.conference_id == conference_id, Delegate.presidium_order.is_not(None))
        .order_by(Delegate.presidium_order)
    ).scalars())


def seating_chart(members: list[Delegate]) -> list[Delegate]:
    """`members` (the presidium by order, `presidium_of`) in their seats at the table, left to right as seen from
    the hall (`rules.presidium_seating`)."""
    by_order = {d.presidium_order: d for d in members}
    ordered = sorted(by_order)
    return [by_order[ordered[number - 1]] for number in presidium_seating(len(ordered))]


def table_line(delegate: Delegate) -> str:
    """The line under a presidium member's name on the seating chart and the name tents (`rules.position_line`)."""
    return position_line(delegate.position, delegate.workplace, delegate.unit.name if delegate.unit else None)


def names_of(conference_id: int, ids: set[int]) -> dict[int, str]:
    """{delegate id: full name} of the conference's delegates among `ids` (ids of removed delegates or of another
    conference are left out); one statement, none for an empty set."""
    if not ids:
        return {}
    return dict(db.session.execute(
        select(Delegate.id, Delegate.full_name).where(Delegate.conference_id == conference_id, Delegate.id.in_(ids))
    ).all())

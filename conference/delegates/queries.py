"""Lists of delegates that pages show."""

from __future__ import annotations

from sqlalchemy import select

from conference.core.collation import name_sort_key
from conference.delegates.models import Delegate
from conference.extensions import db


def delegates_in_order(conference_id: int) -> list[Delegate]:
    """All delegates of a conference, presidium first (by order), then by Vietnamese name order."""
    rows = db.session.execute(select(Delegate).where(Delegate.conference_id == conference_id)).scalars().all()
    return sorted(rows, key=lambda d: (d.presidium_order or 999, name_sort_key(d.full_name)))

"""Lists of organizations that pages show."""

from __future__ import annotations

from sqlalchemy import select

from conference.core.collation import compact_key, vietnamese_key
from conference.extensions import db
from conference.organizations.models import Organization


def units_of(conference) -> list[Organization]:
    """The units of a conference (anything with `host_id`): the host organization's children, in Vietnamese
    order of their names (`conference.core.collation`: "Công đoàn cơ quan…" before "Văn phòng…", as the exports)."""
    units = db.session.execute(
        select(Organization).where(Organization.parent_id == conference.host_id)).scalars().all()
    return sorted(units, key=lambda unit: compact_key(vietnamese_key(unit.name)))

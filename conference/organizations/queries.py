"""Lists of organizations that pages show."""

from __future__ import annotations

from sqlalchemy import select

from conference.extensions import db
from conference.organizations.models import Organization


def units_of(conference) -> list[Organization]:
    """The units of a conference (anything with `host_id`): the host organization's children, by name."""
    return list(
        db.session.execute(
            select(Organization).where(Organization.parent_id == conference.host_id).order_by(Organization.name)
        ).scalars()
    )

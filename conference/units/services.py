"""The units page's changes that need the conference: the blocks' nomination deadlines."""

from __future__ import annotations

from datetime import date

from conference.conferences.models import Conference
from conference.conferences.rules import ensure_deadline_before_conference
from conference.organizations.services import save_block_deadlines


def save_deadlines(conference: Conference, deadlines: dict[int, date | None]) -> None:
    """Set each block's nomination deadline at `conference` (`organizations.services.save_block_deadlines`).

    Raises:
        RuleViolation: a deadline after the conference date (`ensure_deadline_before_conference`), or a block of
            another organization. Nothing changes then.
    """
    for deadline in deadlines.values():
        ensure_deadline_before_conference(deadline, conference.held_on)
    save_block_deadlines(conference.id, conference.host_id, deadlines)

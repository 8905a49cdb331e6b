"""The organizer's changes to the honour board: save its settings, draw a new link. Each is in the audit log;
rows are changed and flushed, the request commits."""

from __future__ import annotations

from sqlalchemy import select

from conference.audit.services import changed, record, snapshot
from conference.core.clock import utcnow
from conference.extensions import db
from conference.honourboard.models import HonourBoard, new_slug
from conference.honourboard.rules import PUBLISHABLE_KEYS

#: The settings the form saves (and the audit log shows): the public switch, the introduction, the field switches.
BOARD_FIELDS = ("enabled", "introduction", *(f"show_{key}" for key in PUBLISHABLE_KEYS))


def board_of(conference_id: int) -> HonourBoard | None:
    """The conference's board settings, None before the organizer first saves them (the board is then off)."""
    return db.session.execute(
        select(HonourBoard).where(HonourBoard.conference_id == conference_id)).scalar_one_or_none()


def save_board(conference_id: int, data: dict) -> HonourBoard:
    """Save the board's settings from `data` ({field of BOARD_FIELDS: value}; a missing switch is off, a blank
    introduction is None), making the row (with its link token) on first save. Logged as 'create' or 'update'
    with the fields that changed; nothing is logged when nothing changed."""
    board = board_of(conference_id)
    created = board is None
    if created:
        board = HonourBoard(conference_id=conference_id, slug=new_slug())
        db.session.add(board)
        before = None
    else:
        before = snapshot(board, BOARD_FIELDS)
    for field in BOARD_FIELDS:
        value = data.get(field)
        if field == "introduction":
            value = (value or "").strip() or None
        else:
            value = bool(value)
        setattr(board, field, value)
    after = snapshot(board, BOARD_FIELDS)
    before, after = changed(before, after)
    if created or after is not None:
        board.updated_at = utcnow()
        db.session.flush()
        record("honour_board", board.id, "create" if created else "update", conference_id=conference_id,
               before=before, after=after)
    return board


def renew_link(board: HonourBoard) -> HonourBoard:
    """Draw a new link token for `board`: the old link answers 404 from now on (copies already in browsers' and
    proxies' caches expire within `rules.MAX_AGE` seconds)."""
    board.slug = new_slug()
    board.updated_at = utcnow()
    db.session.flush()
    record("honour_board", board.id, "new_link", conference_id=board.conference_id)
    return board

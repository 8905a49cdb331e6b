"""Checking a delegate in from a scanned badge code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from conference.badges.codes import InvalidBadgeCode, read_badge_code
from conference.checkin.models import CheckIn
from conference.db import serialized
from conference.delegates.models import Delegate
from conference.extensions import db

RESULTS = ("checked_in", "already_checked_in", "invalid", "revoked", "wrong_conference")


@dataclass(frozen=True)
class ScanOutcome:
    """The answer to one scan: `result` in RESULTS, the delegate (or None), the check-in time (UTC) and desk."""

    result: str
    delegate: Delegate | None
    checked_in_at: datetime | None
    desk: str | None = None


def check_in(secret_key: str, conference_id: int, code: str, *, desk: str | None, user_id: int | None,
             nonce: str | None = None) -> ScanOutcome:
    """Check in the delegate named by `code` at `conference_id`, at most once. Commits.

    Results: `invalid` (not a code signed by us), `wrong_conference` (a valid code of another
    conference), `revoked` (an older badge serial, or a delegate no longer seated), `already_checked_in`
    (with the first check-in's time and desk), `checked_in`. A retried request with the same `nonce`
    answers like the first one and never counts twice. One check-in per delegate is also a unique
    constraint, so racing desks get `already_checked_in`.
    """
    try:
        claim = read_badge_code(secret_key, code)
    except InvalidBadgeCode:
        return ScanOutcome("invalid", None, None)
    if claim.conference_id != conference_id:
        return ScanOutcome("wrong_conference", None, None)

    try:
        with serialized(db.session, select(Delegate.id).where(Delegate.id == claim.delegate_id)):
            delegate = db.session.get(Delegate, claim.delegate_id)
            if delegate is None or delegate.conference_id != conference_id or delegate.badge_serial != claim.serial:
                db.session.rollback()
                return ScanOutcome("revoked", delegate if delegate and delegate.conference_id == conference_id
                                   else None, None)
            existing = db.session.execute(
                select(CheckIn).where(CheckIn.delegate_id == delegate.id)
            ).scalar_one_or_none()
            if existing is not None:
                db.session.rollback()
                same_request = nonce is not None and existing.nonce == nonce
                return ScanOutcome("checked_in" if same_request else "already_checked_in", delegate,
                                   existing.checked_in_at, existing.desk)
            record = CheckIn(conference_id=conference_id, delegate_id=delegate.id, desk=desk,
                             user_id=user_id, nonce=nonce)
            db.session.add(record)
        db.session.commit()
    except IntegrityError:
        # Only the unique delegate_id can clash: another desk checked this delegate in first.
        db.session.rollback()
        existing = db.session.execute(
            select(CheckIn).where(CheckIn.delegate_id == claim.delegate_id)
        ).scalar_one()
        same_request = nonce is not None and existing.nonce == nonce
        return ScanOutcome("checked_in" if same_request else "already_checked_in", existing.delegate,
                           existing.checked_in_at, existing.desk)
    return ScanOutcome("checked_in", delegate, record.checked_in_at, desk)

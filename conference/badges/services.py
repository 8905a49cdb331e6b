"""Badge codes for delegates, and revoking a badge by issuing a new one."""

from __future__ import annotations

from conference.badges.codes import make_badge_code
from conference.delegates.models import Delegate
from conference.extensions import db


def badge_code(secret_key: str, delegate: Delegate) -> str:
    """The signed code printed in `delegate`'s QR (conference, delegate, current serial)."""
    return make_badge_code(secret_key, delegate.conference_id, delegate.id, delegate.badge_serial)


def reissue_badge(delegate: Delegate) -> None:
    """Revoke the delegate's printed badge and issue a new code (serial + 1). Commits."""
    delegate.badge_serial += 1
    db.session.commit()

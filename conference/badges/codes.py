"""Signed badge codes (no Flask): they name a conference, a delegate and the badge's serial.

The code carries no personal data and cannot be forged or altered without the secret key
(itsdangerous HMAC signature; DESIGN.md hard rule "a badge code ... cannot be forged or altered").
A reprinted badge gets a higher serial, which revokes the older codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from itsdangerous import BadSignature, URLSafeSerializer

SALT = "conference.badge.v1"


class InvalidBadgeCode(ValueError):
    """The text is not a badge code signed with this key (forged, altered, truncated or foreign)."""


@dataclass(frozen=True)
class BadgeClaim:
    """What a valid code says: conference id, delegate id, badge serial (all ints ≥ 1)."""

    conference_id: int
    delegate_id: int
    serial: int


@lru_cache(maxsize=8)
def _serializer(secret_key: str) -> URLSafeSerializer:
    """One serializer per key (it keeps no state between calls): every scan and every badge of a sheet uses it."""
    return URLSafeSerializer(secret_key, salt=SALT)


def make_badge_code(secret_key: str, conference_id: int, delegate_id: int, serial: int) -> str:
    """Return the text put into the badge's QR code: URL-safe, about 40 characters."""
    return _serializer(secret_key).dumps([conference_id, delegate_id, serial])


def read_badge_code(secret_key: str, code: str) -> BadgeClaim:
    """Verify and decode a scanned badge code: exactly the string printed on a badge (surrounding whitespace is
    ignored), so the server accepts what the offline desk's list of code hashes accepts.

    Raises:
        InvalidBadgeCode: bad signature, bad shape, or not a code at all.
    """
    text = (code or "").strip()
    if not text or len(text) > 200:
        raise InvalidBadgeCode("empty or too long")
    try:
        payload = _serializer(secret_key).loads(text)
    except BadSignature as error:
        raise InvalidBadgeCode("bad signature") from error
    if (
        not isinstance(payload, list)
        or len(payload) != 3
        or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in payload)
    ):
        raise InvalidBadgeCode("bad payload")
    if make_badge_code(secret_key, *payload) != text:
        # base64 and the signature accept other spellings of the same bytes (a trailing "=", stray bytes the
        # decoder skips): only the printed string is a badge, as on the offline desk, which knows its hash only
        raise InvalidBadgeCode("not the printed spelling")
    return BadgeClaim(*payload)

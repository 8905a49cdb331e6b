"""Signed badge codes (no Flask): they name a conference, a delegate and the badge's random token.

The code carries no personal data and cannot be forged or altered without the secret key
(itsdangerous HMAC signature; DESIGN.md hard rule "a badge code ... cannot be forged or altered").
The token (`Delegate.badge_token`, 64 random bits) names one issued badge: a reprinted badge, or a new delegate
given a removed one's id, has another token, so an old code names no current badge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from itsdangerous import BadSignature, URLSafeSerializer

from conference.core.shortcode import TOKEN_BITS

#: v2: the payload's third item is the badge's token (v1 had a serial, which a reused id repeated).
SALT = "conference.badge.v2"
#: A badge's token as signed: TOKEN_BITS random bits as lowercase hex (`conference.core.shortcode.new_token`).
TOKEN = re.compile(rf"[0-9a-f]{{{TOKEN_BITS // 4}}}")


class InvalidBadgeCode(ValueError):
    """The text is not a badge code signed with this key (forged, altered, truncated or foreign)."""


@dataclass(frozen=True)
class BadgeClaim:
    """What a valid code says: conference id and delegate id (ints ≥ 1), the badge's token (`TOKEN`)."""

    conference_id: int
    delegate_id: int
    token: str


@lru_cache(maxsize=8)
def _serializer(secret_key: str) -> URLSafeSerializer:
    """One serializer per key (it keeps no state between calls): every scan and every badge of a sheet uses it."""
    return URLSafeSerializer(secret_key, salt=SALT)


def make_badge_code(secret_key: str, conference_id: int, delegate_id: int, token: str) -> str:
    """Return the text put into the badge's QR code: URL-safe, about 60 characters."""
    return _serializer(secret_key).dumps([conference_id, delegate_id, token])


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
        or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in payload[:2])
        or not isinstance(payload[2], str) or not TOKEN.fullmatch(payload[2])
    ):
        raise InvalidBadgeCode("bad payload")
    if make_badge_code(secret_key, *payload) != text:
        # base64 and the signature accept other spellings of the same bytes (a trailing "=", stray bytes the
        # decoder skips): only the printed string is a badge, as on the offline desk, which knows its hash only
        raise InvalidBadgeCode("not the printed spelling")
    return BadgeClaim(*payload)

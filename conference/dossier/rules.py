"""Rules of the dossier sent up, as plain functions (no Flask, no database)."""

from __future__ import annotations

import hashlib
import hmac

#: Every conference code starts so ("Hội nghị"), then 10 hexadecimal digits.
CODE_PREFIX = "HN-"


def conference_code(secret_key: str, conference_id: int) -> str:
    """The code that names a conference in the files it exchanges with other instances, e.g. "HN-3F9A0C12BE".

    It is the same on every read, so pages and exports show it before anything is saved (a GET never writes),
    and the first save stores it: the first 10 hexadecimal digits of HMAC-SHA256(secret key, conference id).
    Unguessable without the instance's secret key, easy to read out over the phone.
    """
    digest = hmac.new(secret_key.encode(), f"conference-code:{conference_id}".encode(), hashlib.sha256)
    return CODE_PREFIX + digest.hexdigest()[:10].upper()

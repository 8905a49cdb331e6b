"""Rules of the dossier sent up, as plain functions (no Flask, no database)."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping

from conference.core.errors import N_, RuleViolation

#: Every conference code starts so ("Hội nghị"), then 10 hexadecimal digits.
CODE_PREFIX = "HN-"
CODE_PATTERN = re.compile(r"HN-[0-9A-F]{10}")


def conference_code(secret_key: str, conference_id: int) -> str:
    """The code that names a conference in the files it exchanges with other instances, e.g. "HN-3F9A0C12BE".

    It is the same on every read, so pages and exports show it before anything is saved (a GET never writes),
    and the first save stores it: the first 10 hexadecimal digits of HMAC-SHA256(secret key, conference id).
    Unguessable without the instance's secret key, easy to read out over the phone.
    """
    digest = hmac.new(secret_key.encode(), f"conference-code:{conference_id}".encode(), hashlib.sha256)
    return CODE_PREFIX + digest.hexdigest()[:10].upper()


def parse_lower_codes(raw: Mapping[int, str]) -> dict[int, str]:
    """The conference codes the units gave the organizer ({unit id: "hn-3f9a0c12be "}), checked: {unit id: code}.

    A code is read as `conference_code` writes it (spaces around it and letter case ignored); a blank means the
    unit has none.

    Raises:
        RuleViolation: a code not of the form HN- and 10 hexadecimal digits, or one code given to two units.
    """
    codes: dict[int, str] = {}
    for unit_id, value in raw.items():
        code = (value or "").strip().upper()
        if not code:
            continue
        if not CODE_PATTERN.fullmatch(code):
            raise RuleViolation(N_("Mã hội nghị “%(code)s” không đúng dạng: HN- và 10 chữ số, chữ cái A–F, ví dụ "
                                   "HN-3F9A0C12BE."), code=value.strip()[:20])  # a code has 13
        codes[unit_id] = code
    repeated = sorted({code for code in codes.values() if list(codes.values()).count(code) > 1})
    if repeated:
        raise RuleViolation(N_("Mã hội nghị %(code)s được ghi cho hai đơn vị."), code=repeated[0])
    return codes

"""Safe redirects, and the converter of ids in URLs."""

from __future__ import annotations

from urllib.parse import urlsplit

from werkzeug.routing import IntegerConverter

from conference.core.text import ID_MAX


def safe_local_url(target: str | None) -> str | None:
    """`target` if it is a same-site path (e.g. "/conferences/1"), else None: no open redirects."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target


class RowIdConverter(IntegerConverter):
    """`<int:...>` in every route: ASCII digits naming a row id 0..`ID_MAX`; anything larger is no page (404)
    instead of an integer the database cannot hold (PostgreSQL's `integer` overflows above 2**31 - 1, SQLite's
    above 2**63 - 1). Registered as the app's "int" converter (`conference.create_app`)."""

    regex = r"[0-9]{1,19}"

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = ID_MAX,
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

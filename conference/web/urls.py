"""Safe redirects."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_local_url(target: str | None) -> str | None:
    """`target` if it is a same-site path (e.g. "/conferences/1"), else None: no open redirects."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target

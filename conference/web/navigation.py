"""What every page's layout needs: the conference it belongs to and the UI language."""

from __future__ import annotations

from flask import g
from flask_babel import get_locale


def inject_navigation() -> dict:
    """Template context: the conference the page belongs to (set by the conference loader in `g.conference`)."""
    return {"nav_conference": g.get("conference"), "get_locale": get_locale}

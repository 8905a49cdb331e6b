"""Showing a refused change: the request's transaction is rolled back, the reason shown in the UI language."""

from __future__ import annotations

from flask import flash
from flask_babel import gettext

from conference.core.errors import RuleViolation
from conference.extensions import db


def show_refusal(error: RuleViolation) -> str:
    """Roll back everything the request wrote so far (nothing half written) and flash the reason.

    Returns the translated message (for JSON answers under `/api/`).
    """
    db.session.rollback()
    message = error.translated(gettext)
    flash(message, "danger")
    return message

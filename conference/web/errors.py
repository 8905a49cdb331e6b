"""Showing a refused change: the request's transaction is rolled back, the reason shown in the UI language."""

from __future__ import annotations

from flask import flash, request
from flask_babel import gettext

from conference.core.errors import Message, RuleViolation
from conference.extensions import db


def translated(message) -> str:
    """A `Message` or `RuleViolation` in the UI language, other text as it is (templates: `|translated`)."""
    return message.translated(gettext) if isinstance(message, Message | RuleViolation) else message


def refusal_message(error: RuleViolation) -> str:
    """Roll back everything the request wrote so far (nothing half written); the reason in the UI language."""
    db.session.rollback()
    return error.translated(gettext)


def show_refusal(error: RuleViolation) -> str:
    """`refusal_message`, flashed on the next page (not under `/api/`, whose answers carry the message).

    Returns the translated message (for JSON answers under `/api/`).
    """
    message = refusal_message(error)
    if not request.path.startswith("/api/"):
        flash(message, "danger")
    return message

"""Errors a rule raises when it refuses a change, and the marker that lets Babel find their messages."""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark `message` for translation without translating it here (Babel extracts `N_`, see Makefile).

    Rules stay plain functions: the message is translated where it is shown (`RuleViolation.translated`).
    """
    return message


class RuleViolation(ValueError):
    """A hard rule refused a change.

    Args:
        message: the Vietnamese message id, marked with `N_`, with `%(name)s` placeholders.
        **params: the placeholders' values.

    `str(error)` is the Vietnamese text; `error.translated(gettext)` is the text in the UI language. Views do
    not catch it one by one: the app's error handler rolls the request back and shows it.
    """

    def __init__(self, message: str, **params) -> None:
        self.message = message
        self.params = params
        super().__init__(message % params if params else message)

    def translated(self, gettext) -> str:
        """The message in the UI language, e.g. `error.translated(flask_babel.gettext)`."""
        return gettext(self.message, **self.params) if self.params else gettext(self.message)

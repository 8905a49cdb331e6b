"""Errors a rule raises when it refuses a change, user-facing messages that are not errors, and the marker that
lets Babel find their texts."""

from __future__ import annotations

from typing import Self


def N_(message: str) -> str:
    """Mark `message` for translation without translating it here (Babel extracts `N_`, see Makefile).

    Rules stay plain functions: the message is translated where it is shown (`RuleViolation.translated`).
    """
    return message


def _filled(message: str, params: dict) -> str:
    return message % params if params else message


def _translated(gettext, message: str, params: dict) -> str:
    """`message` in the UI language; params that are messages themselves (`Message`) are translated too."""
    params = {key: value.translated(gettext) if isinstance(value, Message) else value
              for key, value in params.items()}
    return gettext(message, **params) if params else gettext(message)


class Message(str):
    """A user-facing message that is not raised: an import row's problem, a word put into another message.

    Args:
        message: the Vietnamese message id, marked with `N_`, with `%(name)s` placeholders.
        **params: the placeholders' values (a `Message` among them is translated with the message).

    It is the Vietnamese text itself (a `str`: it compares, joins and is stored as that text);
    `message.translated(gettext)` is the text in the UI language (templates: the `translated` filter).
    """

    message: str
    params: dict

    def __new__(cls, message: str, **params) -> Self:
        text = super().__new__(cls, _filled(message, params))
        text.message = message
        text.params = params
        return text

    def translated(self, gettext) -> str:
        """The message in the UI language, e.g. `problem.translated(flask_babel.gettext)`."""
        return _translated(gettext, self.message, self.params)

    def as_json(self) -> dict:
        """{"message": id, "params": {...}}, for messages kept in a JSON column (an import's preview)."""
        return {"message": self.message,
                "params": {key: value.as_json() if isinstance(value, Message) else value
                           for key, value in self.params.items()}}

    @classmethod
    def from_json(cls, value) -> Message:
        """The message `as_json` gave; a plain string (stored before messages had ids) stays that text."""
        if isinstance(value, Message):
            return value
        if isinstance(value, str):
            return cls(value)
        return cls(value["message"], **{key: cls.from_json(item) if isinstance(item, dict) else item
                                        for key, item in value["params"].items()})


class RuleViolation(ValueError):
    """A hard rule refused a change.

    Args:
        message: the Vietnamese message id, marked with `N_`, with `%(name)s` placeholders.
        **params: the placeholders' values (a `Message` among them is translated with the message).

    `str(error)` is the Vietnamese text; `error.translated(gettext)` is the text in the UI language. Views do
    not catch it one by one: the app's error handler rolls the request back and shows it.
    """

    def __init__(self, message: str, **params) -> None:
        self.message = message
        self.params = params
        super().__init__(_filled(message, params))

    def translated(self, gettext) -> str:
        """The message in the UI language, e.g. `error.translated(flask_babel.gettext)`."""
        return _translated(gettext, self.message, self.params)

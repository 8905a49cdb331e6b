"""Normalising text typed by people: Unicode NFC, trimmed, empty as None."""

from __future__ import annotations

import unicodedata


def clean_text(value):
    """Trim and normalise a text value to Unicode NFC; empty becomes None. Non-strings pass through.

    >>> clean_text("  Nguyễn Văn A ")
    'Nguyễn Văn A'
    """
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value).strip()
        return value or None
    return value


def fold(value: str | None) -> str:
    """A comparison key that ignores case, spacing and Unicode form: " KINH " and "kinh" give the same key."""
    if not value:
        return ""
    return " ".join(unicodedata.normalize("NFC", value).casefold().split())

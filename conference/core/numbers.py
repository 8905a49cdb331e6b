"""Numbers as a Vietnamese reader writes them: a comma before the decimals ("50,9%"), a dot between thousands."""

from __future__ import annotations

from babel.numbers import format_decimal


def percent(part: int, whole: int) -> str:
    """`part` out of `whole` in percent with one decimal, Vietnamese form: (28, 55) → "50,9%"; "" when `whole` is 0.

    Source: Vietnamese number format (dấu phẩy thập phân), as Unicode CLDR gives it for the "vi" locale.
    """
    if not whole:
        return ""
    return f"{format_decimal(100 * part / whole, format='0.0', locale='vi')}%"

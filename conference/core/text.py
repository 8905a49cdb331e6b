"""Normalising text typed by people: Unicode NFC, trimmed, empty as None; the comparison key of names and words
(`fold`); whole numbers typed in a form or a cell (`whole_number`, `row_id`); characters a text may not hold
(`control_character`, `check_plain_text`)."""

from __future__ import annotations

import re
import unicodedata

from conference.core.errors import N_, RuleViolation

#: The largest row id: PostgreSQL's `integer` (int4) column holds up to 2**31 - 1 (SQLite's up to 2**63 - 1).
#: A larger id in a URL, a query string or a posted form names no row; passed to the database it overflows.
ID_MAX = 2**31 - 1

#: The five Vietnamese tone marks as combining characters (Unicode NFD): huyền, sắc, ngã, hỏi, nặng.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

_ASCII_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
#: Characters a line of text may hold besides printable ones, and those a multi-line text (a text area, a cell
#: written with Alt+Enter) may hold too.
_LINE_ALLOWED = frozenset()
_MULTILINE_ALLOWED = frozenset("\t\n\r")


def clean_text(value):
    """Trim and normalise a text value to Unicode NFC with LF line breaks (a browser sends CR LF for each line
    break of a text box, a spreadsheet may keep CR); empty becomes None. Non-strings pass through.

    >>> clean_text("  Nguyễn Văn A ")
    'Nguyễn Văn A'
    """
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
        return value or None
    return value


def _tone_last(word: str) -> str:
    """`word` (NFD) with its tone marks moved after its last character: "Hoà" and "Hòa" become one key."""
    tones = [char for char in word if char in TONE_MARKS]
    if not tones:
        return word
    return "".join(char for char in word if char not in TONE_MARKS) + "".join(tones)


def fold(value: str | None) -> str:
    """The comparison key of a name or a word: two spellings of the same text give the same key.

    Ignored: case; Unicode form and compatibility variants (NFKC: full-width letters, the composed and the
    decomposed "ễ"); invisible format characters (zero-width space, zero-width joiner and non-joiner, word
    joiner, byte order mark, soft hyphen: Unicode category Cf); the kind and number of spaces (no-break spaces,
    doubled inner spaces, tabs); where a syllable's tone mark sits, since Vietnamese writes it two ways (old
    style "Hoà", "Thuỷ", "Khoẻ"; new style "Hòa", "Thủy", "Khỏe": Quyết định 240/QĐ of 1984 and the Ministry
    of Education's 2018 spelling rules both leave that to the writer). Tones themselves count: "Hoa" ≠ "Hòa".

    The key is for comparing only (the tone mark ends each word), never for showing.

    >>> fold(" Nguyễn  Thị\u00a0Hoà ") == fold("nguyễn thị hòa")
    True
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFKC", value)
    text = "".join(char for char in text if unicodedata.category(char) != "Cf").casefold()
    words = unicodedata.normalize("NFD", text).split()
    return " ".join(unicodedata.normalize("NFC", _tone_last(word)) for word in words)


def whole_number(value, *, max_digits: int = 9) -> int | None:
    """A whole number typed by a person, or None when `value` is not one.

    Accepts an optional sign and 1 to `max_digits` ASCII digits 0–9, spaces around them trimmed ("  42 ",
    "-1"). Refused (None): other digits Python's `int()` would take or choke on (superscripts "²", full-width
    "１９８５", Arabic-Indic digits), decimals, exponents, underscores, and longer numbers (9 digits by default, so
    the result always fits a database integer column).

    >>> whole_number(" 1985 "), whole_number("¹⁹⁸⁵"), whole_number("１９８５"), whole_number("99999999999")
    (1985, None, None, None)
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not _ASCII_WHOLE_NUMBER.fullmatch(text) or len(text.lstrip("+-")) > max_digits:
        return None
    return int(text)


def row_id(value) -> int:
    """`value` (a query string or form value, e.g. "12", or an int) as a row id 1..`ID_MAX`; for
    `request.args.get(name, type=row_id)`, which answers the default for anything else, and as a choice field's
    `coerce` (which gets the choices' ints too).

    Raises:
        ValueError: not ASCII digits, zero, or above `ID_MAX`.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1 <= value <= ID_MAX:
            raise ValueError(f"not a row id: {value!r}")
        return value
    number = whole_number(value, max_digits=len(str(ID_MAX)))
    if number is None or not 1 <= number <= ID_MAX or value.strip()[0] in "+-":
        raise ValueError(f"not a row id: {value!r}")
    return number


def control_character(value: str | None, *, multiline: bool = False) -> str | None:
    """The first character of `value` that no text typed by a person holds, or None when there is none.

    Refused: NUL and the other control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F),
    except tab, line feed and carriage return in a multi-line text (`multiline`: a text area, a cell);
    surrogates and the non-characters U+FFFE and U+FFFF. None of them can be shown, PostgreSQL refuses NUL
    in text, and XML (a badge's SVG, an xlsx) cannot hold them.
    """
    if not value:
        return None
    allowed = _MULTILINE_ALLOWED if multiline else _LINE_ALLOWED
    for char in value:
        if char in allowed:
            continue
        if unicodedata.category(char) in ("Cc", "Cs") or char in "\ufffe\uffff":
            return char
    return None


def character_name(char: str) -> str:
    """How a message names a refused character: "U+0000", "U+001B"."""
    return f"U+{ord(char):04X}"


def check_plain_text(value: str, *, max_length: int, multiline: bool = True) -> str:
    """`value` when it is at most `max_length` characters without a control character (`control_character`;
    tabs and line breaks allowed when `multiline`): for text posted outside a form class (one box per row of a
    list), which `conference.web.forms.Form` and its `Length` validators cannot check.

    Raises:
        RuleViolation: too long (the message gives the limit), or a control character (named, e.g. U+0000).
    """
    if len(value) > max_length:
        raise RuleViolation(N_("Nội dung quá dài: tối đa %(max)s ký tự (đang có %(length)s)."),
                            max=f"{max_length:,}".replace(",", "."), length=f"{len(value):,}".replace(",", "."))
    char = control_character(value, multiline=multiline)
    if char is not None:
        raise RuleViolation(N_("Có ký tự điều khiển không hợp lệ (%(char)s): hãy gõ lại nội dung này."),
                            char=character_name(char))
    return value

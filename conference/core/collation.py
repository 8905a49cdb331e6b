r"""Vietnamese alphabetical order for names in lists and exports.

Source: the Vietnamese tailoring of the Unicode Collation Algorithm in CLDR (what ICU applies for the
locale ``vi``), as required by DESIGN.md, "Names and order in lists". CLDR's rules (combining marks
written as escapes) are::

    &\u0300 << \u0309 << \u0303 << \u0301 << \u0323   tones (secondary): huyền < hỏi < ngã < sắc < nặng
    &a<ă<<<Ă<â<<<Â
    &d<đ<<<Đ
    &e<ê<<<Ê
    &o<ô<<<Ô<ơ<<<Ơ
    &u<ư<<<Ư

so the letters are a < ă < â < b < c < d < đ < e < ê < f < g < h < i < j < k < l < m < n < o < ô < ơ
< p < q < r < s < t < u < ư < v < w < x < y < z (primary level), tone marks only break ties between
strings whose letters are all equal (secondary level), and case breaks the remaining ties with lowercase
first (tertiary level). Python has no wheel-installable ICU collator, so this module computes a key of
its own with the same three levels, standard library only. Outside Vietnamese letters it follows the
root order approximately: whitespace < punctuation < symbols < digits < Latin letters < other scripts,
and other Latin diacritics (ç, ü, ñ, ...) are secondary differences as in ICU.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["compact_key", "compact_name_key", "listed_name_key", "name_sort_key", "unit_then_name_key", "vietnamese_key"]

# Primary order of letters (CLDR vi: the six Vietnamese letters take their own places).
_ALPHABET = (
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
)  # fmt: skip
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}

_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
# (base letter, combining mark) -> Vietnamese letter; these marks make a new letter, not a tone.
_LETTER_MARKS = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}

# Secondary weights of combining marks: the five tones in CLDR vi order, then other common marks in
# ICU's order; any other mark weighs 100 + its code point. 0 is the weight of "no mark".
_STROKE = 13
_MARK_WEIGHT = {
    "\u0300": 1,  # huyền (grave)
    "\u0309": 2,  # hỏi (hook above)
    "\u0303": 3,  # ngã (tilde)
    "\u0301": 4,  # sắc (acute)
    "\u0323": 5,  # nặng (dot below)
    _BREVE: 6,  # breve on letters other than a (ğ)
    _CIRCUMFLEX: 7,  # circumflex on letters other than a, e, o (ĉ)
    "\u030c": 8,  # caron
    "\u030a": 9,  # ring above
    "\u0308": 10,  # diaeresis
    "\u030b": 11,  # double acute
    "\u0307": 12,  # dot above
    "\u0338": _STROKE,  # long solidus overlay
    "\u0327": 14,  # cedilla
    "\u0328": 15,  # ogonek
    "\u0304": 16,  # macron
}

# Latin letters with no canonical decomposition that ICU sorts as a variant of a plain letter.
# (đ is not here: in Vietnamese it is a letter of its own.)
_STROKED = {"ð": "d", "ł": "l", "ø": "o"}

# Primary groups, in the root collation's order.
_SPACE, _PUNCTUATION, _SYMBOL, _DIGIT, _LETTER, _OTHER = range(6)
# ICU's order of the punctuation and symbols that occur in names and titles; others follow by code point.
_PUNCTUATION_ORDER = {
    char: rank for rank, char in enumerate("_-\u2013\u2014,;:!?.'\u2019\"\u201c()[]{}@*/\\&#%`^+<=>|~$")
}


def _primary(char: str) -> tuple[int, int]:
    """Primary weight of one base character (already lowercased): ``(group, rank)``."""
    rank = _LETTER_RANK.get(char)
    if rank is not None:
        return (_LETTER, rank)
    if char.isspace():
        return (_SPACE, ord(char))
    if char.isdecimal():
        return (_DIGIT, unicodedata.decimal(char))
    if char in _PUNCTUATION_ORDER:
        return (_PUNCTUATION, _PUNCTUATION_ORDER[char])
    category = unicodedata.category(char)
    if category[0] == "P":
        return (_PUNCTUATION, 1000 + ord(char))
    if category[0] == "S":
        return (_SYMBOL, ord(char))
    return (_OTHER, ord(char))


def _clusters(text: str) -> list[tuple[str, list[str]]]:
    """Split NFD text into (base character, following combining marks) pairs.

    Marks with no base before them (a string starting with a combining mark) get an empty base.
    """
    clusters: list[tuple[str, list[str]]] = []
    for char in text:
        if unicodedata.combining(char) and clusters:
            clusters[-1][1].append(char)
        elif unicodedata.combining(char):
            clusters.append(("", [char]))
        else:
            clusters.append((char, []))
    return clusters


def _reachable(marks: list[str], index: int) -> bool:
    """Whether ``marks[index]`` can join its base letter to make ă, â, ê, ô, ơ or ư.

    As in the Unicode Collation Algorithm (discontiguous contractions), a mark is blocked by an earlier
    mark of the same or higher combining class: canonical "ậ" is a + dot below + circumflex (â with
    nặng), but a tilde typed before the circumflex leaves a plain a carrying two secondary marks.
    """
    combining_class = unicodedata.combining(marks[index])
    return all(unicodedata.combining(mark) < combining_class for mark in marks[:index])


def vietnamese_key(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[int, ...]]:
    """Collation key of ``text`` in Vietnamese alphabetical order (CLDR/ICU ``vi`` collation).

    Source: CLDR's Vietnamese collation tailoring, as used by ICU for ``vi``; DESIGN.md, "Names and
    order in lists".

    Returns ``(primary, secondary, tertiary)``, compared in that order, so ``sorted(names,
    key=vietnamese_key)`` gives Vietnamese order:

    - ``primary``: one ``(group, rank)`` pair per character, letters ranked
      a < ă < â < b < c < d < đ < e < ê < f < ... < o < ô < ơ < p < ... < u < ư < v < ... < z;
      case and tones play no part, so the letters of the whole string decide first.
    - ``secondary``: per character, 0 for the character itself followed by the weight of each
      tone or other mark on it (none 0 < huyền 1 < hỏi 2 < ngã 3 < sắc 4 < nặng 5 < other marks), so
      tones break ties between strings whose letters are equal, the first differing tone deciding.
    - ``tertiary``: per character, 0 for lowercase and 1 for uppercase (lowercase first).

    Input may be NFC or NFD (it is normalised to NFC, then decomposed): equal text gives equal keys.
    The empty string gives ``((), (), ())``, which sorts before everything else.

    Raises ``TypeError`` if ``text`` is not a ``str``; nothing for any ``str``.
    """
    if not isinstance(text, str):
        raise TypeError(f"vietnamese_key() needs a str, not {type(text).__name__}")
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text))
    primary: list[tuple[int, int]] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    for base, marks in _clusters(decomposed):
        extra_weights: list[int] = []
        if base:
            letter = base.lower()
            if len(letter) != 1:  # no such base after NFD today; keep _primary() on one character
                letter = base
            if letter in _STROKED:
                letter = _STROKED[letter]
                extra_weights.append(_STROKE)
            for index, mark in enumerate(marks):
                combined = _LETTER_MARKS.get((letter, mark))
                if combined is not None and _reachable(marks, index):
                    letter = combined
                    marks = marks[:index] + marks[index + 1 :]
                    break
            primary.append(_primary(letter))
            secondary.append(0)
            tertiary.append(1 if base.isupper() else 0)
        secondary.extend(extra_weights)
        secondary.extend(_MARK_WEIGHT.get(mark, 100 + ord(mark)) for mark in marks)
    return tuple(primary), tuple(secondary), tuple(tertiary)


def name_sort_key(full_name: str) -> tuple[tuple, tuple]:
    """Sort key for a person's full name in Vietnamese lists: given name first, then the rest.

    Source: DESIGN.md, "Names and order in lists"; letters and tones in CLDR/ICU ``vi`` collation
    order (see :func:`vietnamese_key`).

    Whitespace is collapsed and trimmed; the given name is the last word and the rest is the family
    and middle names in order. Returns ``(vietnamese_key(given), vietnamese_key(rest))``, so
    "Trần Thị An" < "Phạm Đức Anh" < "Lê Văn Ánh" < "Nguyễn Văn Bình", and "Lê Thị An" < "Trần Thị An".
    Collective names ("Công đoàn Trường THCS Vĩnh Thuận") are keyed the same way. An empty or blank
    name gives the smallest key and sorts first.

    Raises ``TypeError`` if ``full_name`` is not a ``str``; nothing for any ``str``.
    """
    if not isinstance(full_name, str):
        raise TypeError(f"name_sort_key() needs a str, not {type(full_name).__name__}")
    words = unicodedata.normalize("NFC", full_name).split()
    given = words[-1] if words else ""
    return vietnamese_key(given), vietnamese_key(" ".join(words[:-1]))


def listed_name_key(full_name: str, collective: bool) -> tuple:
    """Sort key of a name in a list of exemplars: a person's given name first (:func:`name_sort_key`), a
    collective's whole name as written (:func:`vietnamese_key`: "Công đoàn Trường THCS A" sorts under C, as the
    official list of `conference.dossier.reports` sorts collectives). Both keys have the same shape, so a list
    mixing the two still sorts."""
    return (vietnamese_key(" ".join(full_name.split())),) if collective else name_sort_key(full_name)


def unit_then_name_key(unit_name: str | None, full_name: str, collective: bool) -> tuple:
    """Sort key "unit, then name" of the honoured, the one order of the honouring batches the MC calls
    (`conference.ceremony.rules.plan_batches`) and of the commendation decision's list
    (`conference.certificates.rules.ordered`): the unit's name in Vietnamese order, an exemplar without a unit
    (None or blank) after every unit, then :func:`listed_name_key`. Callers add the delegate id to break ties."""
    unit = " ".join((unit_name or "").split())
    return (not unit, _unit_key(unit), listed_name_key(full_name, collective))


@lru_cache(maxsize=4096)
def _unit_key(unit: str) -> tuple:
    """:func:`vietnamese_key` of a unit's name, computed once per name (a list repeats a few dozen units)."""
    return vietnamese_key(unit)


_GROUP_SPAN = 0x110000  # one more than the largest code point: (group, rank) → group × span + rank


def compact_key(*keys: tuple) -> bytes:
    """The keys of :func:`vietnamese_key` as one ``bytes`` value that sorts the same way as the tuple of them.

    Each weight becomes 4 bytes big-endian, plus one (primary ``(group, rank)`` pairs as
    ``group × 0x110000 + rank + 1``), and every level ends with four zero bytes, which sort below any weight:
    so a level that is a prefix of another sorts first, as in tuple comparison. A key of 20 letters takes
    about 200 bytes instead of the few kilobytes of nested tuples, which matters when sorting 100,000 rows.
    """
    out = bytearray()
    end = bytes(4)
    for key in keys:
        primary, secondary, tertiary = key
        for group, rank in primary:
            out += (group * _GROUP_SPAN + rank + 1).to_bytes(4, "big")
        out += end
        for level in (secondary, tertiary):
            for weight in level:
                out += (weight + 1).to_bytes(4, "big")
            out += end
    return bytes(out)


@lru_cache(maxsize=65536)
def _compact_word(word: str) -> tuple[bytes, bytes, bytes]:
    """The three levels of one word's key as 4-byte weights, without level ends (see :func:`compact_key`)."""
    primary, secondary, tertiary = vietnamese_key(word)
    return (
        b"".join((group * _GROUP_SPAN + rank + 1).to_bytes(4, "big") for group, rank in primary),
        b"".join((weight + 1).to_bytes(4, "big") for weight in secondary),
        b"".join((weight + 1).to_bytes(4, "big") for weight in tertiary),
    )


def compact_name_key(full_name: str) -> bytes:
    """:func:`name_sort_key` as compact ``bytes``: the same order (see :func:`compact_key`), for long lists.

    A key's levels are per character, so the key of "Lê Văn" is the keys of "Lê", " " and "Văn" put end to
    end; each word's key is computed once and cached (names repeat the same few hundred words).

    Raises ``TypeError`` if ``full_name`` is not a ``str``.
    """
    if not isinstance(full_name, str):
        raise TypeError(f"compact_name_key() needs a str, not {type(full_name).__name__}")
    words = unicodedata.normalize("NFC", full_name).split()
    given = words[-1:] or [""]
    space = _compact_word(" ")
    end = bytes(4)
    out = []
    for part in (given, words[:-1]):
        keys = [_compact_word(word) for word in part]
        for level in range(3):
            joiner = space[level]
            out.append(joiner.join(key[level] for key in keys) + end)
    return b"".join(out)

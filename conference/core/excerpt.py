"""Short forms of a longer text: its sentences, and a cut at a word boundary that ends with "…" (pure functions).

One rule for every place that prints part of a text a person wrote: the MC's one-line citation
(`conference.ceremony.rules.citation`), a certificate's citation (`conference.certificates.rules.citation`), the
achievements summary filled from the achievements (`conference.nominations.rules.first_sentences`) and the honour
board's shared description (`conference.honourboard.rules.shorten`). Each caller keeps its own length limit.

What a sentence is: a sentence ends with ".", "!", "?" or "…" followed by white space (so "1.500" or "5,2" does
not end one; a semicolon separates clauses of one sentence), and each line of the text is a sentence too (a list
of achievements is often written one item a line); a bullet ("- ", "• ", "+ ") opening a line is dropped.
"""

from __future__ import annotations

import re

ELLIPSIS = "…"
#: Where a sentence ends inside a line: after . ! ? or … followed by white space.
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
_ENDS_SENTENCE = (".", "!", "?", "…")
_BULLET = re.compile(r"^[-–—•+*]\s*")
#: Stripped from the end of a cut text before the ellipsis ("Xuất sắc, …" reads as "Xuất sắc…").
_TRAILING = " ,;:"


def one_line(text: str | None) -> str:
    """`text` on one line: runs of white space (line breaks too) as one space, none at either end; "" for None."""
    return " ".join((text or "").split())


def sentences(text: str | None) -> list[str]:
    """The sentences of `text` in order, each on one line: every non-blank line split after . ! ? or … followed by
    white space, a leading bullet dropped. [] when `text` is None or blank.

    >>> sentences("- Hoàn thành xuất sắc nhiệm vụ\\n- Đạt 1.500 giờ. Được khen!")
    ['Hoàn thành xuất sắc nhiệm vụ', 'Đạt 1.500 giờ.', 'Được khen!']
    """
    return [one_line(piece)
            for raw in (text or "").splitlines() if (line := _BULLET.sub("", raw.strip()))
            for piece in SENTENCE_END.split(line) if piece.strip()]


def join_sentences(pieces: list[str]) -> str:
    """`pieces` (from `sentences`) as one line: a piece that does not end a sentence (a line without a full stop)
    gets "." before the next one. "" for [].

    >>> join_sentences(['Hoàn thành xuất sắc nhiệm vụ', 'Đạt 1.500 giờ.'])
    'Hoàn thành xuất sắc nhiệm vụ. Đạt 1.500 giờ.'
    """
    text = ""
    for piece in pieces:
        text = piece if not text else f"{text}{'' if text.endswith(_ENDS_SENTENCE) else '.'} {piece}"
    return text


def cut_at_word(text: str | None, limit: int) -> str:
    """`text` on one line (`one_line`), at most `limit` characters: unchanged when it fits, else cut after the
    last whole word that fits together with the ellipsis, trailing " ,;:" dropped, and "…" added. Only when the
    first word and the ellipsis do not fit in `limit` is that word cut inside, to `limit` - 1 characters.

    Returns: "" for an empty `text`; else 1..`limit` characters.

    Raises:
        ValueError: `limit` < 1.

    >>> cut_at_word("Hoàn thành xuất sắc nhiệm vụ", 20)
    'Hoàn thành xuất sắc…'
    """
    if limit < 1:
        raise ValueError("limit >= 1")
    flat = one_line(text)
    if len(flat) <= limit:
        return flat
    room = flat[: limit - len(ELLIPSIS)]
    if flat[len(room)] != " ":
        if " " not in room:  # the first word alone does not fit: cut inside it
            return room + ELLIPSIS
        room = room[: room.rindex(" ")]
    return (room.rstrip(_TRAILING) or room) + ELLIPSIS


def excerpt(text: str | None, limit: int, *, fill: int = 1) -> str:
    """`text` as one line of at most `limit` characters: all its sentences (`sentences`, `join_sentences`) when
    they fit; else as many whole sentences from the start as fit when they take at least `fill` characters; else
    the sentences cut at a word (`cut_at_word`).

    `fill` lets a caller prefer a longer cut text to a short whole sentence (a certificate fills half its room).

    Returns: "" for a blank `text`; else 1..`limit` characters.

    Raises:
        ValueError: `limit` < 1.
    """
    if limit < 1:
        raise ValueError("limit >= 1")
    pieces = sentences(text)
    whole = ""
    for count in range(1, len(pieces) + 1):
        candidate = join_sentences(pieces[:count])
        if len(candidate) > limit:
            break
        whole = candidate
    else:
        return whole
    if whole and len(whole) >= fill:
        return whole
    return cut_at_word(join_sentences(pieces), limit)

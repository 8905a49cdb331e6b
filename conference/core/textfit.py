"""How much room text takes in a spreadsheet cell, measured with the real font (no Flask).

The official documents are set in Times New Roman. Liberation Serif (vendored in static/vendor/liberation-fonts,
SIL Open Font License) has the same advance widths, glyph for glyph, and every Vietnamese letter; Pillow measures
text with it. Excel and LibreOffice do not grow a row for wrapped text when they open a generated file, so the
writer sets each row's height from these measures: too low a row would cut its text on paper.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "static" / "vendor" / "liberation-fonts"
_FILES = {(False, False): "LiberationSerif-Regular.ttf", (True, False): "LiberationSerif-Bold.ttf",
          (False, True): "LiberationSerif-Italic.ttf", (True, True): "LiberationSerif-Bold.ttf"}
#: Fonts are loaded this many times larger than the point size asked, so widths keep sub-point precision.
_SCALE = 20
#: Height of one line of wrapped text, in ems: Times New Roman's ascent, descent and line gap (0.891 + 0.216 +
#: 0.042 em), as Excel spaces wrapped lines (LibreOffice leaves out the gap: its lines are a little closer).
LINE_EM = 1.15
#: Room above and below a cell's text, in points.
ROW_PADDING = 4.0
#: The tallest row Excel and LibreOffice keep, in points.
MAX_ROW_HEIGHT = 409.0
#: Room left and right of a cell's text inside its borders, in points (each side).
CELL_INSET = 2.5
ELLIPSIS = "…"


@lru_cache(maxsize=16)
def _font(size: float, bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / _FILES[(bold, italic)]), round(size * _SCALE))


@lru_cache(maxsize=16384)
def text_width(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Width in points of `text` set in Times New Roman (Liberation Serif) at `size` points."""
    return _font(size, bold, italic).getlength(text) / _SCALE


#: Pixels (at 96 an inch) of one unit of column width: the digit width of the workbook's 11 pt Times New Roman.
#: Excel rounds it to whole pixels (7); LibreOffice keeps the font's own 7.33 (half an em), so the same column
#: is about 5 % wider there.
EXCEL_DIGIT_PX, LIBREOFFICE_DIGIT_PX = 7, 22 / 3


def column_points(width_chars: float) -> float:
    """Room in points of a column `width_chars` wide (Excel's unit) in the narrower of the two programs (Excel:
    7 px a unit plus 5 px of padding, at 96 px an inch): text measured against it fits in both."""
    return int(width_chars * EXCEL_DIGIT_PX + 5) * 0.75


def chars_for_points(points: float) -> float:
    """The column width (Excel's unit) that takes at most `points` on paper in the wider of the two programs
    (LibreOffice): a table fitted to the page with it fits in both."""
    return max(0.0, (points / 0.75 - 5) / LIBREOFFICE_DIGIT_PX)


def wrap(text: str, width: float, size: float, bold: bool = False, italic: bool = False) -> list[str]:
    """`text` broken into lines no wider than `width` points as a spreadsheet wraps it: at spaces, each line
    break of the text kept, a word wider than the line broken between letters. At least one line ("" → [""])."""
    lines: list[str] = []
    space = text_width(" ", size, bold, italic)
    for paragraph in text.split("\n"):
        current, current_width = "", 0.0
        for word in paragraph.split():
            word_width = text_width(word, size, bold, italic)
            if current and current_width + space + word_width <= width:
                current, current_width = f"{current} {word}", current_width + space + word_width
                continue
            if current:
                lines.append(current)
            while word_width > width and len(word) > 1:  # a word wider than the line: broken by letters
                cut = len(word) - 1
                while cut > 1 and text_width(word[:cut], size, bold, italic) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                word_width = text_width(word, size, bold, italic)
            current, current_width = word, word_width
        lines.append(current)
    return lines


def line_height(size: float) -> float:
    """Height in points of one line of wrapped text at `size` points."""
    return size * LINE_EM


def lines_height(lines: int, size: float) -> float:
    """Height in points of a row holding `lines` lines at `size` points, padding included."""
    return lines * line_height(size) + ROW_PADDING


def max_lines(size: float) -> int:
    """How many lines at `size` points fit in the tallest row (MAX_ROW_HEIGHT)."""
    return max(1, math.floor((MAX_ROW_HEIGHT - ROW_PADDING) / line_height(size)))


def fit_cell(text: str, width: float, size: float, bold: bool = False) -> tuple[str, int]:
    """`text` as it fits a cell `width` points wide: (the text to write, its number of lines).

    Text that would make the row taller than MAX_ROW_HEIGHT is cut after the last whole word that fits, ending
    with "…": the page never hides the end of a cell. The caller keeps the whole text elsewhere (the plain data
    sheet).
    """
    inner = max(width - 2 * CELL_INSET, 1.0)
    lines = wrap(text, inner, size, bold)
    limit = max_lines(size)
    if len(lines) <= limit:
        return text, len(lines)
    kept = lines[:limit]
    last = kept[-1]
    while last and text_width(last + ELLIPSIS, size, bold) > inner:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    kept[-1] = last.rstrip(" ,;:.") + ELLIPSIS
    return "\n".join(kept), limit

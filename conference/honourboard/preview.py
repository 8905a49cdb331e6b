"""The picture Facebook and Zalo show with a shared link to the honour board (Open Graph `og:image`), drawn with
Pillow (no Flask): a PNG of 1200 × 630 pixels, the size both recommend for a large link preview (1.91 : 1).

It shows the host organization, the conference's name, how many exemplars it honours and the date and venue, in
Liberation Serif (`conference.core.textfit.FONT_DIR`: every Vietnamese letter, Times New Roman's metrics).
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from conference.core.textfit import FONT_DIR

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
#: The union's blue (static/css/app.css `--union`), a darker band, the gold of the count and a light text colour.
BLUE, DARK, GOLD, WHITE, PALE = "#0b4f9c", "#083a73", "#f6c343", "#ffffff", "#d6e4f5"
#: The conference's name starts at this size (pixels) and shrinks until it fits in TITLE_LINES lines.
TITLE_SIZES = (64, 58, 52, 46, 42, 38, 34)
TITLE_LINES = 4


@lru_cache(maxsize=16)
def serif(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Liberation Serif (bold or regular) at `size` pixels."""
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """`text` broken into lines no wider than `width` pixels at word boundaries (a word longer than a line
    stands alone on its line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _fit(text: str, sizes: tuple[int, ...], width: float, max_lines: int,
         bold: bool = False) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest of `sizes` at which `text` wraps into at most `max_lines`; at the smallest, the lines past
    `max_lines` are dropped and the last kept one ends, at a word, with an ellipsis."""
    for size in sizes:
        font = serif(size, bold)
        lines = wrap(text, font, width)
        if len(lines) <= max_lines:
            return font, lines
    kept = lines[:max_lines]
    words = kept[-1].split()
    while len(words) > 1 and font.getlength(" ".join(words) + " …") > width:
        words.pop()
    kept[-1] = " ".join(words) + " …"
    return font, kept


def preview_png(host: str, title: str, count: int, count_words: str, footer: str) -> bytes:
    """The link preview as PNG bytes, WIDTH × HEIGHT pixels.

    Args:
        host: the host organization's name, on the top line (upper-cased).
        title: the conference's name, large, up to TITLE_LINES lines.
        count: how many exemplars the board lists, drawn large in gold.
        count_words: the words after the number (e.g. "điển hình tiên tiến được tuyên dương").
        footer: the bottom line (date and venue).
    """
    image = Image.new("RGB", (WIDTH, HEIGHT), BLUE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 96, WIDTH, HEIGHT), fill=DARK)
    draw.rectangle((0, 0, 16, HEIGHT), fill=GOLD)
    inner = WIDTH - 2 * MARGIN

    y = 56
    host_font, host_lines = _fit(host.upper(), (30, 26, 22), inner, 1)
    draw.text((MARGIN, y), host_lines[0], font=host_font, fill=PALE)
    y += 58
    title_font, title_lines = _fit(title, TITLE_SIZES, inner, TITLE_LINES, bold=True)
    line_height = round(title_font.size * 1.18)
    for line in title_lines:
        draw.text((MARGIN, y), line, font=title_font, fill=WHITE)
        y += line_height

    number = f"{count:,}".replace(",", ".")  # Vietnamese groups thousands with dots
    number_font = serif(120, bold=True)
    number_top = max(y + 20, 330)
    draw.text((MARGIN, number_top), number, font=number_font, fill=GOLD)
    words_x = MARGIN + number_font.getlength(number) + 28
    words_font, words_lines = _fit(count_words, (40, 36, 32), WIDTH - MARGIN - words_x, 2)
    words_y = number_top + 36 if len(words_lines) == 1 else number_top + 14
    for line in words_lines:
        draw.text((words_x, words_y), line, font=words_font, fill=WHITE)
        words_y += round(words_font.size * 1.2)

    footer_font, footer_lines = _fit(footer, (30, 26, 22), inner, 1)
    draw.text((MARGIN, HEIGHT - 66), footer_lines[0], font=footer_font, fill=PALE)

    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()

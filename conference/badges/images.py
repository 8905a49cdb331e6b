"""QR images of badge codes and a single badge as PNG or SVG (to send by Zalo), with `qrcode` and Pillow.

No Flask. Text is set in DejaVu Sans (vendored in static/vendor/dejavu-fonts, every Vietnamese diacritic)
and wrapped by measuring it with the font itself, so the PNG and the SVG break lines in the same places.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import qrcode
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "static" / "vendor" / "dejavu-fonts"
#: Single badge size in pixels (PNG) and user units (SVG): 95 × 68 mm at 10 px/mm, the sheet's badge size.
WIDTH, HEIGHT = 950, 680


#: A fixed mask pattern: choosing the "best" of the eight masks (the qrcode default) costs 5× the time of the rest
#: of the encoding (7 ms against 1.5 ms a code), too slow for 10,000 badges; every mask is valid and readers
#: decode all of them (the fake-camera browser test decodes a badge made this way).
MASK_PATTERN = 4


_VERSIONS: dict[int, int] = {}  # text length -> smallest QR version that holds it (pure function of length)


def _qr(code: str) -> qrcode.QRCode:
    version = _VERSIONS.get(len(code))
    qr = qrcode.QRCode(version=version, error_correction=ERROR_CORRECT_M, border=2, box_size=8,
                       mask_pattern=MASK_PATTERN)
    qr.add_data(code)
    qr.make(fit=version is None)
    _VERSIONS[len(code)] = qr.version
    return qr


_RUN = re.compile(rb"\x01+")  # a run of dark modules in a row given as bytes (True -> 1, False -> 0)


def qr_path(matrix: list[list[bool]], x0: float = 0, y0: float = 0, module: float = 1) -> str:
    """SVG path data drawing the dark modules of a QR matrix, one rectangle per horizontal run.

    `matrix`: rows of booleans (True = dark), as `QRCode.get_matrix()` or `QRCode.modules` after `make()`;
    `x0`, `y0`: user-space position of the matrix's top-left corner; `module`: side of one module. Returns
    "M{x} {y}h{w}v{module}h-{w}z" per run (numbers in `:g` format), "" for a matrix with no dark module.
    """
    size = max((len(row) for row in matrix), default=0)
    # The numbers are formatted once per matrix, not once per run: this function runs for every badge.
    xs = [f"{x0 + i * module:g}" for i in range(size + 1)]
    widths = [f"{i * module:g}" for i in range(size + 1)]
    height = f"{module:g}"
    parts = []
    for r, row in enumerate(matrix):
        y = f"{y0 + r * module:g}"
        for run in _RUN.finditer(bytes(row)):
            start, end = run.span()
            width = widths[end - start]
            parts.append(f"M{xs[start]} {y}h{width}v{height}h-{width}z")
    return "".join(parts)


def qr_svg(code: str) -> str:
    """The QR code of `code` as an inline SVG element (one path, scales to any print size).

    The viewBox is the matrix plus its quiet zone (`border` modules a side), one user unit a module.
    """
    qr = _qr(code)
    modules = qr.modules  # without the quiet zone, which has no dark module: the path is the same, cheaper
    size = len(modules) + 2 * qr.border
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges">'
            f'<rect width="{size}" height="{size}" fill="#fff"/>'
            f'<path d="{qr_path(modules, qr.border, qr.border)}" fill="#000"/></svg>')


#: From this many codes on, `qr_svgs` spreads the work over the machine's cores.
PARALLEL_FROM = 400


def qr_svgs(codes: list[str]) -> list[str]:
    """`qr_svg` of many codes: a new list, same length and order; large lists in a process pool (one process
    per core). About 1 ms of CPU a code, nearly all of it in `qrcode` itself (Reed-Solomon and data placement).
    """
    workers = os.cpu_count() or 1
    # Forked workers share the loaded app; where processes cannot fork (Windows), one process does it all.
    if len(codes) < PARALLEL_FROM or workers == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [qr_svg(code) for code in codes]
    # Small chunks (16 a worker): when another process takes a core for a while, the other worker takes over
    # the rest instead of waiting on one large chunk at the end.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(qr_svg, codes, chunksize=max(50, len(codes) // (workers * 16))))


def qr_png(code: str, box_size: int = 8) -> bytes:
    """The QR code of `code` as PNG bytes (`box_size` pixels per module)."""
    qr = _qr(code)
    qr.box_size = box_size
    buffer = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


@lru_cache(maxsize=16)
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


def wrap(text: str, bold: bool, size: int, width: int, max_lines: int) -> list[str]:
    """Break `text` into at most `max_lines` lines no wider than `width` px at `size` px (last line cut with …)."""
    font = _font(bold, size)
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = " ".join(lines[max_lines - 1:])
        while last and font.getlength(last + "…") > width:
            last = last[:-1]
        lines = lines[:max_lines - 1] + [last.rstrip() + "…"]
    return lines


def _layout(name: str, unit: str, label: str, event: str, host: str
            ) -> tuple[list[tuple[str, bool, int, str, int, int]], int, int]:
    """Text runs of a badge: (text, bold, size px, fill, x, baseline y), the y of the coloured rule and the
    baseline of the label; the QR sits at the right."""
    runs = []
    y = 52
    for line in wrap(event, True, 26, WIDTH - 60, 2):
        runs.append((line, True, 26, "#0b4f9c", 30, y))
        y += 32
    runs.append((host, False, 22, "#444444", 30, y))
    rule_y, label_y = y + 16, y + 80
    runs.append((label, True, 24, "#ffffff", 46, label_y))
    y += 158
    for line in wrap(name, True, 50, 540, 2):
        runs.append((line, True, 50, "#111111", 30, y))
        y += 60
    y += 6
    for line in wrap(unit, False, 26, 540, 3):
        runs.append((line, False, 26, "#333333", 30, y))
        y += 34
    return runs, rule_y, label_y


QR_BOX = (620, 300, 290)  # x, y, size of the QR square
#: Centre x, baseline y and size (px) of the fallback code printed under the QR.
FALLBACK_AT = (QR_BOX[0] + QR_BOX[2] // 2, QR_BOX[1] + QR_BOX[2] + 42, 30)
#: Right edge (px) and size of the seat line ("Ghế B-03-07"), set on the label's baseline, right-aligned with the QR.
SEAT_RIGHT, SEAT_SIZE = QR_BOX[0] + QR_BOX[2], 34


def badge_png(code: str, name: str, unit: str, label: str, colour: str, event: str, host: str,
              fallback: str = "", seat: str = "") -> bytes:
    """One badge as a 950 × 680 PNG (white background, coloured rule and label, QR at the right, the fallback code
    ("ACDE-FGHJ") under it, the seat line ("Ghế B-03-07", "" for none) at the right of the label)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    runs, rule_y, label_y = _layout(name, unit, label, event, host)
    draw.rectangle((0, 0, WIDTH - 1, HEIGHT - 1), outline="#999999", width=2)
    draw.rectangle((30, rule_y, WIDTH - 30, rule_y + 12), fill=colour)
    label_width = _font(True, 24).getlength(label)
    draw.rounded_rectangle((30, label_y - 30, 62 + label_width, label_y + 10), radius=8, fill=colour)
    for text, bold, size, fill, x, y in runs:
        draw.text((x, y), text, font=_font(bold, size), fill=fill, anchor="ls")
    x0, y0, size = QR_BOX
    qr = Image.open(io.BytesIO(qr_png(code, box_size=10))).convert("RGB").resize((size, size), Image.NEAREST)
    image.paste(qr, (x0, y0))
    fx, fy, fsize = FALLBACK_AT
    draw.text((fx, fy), fallback, font=_font(True, fsize), fill="#111111", anchor="ms")
    if seat:
        draw.text((SEAT_RIGHT, label_y), seat, font=_font(True, SEAT_SIZE), fill="#111111", anchor="rs")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


#: Characters XML 1.0 does not allow in a document (C0 controls but tab and line breaks, surrogates, U+FFFE/FFFF):
#: forms refuse them, but a row stored before that check may still hold one.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """`text` as XML character data: escaped, characters XML cannot hold dropped."""
    return escape(_NOT_XML.sub("", text))


def badge_svg(code: str, name: str, unit: str, label: str, colour: str, event: str, host: str,
              fallback: str = "", seat: str = "") -> str:
    """The same badge as a standalone SVG document (95 × 68 mm), text as text (characters XML cannot hold
    dropped), QR as one path."""
    runs, rule_y, label_y = _layout(name, unit, label, event, host)
    label_width = _font(True, 24).getlength(label)
    matrix = _qr(code).get_matrix()
    x0, y0, size = QR_BOX
    path = qr_path(matrix, x0, y0, size / len(matrix))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="95mm" height="68mm" viewBox="0 0 {WIDTH} {HEIGHT}">',
        f'<rect x="1" y="1" width="{WIDTH - 2}" height="{HEIGHT - 2}" fill="#fff" stroke="#999" stroke-width="2"/>',
        f'<rect x="30" y="{rule_y}" width="{WIDTH - 60}" height="12" fill="{escape(colour)}"/>',
        (f'<rect x="30" y="{label_y - 30}" width="{32 + label_width:.0f}" height="40" rx="8" '
         f'fill="{escape(colour)}"/>'),
        '<g font-family="DejaVu Sans, Noto Sans, Arial, sans-serif">',
    ]
    for text, bold, size_px, fill, x, y in runs:
        weight = ' font-weight="bold"' if bold else ""
        parts.append(f'<text x="{x}" y="{y}" font-size="{size_px}"{weight} fill="{fill}">{_xml(text)}</text>')
    fx, fy, fsize = FALLBACK_AT
    parts.append(f'<text x="{fx}" y="{fy}" font-size="{fsize}" font-weight="bold" text-anchor="middle" '
                 f'fill="#111111">{_xml(fallback)}</text>')
    if seat:
        parts.append(f'<text x="{SEAT_RIGHT}" y="{label_y}" font-size="{SEAT_SIZE}" font-weight="bold" '
                     f'text-anchor="end" fill="#111111">{_xml(seat)}</text>')
    parts += ["</g>", f'<path d="{path}" fill="#000"/>', "</svg>"]
    return "\n".join(parts)

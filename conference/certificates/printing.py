"""The certificates and the printer's calibration page as PDF (ReportLab; no Flask, no database).

Set in the official font (`conference.core.pdf.register_fonts`: Liberation Serif, Times New Roman's metrics, every
Vietnamese letter). A4 landscape. On blank paper a certificate carries a decorative border, the national name
and motto, the awarding body, "TẶNG", the title (e.g. GIẤY KHEN), the name, the unit, the citation, the place and
date and the signature block; on a pre-printed blank only the name, unit, citation and date, at the positions of
the template. Every page is moved by the printer's offset (x to the right, y down, in mm), measured on the
calibration page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from conference.certificates.rules import CITATION_WIDTH_MM, PAGE_MM
from conference.core.docx import MOTTO, NATION
from conference.core.pdf import mm, register_fonts

FRAME = HexColor("#9b1c1c")
GOLD = HexColor("#b8860b")
GRID = Color(0.75, 0.75, 0.75)
#: Point sizes of the certificate's lines.
TITLE_PT, NAME_PT, LINE_PT, HEAD_PT = 40, 24, 15, 13
#: Narrowest size a long name is shrunk to before it wraps.
NAME_MIN_PT = 16
#: Widest a centred line of a blank certificate may be, in mm.
LINE_WIDTH_MM = 240.0


@dataclass(frozen=True)
class CertificateText:
    """One certificate's printed texts: `name` (with "Ông"/"Bà"), `unit` and `citation` (may be "")."""

    name: str
    unit: str
    citation: str


@dataclass(frozen=True)
class Layout:
    """What every certificate of a run shares: the template's title and awarding body, the place and date line,
    the signature block (`signature_for` may be ""; `signer_name` None leaves it blank), the paper ('blank' or
    'preprinted'), the field positions ({field: [x_mm, y_mm]}) and the printer offset in mm."""

    title: str
    awarding_body: str
    place_date: str
    signature_for: str
    signer_title: str
    signer_name: str | None
    paper: str
    positions: dict[str, list[float]]
    offset_x_mm: float = 0.0
    offset_y_mm: float = 0.0


def certificates_pdf(layout: Layout, certificates: Sequence[CertificateText]) -> bytes:
    """The PDF (bytes) of one page per certificate, in the order given. Callers refuse an empty list: ReportLab
    would give one blank page."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_MM[0] * mm, PAGE_MM[1] * mm), pageCompression=1)
    canvas.setTitle(layout.title)
    for certificate in certificates:
        canvas.saveState()
        canvas.translate(layout.offset_x_mm * mm, -layout.offset_y_mm * mm)
        if layout.paper == "preprinted":
            _preprinted(canvas, fonts, layout, certificate)
        else:
            _blank(canvas, fonts, layout, certificate)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def calibration_pdf(*, printer_name: str, offset_x_mm: float, offset_y_mm: float) -> bytes:
    """The calibration page of a printer, printed with its current offset: a 10 mm grid, crosshairs at the page's
    centre and at 20 mm from each corner, and four millimetre scales whose zero lies on the page's centre lines.
    Folded in half both ways, the folds cross the scales at the correction to add to the offset (x: + to the
    right; y: + downwards); with the right offset they cross at 0."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    width, height = PAGE_MM
    canvas = Canvas(buffer, pagesize=(width * mm, height * mm))
    canvas.setTitle(f"Trang căn chỉnh máy in - {printer_name}")
    canvas.translate(offset_x_mm * mm, -offset_y_mm * mm)
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.25)
    for x in range(10, int(width), 10):
        canvas.line(x * mm, 0, x * mm, height * mm)
    for y in range(10, int(height), 10):
        canvas.line(0, y * mm, width * mm, y * mm)
    canvas.setStrokeColorRGB(0, 0, 0)
    cx, cy = width / 2, height / 2
    _crosshair(canvas, cx, cy, 8)
    for x, y in ((20, 20), (width - 20, 20), (20, height - 20), (width - 20, height - 20)):
        _crosshair(canvas, x, y, 5)
        canvas.setFont(fonts.regular, 7)
        canvas.drawCentredString(x * mm, _y(y + 9), "20 mm")
    for y in (45.0, height - 45.0):
        _scale(canvas, fonts, horizontal=True, fixed=y, centre=cx)
    for x in (65.0, width - 65.0):
        _scale(canvas, fonts, horizontal=False, fixed=x, centre=cy)
    canvas.setFont(fonts.bold, 13)
    canvas.drawCentredString(cx * mm, _y(16), f"TRANG CĂN CHỈNH MÁY IN: {printer_name}")
    canvas.setFont(fonts.regular, 10)
    lines = (
        (f"Độ lệch đang dùng: ngang {_signed(offset_x_mm)} mm, dọc {_signed(offset_y_mm)} mm. In ở 100% "
         "(không co giãn, \u201cActual size\u201d), đúng khay giấy dùng để in giấy khen."),
        ("Gấp đôi tờ giấy theo chiều dọc: nếp gấp cắt thang ngang ở vạch nào thì cộng số đó vào độ lệch ngang. "
         "Gấp đôi theo chiều ngang: nếp gấp cắt thang dọc ở vạch nào thì cộng số đó vào độ lệch dọc."),
        ("Hoặc đo bằng thước: tâm các dấu chữ thập ở bốn góc cách hai mép giấy đúng 20 mm. "
         "Khi độ lệch đúng, các nếp gấp cắt thang ở vạch 0."),
    )
    y = height - 26
    for line in lines:
        for part in simpleSplit(line, fonts.regular, 10, (width - 70) * mm):
            canvas.drawCentredString(cx * mm, _y(y), part)
            y += 4.6
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _y(top_mm: float) -> float:
    """ReportLab's y (points from the bottom) of a line `top_mm` below the page's top edge."""
    return (PAGE_MM[1] - top_mm) * mm


def _signed(value: float) -> str:
    return f"{value:+.1f}".replace(".", ",")


def _crosshair(canvas: Canvas, x: float, y: float, size: float) -> None:
    canvas.setLineWidth(0.4)
    canvas.line((x - size) * mm, _y(y), (x + size) * mm, _y(y))
    canvas.line(x * mm, _y(y - size), x * mm, _y(y + size))
    canvas.circle(x * mm, _y(y), size / 2 * mm)


def _scale(canvas: Canvas, fonts, *, horizontal: bool, fixed: float, centre: float, reach: int = 20) -> None:
    """A millimetre scale from -`reach` to +`reach` around `centre` (the page's centre line), at `fixed` mm:
    a tick each mm, longer each 5, numbered each 5 (the reading a fold gives: the correction to add)."""
    canvas.setFillColorRGB(1, 1, 1)  # a white ground: the grid does not cross the ticks
    if horizontal:
        canvas.rect((centre - reach - 4) * mm, _y(fixed + 5), (2 * reach + 8) * mm, 11 * mm, stroke=0, fill=1)
    else:
        canvas.rect((fixed - 9) * mm, _y(centre + reach + 3), 16 * mm, (2 * reach + 6) * mm, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setLineWidth(0.3)
    canvas.setFont(fonts.regular, 6.5)
    for step in range(-reach, reach + 1):
        length = 5.0 if step == 0 else 3.5 if step % 5 == 0 else 2.0
        # The print moved d mm right (down) puts the mark `step` at centre + step + d on the paper: the fold at the
        # paper's centre crosses the mark step = -d, the correction to add to the offset.
        at = centre + step
        if horizontal:
            canvas.line(at * mm, _y(fixed), at * mm, _y(fixed - length))
            if step % 5 == 0:
                canvas.drawCentredString(at * mm, _y(fixed + 3), _label(step))
        else:
            canvas.line(fixed * mm, _y(at), (fixed + length) * mm, _y(at))
            if step % 5 == 0:
                canvas.drawRightString((fixed - 1) * mm, _y(at + 1), _label(step))
    if horizontal:
        canvas.line((centre - reach) * mm, _y(fixed), (centre + reach) * mm, _y(fixed))
    else:
        canvas.line(fixed * mm, _y(centre - reach), fixed * mm, _y(centre + reach))


def _label(step: int) -> str:
    return "0" if step == 0 else f"{step:+d}"


def _border(canvas: Canvas) -> None:
    width, height = PAGE_MM
    canvas.setStrokeColor(FRAME)
    canvas.setLineWidth(2.4)
    canvas.rect(8 * mm, 8 * mm, (width - 16) * mm, (height - 16) * mm)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.8)
    canvas.rect(11 * mm, 11 * mm, (width - 22) * mm, (height - 22) * mm)
    canvas.setFillColor(GOLD)
    for x, y in ((11, 11), (width - 11, 11), (11, height - 11), (width - 11, height - 11)):
        path = canvas.beginPath()
        path.moveTo(x * mm, (y + 4) * mm)
        path.lineTo((x + 4) * mm, y * mm)
        path.lineTo(x * mm, (y - 4) * mm)
        path.lineTo((x - 4) * mm, y * mm)
        path.close()
        canvas.drawPath(path, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setStrokeColorRGB(0, 0, 0)


def _centred_lines(canvas: Canvas, font: str, size: float, text: str, x_mm: float, top_mm: float,
                   width_mm: float, *, max_lines: int = 3, leading: float = 1.25) -> float:
    """Draw `text` centred on `x_mm`, wrapped to `width_mm`, its first baseline `top_mm` below the top; returns
    the baseline (mm from the top) of the line after the last."""
    lines = simpleSplit(text, font, size, width_mm * mm)[:max_lines] if text else []
    canvas.setFont(font, size)
    for line in lines:
        canvas.drawCentredString(x_mm * mm, _y(top_mm), line)
        top_mm += size * leading / mm
    return top_mm


def _fitted_size(text: str, font: str, size: float, minimum: float, width_mm: float) -> float:
    """`size`, shrunk by half points until `text` fits `width_mm` on one line (never below `minimum`)."""
    while size > minimum and stringWidth(text, font, size) > width_mm * mm:
        size -= 0.5
    return size


def _blank(canvas: Canvas, fonts, layout: Layout, certificate: CertificateText) -> None:
    width, _height = PAGE_MM
    cx = width / 2
    _border(canvas)
    canvas.setFont(fonts.bold, HEAD_PT)
    canvas.drawCentredString(cx * mm, _y(24), NATION)
    canvas.drawCentredString(cx * mm, _y(30), MOTTO)
    motto = stringWidth(MOTTO, fonts.bold, HEAD_PT)
    canvas.setLineWidth(0.6)
    canvas.line(cx * mm - motto / 2, _y(31.5), cx * mm + motto / 2, _y(31.5))
    top = _centred_lines(canvas, fonts.bold, 15, layout.awarding_body, cx, 47, LINE_WIDTH_MM, max_lines=2)
    canvas.setFont(fonts.bold, 16)
    canvas.drawCentredString(cx * mm, _y(top + 2), "TẶNG")
    canvas.setFillColor(FRAME)
    canvas.setFont(fonts.bold, TITLE_PT)
    canvas.drawCentredString(cx * mm, _y(top + 21), layout.title.upper())
    canvas.setFillColorRGB(0, 0, 0)
    name_size = _fitted_size(certificate.name, fonts.bold, NAME_PT, NAME_MIN_PT, LINE_WIDTH_MM)
    after = _centred_lines(canvas, fonts.bold, name_size, certificate.name, cx, top + 38, LINE_WIDTH_MM,
                           max_lines=2)
    after = _centred_lines(canvas, fonts.regular, LINE_PT, certificate.unit, cx, after + 2, LINE_WIDTH_MM,
                           max_lines=2)
    _centred_lines(canvas, fonts.italic, LINE_PT, certificate.citation, cx, after + 4, CITATION_WIDTH_MM)
    right = width * 0.7
    canvas.setFont(fonts.italic, 14)
    canvas.drawCentredString(right * mm, _y(158), layout.place_date)
    block = [text for text in (layout.signature_for.upper(), layout.signer_title.upper()) if text]
    canvas.setFont(fonts.bold, HEAD_PT)
    for index, text in enumerate(block):
        canvas.drawCentredString(right * mm, _y(165 + 5.5 * index), text)
    if layout.signer_name:
        canvas.setFont(fonts.bold, 14)
        canvas.drawCentredString(right * mm, _y(192), layout.signer_name)


def _preprinted(canvas: Canvas, fonts, layout: Layout, certificate: CertificateText) -> None:
    positions = layout.positions
    x, y = positions["name"]
    name_size = _fitted_size(certificate.name, fonts.bold, NAME_PT - 2, NAME_MIN_PT, LINE_WIDTH_MM)
    _centred_lines(canvas, fonts.bold, name_size, certificate.name, x, y, LINE_WIDTH_MM, max_lines=2)
    x, y = positions["unit"]
    _centred_lines(canvas, fonts.regular, LINE_PT, certificate.unit, x, y, LINE_WIDTH_MM, max_lines=2)
    x, y = positions["citation"]
    _centred_lines(canvas, fonts.italic, LINE_PT, certificate.citation, x, y, CITATION_WIDTH_MM)
    x, y = positions["date"]
    canvas.setFont(fonts.italic, 14)
    canvas.drawCentredString(x * mm, _y(y), layout.place_date)

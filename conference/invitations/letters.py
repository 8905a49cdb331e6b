"""The invitation letters as PDF (ReportLab) and one letter as PNG (pypdfium2), no Flask, no database.

Layout: Nghị định 30/2020/NĐ-CP, Phụ lục I: A4, margins top and bottom 20 mm, left 30 mm, right 15 mm (mục I.5);
Times New Roman metrics (`conference.core.pdf`); the body above the issuer and the issuer (uppercase, the issuer
bold, a short rule under it) over the number, at the left; the national name (bold, 13 pt) and the motto (bold,
14 pt, underlined by a rule as long as the motto) over the place and date (italic), at the right (mục II.1–II.5);
the title "GIẤY MỜI" (bold, centred, mục II.6); the text at 14 pt; the recipients ("Nơi nhận", bold 12 pt: no
bold italic face is vendored; the lines at 11 pt) at the left and the signature block (the "TM." line, the signer's title, room
for the signature and the seal, the signer's name) at the right (mục II.8–II.9). Under the text, a framed box
holds the person's badge QR (the same signed code as the badge), its fallback code and the seat. Each letter is
one page; the file of all letters has one page per person.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

import pypdfium2
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from conference.badges.images import qr_png
from conference.conferences.letterhead import Letterhead
from conference.core.pdf import mm, register_fonts
from conference.invitations.rules import fill_body, number_line, salutation

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TITLE = "GIẤY MỜI"
MARGINS = {"topMargin": 20 * mm, "bottomMargin": 20 * mm, "leftMargin": 30 * mm, "rightMargin": 15 * mm}
WIDTH = A4[0] - MARGINS["leftMargin"] - MARGINS["rightMargin"]
#: Resolution of a letter sent as an image (Zalo shows it sharp; about 1240 × 1754 px for A4).
PNG_DPI = 150


@dataclass(frozen=True)
class Letter:
    """One person invited: name, gender ('male'/'female'/None), position, organisation or unit, the seat label
    ("" when not seated), the badge's QR text and fallback code ("ACDE-FGHJ")."""

    name: str
    gender: str | None
    position: str
    workplace: str
    seat: str
    code: str
    fallback: str


@dataclass(frozen=True)
class LetterSettings:
    """What every letter of a conference shares: the letterhead, the number, the date signed, the body template,
    the recipients' lines, and the values of the conference's placeholders."""

    letterhead: Letterhead
    number: str
    signed_on: date
    body: str
    recipients: str
    conference_name: str
    time_text: str
    venue: str


def _styles(fonts) -> dict[str, ParagraphStyle]:
    def style(name, font, size, align=TA_CENTER, leading=None, **extra):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.2, alignment=align,
                              **extra)

    return {
        "upper": style("upper", fonts.regular, 12.5),
        "issuer": style("issuer", fonts.bold, 12.5),
        "number": style("number", fonts.regular, 13, spaceBefore=4),
        "nation": style("nation", fonts.bold, 12),
        "motto": style("motto", fonts.bold, 14),
        "date": style("date", fonts.italic, 14, spaceBefore=6),
        "title": style("title", fonts.bold, 15, spaceBefore=18, spaceAfter=12),
        "body": style("body", fonts.regular, 14, TA_JUSTIFY, 19, firstLineIndent=10 * mm, spaceAfter=3),
        "code_label": style("code_label", fonts.regular, 12, TA_LEFT),
        "code": style("code", fonts.bold, 16, TA_LEFT, spaceBefore=2, spaceAfter=6),
        "seat": style("seat", fonts.bold, 16, TA_LEFT, spaceAfter=6),
        "hint": style("hint", fonts.italic, 11, TA_LEFT),
        "recipients_head": style("recipients_head", fonts.bold, 12, TA_LEFT),
        "recipients": style("recipients", fonts.regular, 11, TA_LEFT),
        "sign": style("sign", fonts.bold, 14),
    }


def _header(settings: LetterSettings, styles, fonts) -> Table:
    head = settings.letterhead
    left = []
    if head.upper_body:
        left.append(Paragraph(escape(head.upper_body.upper()), styles["upper"]))
    left += [Paragraph(escape(head.issuer.upper()), styles["issuer"]),
             HRFlowable(width=25 * mm, thickness=0.6, color=colors.black, spaceBefore=2, spaceAfter=2),
             Paragraph(escape(number_line(settings.number)), styles["number"])]
    motto_width = stringWidth(MOTTO, fonts.bold, 14)
    right = [Paragraph(NATION, styles["nation"]), Paragraph(MOTTO, styles["motto"]),
             HRFlowable(width=motto_width, thickness=0.6, color=colors.black, spaceBefore=1, spaceAfter=2),
             Paragraph(escape(head.place_date(settings.signed_on)), styles["date"])]
    table = Table([[left, right]], colWidths=[70 * mm, WIDTH - 70 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _body(settings: LetterSettings, letter: Letter, styles) -> list:
    values = {"co_quan_ban_hanh": settings.letterhead.issuer, "ong_ba": salutation(letter.gender),
              "ho_ten": letter.name, "chuc_vu": letter.position, "don_vi": letter.workplace,
              "hoi_nghi": settings.conference_name, "thoi_gian": settings.time_text, "dia_diem": settings.venue,
              "cho_ngoi": letter.seat}
    paragraphs = []
    for runs in fill_body(settings.body, values):
        markup = "".join(f"<b>{escape(run.text)}</b>" if run.bold else escape(run.text) for run in runs)
        paragraphs.append(Paragraph(markup, styles["body"]) if markup.strip() else Spacer(1, 6))
    return paragraphs


def _code_box(letter: Letter, styles) -> Table:
    image = Image(io.BytesIO(qr_png(letter.code, box_size=6)), width=34 * mm, height=34 * mm)
    text = [Paragraph("Mã dự phòng", styles["code_label"]), Paragraph(escape(letter.fallback), styles["code"])]
    if letter.seat:
        text.append(Paragraph(escape(f"Ghế {letter.seat}"), styles["seat"]))
    text.append(Paragraph("Xuất trình mã QR này tại bàn đón tiếp đại biểu; mã chỉ dùng cho người có tên trên "
                          "giấy mời.", styles["hint"]))
    box = Table([[image, text]], colWidths=[38 * mm, 82 * mm], hAlign="LEFT")
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 4), ("TOPPADDING", (0, 0), (-1, -1), 3),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return box


def _signature(settings: LetterSettings, styles) -> Table:
    head = settings.letterhead
    recipients = [Paragraph("Nơi nhận:", styles["recipients_head"])]
    recipients += [Paragraph(escape(line), styles["recipients"]) for line in settings.recipients.split("\n")
                   if line.strip()]
    sign = [Paragraph(escape(head.signature_for), styles["sign"]), Paragraph(escape(head.signer_title), styles["sign"]),
            Spacer(1, 24 * mm)]
    if head.signer_name:
        sign.append(Paragraph(escape(head.signer_name), styles["sign"]))
    table = Table([[recipients, sign]], colWidths=[75 * mm, WIDTH - 75 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "CENTER"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def letters_pdf(settings: LetterSettings, letters: Sequence[Letter]) -> bytes:
    """The letters as one PDF, one A4 page per letter, in the order given (an empty list gives one blank page).

    Raises `OSError` when the vendored fonts are missing (`conference.core.pdf.register_fonts`).
    """
    fonts = register_fonts()
    styles = _styles(fonts)
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, title="Giấy mời", author=settings.letterhead.issuer, **MARGINS)
    story: list = []
    for index, letter in enumerate(letters):
        if index:
            story.append(PageBreak())
        story += [_header(settings, styles, fonts), Paragraph(TITLE, styles["title"]),
                  *_body(settings, letter, styles), Spacer(1, 6),
                  KeepTogether([_code_box(letter, styles), Spacer(1, 8), _signature(settings, styles)])]
    if not story:
        story.append(Spacer(1, 1))
    document.build(story)
    return out.getvalue()


def first_page_png(pdf: bytes, dpi: int = PNG_DPI) -> bytes:
    """The first page of a PDF as PNG bytes at `dpi`, rendered with PDFium (pypdfium2: no poppler needed)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()

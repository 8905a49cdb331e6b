"""Word documents (.docx) in the official layout of Vietnamese administrative documents (python-docx; no Flask).

Layout source: Nghị định 30/2020/NĐ-CP, Phụ lục I. Page A4 (mục I.2), margins top 20 mm, bottom 20 mm, left 30 mm,
right 15 mm (mục I.4: 20–25 / 20–25 / 30–35 / 15–20); Times New Roman (mục I.3), the body in 14 pt and the cells
of a table in 13 pt (mục II.10.a: 13–14 pt); paragraphs at least 6 pt apart with single line spacing (mục II.10.a);
the page number at the top centre in 14 pt, not on the first page (mục I.5). The letterhead: the body above the
issuer (12 pt capitals) over the issuer (12 pt bold capitals) with a short centred rule under it (mục II.3),
"Số: …" in 13 pt (mục II.4); the national name (12 pt bold capitals) over the motto (13 pt bold) with a rule as
long as the motto (mục II.1–2); the place and date line in 14 pt italics (mục II.5). The kind of document in 14 pt
bold capitals with its summary in 14 pt bold and a short rule under it (mục II.6). "Nơi nhận:" 12 pt bold italic
over its lines in 11 pt (mục II.9); the signature block in 14 pt bold capitals, the signer's name in 14 pt bold
(mục II.8).

Callers pass plain strings (the letterhead's from `conference.conferences.letterhead.letterhead_of`) and get a
`docx.document.Document` to fill, then bytes from `to_bytes`.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from conference.core.textfit import text_width

__all__ = [
    "BODY_PT", "FONT", "MARGIN_MM", "MIME_TYPE", "MOTTO", "NATION", "TABLE_PT", "add_letterhead", "add_paragraph",
    "add_signature", "add_table", "add_title", "new_document", "to_bytes",
]

#: The media type of a .docx file (what `to_bytes` returns), for the response that sends it.
MIME_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
#: Point sizes (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II): body 14, table cells 13, letterhead capitals 12,
#: the motto 13, "Số: …" 13, "Nơi nhận:" 12 over 11.
BODY_PT, TABLE_PT, HEAD_PT, MOTTO_PT, NUMBER_PT, RECIPIENTS_HEAD_PT, RECIPIENTS_PT = 14, 13, 12, 13, 13, 12, 11
#: Page margins in millimetres (Phụ lục I, mục I.4) and the page number's distance from the top edge.
MARGIN_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
HEADER_MM = 10
PAGE_MM = (210, 297)
#: Width of the text between the margins, and the letterhead's two columns (left: issuer, right: national name).
TEXT_WIDTH_MM = PAGE_MM[0] - MARGIN_MM["left"] - MARGIN_MM["right"]
LETTERHEAD_COLUMNS_MM = (68, TEXT_WIDTH_MM - 68)
SIGNATURE_COLUMNS_MM = (80, TEXT_WIDTH_MM - 80)
#: Room Word and LibreOffice leave left and right of a cell's text (the default 0.08 inch each side).
CELL_MARGIN_MM = 1.9
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
#: Length of the rule under the issuer and under the title's summary, as a share of the text above it
#: (Phụ lục I, mục II.3 and II.6: from one third to one half of the line).
SHORT_RULE_SHARE = 0.4
#: Empty lines left for the handwritten signature and the seal.
SIGNATURE_SPACE_LINES = 4
POINT_MM = 25.4 / 72


def new_document() -> Document:
    """A new empty A4 document in the official layout: margins, Times New Roman 14 pt (Vietnamese set as the
    language), single line spacing with 6 pt after each paragraph, and the page number at the top centre from
    page 2 on (the first page's header is empty). Returns a `docx.document.Document`."""
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGIN_MM["top"]), Mm(MARGIN_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGIN_MM["left"]), Mm(MARGIN_MM["right"])
    section.header_distance = section.footer_distance = Mm(HEADER_MM)
    _set_default_font(doc)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.paragraph_format.space_after = Pt(0)
    _add_page_field(header)
    return doc


def add_letterhead(doc: Document, *, upper_body: str, issuer: str, number: str | None, place_date: str) -> None:
    """Add the two-column header: left the body above the issuer (`upper_body`, "" for none), the issuer in bold
    capitals with a short rule, then "Số: {number}" (no number line when `number` is None); right the national
    name, the motto with its rule, then `place_date` in italics (e.g. "Vĩnh Thuận, ngày 05 tháng 4 năm 2025",
    from `Letterhead.place_date`). Strings are printed as given, capitalised where the layout asks for it."""
    table = _borderless_table(doc, LETTERHEAD_COLUMNS_MM)
    left, right = table.rows[0].cells
    first = left.paragraphs[0]
    if upper_body:
        _write(first, upper_body.upper(), HEAD_PT)
        first = left.add_paragraph()
    _write(first, issuer.upper(), HEAD_PT, bold=True)
    _add_rule(left, _short_rule_mm(issuer.upper(), HEAD_PT, bold=True, column_mm=LETTERHEAD_COLUMNS_MM[0]),
              LETTERHEAD_COLUMNS_MM[0])
    if number is not None:
        _write(left.add_paragraph(), f"Số: {number}", NUMBER_PT, space_before=4)
    _write(right.paragraphs[0], NATION, HEAD_PT, bold=True)
    _write(right.add_paragraph(), MOTTO, MOTTO_PT, bold=True)
    _add_rule(right, text_width(MOTTO, MOTTO_PT, bold=True) * POINT_MM + 1, LETTERHEAD_COLUMNS_MM[1])
    _write(right.add_paragraph(), place_date, BODY_PT, italic=True, space_before=4)


def add_title(doc: Document, title: str, subtitle_lines: Sequence[str] = (), *, new_page: bool = False) -> None:
    """Add the kind of document (`title`, printed in bold capitals, e.g. "QUYẾT ĐỊNH") centred, then each of
    `subtitle_lines` (the summary, e.g. "Về việc khen thưởng …") in bold with a short rule under the last.
    `new_page`: the title starts a new page (an appendix after the signature)."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.page_break_before = new_page or None
    _write(paragraph, title.upper(), BODY_PT, bold=True, space_before=0 if new_page else 18)
    for line in subtitle_lines:
        _write(doc.add_paragraph(), line, BODY_PT, bold=True)
    if subtitle_lines:
        longest = max(text_width(line, BODY_PT, bold=True) for line in subtitle_lines) * POINT_MM
        _add_rule(doc, min(longest * SHORT_RULE_SHARE, TEXT_WIDTH_MM / 2), TEXT_WIDTH_MM)
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def add_paragraph(doc: Document, text: str = "", *, bold: bool = False, italic: bool = False,
                  align: str = "justify", indent: bool = True, size: float = BODY_PT) -> Paragraph:
    """Add a body paragraph: `align` one of "justify", "left", "center", "right"; `indent` gives the first line
    the usual 1 cm indent; `size` in points. Returns the `Paragraph` (more runs can be added to it)."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = _ALIGN[align]
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    if text:
        _run(paragraph, text, size, bold=bold, italic=italic)
    return paragraph


def add_table(doc: Document, headers: Sequence[str], rows: Iterable[Sequence[object]],
              widths_mm: Sequence[float], *, centered: Sequence[int] = (), size: float = TABLE_PT) -> Table:
    """Add a bordered table: one bold header row (repeated on every page), then `rows` (values printed with
    `str`, None as ""). `widths_mm` gives each column's width; the columns whose indexes are in `centered`
    (numbers, marks) are centred, the others left-aligned. Rows are never split across pages. Returns the
    `docx.table.Table`."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_grid(table, widths_mm)
    header = table.rows[0]
    _repeat_as_header(header)
    for index, (cell, text) in enumerate(zip(header.cells, headers, strict=True)):
        _fill_cell(cell, text, size, widths_mm[index], bold=True, align="center")
    for values in rows:
        row = table.add_row()
        _keep_row_together(row)
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            text = "" if value is None else str(value)
            _fill_cell(cell, text, size, widths_mm[index], align="center" if index in centered else "left")
    return table


def add_signature(doc: Document, *, recipients: Sequence[str], signature_for: str, signer_title: str,
                  signer_name: str | None) -> None:
    """Add "Nơi nhận:" (12 pt bold italic) with one 11 pt line per recipient (each printed after "- " unless it
    already starts with "-") on the left, and on the right the signature block: `signature_for` (e.g.
    "TM. BAN THƯỜNG VỤ"; "" for none) and `signer_title` in bold capitals, room for the signature and seal, then
    `signer_name` in bold (left blank when None)."""
    table = _borderless_table(doc, SIGNATURE_COLUMNS_MM)
    _keep_row_together(table.rows[0])  # the block moves to the next page whole, never split
    left, right = table.rows[0].cells
    head = left.paragraphs[0]
    _write(head, "Nơi nhận:", RECIPIENTS_HEAD_PT, bold=True, italic=True, align="left", space_before=12)
    for line in recipients:
        text = line if line.lstrip().startswith("-") else f"- {line}"
        _write(left.add_paragraph(), text, RECIPIENTS_PT, align="left")
    first = right.paragraphs[0]
    if signature_for:
        _write(first, signature_for.upper(), BODY_PT, bold=True, space_before=12)
        first = right.add_paragraph()
    _write(first, signer_title.upper(), BODY_PT, bold=True, space_before=0 if signature_for else 12)
    for _ in range(SIGNATURE_SPACE_LINES):
        _write(right.add_paragraph(), "", BODY_PT)
    _write(right.add_paragraph(), signer_name or "", BODY_PT, bold=True)


def to_bytes(doc: Document) -> bytes:
    """The .docx file of `doc` (bytes, ready to send as `MIME_TYPE`)."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


_ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "left": WD_ALIGN_PARAGRAPH.LEFT,
          "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def _set_default_font(doc: Document) -> None:
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "vi-VN")
    style.element.get_or_add_rPr().append(language)
    paragraph_format = style.paragraph_format
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(6)
    paragraph_format.line_spacing = 1.0


def _add_page_field(paragraph: Paragraph) -> None:
    """Append a PAGE field (the current page number) to `paragraph`, in the body size."""
    run = paragraph.add_run()
    run.font.size = Pt(BODY_PT)
    begin, instruction, separate, end = (OxmlElement("w:fldChar"), OxmlElement("w:instrText"),
                                         OxmlElement("w:fldChar"), OxmlElement("w:fldChar"))
    begin.set(qn("w:fldCharType"), "begin")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    separate.set(qn("w:fldCharType"), "separate")
    end.set(qn("w:fldCharType"), "end")
    shown = OxmlElement("w:t")
    shown.text = "2"
    for element in (begin, instruction, separate, shown, end):
        run._r.append(element)


def _run(paragraph: Paragraph, text: str, size: float, *, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold or None
    run.italic = italic or None
    return run


def _write(paragraph: Paragraph, text: str, size: float, *, bold: bool = False, italic: bool = False,
           align: str = "center", space_before: float = 0) -> None:
    """Fill a letterhead or signature paragraph: centred by default, no space after, its mark in `size`."""
    paragraph.alignment = _ALIGN[align]
    paragraph.paragraph_format.space_before = Pt(space_before)
    paragraph.paragraph_format.space_after = Pt(0)
    if text:
        _run(paragraph, text, size, bold=bold, italic=italic)
    _mark_size(paragraph, size)


def _mark_size(paragraph: Paragraph, size: float) -> None:
    """Set the size of the paragraph mark, which sets the height of an empty paragraph."""
    properties = paragraph._p.get_or_add_pPr()
    mark = properties.find(qn("w:rPr"))
    if mark is None:
        mark = OxmlElement("w:rPr")
        properties.append(mark)
    for name in ("w:sz", "w:szCs"):
        element = OxmlElement(name)
        element.set(qn("w:val"), str(round(size * 2)))
        mark.append(element)


def _short_rule_mm(text: str, size: float, *, bold: bool, column_mm: float) -> float:
    """Length of the rule under `text`: a share of its longest line as it wraps in a column `column_mm` wide."""
    line_mm = min(text_width(text, size, bold=bold) * POINT_MM, column_mm - 2 * CELL_MARGIN_MM)
    return line_mm * SHORT_RULE_SHARE


def _add_rule(container, length_mm: float, width_mm: float) -> None:
    """Add a thin paragraph whose bottom border is a centred horizontal rule `length_mm` long, inside a container
    (the document or a table cell) whose text is `width_mm` wide (cells lose their side margins)."""
    paragraph = container.add_paragraph()
    inner = width_mm - (2 * CELL_MARGIN_MM if isinstance(container, _Cell) else 0)
    side = max(0.0, (inner - length_mm) / 2)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    paragraph.paragraph_format.space_before = Pt(1)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(4)
    _mark_size(paragraph, 2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    properties = paragraph._p.get_or_add_pPr()
    # w:pBdr comes before w:spacing, w:ind and w:jc in a paragraph's properties (the schema's order).
    properties.insert(_position_before(properties, ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")),
                      borders)


def _position_before(properties, names: Sequence[str]) -> int:
    tags = {qn(name) for name in names}
    for index, child in enumerate(properties):
        if child.tag in tags:
            return index
    return len(properties)


def _borderless_table(doc: Document, widths_mm: Sequence[float]) -> Table:
    table = doc.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, width in zip(table.rows[0].cells, widths_mm, strict=True):
        cell.width = Mm(width)
    _set_grid(table, widths_mm)
    return table


def _set_grid(table: Table, widths_mm: Sequence[float]) -> None:
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)


def _fill_cell(cell: _Cell, text: str, size: float, width_mm: float, *, bold: bool = False,
               align: str = "left") -> None:
    cell.width = Mm(width_mm)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = _ALIGN[align]
        paragraph.paragraph_format.space_before = Pt(2)
        paragraph.paragraph_format.space_after = Pt(2)
        if line:
            _run(paragraph, line, size, bold=bold)
        _mark_size(paragraph, size)


def _repeat_as_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)
    _keep_row_together(row)


def _keep_row_together(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    properties.append(element)

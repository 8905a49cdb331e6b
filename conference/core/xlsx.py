"""One xlsx writer for every report: an official document sheet, a plain data sheet, a summary sheet.

Built with xlsxwriter in constant-memory mode (rows are written in order and flushed to a temporary file,
so a 100,000-row list stays small in memory). Strings are never turned into formulas, numbers or links
(`strings_to_formulas=False`, `strings_to_numbers=False`, `strings_to_urls=False`); every text value is
written with `write_string`, and text starting with =, +, - or @ also carries Excel's quote prefix, so
"=HYPERLINK(...)" stays plain text even when someone edits the cell (formula injection).

The official sheet follows the layout of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I):
issuing body top left (the upper-level body above, the issuer in bold, a short rule), the national motto
top right (CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc, with its rule), the number
and symbol, the place and date line in italics, the title in bold capitals, the table (header rows
repeated on every printed page, page numbers in the footer), a totals row, then "Nơi nhận" bottom left and
the signature block bottom right. A4 landscape, Times New Roman, columns fitted to the page width.
"""

from __future__ import annotations

import io
import math
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import xlsxwriter

FONT = "Times New Roman"
FORMULA_PREFIXES = ("=", "+", "-", "@")
A4 = 9


@dataclass
class Column:
    """One column of a table: header text, width (Excel characters), an optional group header above it.

    `centered` columns (numbers, marks "x") are centred in every row.
    """

    header: str
    width: float = 14
    group: str | None = None
    centered: bool = False


@dataclass
class OfficialDocument:
    """The first sheet: an administrative document with a table.

    Args:
        upper_body: the body above the issuer (printed above it, not bold); may be None.
        issuer: the issuing body, e.g. "Liên đoàn Lao động huyện Vĩnh Thuận" (printed in bold capitals).
        number: the number/symbol line, e.g. "Số: 12/DS-LĐLĐ".
        place_date: e.g. "Vĩnh Thuận, ngày 05 tháng 4 năm 2025" (see `place_date_line`).
        title: the title, printed in bold capitals; subtitle_lines are printed bold below it.
        columns, rows: the table; `rows` may be any re-iterable (it is read once).
        totals: the totals row (same length as columns) or None; summary: sentences below the table.
        recipients: the "Nơi nhận" lines; signature: e.g. ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"];
        signer_name: printed under the space for the signature.
    """

    issuer: str
    title: str
    columns: list[Column]
    rows: Iterable[Sequence]
    upper_body: str | None = None
    number: str = ""
    place_date: str = ""
    subtitle_lines: list[str] = field(default_factory=list)
    totals: Sequence | None = None
    summary: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    signer_name: str = ""
    sheet_name: str = "Văn bản"


@dataclass
class Table:
    """A plain sheet: one header row, no merged cells, then the rows (any re-iterable)."""

    name: str
    headers: list[str]
    rows: Iterable[Sequence]
    widths: list[float] = field(default_factory=list)


@dataclass
class Report:
    """What one download holds: the official document, then plain tables (data, summary counts)."""

    document: OfficialDocument
    tables: list[Table] = field(default_factory=list)


def place_date_line(place: str, day) -> str:
    """The place and date line of an administrative document: a day below 10 and the months 1 and 2 take a
    leading zero, other months none.

    Source: Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.5.b ("Đối với những số chỉ ngày nhỏ hơn 10 và tháng 1, 2
    thì phải ghi thêm số 0 ở trước"). `day` is a `date`. Examples: ("Vĩnh Thuận", date(2025, 4, 5)) →
    "Vĩnh Thuận, ngày 05 tháng 4 năm 2025"; date(2025, 2, 10) → "…, ngày 10 tháng 02 năm 2025".
    """
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would read `text` as a formula (starts with =, +, - or @)."""
    return text.startswith(FORMULA_PREFIXES)


class _Formats:
    """The workbook's cell formats, made once per workbook."""

    def __init__(self, book):
        base = {"font_name": FONT, "font_size": 12}
        add = book.add_format
        self.upper = add({**base, "align": "center"})
        self.issuer = add({**base, "bold": True, "align": "center"})
        self.nation = add({**base, "bold": True, "align": "center"})
        self.motto = add({**base, "bold": True, "align": "center", "font_size": 13})
        self.rule = add({**base, "align": "center", "valign": "top", "font_size": 8})
        self.number = add({**base, "align": "center"})
        self.date = add({**base, "italic": True, "align": "center"})
        self.title = add({**base, "bold": True, "align": "center", "valign": "vcenter", "font_size": 14,
                          "text_wrap": True})
        self.subtitle = add({**base, "bold": True, "align": "center", "valign": "top", "text_wrap": True})
        head = {**base, "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1,
                "font_size": 11}
        self.head = add(head)
        # A header cell spanning both header rows, drawn as two cells without the line between them
        # (constant-memory mode writes row by row, so vertical merges are not possible).
        self.head_top = add({**head, "bottom": 0, "valign": "bottom"})
        self.head_bottom = add({**head, "top": 0})
        cell = {**base, "font_size": 11, "valign": "top", "border": 1, "text_wrap": True}
        self.cell = add(cell)
        self.cell_text = add({**cell, "quote_prefix": True})
        self.num = add({**cell, "align": "center"})
        self.num_text = add({**cell, "align": "center", "quote_prefix": True})
        self.total = add({**cell, "bold": True, "align": "center"})
        self.total_label = add({**cell, "bold": True, "align": "center"})
        self.summary = add({**base, "italic": True, "text_wrap": True, "valign": "top"})
        self.recipients_head = add({**base, "bold": True, "italic": True, "font_size": 12})
        self.recipients = add({**base, "font_size": 11})
        self.sign = add({**base, "bold": True, "align": "center"})
        self.plain_head = add({"bold": True})
        self.plain_text = add({"quote_prefix": True})


def _write_value(ws, row: int, col: int, value, fmt_text, fmt_num, fmt_formula_like) -> None:
    """Write one cell: numbers as numbers, everything else as a string (never a formula)."""
    if value is None or value == "":
        if fmt_text is None:
            return
        ws.write_blank(row, col, None, fmt_text)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.write_number(row, col, value, fmt_num)
    else:
        text = str(value)
        ws.write_string(row, col, text, fmt_formula_like if is_formula_like(text) else fmt_text)


def _text_lines(text: str, width_chars: float) -> int:
    """Rough number of printed lines `text` needs in a cell `width_chars` wide (for row heights).

    Excel and LibreOffice do not grow rows for wrapped text on their own when opening a generated file,
    so the writer sets each row's height: about 1.15 Times New Roman characters per unit of column width.
    """
    per_line = max(width_chars * 1.2, 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _row_height(values: Sequence, widths: list[float], line_height: float = 13.2) -> float:
    """The height (points) of a table row whose longest cell needs the most lines."""
    lines = 1
    for value, width in zip(values, widths):
        if isinstance(value, str) and value:
            lines = max(lines, _text_lines(value, width))
    return line_height * lines + 3


def _span(ws, row: int, first: int, last: int, text: str, fmt) -> None:
    """Write `text` across columns first..last of one row (merged when more than one column)."""
    if last > first:
        ws.merge_range(row, first, row, last, text, fmt)
    else:
        ws.write_string(row, first, text, fmt)


def _write_document(book, fmts: _Formats, doc: OfficialDocument) -> None:
    ws = book.add_worksheet(doc.sheet_name[:31])
    ws.set_landscape()
    ws.set_paper(A4)
    ws.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.7)
    ws.center_horizontally()
    ws.fit_to_pages(1, 0)  # all columns on the page width, as many pages down as needed
    ws.set_start_page(1)
    ws.set_footer(f"&C&\"{FONT},Regular\"&10Trang &P")
    widths = [c.width for c in doc.columns]
    centered = [c.centered for c in doc.columns]
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    last = len(doc.columns) - 1
    total_width = sum(widths)
    # Left block (issuing body, number) over about 40 % of the width; right block (motto, date) the rest.
    split, running = 0, 0.0
    for col, width in enumerate(widths[:-1]):
        running += width
        split = col
        if running >= total_width * 0.4:
            break
    left_width = sum(widths[: split + 1])

    row = 0
    _span(ws, row, 0, split, (doc.upper_body or "").upper(), fmts.upper)
    _span(ws, row, split + 1, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", fmts.nation)
    row += 1
    _span(ws, row, 0, split, doc.issuer.upper(), fmts.issuer)
    _span(ws, row, split + 1, last, "Độc lập - Tự do - Hạnh phúc", fmts.motto)
    row += 1
    # The short rules under the issuer (about a third of its line) and under the motto (its full length).
    ws.set_row(row, 9)
    _span(ws, row, 0, split, "\u2500" * max(6, int(left_width * 0.18)), fmts.rule)
    _span(ws, row, split + 1, last, "\u2500" * 28, fmts.rule)
    row += 1
    _span(ws, row, 0, split, doc.number, fmts.number)
    _span(ws, row, split + 1, last, doc.place_date, fmts.date)
    row += 2
    ws.set_row(row, 20 * _text_lines(doc.title, total_width * 0.8))
    _span(ws, row, 0, last, doc.title.upper(), fmts.title)
    row += 1
    for line in doc.subtitle_lines:
        ws.set_row(row, 16.5 * _text_lines(line, total_width * 0.95))
        _span(ws, row, 0, last, line, fmts.subtitle)
        row += 1
    row += 1

    header_top = row
    two_levels = any(c.group for c in doc.columns)
    header_lines = max(_text_lines(c.header, c.width) for c in doc.columns if not c.group)
    ws.set_row(row, 14 * header_lines + 4)
    if two_levels:
        col = 0
        while col <= last:
            group = doc.columns[col].group
            if group:
                end = col
                while end + 1 <= last and doc.columns[end + 1].group == group:
                    end += 1
                _span(ws, row, col, end, group, fmts.head)
                col = end + 1
            else:
                ws.write_string(row, col, doc.columns[col].header, fmts.head_top)
                col += 1
        row += 1
        ws.set_row(row, 18)
        for col, column in enumerate(doc.columns):
            if column.group:
                ws.write_string(row, col, column.header, fmts.head)
            else:
                ws.write_blank(row, col, None, fmts.head_bottom)
    else:
        for col, column in enumerate(doc.columns):
            ws.write_string(row, col, column.header, fmts.head)
    ws.repeat_rows(header_top, row)
    row += 1

    for values in doc.rows:
        ws.set_row(row, _row_height(values, widths))
        for col, value in enumerate(values):
            if centered[col]:
                _write_value(ws, row, col, value, fmts.num, fmts.num, fmts.num_text)
            else:
                _write_value(ws, row, col, value, fmts.cell, fmts.num, fmts.cell_text)
        row += 1
    if doc.totals is not None:
        for col, value in enumerate(doc.totals):
            _write_value(ws, row, col, value, fmts.total_label, fmts.total, fmts.total_label)
        row += 1
    for sentence in doc.summary:
        row += 1
        ws.set_row(row, 16.5 * _text_lines(sentence, total_width))
        _span(ws, row, 0, last, sentence, fmts.summary)
    row += 2

    # Bottom: Nơi nhận on the left, the signature block on the right, side by side.
    sign_lines = [(text, fmts.sign) for text in doc.signature] + [("", None)] * 4
    sign_lines.append((doc.signer_name, fmts.sign))
    left_lines = [("Nơi nhận:", fmts.recipients_head)] + [(text, fmts.recipients) for text in doc.recipients]
    for index in range(max(len(sign_lines), len(left_lines))):
        if index < len(left_lines):
            text, fmt = left_lines[index]
            _span(ws, row, 0, split, text, fmt)
        if index < len(sign_lines) and sign_lines[index][1] is not None:
            text, fmt = sign_lines[index]
            _span(ws, row, split + 1, last, text, fmt)
        row += 1


def _write_table(book, fmts: _Formats, table: Table) -> None:
    ws = book.add_worksheet(table.name[:31])
    ws.set_landscape()
    ws.set_paper(A4)
    ws.set_start_page(1)
    ws.set_footer("&C&A - Trang &P")
    for col, width in enumerate(table.widths):
        ws.set_column(col, col, width)
    for col, header in enumerate(table.headers):
        ws.write_string(0, col, header, fmts.plain_head)
    ws.freeze_panes(1, 0)
    row = 1
    for values in table.rows:
        for col, value in enumerate(values):
            _write_value(ws, row, col, value, None, None, fmts.plain_text)
        row += 1


def write_report(report: Report, *, constant_memory: bool = True) -> bytes:
    """Write `report` to an xlsx file and return its bytes.

    Sheets, in order: the official document, then each plain table. With `constant_memory` (the default)
    xlsxwriter flushes each row to a temporary file as soon as the next row starts, so memory stays flat
    however many rows there are; rows must then come in order, which this writer guarantees.
    """
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="conference-xlsx-") as tmpdir:
        book = xlsxwriter.Workbook(buffer, {
            "constant_memory": constant_memory, "tmpdir": tmpdir, "strings_to_formulas": False,
            "strings_to_numbers": False, "strings_to_urls": False,
        })
        fmts = _Formats(book)
        _write_document(book, fmts, report.document)
        for table in report.tables:
            _write_table(book, fmts, table)
        book.close()
    return buffer.getvalue()

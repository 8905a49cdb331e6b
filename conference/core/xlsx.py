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
the signature block bottom right. A4 landscape, Times New Roman, columns fitted to the page width. The writer
breaks the pages itself (`_page_breaks`, from the row heights it sets): the last rows of the table, its totals,
the summary and the signature block always print on one page, so no page shows the repeated table header with
nothing under it, and no signature block is split.
"""

from __future__ import annotations

import io
import itertools
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import xlsxwriter

from conference.core import textfit

FONT = "Times New Roman"
#: Point sizes of the official sheet (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II): the text around the table
#: 13 pt (the title 14 pt bold), the issuing body and the national motto's first line 12 pt, "Nơi nhận" 12 pt
#: bold italic over its list in 11 pt; the table's cells 11 pt, where the columns need the room.
TEXT_PT, TITLE_PT, HEAD_PT, CELL_PT, RECIPIENTS_HEAD_PT, RECIPIENTS_PT = 13, 14, 12, 11, 12, 11
#: Page margins in millimetres (Phụ lục I, mục I.4: top and bottom 20–25, left 30–35, right 15–20) and the
#: distance of the page number from the top edge.
MARGIN_MM = {"left": 30, "right": 17, "top": 22, "bottom": 22}
HEADER_MM = 10
#: Share of a merged text block's width the writer fills when it breaks the block's lines itself (`_lines`).
BLOCK_FILL = 0.95
#: A4 landscape, in millimetres: the official sheet's page.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 297, 210
#: Share of the printable height the writer fills before it breaks the page. The rest (about 7 points) absorbs a
#: spreadsheet laying rows out a little taller than measured (LibreOffice fits up to ~2 points less than the
#: page's height), so it never adds a break of its own before the writer's.
PAGE_FILL = 0.985
#: Table rows kept on the page of the totals, the summary and the signature block.
KEEP_ROWS = 2
#: Most manual page breaks a sheet may hold (Excel's limit, as xlsxwriter applies it).
MAX_PAGE_BREAKS = 1023
#: Height in points of a row the writer leaves at the default height (xlsxwriter's 20 pixels).
DEFAULT_ROW_PT = 15.0
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
    """A plain sheet: one header row, no merged cells, then the rows (any re-iterable).

    Numbers stand right in their cells (the spreadsheet's default), and so does the header of a column whose first
    row holds a number (an int or a float)."""

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
    day_part, month, year = date_parts(day)
    return f"{place}, ngày {day_part} tháng {month} năm {year}"


def date_parts(day) -> tuple[str, str, str]:
    """(day, month, year) of a `date` as administrative documents write them: a day below 10 and the months 1 and
    2 with a leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.5.b): date(2025, 2, 5) → ("05", "02",
    "2025"), date(2025, 4, 10) → ("10", "4", "2025")."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}", month, str(day.year)


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would read `text` as a formula (starts with =, +, - or @)."""
    return text.startswith(FORMULA_PREFIXES)


class _Formats:
    """The workbook's cell formats, made once per workbook (sizes: the constants above)."""

    def __init__(self, book):
        base = {"font_name": FONT, "font_size": TEXT_PT}
        add = book.add_format
        block = {**base, "font_size": HEAD_PT, "align": "center", "valign": "top", "text_wrap": True}
        self.upper = add(block)
        self.issuer = add({**block, "bold": True})
        self.nation = add({**block, "bold": True})
        self.motto = add({**block, "bold": True, "font_size": TEXT_PT})
        self.rule = add({**base, "align": "center", "valign": "top", "font_size": 8})
        self.number = add({**base, "align": "center", "valign": "top", "text_wrap": True})
        self.date = add({**base, "italic": True, "align": "center", "valign": "top", "text_wrap": True})
        self.title = add({**base, "bold": True, "align": "center", "valign": "vcenter", "font_size": TITLE_PT,
                          "text_wrap": True})
        self.subtitle = add({**base, "bold": True, "align": "center", "valign": "top", "text_wrap": True})
        head = {**base, "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1,
                "font_size": CELL_PT}
        self.head = add(head)
        # A header cell spanning both header rows, drawn as two cells without the line between them
        # (constant-memory mode writes row by row, so vertical merges are not possible).
        self.head_top = add({**head, "bottom": 0, "valign": "bottom"})
        self.head_bottom = add({**head, "top": 0})
        cell = {**base, "font_size": CELL_PT, "valign": "top", "border": 1, "text_wrap": True}
        self.cell = add(cell)
        self.cell_text = add({**cell, "quote_prefix": True})
        self.num = add({**cell, "align": "center"})
        self.num_text = add({**cell, "align": "center", "quote_prefix": True})
        self.total = add({**cell, "bold": True, "align": "center"})
        self.total_label = add({**cell, "bold": True, "align": "center"})
        self.summary = add({**base, "italic": True, "text_wrap": True, "valign": "top"})
        self.recipients_head = add({**base, "bold": True, "italic": True, "font_size": RECIPIENTS_HEAD_PT})
        self.recipients = add({**base, "font_size": RECIPIENTS_PT})
        self.sign = add({**base, "bold": True, "align": "center"})
        self.plain_head = add({"bold": True, "text_wrap": True, "valign": "top"})
        # The header of a number column stands right, over its numbers (right-aligned by the spreadsheet).
        self.plain_head_number = add({"bold": True, "text_wrap": True, "valign": "top", "align": "right"})
        self.plain_cell = add({"text_wrap": True, "valign": "top"})
        self.plain_text = add({"quote_prefix": True, "text_wrap": True, "valign": "top"})


def _is_number(value) -> bool:
    """True for a value the writer writes as a number (an int or a float, not a bool)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _write_value(ws, row: int, col: int, value, fmt_text, fmt_num, fmt_formula_like) -> None:
    """Write one cell: numbers as numbers, everything else as a string (never a formula)."""
    if value is None or value == "":
        if fmt_text is None:
            return
        ws.write_blank(row, col, None, fmt_text)
    elif _is_number(value):
        ws.write_number(row, col, value, fmt_num)
    else:
        text = str(value)
        ws.write_string(row, col, text, fmt_formula_like if is_formula_like(text) else fmt_text)


def _fit_row(values: Sequence, widths: list[float], bold: bool = False) -> tuple[list, float]:
    """The values of one table row as they fit their cells (`textfit.fit_cell`: text cut with "…" only past the
    tallest row), and the row's height in points from the real font's measures."""
    lines, fitted = 1, []
    for value, width in zip(values, widths):
        if isinstance(value, str) and value:
            value, needed = textfit.fit_cell(value, width, CELL_PT, bold)
            lines = max(lines, needed)
        fitted.append(value)
    return fitted, textfit.lines_height(lines, CELL_PT)


def _text_height(text: str, width: float, size: float, bold: bool = False, italic: bool = False) -> float:
    """Height in points of `text` wrapped in `width` points at `size` points (a merged block of the sheet)."""
    lines = textfit.wrap(text, max(width - 2 * textfit.CELL_INSET, 1.0), size, bold, italic)
    return textfit.lines_height(len(lines), size)


def _span(ws, row: int, first: int, last: int, text: str, fmt) -> None:
    """Write `text` across columns first..last of one row (merged when more than one column)."""
    if last > first:
        ws.merge_range(row, first, row, last, text, fmt)
    else:
        ws.write_string(row, first, text, fmt)


def _inches(mm: float) -> float:
    return mm / 25.4


def _page_widths(columns: list[Column], totals: Sequence | None = None) -> list[float]:
    """Column widths (Excel's unit) scaled so the table fills the printable width of the page at 100 %: the
    sheet is never shrunk to fit, so its text prints at its real size. No column gets narrower than the
    longest word of its header or of its totals cell (both bold), so none of them is broken between letters."""
    usable = (PAGE_WIDTH_MM - MARGIN_MM["left"] - MARGIN_MM["right"]) / 25.4 * 72 - 2  # points, a hair to spare
    totals = list(totals) if totals is not None else [""] * len(columns)
    floors = [max((textfit.text_width(w, CELL_PT, bold=True) for w in f"{c.header} {total or ''}".split()),
                  default=0.0) + 2 * textfit.CELL_INSET + 3 for c, total in zip(columns, totals)]
    wanted = [max(c.width, 1.0) for c in columns]
    points = [usable * w / sum(wanted) for w in wanted]
    for _ in range(len(columns)):  # raise the columns below their floor, take the room from the others
        short = [i for i, p in enumerate(points) if p < floors[i] - 0.01]
        if not short:
            break
        for i in short:
            points[i] = floors[i]
        free = [i for i in range(len(columns)) if points[i] > floors[i] + 0.01]
        room = usable - sum(points)
        spread = sum(points[i] for i in free)
        for i in free:
            points[i] += room * points[i] / spread if spread else 0
    return [textfit.chars_for_points(p) for p in points]


def _lines(text: str, width: float, size: float, bold: bool = False, italic: bool = False) -> str:
    """`text` with a line break wherever it wraps in a block `width` points wide, measured a little narrower
    than the block: a spreadsheet that lays the text out a hair wider than it prints it then still breaks at the
    same places, and no line runs past the block's edge on paper."""
    return "\n".join(textfit.wrap(text, max(width * BLOCK_FILL - 2 * textfit.CELL_INSET, 1.0), size, bold, italic))


def _write_document(book, fmts: _Formats, doc: OfficialDocument) -> None:
    ws = book.add_worksheet(doc.sheet_name[:31])
    ws.set_landscape()
    ws.set_paper(A4)
    ws.set_margins(**{side: _inches(mm) for side, mm in MARGIN_MM.items()})
    ws.center_horizontally()
    ws.set_start_page(1)
    # The page number at the top centre from the second page on (the first page's header is left empty by
    # `_first_page_without_header` after the workbook is written: xlsxwriter cannot say it).
    ws.set_header(f'&C&"{FONT},Regular"&{TEXT_PT}&P', {"margin": _inches(HEADER_MM)})
    heights: dict[int, float] = {}  # row → height in points of every row given one (for `_page_breaks`)

    def set_height(row: int, height: float) -> None:
        ws.set_row(row, height)
        heights[row] = 0.75 * int(height * 4 / 3 + 0.5)  # as the file holds it: xlsxwriter rounds to whole pixels

    widths = _page_widths(doc.columns, doc.totals)
    points = [textfit.column_points(w) for w in widths]
    centered = [c.centered for c in doc.columns]
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    last = len(doc.columns) - 1
    total_points = sum(points)
    # Left block (issuing body, number) over about 40 % of the width; right block (motto, date) the rest.
    split, running = 0, 0.0
    for col, width in enumerate(points[:-1]):
        running += width
        split = col
        if running >= total_points * 0.4:
            break
    left_points = sum(points[: split + 1])
    right_points = total_points - left_points

    def block_row(row: int, left: tuple[str, object, float, bool], right: tuple[str, object, float, bool],
                  italic: bool = False) -> None:
        """One row of the two header blocks, as tall as the taller of its two texts."""
        (left_text, left_fmt, left_size, left_bold), (right_text, right_fmt, right_size, right_bold) = left, right
        left_text = _lines(left_text, left_points, left_size, left_bold)
        right_text = _lines(right_text, right_points, right_size, right_bold, italic)
        set_height(row, max(textfit.lines_height(left_text.count("\n") + 1, left_size),
                            textfit.lines_height(right_text.count("\n") + 1, right_size)))
        _span(ws, row, 0, split, left_text, left_fmt)
        _span(ws, row, split + 1, last, right_text, right_fmt)

    row = 0
    block_row(row, ((doc.upper_body or "").upper(), fmts.upper, HEAD_PT, False),
              ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", fmts.nation, HEAD_PT, True))
    row += 1
    block_row(row, (doc.issuer.upper(), fmts.issuer, HEAD_PT, True),
              ("Độc lập - Tự do - Hạnh phúc", fmts.motto, TEXT_PT, True))
    row += 1
    # The short rules under the issuer (about a third of its line) and under the motto (its full length).
    set_height(row, 9)
    _span(ws, row, 0, split, "\u2500" * max(6, int(left_points / 5.5 * 0.3)), fmts.rule)
    _span(ws, row, split + 1, last, "\u2500" * 28, fmts.rule)
    row += 1
    block_row(row, (doc.number, fmts.number, TEXT_PT, False), (doc.place_date, fmts.date, TEXT_PT, False),
              italic=True)
    row += 2
    title = _lines(doc.title.upper(), total_points, TITLE_PT, True)
    set_height(row, textfit.lines_height(title.count("\n") + 1, TITLE_PT))
    _span(ws, row, 0, last, title, fmts.title)
    row += 1
    for line in doc.subtitle_lines:
        line = _lines(line, total_points, TEXT_PT, True)
        set_height(row, textfit.lines_height(line.count("\n") + 1, TEXT_PT))
        _span(ws, row, 0, last, line, fmts.subtitle)
        row += 1
    row += 1

    header_top = row
    two_levels = any(c.group for c in doc.columns)
    set_height(row, max(_text_height(c.header, p, CELL_PT, True)
                        for c, p in zip(doc.columns, points) if not c.group))
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
        set_height(row, max(_text_height(c.header, p, CELL_PT, True)
                            for c, p in zip(doc.columns, points) if c.group))
        for col, column in enumerate(doc.columns):
            if column.group:
                ws.write_string(row, col, column.header, fmts.head)
            else:
                ws.write_blank(row, col, None, fmts.head_bottom)
    else:
        for col, column in enumerate(doc.columns):
            ws.write_string(row, col, column.header, fmts.head)
    ws.repeat_rows(header_top, row)
    titles = range(header_top, row + 1)
    row += 1

    first_row = row
    for values in doc.rows:
        values, height = _fit_row(values, points)
        set_height(row, height)
        for col, value in enumerate(values):
            if centered[col]:
                _write_value(ws, row, col, value, fmts.num, fmts.num, fmts.num_text)
            else:
                _write_value(ws, row, col, value, fmts.cell, fmts.num, fmts.cell_text)
        row += 1
    keep_from = max(first_row, row - KEEP_ROWS)
    if doc.totals is not None:
        totals, height = _fit_row(doc.totals, points, bold=True)
        set_height(row, height)
        for col, value in enumerate(totals):
            _write_value(ws, row, col, value, fmts.total_label, fmts.total, fmts.total_label)
        row += 1
    for sentence in doc.summary:
        row += 1
        sentence = _lines(sentence, total_points, TEXT_PT, italic=True)
        set_height(row, textfit.lines_height(sentence.count("\n") + 1, TEXT_PT))
        _span(ws, row, 0, last, sentence, fmts.summary)
    row += 2

    # Bottom: Nơi nhận on the left, the signature block on the right, side by side.
    sign_lines = [(text, fmts.sign) for text in doc.signature] + [("", None)] * 4
    sign_lines.append((doc.signer_name, fmts.sign))
    left_lines = [("Nơi nhận:", fmts.recipients_head)] + [(text, fmts.recipients) for text in doc.recipients]
    for index in range(max(len(sign_lines), len(left_lines))):
        written = False
        if index < len(left_lines):
            text, fmt = left_lines[index]
            _span(ws, row, 0, split, text, fmt)
            written = True
        if index < len(sign_lines) and sign_lines[index][1] is not None:
            text, fmt = sign_lines[index]
            _span(ws, row, split + 1, last, text, fmt)
            written = True
        # The empty rows left for the signature keep the default height: constant-memory mode drops a row
        # without cells, and its height with it.
        if written:
            set_height(row, textfit.lines_height(1, TEXT_PT))
        row += 1
    ws.set_h_pagebreaks(_page_breaks([heights.get(r, DEFAULT_ROW_PT) for r in range(row)], titles, keep_from))


def _page_breaks(heights: Sequence[float], titles: range, keep_from: int) -> list[int]:
    """The rows that begin a new printed page of the official sheet (0-based, for `set_h_pagebreaks`).

    `heights`: every row's height in points, top to bottom; `titles`: the table's header rows, printed again at
    the top of every later page; `keep_from`: the first row that must print on one page with every row after it
    (the table's last `KEEP_ROWS` rows, its totals, the summary, the signature block). Each page is filled up to
    `PAGE_FILL` of the printable height of A4 landscape within `MARGIN_MM`; the kept rows begin a page of their
    own when they do not fit under the rows above (and do fit a page). Every page is broken by the writer, so
    Excel and LibreOffice print the same pages whatever the small differences in their layout; past
    `MAX_PAGE_BREAKS` pages the first pages are left to the spreadsheet.
    """
    body = (PAGE_HEIGHT_MM - MARGIN_MM["top"] - MARGIN_MM["bottom"]) / 25.4 * 72 * PAGE_FILL
    title = sum(heights[r] for r in titles)
    kept = sum(heights[keep_from:])
    breaks, used, room = [], 0.0, body
    for row, height in enumerate(heights):
        too_tall = used + height > room
        if row == keep_from and used + kept > room and title + kept <= body:
            too_tall = True
        if too_tall and used > 0:
            breaks.append(row)
            used, room = 0.0, body - title
        used += height
    return breaks[-MAX_PAGE_BREAKS:]


def _wrapped_height(values: Sequence, widths: Sequence[float], bold: bool = False) -> float | None:
    """The height in points of a plain sheet's row whose wrapped text takes more than one line (the real font's
    measures; at most the tallest row, the cell keeping its whole text), else None (the default height)."""
    lines = 1
    for value, width in zip(values, widths):
        if not isinstance(value, str) or not value:
            continue
        room = textfit.column_points(width) - 2 * textfit.CELL_INSET
        if "\n" not in value and len(value) * CELL_PT <= room:  # no letter is wider than an em: one line
            continue
        lines = max(lines, len(textfit.wrap(value, room, CELL_PT, bold)))
    return min(textfit.lines_height(lines, CELL_PT), textfit.MAX_ROW_HEIGHT) if lines > 1 else None


def _write_table(book, fmts: _Formats, table: Table) -> None:
    ws = book.add_worksheet(table.name[:31])
    ws.set_landscape()
    ws.set_paper(A4)
    ws.set_start_page(1)
    ws.set_footer("&C&A - Trang &P")
    for col, width in enumerate(table.widths):
        ws.set_column(col, col, width)
    rows = iter(table.rows)
    first = next(rows, None)
    numbers = [_is_number(value) for value in first] if first is not None else []
    for col, header in enumerate(table.headers):
        number = col < len(numbers) and numbers[col]
        ws.write_string(0, col, header, fmts.plain_head_number if number else fmts.plain_head)
    if height := _wrapped_height(table.headers, table.widths, bold=True):
        ws.set_row(0, height)
    ws.freeze_panes(1, 0)
    # Printed: as wide as the page (as tall as it takes), the header row on every page, each cell's text wrapped.
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    row = 1
    for values in itertools.chain([first] if first is not None else [], rows):
        if height := _wrapped_height(values, table.widths):
            ws.set_row(row, height)
        for col, value in enumerate(values):
            _write_value(ws, row, col, value, fmts.plain_cell, fmts.plain_cell, fmts.plain_text)
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
            # The default font sets the unit of column widths (its digit width, 7 px for 11 pt Times New Roman
            # as for Calibri): Excel and LibreOffice then agree on every width, whatever fonts the machine has.
            "default_format_properties": {"font_name": FONT, "font_size": CELL_PT},
        })
        fmts = _Formats(book)
        _write_document(book, fmts, report.document)
        for table in report.tables:
            _write_table(book, fmts, table)
        book.close()
    return _first_page_without_header(buffer.getvalue())


_HEADER_FOOTER, _FIRST_PAGE_APART = b"<headerFooter", b'<headerFooter differentFirst="1"'


def _first_page_without_header(xlsx: bytes, sheet: str = "xl/worksheets/sheet1.xml") -> bytes:
    """`xlsx` with the official sheet's header left off its first page: `differentFirst="1"` on the sheet's
    <headerFooter> and no <firstHeader> (ECMA-376 Part 1, 18.3.1.46), so the page number stands at the top
    of the second page on and not on the first (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.11). xlsxwriter has
    no option for it: the sheet's XML is rewritten in the zip as a stream (a 100,000-row sheet is never held in
    memory), every other part copied as it was."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            with source.open(info) as reader, target.open(info, "w") as writer:
                if info.filename == sheet:
                    _copy_replacing_once(reader, writer, _HEADER_FOOTER, _FIRST_PAGE_APART)
                else:
                    shutil.copyfileobj(reader, writer)
    return out.getvalue()


def _copy_replacing_once(reader, writer, old: bytes, new: bytes, chunk: int = 1 << 20) -> None:
    """Copy `reader` to `writer` with the first `old` replaced by `new`, a chunk at a time."""
    pending, done = b"", False
    while block := reader.read(chunk):
        pending += block
        if not done and (at := pending.find(old)) >= 0:
            pending, done = pending[:at] + new + pending[at + len(old):], True
        keep = 0 if done else len(old) - 1  # an `old` split across two chunks is found with the next one
        writer.write(pending[:len(pending) - keep])
        pending = pending[len(pending) - keep:]
    writer.write(pending)

"""One xlsx writer for every report: (headers, rows) plus a title block, written with xlsxwriter.

Strings are never turned into formulas or numbers (`strings_to_formulas=False`,
`strings_to_numbers=False`, `strings_to_urls=False`), and text that a spreadsheet would read as a
formula (starting with =, +, -, @) is written with `write_string`, so a name like "=HYPERLINK(...)"
stays plain text (formula injection).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import xlsxwriter


@dataclass
class Sheet:
    """A report: the title lines above the table, the column headers, widths and the rows.

    `group_headers` optionally spans two-level headers: [(label, first_col, last_col)]; columns not
    covered keep their single header merged over both header rows.
    """

    title_lines: list[str]
    headers: list[str]
    rows: list[Sequence]
    widths: list[float]
    group_headers: list[tuple[str, int, int]] = field(default_factory=list)
    issuer_lines: list[str] = field(default_factory=list)
    sheet_name: str = "Danh sách"


def write_xlsx(sheet: Sheet) -> bytes:
    """Write `sheet` to an xlsx file in memory and return its bytes (A4 landscape, Times New Roman)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    base = {"font_name": "Times New Roman", "font_size": 12}
    fmt_issuer = book.add_format({**base, "bold": True, "align": "center"})
    fmt_title = book.add_format({**base, "bold": True, "align": "center", "font_size": 14})
    fmt_sub = book.add_format({**base, "italic": True, "align": "center"})
    fmt_head = book.add_format({**base, "bold": True, "align": "center", "valign": "vcenter", "border": 1,
                                "text_wrap": True})
    fmt_cell = book.add_format({**base, "valign": "top", "border": 1, "text_wrap": True})
    fmt_num = book.add_format({**base, "valign": "top", "border": 1, "align": "center"})

    ws = book.add_worksheet(sheet.sheet_name[:31])
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.fit_to_pages(1, 0)
    last_col = len(sheet.headers) - 1
    for col, width in enumerate(sheet.widths):
        ws.set_column(col, col, width)

    row = 0
    for line in sheet.issuer_lines:
        ws.merge_range(row, 0, row, min(3, last_col), line, fmt_issuer)
        row += 1
    if sheet.issuer_lines:
        row += 1
    for i, line in enumerate(sheet.title_lines):
        ws.merge_range(row, 0, row, last_col, line, fmt_title if i == 0 else fmt_sub)
        row += 1
    row += 1

    header_top = row
    two_levels = bool(sheet.group_headers)
    covered = set()
    for label, first, last in sheet.group_headers:
        ws.merge_range(header_top, first, header_top, last, label, fmt_head)
        for col in range(first, last + 1):
            ws.write_string(header_top + 1, col, sheet.headers[col], fmt_head)
            covered.add(col)
    for col, label in enumerate(sheet.headers):
        if col in covered:
            continue
        if two_levels:
            ws.merge_range(header_top, col, header_top + 1, col, label, fmt_head)
        else:
            ws.write_string(header_top, col, label, fmt_head)
    header_bottom = header_top + (1 if two_levels else 0)
    ws.repeat_rows(header_top, header_bottom)
    ws.set_footer("&CTrang &P/&N")

    row = header_bottom + 1
    for values in sheet.rows:
        for col, value in enumerate(values):
            if value is None or value == "":
                ws.write_blank(row, col, None, fmt_cell)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(row, col, value, fmt_num)
            else:
                ws.write_string(row, col, str(value), fmt_cell)
        row += 1
    book.close()
    return buffer.getvalue()

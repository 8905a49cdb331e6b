"""A downloadable xlsx template to fill and upload (xlsxwriter; no Flask): the data sheet with its headers,
header notes and dropdowns, the instructions sheet, and the lists sheet the dropdowns read (a list longer than
255 characters cannot be written inline in Excel's data validation).

The reader of the filled file is `conference.core.spreadsheet.read_table` with the cell checks of
`conference.core.sheetrows`; the sheet names given here are the only ones it accepts.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from conference.core.sheetrows import Column

#: Rows prepared with dropdowns (the reader accepts up to spreadsheet.MAX_ROWS).
TEMPLATE_ROWS = 1000


@dataclass(frozen=True)
class TemplateSpec:
    """What a template holds.

    `dropdowns`: column key → name of a list in `lists` (a value outside it is refused by Excel);
    `multi_dropdowns`: the same for columns that may hold several items separated by ";" (Excel only informs,
    the upload checks each item); `lengths`: column key → most characters; `wrap`: keys of columns whose cells
    wrap; `instructions`: lines of the instructions sheet as (text, style) with style "title", "bold" or None.
    """

    data_sheet: str
    instructions_sheet: str
    lists_sheet: str
    columns: Sequence[Column]
    lists: dict[str, list[str]] = field(default_factory=dict)
    dropdowns: dict[str, str] = field(default_factory=dict)
    multi_dropdowns: dict[str, str] = field(default_factory=dict)
    lengths: dict[str, int] = field(default_factory=dict)
    wrap: frozenset[str] = frozenset()
    instructions: Sequence[tuple[str, str | None]] = ()


def build_template(spec: TemplateSpec) -> bytes:
    """The template as xlsx bytes (strings are never turned into formulas or links)."""
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                  "valign": "vcenter"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    styles = {"title": workbook.add_format({"bold": True, "font_size": 14}), "bold": workbook.add_format({"bold": True})}

    sheet = workbook.add_worksheet(spec.data_sheet)
    instructions = workbook.add_worksheet(spec.instructions_sheet)
    lists = workbook.add_worksheet(spec.lists_sheet)

    index = {c.key: i for i, c in enumerate(spec.columns)}
    for i, column in enumerate(spec.columns):
        sheet.write_string(0, i, column.header, header)
        sheet.set_column(i, i, column.width, wrap if column.key in spec.wrap else None)
        if column.note:
            sheet.write_comment(0, i, column.note)
    sheet.set_row(0, 32)
    sheet.freeze_panes(1, 0)

    ranges = {}
    for i, (name, values) in enumerate(spec.lists.items()):
        lists.write_string(0, i, name, styles["bold"])
        for r, value in enumerate(values, start=1):
            lists.write_string(r, i, value)
        letter = xl_col_to_name(i)
        ranges[name] = f"='{spec.lists_sheet}'!${letter}$2:${letter}${max(len(values), 1) + 1}"
    lists.set_column(0, max(len(spec.lists) - 1, 0), 30)

    for key, source in spec.dropdowns.items():
        sheet.data_validation(1, index[key], TEMPLATE_ROWS, index[key], {
            "validate": "list", "source": ranges[source], "error_title": "Giá trị không hợp lệ",
            "error_message": "Hãy chọn một giá trị trong danh sách.",
        })
    for key, source in spec.multi_dropdowns.items():
        sheet.data_validation(1, index[key], TEMPLATE_ROWS, index[key], {
            "validate": "list", "source": ranges[source], "error_type": "information",
            "error_title": "Nhiều mục", "error_message": "Nhiều mục thì cách nhau bằng dấu ;",
        })
    for key, limit in spec.lengths.items():
        sheet.data_validation(1, index[key], TEMPLATE_ROWS, index[key], {
            "validate": "length", "criteria": "<=", "value": limit,
            "error_title": "Quá dài", "error_message": f"Tối đa {limit} ký tự.",
        })

    instructions.set_column(0, 0, 110, wrap)
    for r, (text, style) in enumerate(spec.instructions):
        if style:
            instructions.write_string(r, 0, text, styles[style])
        else:
            instructions.write_string(r, 0, text)
    sheet.activate()
    workbook.close()
    return out.getvalue()

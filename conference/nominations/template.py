"""The downloadable xlsx template of nominations for one conference, written with xlsxwriter.

Sheets: "Hồ sơ" (headers in Vietnamese, data validation dropdowns for unit, kind, gender, yes/no,
education and the reference lists), "Hướng dẫn" (instructions), "Danh mục" (the lists the dropdowns read;
a list longer than 255 characters cannot be written inline in Excel's data validation).
"""

from __future__ import annotations

import io

import xlsxwriter

from conference.core.vocabulary import GENDER, KIND
from conference.delegates.rules import BIRTH_YEAR_MAX, BIRTH_YEAR_MIN
from conference.nominations.importing import (
    COLUMNS,
    DATA_SHEET,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    NO,
    YES,
)
from conference.nominations.models import ACHIEVEMENTS_MAX, EDUCATION_LEVELS

#: Rows prepared with dropdowns (the reader accepts up to spreadsheet.MAX_ROWS).
TEMPLATE_ROWS = 1000


def build_template(*, conference_name: str, unit_names: list[str], movements: list[str], titles: list[str],
                   own_unit: str | None, deadline_text: str | None) -> bytes:
    """The template as xlsx bytes.

    Args:
        unit_names: the conference's units (the dropdown of the "Đơn vị" column).
        own_unit: the unit of a unit user (pre-filled in the instructions), None for the organizer.
        deadline_text: e.g. "31/03/2025", shown in the instructions.
    """
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                         "strings_to_urls": False})
    header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                  "valign": "vcenter"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    title = workbook.add_format({"bold": True, "font_size": 14})
    bold = workbook.add_format({"bold": True})

    sheet = workbook.add_worksheet(DATA_SHEET)
    instructions = workbook.add_worksheet(INSTRUCTIONS_SHEET)
    lists = workbook.add_worksheet(LISTS_SHEET)

    columns = {c.key: i for i, c in enumerate(COLUMNS)}
    for i, column in enumerate(COLUMNS):
        sheet.write_string(0, i, column.header, header)
        sheet.set_column(i, i, column.width, wrap if column.key in ("achievements", "position") else None)
        if column.note:
            sheet.write_comment(0, i, column.note)
    sheet.set_row(0, 32)
    sheet.freeze_panes(1, 0)

    list_columns = {"units": unit_names, "kinds": list(KIND.values()), "genders": list(GENDER.values()),
                    "yes_no": [YES, NO], "education": list(EDUCATION_LEVELS), "movements": movements,
                    "titles": titles}
    ranges = {}
    for i, (name, values) in enumerate(list_columns.items()):
        lists.write_string(0, i, name, bold)
        for r, value in enumerate(values, start=1):
            lists.write_string(r, i, value)
        letter = xlsxwriter.utility.xl_col_to_name(i)
        ranges[name] = f"='{LISTS_SHEET}'!${letter}$2:${letter}${max(len(values), 1) + 1}"
    lists.set_column(0, len(list_columns) - 1, 30)

    last = TEMPLATE_ROWS
    strict = {"unit": "units", "kind": "kinds", "gender": "genders", "party_member": "yes_no",
              "direct_worker": "yes_no", "education": "education"}
    for key, source in strict.items():
        sheet.data_validation(1, columns[key], last, columns[key], {
            "validate": "list", "source": ranges[source], "error_title": "Giá trị không hợp lệ",
            "error_message": "Hãy chọn một giá trị trong danh sách.",
        })
    for key, source in (("movements", "movements"), ("titles", "titles")):
        # Several entries may be typed, separated by ";": Excel only warns (the upload checks each entry).
        sheet.data_validation(1, columns[key], last, columns[key], {
            "validate": "list", "source": ranges[source], "error_type": "information",
            "error_title": "Nhiều mục", "error_message": "Nhiều mục thì cách nhau bằng dấu ;",
        })
    sheet.data_validation(1, columns["achievements"], last, columns["achievements"], {
        "validate": "length", "criteria": "<=", "value": ACHIEVEMENTS_MAX,
        "error_title": "Quá dài", "error_message": f"Tối đa {ACHIEVEMENTS_MAX} ký tự.",
    })

    instructions.set_column(0, 0, 110, wrap)
    lines = [
        ("Mẫu hồ sơ giới thiệu điển hình tiên tiến", title),
        (conference_name, bold),
        (f"Đơn vị: {own_unit} (cột “Đơn vị” để trống là đơn vị này)." if own_unit else "Ban Tổ chức: ghi tên đơn vị ở cột “Đơn vị” của mỗi dòng.", None),
        (f"Thời hạn gửi hồ sơ: {deadline_text}" if deadline_text else "Thời hạn gửi hồ sơ: theo thông báo của Ban Tổ chức.",
         None),
        ("", None),
        ("Cách điền", bold),
        (("1. Điền mỗi điển hình (cá nhân hoặc tập thể) trên một dòng của trang “Hồ sơ”, bắt đầu từ dòng 2. "
         "Không đổi tên, thứ tự các cột; không thêm trang tính; không gộp ô; không dùng công thức."), None),
        (("2. Các cột có mũi tên: chọn trong danh sách. Phong trào thi đua, danh hiệu: nhiều mục thì cách nhau "
         "bằng dấu chấm phẩy (;)."), None),
        ((f"3. Cá nhân: bắt buộc giới tính và năm sinh (từ {BIRTH_YEAR_MIN} đến {BIRTH_YEAR_MAX}; ghi năm như 1985 "
         "hoặc ngày như 15/03/1985). Tập thể: bỏ trống giới tính và năm sinh."), None),
        (f"4. Thành tích tiêu biểu: bắt buộc, tối đa {ACHIEVEMENTS_MAX} ký tự.", None),
        (("5. Lưu tệp dạng Excel (.xlsx), không đặt mật khẩu, rồi tải lên ở trang “Hồ sơ của đơn vị” → "
         "“Nhập từ tệp Excel”. Hệ thống kiểm tra từng dòng và chỉ nhập khi mọi dòng đều hợp lệ; "
         "dòng nào có lỗi sẽ được chỉ ra để sửa."), None),
        (("6. Hồ sơ nhập vào được gửi ngay cho Ban Tổ chức và tính vào số lượng phân bổ của đơn vị; không gửi "
         "trùng người (cùng họ tên, năm sinh) đã có."), None),
    ]
    for r, (text, fmt) in enumerate(lines):
        instructions.write_string(r, 0, text, fmt) if fmt else instructions.write_string(r, 0, text)
    sheet.activate()
    workbook.close()
    return out.getvalue()

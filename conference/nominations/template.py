"""The downloadable xlsx template of nominations for one conference (`conference.core.sheettemplate`, shared with
the guest list's template).

Sheets: "Hồ sơ" (headers in Vietnamese, data validation dropdowns for unit, kind, gender, yes/no,
education and the reference lists), "Hướng dẫn" (instructions), "Danh mục" (the lists the dropdowns read;
a list longer than 255 characters cannot be written inline in Excel's data validation).
"""

from __future__ import annotations

from conference.core.sheettemplate import TemplateSpec
from conference.core.sheettemplate import build_template as build_sheet_template
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
from conference.nominations.models import ACHIEVEMENTS_MAX, ACHIEVEMENTS_SUMMARY_MAX, EDUCATION_LEVELS


def build_template(*, conference_name: str, unit_names: list[str], movements: list[str], titles: list[str],
                   own_unit: str | None, deadline_text: str | None) -> bytes:
    """The template as xlsx bytes.

    Args:
        unit_names: the conference's units (the dropdown of the "Đơn vị" column).
        own_unit: the unit of a unit user (pre-filled in the instructions), None for the organizer.
        deadline_text: e.g. "31/03/2025", shown in the instructions.
    """
    lines = [
        ("Mẫu hồ sơ giới thiệu điển hình tiên tiến", "title"),
        (conference_name, "bold"),
        (f"Đơn vị: {own_unit} (cột “Đơn vị” để trống là đơn vị này)." if own_unit else "Ban Tổ chức: ghi tên đơn vị ở cột “Đơn vị” của mỗi dòng.", None),
        (f"Thời hạn gửi hồ sơ: {deadline_text}" if deadline_text else "Thời hạn gửi hồ sơ: theo thông báo của Ban Tổ chức.",
         None),
        ("", None),
        ("Cách điền", "bold"),
        (("1. Điền mỗi điển hình (cá nhân hoặc tập thể) trên một dòng của trang “Hồ sơ”, bắt đầu từ dòng 2. "
         "Không đổi tên, thứ tự các cột; không thêm trang tính; không gộp ô; không dùng công thức."), None),
        (("2. Các cột có mũi tên: chọn trong danh sách. Phong trào thi đua, danh hiệu: nhiều mục thì cách nhau "
         "bằng dấu chấm phẩy (;)."), None),
        ((f"3. Cá nhân: bắt buộc giới tính và năm sinh (từ {BIRTH_YEAR_MIN} đến {BIRTH_YEAR_MAX}; ghi năm như 1985 "
         "hoặc ngày như 15/03/1985). Tập thể: bỏ trống giới tính và năm sinh."), None),
        ((f"4. Thành tích tiêu biểu: bắt buộc, tối đa {ACHIEVEMENTS_MAX} ký tự. Tóm tắt thành tích (in trong danh "
          f"sách trích ngang): tối đa {ACHIEVEMENTS_SUMMARY_MAX} ký tự; để trống thì lấy các câu đầu của thành tích."),
         None),
        (("5. Lưu tệp dạng Excel (.xlsx), không đặt mật khẩu, rồi tải lên ở trang “Hồ sơ của đơn vị” → "
         "“Nhập từ tệp Excel”. Hệ thống kiểm tra từng dòng và chỉ nhập khi mọi dòng đều hợp lệ; "
         "dòng nào có lỗi sẽ được chỉ ra để sửa."), None),
        (("6. Hồ sơ nhập vào được gửi ngay cho Ban Tổ chức và tính vào số lượng phân bổ của đơn vị; không gửi "
         "trùng người (cùng họ tên, năm sinh) đã có."), None),
    ]
    return build_sheet_template(TemplateSpec(
        data_sheet=DATA_SHEET, instructions_sheet=INSTRUCTIONS_SHEET, lists_sheet=LISTS_SHEET, columns=COLUMNS,
        lists={"units": unit_names, "kinds": list(KIND.values()), "genders": list(GENDER.values()),
               "yes_no": [YES, NO], "education": list(EDUCATION_LEVELS), "movements": movements, "titles": titles},
        dropdowns={"unit": "units", "kind": "kinds", "gender": "genders", "party_member": "yes_no",
                   "direct_worker": "yes_no", "education": "education"},
        multi_dropdowns={"movements": "movements", "titles": "titles"},
        lengths={"achievements": ACHIEVEMENTS_MAX, "achievements_summary": ACHIEVEMENTS_SUMMARY_MAX},
        wrap=frozenset({"achievements", "achievements_summary", "position"}), instructions=lines,
    ))

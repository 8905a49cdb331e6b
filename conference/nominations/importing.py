"""The Excel template of nominations: its columns, and the checking of uploaded rows (plain functions).

Flow: `read_table` (spreadsheet.py) → `check_header` → `parse_rows` (per-row problems: missing name, year
out of range, unknown unit, not yes/no, …) → `check_against_database` (duplicate of an existing nomination
by name + year of birth + unit, over quota) → preview → `services`' import, all rows or none, in one
transaction. The dossier import (`conference.dossier.importing`) reuses `RowResult` for a district's list one
level up.
"""

from __future__ import annotations

from dataclasses import dataclass

from conference.core.errors import N_, Message
from conference.core.sheetrows import (  # noqa: F401  (the template and the dossier import read them here)
    NO,
    SEPARATOR,
    YES,
    Column,
    RowResult,
    birth_cell,
    check_lengths,
    flag_cell,
    gender_cell,
    name_cell,
    yes_no,
)
from conference.core.sheetrows import check_header as check_template_header
from conference.core.sheetrows import list_cell as _split
from conference.core.sheetrows import text_cell as _text
from conference.core.spreadsheet import ImportFileError, Table
from conference.core.vocabulary import code_for
from conference.delegates.rules import BIRTH_YEAR_MAX, BIRTH_YEAR_MIN
from conference.nominations.models import ACHIEVEMENTS_MAX, ACHIEVEMENTS_SUMMARY_MAX, EDUCATION_LEVELS
from conference.nominations.rules import first_sentences, person_key

DATA_SHEET = "Hồ sơ"
INSTRUCTIONS_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
SHEETS = (DATA_SHEET, INSTRUCTIONS_SHEET, LISTS_SHEET)


COLUMNS = (
    Column("unit", "Đơn vị", 34, "Chọn trong danh sách; để trống là đơn vị của bạn."),
    Column("kind", "Loại", 11, "Cá nhân hoặc Tập thể."),
    Column("full_name", "Họ và tên (hoặc tên tập thể)", 28, "Bắt buộc."),
    Column("gender", "Giới tính", 10, "Nam hoặc Nữ; bắt buộc với cá nhân."),
    Column("birth", "Ngày sinh hoặc năm sinh", 14,
           f"Năm (ví dụ 1985) hoặc ngày dd/mm/yyyy; từ {BIRTH_YEAR_MIN} đến {BIRTH_YEAR_MAX}; bắt buộc với cá nhân."),
    Column("ethnicity", "Dân tộc", 10, "Ví dụ Kinh, Khmer, Hoa."),
    Column("education", "Trình độ chuyên môn", 16, "Chọn trong danh sách."),
    Column("party_member", "Đảng viên", 10, "Có hoặc Không."),
    Column("direct_worker", "CNVCLĐ trực tiếp sản xuất", 14, "Có hoặc Không."),
    Column("position", "Chức vụ, nơi công tác", 30, ""),
    Column("movements", "Phong trào thi đua", 34, "Chọn trong danh sách; nhiều mục cách nhau bằng dấu ;"),
    Column("titles", "Danh hiệu thi đua, hình thức khen thưởng", 34,
           "Chọn trong danh sách; nhiều mục cách nhau bằng dấu ;"),
    Column("achievements", "Thành tích tiêu biểu", 50, f"Bắt buộc; tối đa {ACHIEVEMENTS_MAX} ký tự."),
    Column("achievements_summary", "Tóm tắt thành tích", 40,
           f"Tối đa {ACHIEVEMENTS_SUMMARY_MAX} ký tự, in trong danh sách trích ngang; để trống thì lấy các câu đầu "
           "của thành tích tiêu biểu."),
    Column("phone", "Số điện thoại", 14, ""),
)
HEADERS = tuple(c.header for c in COLUMNS)


@dataclass(frozen=True)
class ImportContext:
    """What row checking needs to know: the units by name, the unit the uploader belongs to (None for
    the organizer, who may import for any unit), and the reference lists."""

    units: dict[str, int]
    own_unit_id: int | None
    own_unit_name: str | None
    movements: tuple[str, ...]
    titles: tuple[str, ...]


def check_header(table: Table) -> None:
    """The first row must be the template's headers, in order (`conference.core.sheetrows.check_header`).

    Raises:
        ImportFileError: no rows, or a header differs (named) — e.g. a file that is not our template.
    """
    check_template_header(table, HEADERS)


def parse_row(line: int, values: list, context: ImportContext) -> RowResult:
    """Check one data row on its own (no database): required fields, ranges, lists, the unit.

    Returns:
        a RowResult whose `problems` are messages (`Message`; empty when the row is fine).
    """
    cells = dict(zip((c.key for c in COLUMNS), list(values) + [None] * len(COLUMNS), strict=False))
    problems: list[Message] = []

    unit_text = _text(cells["unit"])
    unit_id, unit_name = None, None
    if unit_text is None:
        if context.own_unit_id is None:
            problems.append(Message(N_("Thiếu tên đơn vị.")))
        else:
            unit_id, unit_name = context.own_unit_id, context.own_unit_name
    else:
        unit_id = context.units.get(unit_text.casefold())
        unit_name = unit_text
        if unit_id is None:
            problems.append(Message(N_("Đơn vị “%(unit)s” không có trong danh sách đơn vị của hội nghị."),
                                    unit=unit_text))
        elif context.own_unit_id is not None and unit_id != context.own_unit_id:
            problems.append(Message(N_("“%(unit)s” không phải đơn vị của bạn."), unit=unit_text))
            unit_id = None

    kind_text = _text(cells["kind"])
    kind = code_for("kind", kind_text) if kind_text else "individual"
    if kind is None:
        problems.append(Message(N_("Loại “%(value)s” không hợp lệ (Cá nhân hoặc Tập thể)."), value=kind_text))
        kind = "individual"

    full_name = name_cell(cells["full_name"], problems)
    gender, gender_text = gender_cell(cells["gender"], problems)
    birth_date, birth_year, birth_problem = birth_cell(cells["birth"], problems, first=BIRTH_YEAR_MIN,
                                                       last=BIRTH_YEAR_MAX)
    if kind == "individual":
        if gender is None and not gender_text:
            problems.append(Message(N_("Thiếu giới tính.")))
        if birth_year is None and not birth_problem:
            problems.append(Message(N_("Thiếu năm sinh.")))
    else:
        gender, birth_year, birth_date = None, None, None

    education = _text(cells["education"])
    if education and education not in EDUCATION_LEVELS:
        matches = [level for level in EDUCATION_LEVELS if level.casefold() == education.casefold()]
        if matches:
            education = matches[0]
        else:
            problems.append(Message(N_("Trình độ chuyên môn “%(value)s” không có trong danh sách."),
                                    value=education))

    flags = {key: flag_cell(cells[key], label, problems)
             for key, label in (("party_member", "Đảng viên"), ("direct_worker", "CNVCLĐ trực tiếp sản xuất"))}

    chosen = {}
    for key, allowed, label in (("movements", context.movements, "Phong trào thi đua"),
                                ("titles", context.titles, "Danh hiệu thi đua, hình thức khen thưởng")):
        items = _split(cells[key])
        unknown = [item for item in items if item not in allowed]
        if unknown:
            problems.append(Message(N_("%(column)s không có trong danh mục: %(items)s."),
                                    column=label, items=SEPARATOR.join(f"“{u}”" for u in unknown)))
        chosen[key] = SEPARATOR.join(items) or None

    achievements = _text(cells["achievements"])
    if not achievements:
        problems.append(Message(N_("Thiếu thành tích tiêu biểu.")))
    elif len(achievements) > ACHIEVEMENTS_MAX:
        problems.append(Message(N_("Thành tích tiêu biểu dài %(length)s ký tự (tối đa %(limit)s)."),
                                length=len(achievements), limit=ACHIEVEMENTS_MAX))

    summary = _text(cells["achievements_summary"])
    if summary and len(summary) > ACHIEVEMENTS_SUMMARY_MAX:
        problems.append(Message(N_("Tóm tắt thành tích dài %(length)s ký tự (tối đa %(limit)s)."),
                                length=len(summary), limit=ACHIEVEMENTS_SUMMARY_MAX))

    ethnicity = _text(cells["ethnicity"])
    position = _text(cells["position"])
    phone = _text(cells["phone"])
    check_lengths(((ethnicity, 60, "Dân tộc"), (position, 300, "Chức vụ, nơi công tác"), (phone, 30, "Số điện thoại")),
                  problems)

    data = {
        "kind": kind, "full_name": full_name, "gender": gender, "birth_year": birth_year, "birth_date": birth_date,
        "ethnicity": ethnicity, "education": education, "position": position, **flags, **chosen,
        "achievements": achievements, "achievements_summary": summary or first_sentences(achievements),
        "phone": phone,
    }
    return RowResult(line, data, unit_id, unit_name, problems)


def parse_rows(table: Table, context: ImportContext) -> list[RowResult]:
    """Check the header, then every data row on its own; duplicates within the file are flagged too.

    Raises:
        ImportFileError: the header is not the template's, or there is no data row.
    """
    check_header(table)
    results = [parse_row(line, values, context) for line, values in zip(table.lines[1:], table.rows[1:], strict=True)
               if any(v not in (None, "") for v in list(values)[1:])]  # a unit chosen on an empty row
    if not results:
        raise ImportFileError(N_("Tệp mẫu chưa có dòng hồ sơ nào."))
    seen: dict[tuple, int] = {}
    for row in results:
        if row.unit_id is None or not row.data["full_name"]:
            continue
        key = (row.unit_id, *person_key(row.data["full_name"], row.data["birth_year"]))
        if key in seen:
            row.problems.append(Message(N_("Trùng với dòng %(line)s trong tệp (cùng họ tên, năm sinh, đơn vị)."),
                                        line=seen[key]))
        else:
            seen[key] = row.line
    return results


def check_against_database(results: list[RowResult], existing: dict[int, set], used: dict[int, int],
                           quotas: dict[int, int]) -> None:
    """Add the problems that need the database: duplicates of existing nominations and quotas.

    Args:
        existing: {unit_id: person_key set} of the units' nominations (withdrawn excluded).
        used / quotas: {unit_id: seats held} and {unit_id: seats given}.

    Rows are counted against the quota in file order; the rows past a unit's remaining seats are flagged.
    """
    taken = dict(used)
    for row in results:
        if row.unit_id is None or not row.data["full_name"]:
            continue
        if person_key(row.data["full_name"], row.data["birth_year"]) in existing.get(row.unit_id, set()):
            row.problems.append(Message(N_("Trùng với hồ sơ đã có của đơn vị (cùng họ tên, năm sinh).")))
            continue
        if taken.get(row.unit_id, 0) >= quotas.get(row.unit_id, 0):
            row.problems.append(Message(N_("Vượt số lượng phân bổ của đơn vị (%(quota)s hồ sơ)."),
                                        quota=quotas.get(row.unit_id, 0)))
            continue
        taken[row.unit_id] = taken.get(row.unit_id, 0) + 1

"""The Excel template of guests (đại biểu khách mời): its columns, and the checking of uploaded rows (plain
functions, no Flask, no database).

Flow, as the nomination template's (`conference.nominations.importing`): `read_table` → `parse_rows` (the
header, then each row with the shared cell checks of `conference.core.sheetrows`, so both templates report a
missing name, a bad gender or year of birth, a yes/no column alike; duplicates within the file) →
`check_against_guests` (a guest already on the list, rows past the guest seats left) → preview → the import,
all rows or none (`conference.delegates.guest_import`).

Seats: guest seats = cap − exemplar seats (Kế hoạch 65/KH-LĐLĐ, mục II.2.3: "đại biểu khách mời khoảng 30%";
`conference.conferences.rules.seat_split`); an import never seats more guests than are left, nor past the cap.
"""

from __future__ import annotations

from conference.core.errors import N_, Message
from conference.core.sheetrows import (
    Column,
    RowResult,
    birth_cell,
    check_header,
    check_lengths,
    flag_cell,
    gender_cell,
    name_cell,
    text_cell,
)
from conference.core.spreadsheet import ImportFileError, Table
from conference.core.text import fold
from conference.delegates.rules import BIRTH_YEAR_MAX, BIRTH_YEAR_MIN

DATA_SHEET = "Khách mời"
INSTRUCTIONS_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
SHEETS = (DATA_SHEET, INSTRUCTIONS_SHEET, LISTS_SHEET)
#: Field limits (the guest form's and the `Delegate` columns').
POSITION_MAX, WORKPLACE_MAX, ETHNICITY_MAX, NOTES_MAX = 300, 300, 60, 500

COLUMNS = (
    Column("full_name", "Họ và tên", 28, "Bắt buộc."),
    Column("position", "Chức vụ", 30, "Bắt buộc, ví dụ: Bí thư, Chủ tịch, Trưởng phòng."),
    Column("workplace", "Cơ quan, đơn vị công tác", 40, "Ví dụ: Huyện ủy Vĩnh Thuận (in ở cột đơn vị)."),
    Column("gender", "Giới tính", 10, "Nam hoặc Nữ."),
    Column("birth", "Năm sinh", 12, f"Năm (ví dụ 1970) hoặc ngày dd/mm/yyyy; từ {BIRTH_YEAR_MIN} đến {BIRTH_YEAR_MAX}."),
    Column("ethnicity", "Dân tộc", 10, "Ví dụ Kinh, Khmer, Hoa."),
    Column("party_member", "Đảng viên", 10, "Có hoặc Không."),
    Column("notes", "Ghi chú", 30, ""),
)
HEADERS = tuple(c.header for c in COLUMNS)


def guest_key(full_name: str | None, workplace: str | None) -> tuple[str, str]:
    """Who a guest is, for finding the same guest twice: the name and the organisation, compared as people type
    them (`conference.core.text.fold`: case, spaces, Unicode form and the place of tone marks ignored)."""
    return fold(full_name), fold(workplace)


def parse_row(line: int, values: list) -> RowResult:
    """Check one data row on its own: required name and position; gender, year of birth and the
    yes/no column as in the nomination template; lengths.

    Returns:
        a RowResult (no unit) whose `data` holds the `Delegate` fields and whose `problems` are `Message`s.
    """
    cells = dict(zip((c.key for c in COLUMNS), list(values) + [None] * len(COLUMNS), strict=False))
    problems: list[Message] = []
    full_name = name_cell(cells["full_name"], problems)
    position = text_cell(cells["position"])
    if not position:
        problems.append(Message(N_("Thiếu chức vụ.")))
    workplace = text_cell(cells["workplace"])
    gender, _typed = gender_cell(cells["gender"], problems)
    _date, birth_year, _unreadable = birth_cell(cells["birth"], problems, first=BIRTH_YEAR_MIN, last=BIRTH_YEAR_MAX)
    ethnicity = text_cell(cells["ethnicity"])
    party_member = flag_cell(cells["party_member"], "Đảng viên", problems)
    notes = text_cell(cells["notes"])
    check_lengths(((position, POSITION_MAX, "Chức vụ"), (workplace, WORKPLACE_MAX, "Cơ quan, đơn vị công tác"),
                   (ethnicity, ETHNICITY_MAX, "Dân tộc"), (notes, NOTES_MAX, "Ghi chú")), problems)
    data = {"full_name": full_name, "position": position, "workplace": workplace, "gender": gender,
            "birth_year": birth_year, "ethnicity": ethnicity, "party_member": party_member, "notes": notes}
    return RowResult(line, data, None, None, problems)


def parse_rows(table: Table) -> list[RowResult]:
    """Check the header, then every data row on its own; a guest twice in the file is flagged on the later line.

    Raises:
        ImportFileError: the header is not the template's, or there is no data row.
    """
    check_header(table, HEADERS)
    results = [parse_row(line, values) for line, values in zip(table.lines[1:], table.rows[1:], strict=True)]
    if not results:
        raise ImportFileError(N_("Tệp mẫu chưa có dòng hồ sơ nào."))
    seen: dict[tuple, int] = {}
    for row in results:
        if not row.data["full_name"]:
            continue
        key = guest_key(row.data["full_name"], row.data["workplace"])
        if key in seen:
            row.problems.append(Message(N_("Trùng với dòng %(line)s trong tệp (cùng họ tên, cơ quan)."),
                                        line=seen[key]))
        else:
            seen[key] = row.line
    return results


#: A guest already on the list (same name and organisation, `guest_key`): the import's row problem and the guest
#: form's refusal.
DUPLICATE_GUEST = N_("Trùng với đại biểu khách mời đã có (cùng họ tên, cơ quan).")


def check_against_guests(results: list[RowResult], existing: set[tuple[str, str]], seats_left: int) -> None:
    """Add the problems that need the list: a guest already there (same name and organisation) and rows past the
    seats left (counted in file order: the first `seats_left` new guests fit).

    Args:
        existing: `guest_key`s of the conference's guests.
        seats_left: guest seats not taken, within the cap too (`seats_left`).
    """
    taken = 0
    for row in results:
        if row.data["full_name"] and guest_key(row.data["full_name"], row.data["workplace"]) in existing:
            row.problems.append(Message(DUPLICATE_GUEST))
            continue
        if taken >= seats_left:
            row.problems.append(Message(N_("Vượt số chỗ khách mời còn lại (còn %(left)s chỗ)."), left=seats_left))
            continue
        taken += 1


def seats_left(*, guest_seats: int, guests: int, cap: int, seated: int) -> int:
    """Guests that may still be seated: the guest seats not taken, and no more than the cap leaves (never below 0).

    Source: Kế hoạch 65/KH-LĐLĐ, mục II.2.3 (không quá 250 đại biểu, khách mời khoảng 30%); DESIGN.md hard rules.
    """
    return max(0, min(guest_seats - guests, cap - seated))

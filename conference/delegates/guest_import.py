"""Importing the guest list from its Excel template: the template itself, the preview (every row with its
problems), then all rows or none, in one locked transaction that checks the seats and duplicates again.

Rows are checked by `conference.delegates.guest_rows`; the file is read by `conference.core.spreadsheet.
read_table` (size, zip bomb, XML entities, formulas, merged cells, extra sheets: the nomination template's
cautions). Every guest seated is written to the audit log (`services.seat_delegate`, then an "import" entry).
"""

from __future__ import annotations

from sqlalchemy import delete, select

from conference.audit.services import record
from conference.conferences.models import Conference
from conference.core.errors import N_, RuleViolation
from conference.core.sheetrows import NO, YES, RowResult, ensure_all_rows_ok
from conference.core.sheettemplate import TemplateSpec, build_template
from conference.core.spreadsheet import read_table
from conference.core.vocabulary import GENDER
from conference.db import lock
from conference.delegates.guest_rows import (
    COLUMNS,
    DATA_SHEET,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    NOTES_MAX,
    POSITION_MAX,
    SHEETS,
    WORKPLACE_MAX,
    check_against_guests,
    parse_rows,
)
from conference.delegates.guest_rows import seats_left as seats_left_of
from conference.delegates.models import GuestImport
from conference.delegates.rules import BIRTH_YEAR_MAX, BIRTH_YEAR_MIN
from conference.delegates.services import delegate_counts, existing_guest_keys, seat_delegate
from conference.extensions import db


def _seats_left(conference: Conference, counts: dict[str, int]) -> int:
    seats = conference.seats
    return seats_left_of(guest_seats=seats.guest, guests=counts["guest"], cap=seats.cap, seated=sum(counts.values()))


def guest_seats_left(conference: Conference) -> int:
    """Guests that may still be seated at `conference` (`guest_rows.seats_left`; one query)."""
    return _seats_left(conference, delegate_counts(conference.id))


def template_bytes(conference: Conference) -> bytes:
    """The guest template of `conference` as xlsx bytes: the columns with notes, dropdowns for gender and yes/no,
    and instructions naming the conference and the guest seats left."""
    counts = delegate_counts(conference.id)
    left = _seats_left(conference, counts)
    instructions = (
        ("Mẫu danh sách đại biểu khách mời", "title"),
        (conference.name, "bold"),
        ((f"Số chỗ khách mời: {conference.seats.guest}; đã có {counts['guest']}; còn lại {left} chỗ. "
         f"Tệp có nhiều dòng hơn số chỗ còn lại sẽ không được nhập."), "bold"),
        ("", None),
        ("Cách điền", "bold"),
        (("1. Điền mỗi đại biểu khách mời trên một dòng của trang “Khách mời”, bắt đầu từ dòng 2. Không đổi tên, "
         "thứ tự các cột; không thêm trang tính; không gộp ô; không dùng công thức."), None),
        (("2. Bắt buộc: họ và tên, chức vụ (ví dụ: Bí thư). Nên ghi cơ quan, đơn vị công tác (ví dụ: Huyện ủy Vĩnh "
         "Thuận): được in ở cột đơn vị của danh sách trích ngang và trên thẻ đại biểu."), None),
        ((f"3. Giới tính: chọn Nam hoặc Nữ. Năm sinh: từ {BIRTH_YEAR_MIN} đến {BIRTH_YEAR_MAX} (ghi năm như 1970 "
         "hoặc ngày như 15/03/1970). Có thể để trống; nếu ghi thì được tính vào số nam, nữ của danh sách."), None),
        ("4. Đảng viên: chọn Có hoặc Không.", None),
        (("5. Lưu tệp dạng Excel (.xlsx), không đặt mật khẩu, rồi tải lên ở trang “Đại biểu” → “Nhập khách mời từ "
         "Excel”. Hệ thống kiểm tra từng dòng và chỉ nhập khi mọi dòng đều hợp lệ; dòng nào có lỗi sẽ được chỉ ra "
         "để sửa."), None),
        ("6. Không ghi trùng người (cùng họ tên, cơ quan) đã có trong danh sách khách mời.", None),
    )
    return build_template(TemplateSpec(
        data_sheet=DATA_SHEET, instructions_sheet=INSTRUCTIONS_SHEET, lists_sheet=LISTS_SHEET, columns=COLUMNS,
        lists={"genders": [str(g) for g in GENDER.values()], "yes_no": [YES, NO]},
        dropdowns={"gender": "genders", "party_member": "yes_no"},
        lengths={"position": POSITION_MAX, "workplace": WORKPLACE_MAX, "notes": NOTES_MAX},
        wrap=frozenset({"position", "workplace", "notes"}), instructions=instructions,
    ))


def check_rows(conference: Conference, results: list[RowResult]) -> list[RowResult]:
    """Add the problems that need the database (guests already there, seats left) to parsed rows."""
    check_against_guests(results, existing_guest_keys(conference.id), guest_seats_left(conference))
    return results


def prepare_import(conference: Conference, user_id: int | None, filename: str, data: bytes) -> GuestImport:
    """Read and check an uploaded guest list; keep the checked rows for the preview (replacing this user's
    previous upload to this conference).

    Raises:
        ImportFileError (a RuleViolation): the file as a whole is unreadable or not the guest template.
    """
    table = read_table(filename, data, sheet_names=SHEETS, data_sheet=DATA_SHEET)
    results = check_rows(conference, parse_rows(table))
    db.session.execute(delete(GuestImport).where(GuestImport.conference_id == conference.id,
                                                 GuestImport.user_id == user_id))
    batch = GuestImport(conference_id=conference.id, user_id=user_id, filename=filename[:255],
                        rows=[r.as_json() for r in results])
    db.session.add(batch)
    db.session.flush()
    return batch


def pending_import(conference_id: int, user_id: int | None) -> GuestImport | None:
    """The guest list this user uploaded to the conference and has not imported yet."""
    return db.session.execute(select(GuestImport).where(GuestImport.conference_id == conference_id,
                                                        GuestImport.user_id == user_id)).scalar_one_or_none()


def batch_rows(batch: GuestImport) -> list[RowResult]:
    """The checked rows of an upload, as at its preview."""
    return [RowResult.from_json(value) for value in batch.rows]


def confirm_import(batch_id: int, user_id: int | None) -> int:
    """Seat every guest of a previewed upload, or none: under the conference's lock, after checking duplicates
    and the seats left again (they may have changed since the preview).

    Returns:
        the number of guests seated.

    Raises:
        RuleViolation: no such upload; a row has a problem (now or at preview). Nothing is imported then.
    """
    batch = db.session.get(GuestImport, batch_id)
    if batch is None:
        raise RuleViolation(N_("Không tìm thấy tệp đã tải lên; hãy tải lên lại."))
    conference_id = batch.conference_id
    lock(db.session, select(Conference.id).where(Conference.id == conference_id))
    conference = db.session.get(Conference, conference_id)
    rows = batch_rows(batch)
    if not any(r.problems for r in rows):  # the file was fine at preview: check again, now under the lock
        rows = check_rows(conference, [RowResult(r.line, r.data, None, None, []) for r in rows])
    ensure_all_rows_ok(rows)
    for row in rows:
        guest = seat_delegate(conference, category="guest", **row.data)
        record("delegate", guest.id, "import", conference_id=conference_id,
               after={"full_name": guest.full_name, "line": row.line, "file": batch.filename}, user_id=user_id)
    db.session.execute(delete(GuestImport).where(GuestImport.id == batch_id))
    db.session.flush()
    return len(rows)

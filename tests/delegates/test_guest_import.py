"""The guest list from its Excel template: the checks per row (no database), then the import within the guest
seats, all rows or none; the guest's organisation in the unit column."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from conference.audit.models import AuditEntry
from conference.conferences.models import Conference
from conference.core.errors import RuleViolation
from conference.core.spreadsheet import MAX_UPLOAD_BYTES, ImportFileError, Table
from conference.delegates import guest_import
from conference.delegates.guest_rows import (
    COLUMNS,
    DATA_SHEET,
    HEADERS,
    check_against_guests,
    guest_key,
    parse_rows,
    seats_left,
)
from conference.delegates.models import Delegate
from conference.delegates.rules import affiliation
from conference.delegates.services import add_guest
from conference.dossier.queries import delegate_records
from conference.extensions import db
from tests.factories import make_world
from tests.nominations.helpers import fill_template


def guest_row(name: str, **overrides) -> list:
    """One data row in the guest template's column order."""
    row = {"full_name": name, "position": "Chủ tịch", "workplace": "UBND huyện Vĩnh Thuận", "gender": "Nam",
           "birth": 1970, "ethnicity": "Kinh", "party_member": "Có", "notes": None}
    row.update(overrides)
    return [row[column.key] for column in COLUMNS]


def table(*rows: list) -> Table:
    return Table(DATA_SHEET, [list(HEADERS), *rows], list(range(1, len(rows) + 2)))


def problems_of(result) -> list[str]:
    return [str(p) for p in result.problems]


def test_a_guest_row_is_checked_with_the_nomination_templates_messages():
    rows = parse_rows(table(
        guest_row("Nguyễn Văn Khách"),
        guest_row("", gender="Nam giới"),
        guest_row("Trần Thị Bé", birth=1895, party_member="Hình như"),
        guest_row("Lê Văn Chức", position=None),
    ))

    assert rows[0].ok
    assert rows[0].data == {"full_name": "Nguyễn Văn Khách", "position": "Chủ tịch",
                            "workplace": "UBND huyện Vĩnh Thuận", "gender": "male", "birth_year": 1970,
                            "ethnicity": "Kinh", "party_member": True, "notes": None}
    assert problems_of(rows[1]) == ["Thiếu họ và tên.", "Giới tính “Nam giới” không hợp lệ (Nam hoặc Nữ)."]
    assert problems_of(rows[2]) == ["Năm sinh 1895 ngoài khoảng 1930–2010.",
                                    "Cột “Đảng viên” chỉ ghi Có hoặc Không (đang là “Hình như”)."]
    assert problems_of(rows[3]) == ["Thiếu chức vụ."]


def test_the_same_guest_twice_in_a_file_is_flagged_on_the_later_line_whatever_the_spelling():
    rows = parse_rows(table(guest_row("Nguyễn Văn Hoà"), guest_row("nguyễn  văn hòa", workplace="ubnd huyện vĩnh thuận")))

    assert rows[0].ok
    assert problems_of(rows[1]) == ["Trùng với dòng 2 trong tệp (cùng họ tên, cơ quan)."]


def test_rows_past_the_guest_seats_left_and_guests_already_listed_are_flagged():
    rows = parse_rows(table(guest_row("Khách Một"), guest_row("Khách Đã Có"), guest_row("Khách Hai"),
                            guest_row("Khách Ba")))

    check_against_guests(rows, existing={guest_key("Khách Đã Có", "UBND huyện Vĩnh Thuận")}, seats_left=2)

    assert [problems_of(r) for r in rows] == [
        [], ["Trùng với đại biểu khách mời đã có (cùng họ tên, cơ quan)."], [],
        ["Vượt số chỗ khách mời còn lại (còn 2 chỗ)."]]


def test_seats_left_are_the_guest_seats_not_taken_and_never_past_the_cap():
    assert seats_left(guest_seats=75, guests=30, cap=250, seated=100) == 45
    assert seats_left(guest_seats=75, guests=30, cap=250, seated=240) == 10
    assert seats_left(guest_seats=75, guests=80, cap=250, seated=100) == 0


def test_a_guest_shows_the_organisation_in_the_unit_column_and_an_exemplar_the_unit():
    assert affiliation(None, "Bí thư", "Huyện ủy Vĩnh Thuận") == "Huyện ủy Vĩnh Thuận"
    assert affiliation(None, "Bí thư Huyện ủy", None) == "Bí thư Huyện ủy"
    assert affiliation("Công đoàn cơ sở số 1", "Giáo viên", None) == "Công đoàn cơ sở số 1"


def fill(template: bytes, rows: list[list]) -> bytes:
    """The guest template's data sheet filled as a clerk would."""
    return fill_template(template, rows, data_sheet=DATA_SHEET, headers=HEADERS)


def guests_of(conference_id: int) -> int:
    return db.session.execute(select(func.count()).select_from(Delegate).where(
        Delegate.conference_id == conference_id, Delegate.category == "guest")).scalar_one()


def test_a_filled_template_imports_every_guest_or_none_within_the_guest_seats(ctx):
    world = make_world(cap=10)  # 3 guest seats
    from_db = db.session.get(Conference, world.conference_id)
    add_guest(world.conference_id, {"full_name": "Khách Có Sẵn", "position": "Bí thư"})
    template = guest_import.template_bytes(from_db)
    workbook = load_workbook(io.BytesIO(template))
    validated = {str(v.sqref).split(":")[0]: v for v in workbook[DATA_SHEET].data_validations.dataValidation}
    assert validated["D2"].type == "list" and validated["G2"].type == "list"  # gender, party member
    instructions = workbook["Hướng dẫn"]
    assert "còn lại 2 chỗ" in " ".join(str(c.value) for c in instructions["A"] if c.value)

    with pytest.raises(ImportFileError, match="Chỉ nhận tệp Excel"):  # the nomination template's reader and limits
        guest_import.prepare_import(from_db, world.organizer_id, "khach.csv", b"Ho va ten\nA")
    with pytest.raises(ImportFileError, match="Tệp quá lớn"):
        guest_import.prepare_import(from_db, world.organizer_id, "khach.xlsx", b"x" * (MAX_UPLOAD_BYTES + 1))

    too_many = fill(template, [guest_row("Khách Một"), guest_row("Khách Hai"), guest_row("Khách Ba")])
    batch = guest_import.prepare_import(from_db, world.organizer_id, "khach.xlsx", too_many)
    assert [problems_of(r) for r in guest_import.batch_rows(batch)][2] == ["Vượt số chỗ khách mời còn lại (còn 2 chỗ)."]
    with pytest.raises(RuleViolation, match="Chưa nhập hồ sơ nào"):
        guest_import.confirm_import(batch.id, world.organizer_id)
    assert guests_of(world.conference_id) == 1

    fitting = fill(template, [guest_row("Khách Một"), guest_row("Khách Hai", workplace="Huyện ủy Vĩnh Thuận")])
    batch = guest_import.prepare_import(from_db, world.organizer_id, "khach.xlsx", fitting)
    assert guest_import.confirm_import(batch.id, world.organizer_id) == 2

    imported = db.session.execute(select(Delegate).where(Delegate.full_name == "Khách Hai")).scalar_one()
    assert (imported.position, imported.workplace, imported.affiliation) == (
        "Chủ tịch", "Huyện ủy Vĩnh Thuận", "Huyện ủy Vĩnh Thuận")
    assert guests_of(world.conference_id) == 3
    units = {r.full_name: r.unit_name for r in delegate_records(world.conference_id)}  # the delegate summary list
    assert (units["Khách Hai"], units["Khách Có Sẵn"]) == ("Huyện ủy Vĩnh Thuận", "Bí thư")
    assert db.session.execute(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "import", AuditEntry.entity == "delegate")).scalar_one() == 2
    assert guest_import.pending_import(world.conference_id, world.organizer_id) is None


def test_both_import_pages_share_one_layout_with_its_progress_bar_and_phone_cards(app, client, auth):
    with app.app_context():
        world = make_world(cap=10)
        template = guest_import.template_bytes(db.session.get(Conference, world.conference_id))
    auth.login("organizer")
    url = f"/conferences/{world.conference_id}/guests/import"
    page = client.post(url, data={"file": (io.BytesIO(fill(template, [guest_row("Khách Một")])), "khach.xlsx")},
                       content_type="multipart/form-data", follow_redirects=True).get_data(as_text=True)

    assert "Cả 1 dòng đều hợp lệ." in page and "Nhập 1 khách mời" in page
    assert f'action="/conferences/{world.conference_id}/guests/import/confirm"' in page
    for script in ("js/upload-progress.js", "js/table-stack.js"):  # the progress bar and the 390 px cards
        assert script in page
    auth.login("unit")
    unit_page = client.get(f"/conferences/{world.conference_id}/nominations/import").get_data(as_text=True)
    assert "js/upload-progress.js" in unit_page and 'id="upload-form"' in unit_page

"""The Excel template in: download, upload, preview every row's problems, import all rows or none."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from conference.core.clock import local_today
from conference.extensions import db
from conference.nominations.importing import DATA_SHEET, HEADERS, INSTRUCTIONS_SHEET, LISTS_SHEET
from conference.nominations.models import Nomination
from conference.nominations.services import Actor, submit_nomination
from tests.factories import make_world, nomination_data
from tests.nominations.helpers import fill_template, person_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def count_nominations(app) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(Nomination)).scalar_one()


def download_template(client, world) -> bytes:
    response = client.get(f"/conferences/{world.conference_id}/nominations/template.xlsx")
    assert response.status_code == 200 and response.mimetype == XLSX
    return response.data


def upload(client, world, content: bytes, filename: str = "ho-so.xlsx") -> str:
    return client.post(f"/conferences/{world.conference_id}/nominations/import",
                       data={"file": (io.BytesIO(content), filename)}, content_type="multipart/form-data",
                       follow_redirects=True).get_data(as_text=True)


def confirm(client, world) -> str:
    return client.post(f"/conferences/{world.conference_id}/nominations/import/confirm",
                       follow_redirects=True).get_data(as_text=True)


@pytest.fixture
def world(app):
    with app.app_context():
        return make_world(quotas=(20, 2, 2))


def test_template_has_vietnamese_headers_dropdowns_and_instructions(client, auth, world):
    auth.login("unit1")
    workbook = load_workbook(io.BytesIO(download_template(client, world)))
    assert workbook.sheetnames == [DATA_SHEET, INSTRUCTIONS_SHEET, LISTS_SHEET]
    sheet = workbook[DATA_SHEET]
    assert [c.value for c in sheet[1]] == list(HEADERS)
    validated = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    assert validated["B2"].type == "list"  # kind
    assert validated["D2"].type == "list"  # gender
    assert validated["H2"].type == "list" and "Danh mục" in validated["H2"].formula1  # yes/no
    assert validated["K2"].type == "list"  # emulation movements (reference list)
    lists = workbook[LISTS_SHEET]
    column_of = {lists.cell(1, c).value: c for c in range(1, lists.max_column + 1)}
    movements = [lists.cell(r, column_of["movements"]).value for r in range(2, 6)]
    assert "Giỏi việc nước, đảm việc nhà" in movements
    assert "Công đoàn cơ sở số 1" in [lists.cell(r, column_of["units"]).value for r in range(2, 5)]
    assert "Hướng dẫn" in workbook.sheetnames and "Mẫu hồ sơ" in workbook[INSTRUCTIONS_SHEET]["A1"].value


def test_clerk_fills_twenty_rows_fixes_the_two_flagged_and_imports_all(app, client, auth, world):
    auth.login("unit1")
    template = download_template(client, world)
    rows = [person_row(f"Nguyễn Thị Người {i}", 1980 + i) for i in range(20)]
    rows[4] = person_row("", 1984)  # missing name
    rows[11] = person_row("Trần Văn Mười Hai", 1890, gender="Nam")  # year out of range

    html = upload(client, world, fill_template(template, rows))

    assert "2 / 20 dòng có lỗi" in html
    assert "Thiếu họ và tên." in html and "Năm sinh 1890 ngoài khoảng 1930–2010." in html
    assert 'data-line="6"' in html and 'data-line="13"' in html
    assert "import/confirm" not in html
    assert count_nominations(app) == 0
    assert "Chưa nhập hồ sơ nào" in confirm(client, world)
    assert count_nominations(app) == 0

    rows[4] = person_row("Lê Thị Năm", 1984)
    rows[11] = person_row("Trần Văn Mười Hai", 1990, gender="Nam")
    html = upload(client, world, fill_template(template, rows))
    assert "Cả 20 dòng đều hợp lệ." in html

    html = confirm(client, world)

    assert "Đã nhập và gửi 20 hồ sơ." in html
    with app.app_context():
        stored = db.session.execute(select(Nomination).order_by(Nomination.id)).scalars().all()
        assert len(stored) == 20 and {n.status for n in stored} == {"submitted"}
        assert stored[11].gender == "male" and stored[0].movements == "Lao động giỏi, Lao động sáng tạo"
        assert stored[0].party_member is True and stored[0].education == "Đại học"


def test_preview_flags_unknown_unit_other_unit_duplicate_and_over_quota(app, client, auth):
    with app.app_context():
        world = make_world(quotas=(3, 2, 2))
        submit_nomination(world.conference_id, world.unit_ids[0], nomination_data("Phạm Thị Đã Có", birth_year=1980),
                          Actor(None), local_today())
        db.session.commit()
    auth.login("unit1")
    template = download_template(client, world)
    rows = [
        person_row("Phạm Thị Đã Có", 1980),
        person_row("Ngô Văn Một", 1981, unit="Đơn vị không có"),
        person_row("Ngô Văn Hai", 1982, unit="Công đoàn cơ sở số 2"),
        person_row("Ngô Thị Ba", 1983),
        person_row("Ngô Thị Bốn", 1984),
        person_row("Ngô Thị Ba", 1983),
        person_row("Ngô Thị Năm", "15/13/1985"),
    ]

    html = upload(client, world, fill_template(template, rows))

    assert "Trùng với hồ sơ đã có của đơn vị" in html
    assert "Đơn vị “Đơn vị không có” không có trong danh sách" in html
    assert "“Công đoàn cơ sở số 2” không phải đơn vị của bạn." in html
    assert "Trùng với dòng 5 trong tệp" in html
    assert "Vượt số lượng phân bổ của đơn vị (3 hồ sơ)." in html  # 1 held + Ba + Bốn = 3; Năm is over
    assert "Ngày/năm sinh “15/13/1985” không hợp lệ" in html
    assert count_nominations(app) == 1


def test_names_are_trimmed_and_nfc_and_a_birth_date_gives_the_year(app, client, auth, world):
    auth.login("unit1")
    decomposed = "  Nguye\u0302\u0303n Thi\u0323 A\u0301nh  "
    from datetime import datetime

    upload(client, world, fill_template(download_template(client, world),
                                        [person_row(decomposed, datetime(1987, 3, 15))]))
    confirm(client, world)
    with app.app_context():
        nomination = db.session.execute(select(Nomination)).scalar_one()
        assert nomination.full_name == "Nguyễn Thị Ánh"
        assert (nomination.birth_year, nomination.birth_date.isoformat()) == (1987, "1987-03-15")


def test_quota_taken_between_preview_and_import_refuses_everything(app, client, auth):
    with app.app_context():
        world = make_world(quotas=(2, 2, 2))
    auth.login("unit1")
    upload(client, world, fill_template(download_template(client, world),
                                        [person_row("Hồ Văn Một", 1980), person_row("Hồ Văn Hai", 1981)]))
    with app.app_context():
        submit_nomination(world.conference_id, world.unit_ids[0], nomination_data("Người Gửi Trước"), Actor(None),
                          local_today())
        db.session.commit()

    html = confirm(client, world)

    assert "Chưa nhập hồ sơ nào" in html and "Vượt số lượng phân bổ" in html
    assert count_nominations(app) == 1


def test_organizer_imports_for_several_units_naming_each(app, client, auth, world):
    auth.login("organizer")
    template = download_template(client, world)
    html = upload(client, world, fill_template(template, [
        person_row("Đặng Văn A", 1980, unit="Công đoàn cơ sở số 1"),
        person_row("Đặng Văn B", 1981, unit="Công đoàn cơ sở số 2"),
        person_row("Đặng Văn C", 1982),
    ]))
    assert "Thiếu tên đơn vị." in html
    upload(client, world, fill_template(template, [
        person_row("Đặng Văn A", 1980, unit="Công đoàn cơ sở số 1"),
        person_row("Đặng Văn B", 1981, unit="công đoàn cơ sở số 2"),
    ]))
    assert "Đã nhập và gửi 2 hồ sơ." in confirm(client, world)
    with app.app_context():
        units = db.session.execute(select(Nomination.unit_id).order_by(Nomination.id)).scalars().all()
        assert units == world.unit_ids[:2]


# Malformed files: a clear Vietnamese message, nothing imported.


def _workbook_bytes(build) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    sheet.append(list(HEADERS))
    sheet.append(person_row("Vũ Thị Hằng", 1985))
    build(workbook, sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _with_formula(workbook, sheet):
    sheet["E2"] = "=1980+5"


def _with_merged_cells(workbook, sheet):
    sheet.merge_cells("J2:K2")


def _with_extra_sheet(workbook, sheet):
    workbook.create_sheet("Sheet2")["A1"] = "ghi chú"


def _wrong_header(workbook, sheet):
    sheet["C1"] = "Tên"


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<row>" + "0" * (11 * 1024 * 1024) + "</row>")
    return out.getvalue()


MALFORMED = {
    "empty file": (b"", "ho-so.xlsx", "Tệp trống"),
    "renamed csv": ("Họ và tên,Năm sinh\nVũ Thị Hằng,1985\n".encode(), "ho-so.xlsx", "không phải tệp Excel"),
    "wrong type": (b"%PDF-1.4 ...", "ho-so.pdf", "Chỉ nhận tệp Excel (.xlsx)"),
    "password protected": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "ho-so.xlsx", "bảo vệ bằng mật khẩu"),
    "a zip that is not a workbook": (None, "ho-so.xlsx", "không phải tệp Excel (.xlsx) hợp lệ"),
    "formula": (_workbook_bytes(_with_formula), "ho-so.xlsx", "Ô E2 có công thức"),
    "merged cells": (_workbook_bytes(_with_merged_cells), "ho-so.xlsx", "ô gộp"),
    "extra sheet": (_workbook_bytes(_with_extra_sheet), "ho-so.xlsx", "trang tính lạ: “Sheet2”"),
    "not the template": (_workbook_bytes(_wrong_header), "ho-so.xlsx", "cột 3 phải là “Họ và tên (hoặc tên tập thể)”"),
    "10 MB of rows": (_bomb(), "ho-so.xlsx", "quá nhiều dữ liệu"),
}


def _docx_like() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_upload_gives_a_vietnamese_message_and_imports_nothing(app, client, auth, world, case):
    content, filename, message = MALFORMED[case]
    if content is None:
        content = _docx_like()
    auth.login("unit1")

    html = upload(client, world, content, filename)

    assert message in html
    assert "import/confirm" not in html
    assert count_nominations(app) == 0


@pytest.mark.parametrize("backend", ["sqlite"])  # Flask's request limit; no database involved
def test_upload_larger_than_the_request_limit_is_refused_with_413(app, client, auth, world, backend):
    auth.login("unit1")
    body = b"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.xlsx\"\r\n\r\n"
    response = client.post(f"/conferences/{world.conference_id}/nominations/import",
                           data=body + b"0" * (6 * 1024 * 1024) + b"\r\n--x--\r\n",
                           content_type="multipart/form-data; boundary=x")
    assert response.status_code == 413
    assert "Tệp tải lên quá lớn." in response.get_data(as_text=True)
    assert count_nominations(app) == 0

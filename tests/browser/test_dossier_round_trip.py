"""The round trip as people do it, in Chromium: a unit clerk types a two-paragraph citation (Enter between the
paragraphs: the browser posts CR LF) and its summary; the district's organizer approves it, chooses it for the
province and exports the list; the province's organizer, whose unit for that district has been renamed since
(known by the district's conference code, which it records on its import page), imports the file unedited; every
field of the nomination arrives as the unit typed it. SCREENSHOTS=1 saves the pages to /tmp/shots/round-trip-*.png.
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from conference.auth.models import User
from conference.conferences.models import Conference, Quota
from conference.dossier.queries import get_dossier
from conference.extensions import db
from conference.nominations.models import Nomination
from conference.nominations.services import NOMINATION_FIELDS
from conference.organizations.models import Organization
from tests.conftest import make_test_app

from .conftest import BROWSER_SETTINGS, login, logout

pytestmark = pytest.mark.browser

NAME = "Thạch Thị Sà Rinh"
PARAGRAPHS = ("Năm 2024 có 2 sáng kiến cải tiến quy trình đóng gói, làm lợi 150 triệu đồng.",
              "Tích cực tham gia phong trào “Xanh - Sạch - Đẹp”; 3 năm liền đạt Lao động tiên tiến.")
SUMMARY = "2 sáng kiến làm lợi 150 triệu đồng; 3 năm liền Lao động tiên tiến."
DISTRICT_UNIT = "Công đoàn xã Vĩnh Thuận"  # the province's unit for the district, renamed since 2025


def _app(database):
    """The app on the live server's database (the suite's settings: a cheap password hash)."""
    return make_test_app({**BROWSER_SETTINGS, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"})


def add_province(database) -> tuple[int, str]:
    """A province conference whose unit stands for the district under another name, 5 seats for it, and its
    organizer `tinh`, written into the live server's database; the conference's id and code."""
    app = _app(database)
    with app.app_context():
        province = Organization(name="Liên đoàn Lao động tỉnh An Giang", level="province")
        db.session.add(province)
        db.session.flush()
        unit = Organization(name=DISTRICT_UNIT, level="district", parent_id=province.id, member_count=3000)
        db.session.add(unit)
        db.session.flush()
        conference = Conference(host_id=province.id, level="province", held_on=date(2025, 6, 20),
                                name="Hội nghị điển hình tiên tiến tỉnh An Giang")
        db.session.add(conference)
        db.session.flush()
        db.session.add(Quota(conference_id=conference.id, unit_id=unit.id, seats=5))
        user = User(username="tinh", role="organizer", organization_id=province.id, full_name="Ban Tổ chức tỉnh")
        user.set_password("demo1234")
        db.session.add(user)
        db.session.commit()
        conference_id, code = conference.id, get_dossier(conference.id).code  # what its dossier page shows
        db.session.remove()
        db.engine.dispose()
    return conference_id, code


def nominations_named(database, name: str) -> list[dict]:
    """Every nomination of that name (the district's, then the province's), as {field: value}."""
    app = _app(database)
    with app.app_context():
        rows = [{key: getattr(n, key) for key in ("id", *NOMINATION_FIELDS, "notes", "conference_id")}
                for n in db.session.execute(select(Nomination).where(Nomination.full_name == name)
                                            .order_by(Nomination.id)).scalars()]
        db.session.remove()
        db.engine.dispose()
    return rows


def test_a_citation_typed_in_chromium_arrives_one_level_up_as_typed(live_server, demo_copy, page, shot, tmp_path):
    province_id, province_code = add_province(demo_copy)

    # ---- The unit types the nomination ---------------------------------------------------------------
    login(page, live_server, "donvi01")
    page.get_by_role("link", name="Hồ sơ").first.click()
    page.get_by_role("link", name="Thêm hồ sơ").click()
    page.get_by_label("Họ và tên (hoặc tên tập thể)").fill(NAME)
    page.get_by_label("Giới tính").select_option(label="Nữ")
    page.get_by_label("Ngày sinh").fill("1988-02-05")
    page.get_by_label("Dân tộc").fill("Khmer")
    page.get_by_label("Trình độ chuyên môn").select_option(label="Cao đẳng")
    page.get_by_label("Chức vụ, nơi công tác").fill("Tổ trưởng tổ đóng gói, Công ty TNHH Thủy sản Vĩnh Thuận")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("CNVCLĐ trực tiếp lao động sản xuất").check()
    page.get_by_label("Đảng viên").check()
    page.locator("input[name=movements]").first.check()
    page.locator("input[name=titles]").nth(1).check()
    page.get_by_label("Danh hiệu thi đua, hình thức khen thưởng đã đạt").fill("Bằng khen của LĐLĐ tỉnh năm 2024")
    page.get_by_label("Thành tích tiêu biểu").click()
    page.keyboard.insert_text(PARAGRAPHS[0])  # as an input method sends a typed word, at once
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.insert_text(PARAGRAPHS[1])
    page.get_by_label("Tóm tắt thành tích").click()
    page.keyboard.insert_text(SUMMARY)
    expect(page.locator("#summary-count")).to_have_text(f"{len(SUMMARY)} / 300 ký tự")
    shot(page, "round-trip-form")
    page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã gửi hồ sơ")
    logout(page)

    # ---- The district approves it, chooses it for the province, exports the list -----------------------
    login(page, live_server, "bantochuc")
    [typed] = nominations_named(demo_copy, NAME)
    conference_id = typed["conference_id"]
    page.goto(f"{live_server}/conferences/{conference_id}/exports")
    district_code = page.locator("#conference-code").inner_text().strip()
    page.goto(f"{live_server}/nominations/{typed['id']}")
    expect(page.get_by_test_id("achievements-summary")).to_have_text(SUMMARY)
    page.get_by_role("button", name="Duyệt").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã duyệt")
    page.goto(f"{live_server}/conferences/{conference_id}/upper-delegates")
    page.get_by_label("Số lượng đại biểu cấp trên phân bổ").fill("1")
    page.get_by_label("Mã hội nghị cấp trên").fill(province_code)
    page.get_by_role("button", name="Lưu số lượng").click()
    page.get_by_label(f"Thứ tự của {NAME}").fill("1")
    page.get_by_role("button", name="Lưu danh sách").click()
    expect(page.locator("#upper-count")).to_have_text("1 / 1")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Xuất Excel danh sách trích ngang").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    book = openpyxl.load_workbook(path)
    printed = [c for row in book.worksheets[0].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert SUMMARY in printed and not any(PARAGRAPHS[1] in c for c in printed)  # the list prints the summary
    logout(page)

    # ---- The province records the district's code and imports the file --------------------------------
    login(page, live_server, "tinh")
    page.goto(f"{live_server}/conferences/{province_id}/exports/import")
    page.get_by_label(DISTRICT_UNIT).fill(district_code.lower())
    page.get_by_role("button", name="Lưu mã").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu mã hội nghị")
    page.get_by_label("Tệp Excel danh sách trích ngang (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Xem trước").click()
    expect(page.get_by_role("heading", name=f"Xem trước: {DISTRICT_UNIT}")).to_be_visible()
    shot(page, "round-trip-preview")
    page.get_by_role("button", name="Nhập 1 hồ sơ").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã nhập 1 hồ sơ")

    district, province = nominations_named(demo_copy, NAME)
    assert district["achievements"] == "\n\n".join(PARAGRAPHS)  # LF only, as typed
    assert district["achievements_summary"] == SUMMARY and district["birth_date"] == date(1988, 2, 5)
    assert province["conference_id"] == province_id
    unit = "Công đoàn cơ sở thị trấn Vĩnh Thuận"  # donvi01's union: the grassroots unit travels with the position
    assert province["position"] == f"{district['position']}, {unit}"
    own = ("id", "conference_id", "position")
    assert {k: v for k, v in province.items() if k not in own} == {k: v for k, v in district.items() if k not in own}

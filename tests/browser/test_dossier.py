"""As a new user would, in Debian's Chromium: choose 20 delegates for the province from the agenda item,
export the list, then, as the province's organizer, import it into a province-level conference and find
the 20 delegates there."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from conference import create_app
from conference.auth.models import User
from conference.conferences.models import Conference, Quota
from conference.dossier.models import LowerConference
from conference.dossier.queries import get_dossier
from conference.extensions import db
from conference.organizations.models import Organization

from .conftest import login, logout, open_menu

pytestmark = pytest.mark.browser


def add_province(tmp_path) -> int:
    """The province's conference (level "province", the district as its unit with 20 seats) and its organizer
    `tinh`, written into the live server's database."""
    app = create_app({"TESTING": True, "SECRET_KEY": "browser-test-secret-key", "PRODUCTION": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'browser.db'}"})
    with app.app_context():
        province = Organization(name="Liên đoàn Lao động tỉnh Kiên Giang (cấp tỉnh)", level="province")
        db.session.add(province)
        db.session.flush()
        district = Organization(name="Liên đoàn Lao động huyện Vĩnh Thuận", level="district",
                                parent_id=province.id, member_count=3000)
        db.session.add(district)
        db.session.flush()
        conference = Conference(host_id=province.id, level="province", held_on=date(2025, 6, 20),
                                name="Đại hội thi đua yêu nước tỉnh Kiên Giang lần thứ VI")
        db.session.add(conference)
        db.session.flush()
        db.session.add(Quota(conference_id=conference.id, unit_id=district.id, seats=20))
        # the district told the province its conference's code: the import knows the sender by it
        demo = db.session.execute(select(Conference).where(Conference.id != conference.id)).scalars().first()
        db.session.add(LowerConference(conference_id=conference.id, unit_id=district.id,
                                       code=get_dossier(demo.id).code))
        user = User(username="tinh", role="organizer", organization_id=province.id, full_name="Ban Tổ chức tỉnh")
        user.set_password("demo1234")
        db.session.add(user)
        db.session.commit()
        cid = conference.id
        db.session.remove()
        db.engine.dispose()
    return cid


def test_choose_twenty_export_and_import_them_one_level_up(live_server, page, shot, tmp_path):
    province_cid = add_province(tmp_path)
    login(page, live_server, "tinh")
    page.goto(f"{live_server}/conferences/{province_cid}/exports")
    code = page.locator("#conference-code").inner_text().strip()
    logout(page)

    # ---- The district organizer chooses 20 delegates from the agenda item ----------------------------
    login(page, live_server, "bantochuc")
    page.get_by_role("link", name="Mở tổng quan").click()
    open_menu(page, "Chương trình")
    page.get_by_role("link", name="Danh sách đại biểu dự Hội nghị cấp trên").click()
    expect(page.get_by_role("heading", name="Đại biểu dự Hội nghị cấp trên")).to_be_visible()
    page.get_by_label("Số lượng đại biểu cấp trên phân bổ").fill("20")
    page.get_by_label("Mã hội nghị cấp trên").fill(code)
    page.get_by_role("button", name="Lưu số lượng").click()
    inputs = page.locator("#upper-table input[type=number]")
    for n in range(20):
        inputs.nth(n).fill(str(n + 1))
    page.get_by_role("button", name="Lưu danh sách").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu danh sách 20 đại biểu")
    expect(page.locator("#upper-count")).to_have_text("20 / 20")
    expect(page.locator("#priority-shares")).to_contain_text("Lao động nữ")
    shot(page, "upper-delegates")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Xuất Excel danh sách trích ngang").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    data = openpyxl.load_workbook(path)["Dữ liệu"]
    names = sorted(row[1] for row in data.iter_rows(min_row=2, values_only=True))
    assert len(names) == 20
    logout(page)

    # ---- The province organizer imports the file --------------------------------------------------------
    login(page, live_server, "tinh")
    page.goto(f"{live_server}/conferences/{province_cid}/exports/import")
    page.get_by_label("Tệp Excel danh sách trích ngang (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Xem trước").click()
    expect(page.locator("#import-preview tbody tr")).to_have_count(20)
    shot(page, "import-preview")
    page.get_by_role("button", name="Nhập 20 hồ sơ").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã nhập 20 hồ sơ")
    for name in names:
        expect(page.locator("main")).to_contain_text(name)
    shot(page, "province-nominations")

    # ---- The same file again is refused ---------------------------------------------------------------
    page.goto(f"{live_server}/conferences/{province_cid}/exports/import")
    page.get_by_label("Tệp Excel danh sách trích ngang (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Xem trước").click()
    expect(page.locator(".alert-danger").first).to_contain_text("đã được nhập")
    expect(page.get_by_role("button", name="Nhập 20 hồ sơ")).to_have_count(0)



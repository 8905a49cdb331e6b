"""Guests and invitations in Chromium, as the organizer does it: download the guest template, fill 30 guests, upload,
fix the two rows the preview flags, import; mark one guest as sending a deputy; print every invitation to PDF and
read it back. SCREENSHOTS=1 saves the pages to /tmp/shots/guests-*.png (1280 px and 390 px wide)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import login
from tests.delegates.test_guest_import import fill, guest_row

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def conference_url(page, base: str) -> str:
    """The URL of the demo conference, the first one the start page links to."""
    match = re.search(r"/conferences/\d+", page.content())
    assert match, page.url
    return base + match.group(0)


def test_organizer_imports_thirty_guests_fixes_two_rows_records_a_deputy_and_prints_the_invitations(
        live_server, new_context, shot, tmp_path):
    page = new_context().new_page()
    login(page, live_server, "bantochuc")
    base = conference_url(page, live_server)
    page.goto(f"{base}/delegates")
    page.get_by_role("link", name="Nhập khách mời từ Excel").click()
    assert "còn lại: 45" in page.get_by_test_id("guest-seats-left").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp Excel mẫu").click()
    template = Path(download.value.path()).read_bytes()

    rows = [guest_row(f"Phạm Văn Khách {i + 1}", workplace=f"Phòng số {i + 1} huyện Vĩnh Thuận")
            for i in range(30)]
    rows[4] = guest_row("", workplace="Phòng số 5 huyện Vĩnh Thuận")
    rows[17] = guest_row("Đặng Thị Ngọc Ánh", gender="Nữ giới", birth=1890)
    filled = tmp_path / "khach-moi.xlsx"
    filled.write_bytes(fill(template, rows))
    page.locator("input[type=file]").set_input_files(str(filled))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.get_by_test_id("import-problems").wait_for()
    assert "2 / 30 dòng có lỗi" in page.get_by_test_id("import-problems").inner_text()
    flagged = page.locator("tr.table-danger")
    assert flagged.count() == 2
    assert "Thiếu họ và tên." in flagged.nth(0).inner_text()
    assert "Giới tính “Nữ giới” không hợp lệ" in flagged.nth(1).inner_text()
    assert "Năm sinh 1890 ngoài khoảng" in flagged.nth(1).inner_text()
    shot(page, "guests-import-problems")

    rows[4] = guest_row("Phạm Văn Khách 5", workplace="Phòng số 5 huyện Vĩnh Thuận")
    rows[17] = guest_row("Đặng Thị Ngọc Ánh", gender="Nữ", birth=1980)
    filled.write_bytes(fill(template, rows))
    page.locator("input[type=file]").set_input_files(str(filled))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.get_by_role("button", name="Nhập 30 khách mời").click()
    page.get_by_text("Đã nhập 30 đại biểu khách mời.").wait_for()
    shot(page, "guests-delegates-1280", full_page=False)
    assert page.get_by_text("Phòng số 17 huyện Vĩnh Thuận", exact=True).count() == 1  # the organisation in the unit column

    phone = new_context(viewport=PHONE, is_mobile=True).new_page()
    login(phone, live_server, "bantochuc")
    phone.goto(f"{base}/invitations/")
    row = phone.locator("tr", has_text="Đặng Thị Ngọc Ánh")
    row.get_by_role("link", name="Trả lời khác…").click()
    phone.get_by_label("Cử người dự thay").check()
    phone.get_by_label("Họ và tên người dự thay").fill("Võ Thị Thanh Hằng")
    phone.get_by_label("Chức vụ").fill("Phó trưởng phòng")
    shot(phone, "guests-answer-390")
    phone.get_by_role("button", name="Lưu").click()
    phone.get_by_text("Võ Thị Thanh Hằng dự thay Đặng Thị Ngọc Ánh").wait_for()
    deputy_row = phone.locator("tr", has_text="Võ Thị Thanh Hằng")
    assert "Dự thay: Đặng Thị Ngọc Ánh, Chủ tịch, UBND huyện Vĩnh Thuận" in deputy_row.inner_text()
    assert "Cử người dự thay" in deputy_row.inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert deputy_row.get_by_role("link", name="Ảnh").is_visible()  # each row is a card: no column off-screen
    shot(phone, "guests-invitations-390")

    page.goto(f"{base}/invitations/")
    shot(page, "guests-invitations-1280")
    if shot.enabled:  # the other pages, to look at
        for path, name in (("/invitations/settings", "settings"), ("/guests/new", "guest-form")):
            page.goto(base + path)
            shot(page, f"guests-{name}-1280")
            phone.goto(base + path)
            shot(phone, f"guests-{name}-390")
        page.goto(f"{base}/invitations/")
    href = page.get_by_test_id("all-letters").get_attribute("href")
    response = page.request.get(live_server + href)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "giay-moi.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert text.count("GIẤY MỜI") == 60  # the demo's 30 guests and the 30 imported, one page each
    assert "Võ Thị Thanh Hằng" in text and "Đặng Thị Ngọc Ánh" not in text
    assert "Phạm Văn Khách 5" in text
    assert re.search(r"ghế [A-Z]-\d\d-\d\d", text)  # the demo's guests are seated
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True)
    assert (tmp_path / "page-01.png").exists() or (tmp_path / "page-1.png").exists()

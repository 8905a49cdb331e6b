"""The whole job as its users do it, through the UI in Debian's Chromium.

A unit nominates an exemplar → the organizer approves her → her badge carries a QR → the desk checks her in
(green), sees the repeat (amber), refuses a bad code (red), checks in a second delegate by name → the
dashboard counts two arrivals → the delegate summary list downloads with her in it.
"""

from __future__ import annotations

import re
import subprocess
import warnings

import pytest
from playwright.sync_api import expect

from .conftest import login, logout, open_menu

pytestmark = pytest.mark.browser

NAME = "Trần Thị Ngọc Ánh"
ACHIEVEMENTS = ("Có sáng kiến “Sổ tay điện tử theo dõi đoàn viên” được LĐLĐ huyện nhân rộng; "
                "5 năm liền hoàn thành xuất sắc nhiệm vụ, tích cực phong trào “Giỏi việc nước, đảm việc nhà”.")


def nav(page, label: str) -> None:
    """Click a link of the top navigation bar."""
    open_menu(page, label)


def conference_id(page) -> int:
    match = re.search(r"/conferences/(\d+)", page.url)
    assert match, page.url
    return int(match.group(1))


def flash(page, category: str):
    return page.locator(f".alert.alert-{category}")


def stat_value(page, label: str):
    """The value of the dashboard card whose label is exactly `label`."""
    card = page.locator(".card.stat").filter(has=page.locator(".stat-label", has_text=re.compile(f"^{label}$")))
    return card.locator(".stat-value")


def fill_nomination(page, name: str, gender_label: str = "Nữ", year: str = "1986") -> None:
    page.get_by_label("Loại", exact=True).select_option(label="Cá nhân")
    page.get_by_label("Họ và tên (hoặc tên tập thể)").fill(name)
    page.get_by_label("Giới tính").select_option(label=gender_label)
    page.get_by_label("Năm sinh").fill(year)
    page.get_by_label("Dân tộc").fill("Kinh")
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Chức vụ, nơi công tác").fill("Giáo viên, Trường Tiểu học thị trấn Vĩnh Thuận")
    page.get_by_label("CNVCLĐ trực tiếp lao động sản xuất").check()
    page.get_by_label("Danh hiệu thi đua, hình thức khen thưởng đã đạt").fill(
        "Chiến sĩ thi đua cơ sở năm 2023, 2024; Bằng khen của Ban Chấp hành LĐLĐ tỉnh năm 2024")
    page.get_by_label("Thành tích tiêu biểu").fill(ACHIEVEMENTS)


def scan(page, code: str) -> None:
    """What a handheld scanner does: type into the focused field, then Enter."""
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'scan-input'")
    assert page.evaluate("document.activeElement.id") == "scan-input"
    page.keyboard.type(code, delay=5)
    page.keyboard.press("Enter")


def print_pdf(page, name: str, shot) -> None:
    """Print `page` to A4 PDF in the shots folder and render its pages to PNG (SCREENSHOTS=1 only)."""
    if not shot.enabled:
        return
    pdf = shot.dir / f"{name}.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
    page.emulate_media(media="screen")
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(shot.dir / f"{name}-pdf")], check=True)


def test_nominate_approve_badge_checkin_export(live_server, page, shot, tmp_path):
    # ---- A grassroots union nominates an exemplar --------------------------------------------------------
    login(page, live_server, "donvi01")
    page.get_by_role("link", name="Hồ sơ của đơn vị").click()
    expect(page.get_by_role("heading", name="Hồ sơ giới thiệu điển hình tiên tiến")).to_be_visible()
    usage = page.get_by_test_id("quota-usage")
    used, quota = (int(x) for x in re.fullmatch(r"\s*(\d+) / (\d+)\s*", usage.inner_text()).groups())
    assert used < quota
    unit_name = page.locator("main p.text-muted").first.inner_text().strip()
    shot(page, "unit-nominations")

    page.get_by_role("link", name="Thêm hồ sơ").click()
    page.get_by_role("button", name="Gửi hồ sơ").click()  # empty: the form says what is missing
    for message in ("Nhập họ và tên.", "Nhập thành tích tiêu biểu."):
        expect(page.get_by_text(message, exact=True)).to_be_visible()
    shot(page, "nomination-form-errors")

    fill_nomination(page, NAME)
    page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(flash(page, "success")).to_contain_text("Đã gửi hồ sơ")
    row = page.locator("tbody tr", has_text=NAME)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Chờ duyệt")
    expect(usage).to_have_text(f"{used + 1} / {quota}")
    shot(page, "unit-nominations-after-submit")
    logout(page)

    # ---- The organizer reviews and approves her -----------------------------------------------------------
    login(page, live_server, "bantochuc")
    page.get_by_role("link", name="Mở tổng quan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hội nghị tuyên dương điển hình tiên tiến")
    cid = conference_id(page)
    shot(page, "dashboard")

    nav(page, "Phân bổ")
    expect(page.get_by_role("heading", name="Phân bổ số lượng đại biểu điển hình tiên tiến")).to_be_visible()
    shot(page, "quotas")

    nav(page, "Duyệt hồ sơ")
    page.get_by_label("Đơn vị", exact=True).select_option(label=unit_name)
    page.get_by_role("button", name="Lọc").click()
    row = page.locator("tbody tr", has_text=NAME)
    expect(row).to_contain_text("Chờ duyệt")
    expect(page.locator("tbody tr")).not_to_have_count(0)
    for cell in page.locator("#review-table tbody tr td:nth-child(3)").all():  # a tick box comes first
        assert cell.inner_text().strip() == unit_name
    shot(page, "review")
    row.get_by_role("button", name="Duyệt").click()
    expect(flash(page, "success")).to_have_text(f"Đã duyệt hồ sơ của {NAME}.")

    nav(page, "Đại biểu")
    her_row = page.locator("tbody tr", has_text=NAME)
    expect(her_row).to_contain_text("Điển hình tiên tiến")
    expect(her_row).to_contain_text(unit_name.removeprefix("Công đoàn "))
    other = page.locator("tbody tr", has_text="Khách mời").first.locator("td").nth(1).inner_text().strip()
    assert other and other != NAME
    shot(page, "delegates")

    nav(page, "Đoàn Chủ tịch")
    expect(page.get_by_role("heading", name="Đoàn Chủ tịch")).to_be_visible()
    shot(page, "presidium")

    nav(page, "Chương trình")
    expect(page.locator("tbody tr")).to_have_count(9)
    shot(page, "agenda")
    with page.context.expect_page() as printed:
        page.get_by_role("link", name="Bản in").click()
    printout = printed.value
    printout.wait_for_load_state()
    expect(printout.get_by_role("heading", name="CHƯƠNG TRÌNH")).to_be_visible()
    shot(printout, "agenda-print")
    print_pdf(printout, "agenda-print", shot)
    printout.close()

    nav(page, "Thẻ đại biểu")
    badge = page.locator("article.badge", has_text=NAME)
    expect(badge).to_have_count(1)
    expect(badge.locator(".name")).to_have_text(NAME)
    expect(badge.locator(".qr svg")).to_have_count(1)
    expect(badge).not_to_contain_text(re.compile(r"[A-Za-z0-9_-]{20,}"))  # no code text on the badge
    shot(page, "badges", full_page=False)
    if shot.enabled:
        badge.screenshot(path=str(shot.dir / "badge-her.png"))
    print_pdf(page, "badges", shot)

    # Her badge code: the organizer's name search API (same cookies as the page).
    response = page.request.get(f"{live_server}/api/conferences/{cid}/delegates", params={"q": NAME})
    assert response.ok, response.status
    found = [d for d in response.json()["delegates"] if d["name"] == NAME]
    assert len(found) == 1 and not found[0]["checked_in"]
    code = found[0]["code"]

    # ---- The reception desk ------------------------------------------------------------------------------
    page.get_by_role("link", name="← Tổng quan").click()
    nav(page, "Đón tiếp")
    expect(page.get_by_role("heading", name="Bàn đón tiếp đại biểu")).to_be_visible()
    result = page.locator("#result")
    arrived = page.locator("#arrived")
    expect(arrived).to_have_text("0")

    scan(page, code)
    expect(result).to_have_class(re.compile(r"\bok\b"))
    expect(result.locator(".result-name")).to_have_text(NAME)
    expect(arrived).to_have_text("1")
    shot(page, "desk-green")

    scan(page, code)
    expect(result).to_have_class(re.compile(r"\bwarn\b"))
    expect(result).to_contain_text(NAME)
    expect(result).to_contain_text("Đã điểm danh lúc")
    expect(arrived).to_have_text("1")
    shot(page, "desk-amber")

    scan(page, "KHONG-PHAI-MA-THE-123")
    expect(result).to_have_class(re.compile(r"\bbad\b"))
    expect(result).to_contain_text("Mã không hợp lệ")
    shot(page, "desk-red")

    # A guest who forgot the badge: found by part of the name, checked in with one click.
    part = " ".join(other.split()[-2:])
    page.get_by_label("Tìm theo tên (khi đại biểu quên thẻ)").fill(part)
    hit = page.locator("#search-results li", has_text=other)
    hit.get_by_role("button", name="Điểm danh").click()
    expect(result).to_have_class(re.compile(r"\bok\b"))
    expect(result.locator(".result-name")).to_have_text(other)
    expect(arrived).to_have_text("2")
    shot(page, "desk-search-green")

    # ---- Back on the dashboard: two arrivals; the summary list downloads --------------------------------
    nav(page, "Tổng quan")
    expect(stat_value(page, "Đã đến")).to_have_text(re.compile(r"^\s*2 / \d+\s*$"))
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Xuất danh sách trích ngang (Excel)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's notes about styles it does not read
        workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        values = [cell for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)
                  for cell in row if cell is not None]
    finally:
        workbook.close()
    assert NAME in values
    assert other in values


def test_individual_needs_gender_and_year(live_server, page):
    login(page, live_server, "donvi03")
    page.get_by_role("link", name="Hồ sơ của đơn vị").click()
    page.get_by_role("link", name="Thêm hồ sơ").click()
    page.get_by_label("Họ và tên (hoặc tên tập thể)").fill("Phạm Quốc Việt")
    page.get_by_label("Thành tích tiêu biểu").fill(ACHIEVEMENTS)
    page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(page.get_by_text("Chọn giới tính.", exact=True)).to_be_visible(timeout=2000)
    expect(page.get_by_text("Nhập năm sinh (số, ví dụ 1985).", exact=True)).to_be_visible(timeout=2000)


def test_unit_is_refused_over_quota(live_server, new_context, shot):
    unit = new_context().new_page()
    login(unit, live_server, "donvi02")
    unit.get_by_role("link", name="Hồ sơ của đơn vị").click()
    used = int(re.match(r"\s*(\d+) /", unit.get_by_test_id("quota-usage").inner_text()).group(1))
    unit_name = unit.locator("main p.text-muted").first.inner_text().strip()
    unit.get_by_role("link", name="Thêm hồ sơ").click()
    fill_nomination(unit, "Lê Văn Đức", gender_label="Nam", year="1979")

    # Meanwhile the organizer lowers the unit's quota to what it has already used.
    organizer = new_context().new_page()
    login(organizer, live_server, "bantochuc")
    organizer.get_by_role("link", name="Mở tổng quan").click()
    nav(organizer, "Phân bổ")
    organizer.get_by_label(f"Số lượng phân bổ {unit_name}", exact=True).fill(str(used))
    organizer.get_by_role("button", name="Lưu phân bổ").click()
    expect(flash(organizer, "success")).to_have_text("Đã lưu số lượng phân bổ.")

    unit.get_by_role("button", name="Gửi hồ sơ").click()
    refusal = flash(unit, "danger")
    expect(refusal).to_have_text(
        f"Đơn vị đã dùng hết số lượng phân bổ ({used}/{used}). Không thể gửi thêm hồ sơ.")
    expect(unit.get_by_label("Họ và tên (hoặc tên tập thể)")).to_have_value("Lê Văn Đức")  # nothing lost
    shot(unit, "nomination-over-quota")

    unit.get_by_role("link", name="Quay lại").click()
    expect(unit.get_by_test_id("quota-usage")).to_have_text(f"{used} / {used}")
    expect(unit.get_by_text("Đơn vị đã dùng hết số lượng phân bổ.")).to_be_visible()
    expect(unit.get_by_role("link", name="Thêm hồ sơ")).to_have_count(0)
    expect(unit.locator("tbody tr", has_text="Lê Văn Đức")).to_have_count(0)
    shot(unit, "unit-nominations-quota-full")


def test_desk_fits_a_phone(live_server, new_context, shot):
    page = new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                       device_scale_factor=2).new_page()
    login(page, live_server, "dontiep")
    page.get_by_role("link", name="Mở bàn đón tiếp").click()
    scan_input = page.locator("#scan-input")
    result = page.locator("#result")
    expect(scan_input).to_be_visible()
    expect(result).to_be_visible()

    def fits():
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for element in (scan_input, result):
            box = element.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, box

    fits()
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'scan-input'")
    shot(page, "desk-phone", full_page=False)

    # A long name and unit in the result box still fit.
    cid = conference_id(page)
    rows = page.request.get(f"{live_server}/api/conferences/{cid}/delegates", params={"q": "Nguyễn"}).json()
    longest = max(rows["delegates"], key=lambda d: len(d["name"]) + len(d["unit"]))
    scan(page, longest["code"])
    expect(result).to_have_class(re.compile(r"\bok\b"))
    fits()
    shot(page, "desk-phone-green", full_page=False)

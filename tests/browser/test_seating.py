"""The seating plan in Debian's Chromium, on the demo conference: the organizer sets the hall, seats everyone
automatically, moves two delegates by hand on a phone (one to a free seat, one swapped), and prints the plan on A4
landscape; at the desk a guest's badge is scanned and the green result says where the guest sits, online and with
the network cut."""

from __future__ import annotations

import re
import subprocess

import pytest
from playwright.sync_api import expect

from .conftest import login
from .test_walkthrough import conference_id, nav, scan

pytestmark = pytest.mark.browser

def test_seat_everyone_move_two_by_hand_on_a_phone_and_print_the_plan(live_server, page, shot, tmp_path):
    login(page, live_server, "bantochuc")
    page.get_by_role("link", name="Mở tổng quan").click()
    nav(page, "Chỗ ngồi")
    page.get_by_role("link", name="Khai báo hội trường").click()
    for label, value in (("Số khu ghế (A, B, …)", "2"), ("Số hàng mỗi khu", "12"), ("Số ghế mỗi hàng", "10"),
                         ("Số ghế bàn Đoàn Chủ tịch", "7")):
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Lưu hội trường").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu sơ đồ hội trường.")

    page.once("dialog", lambda dialog: dialog.accept())  # everyone is seated already: it asks first
    page.get_by_role("button", name="Xếp chỗ tự động").click()
    expect(page.locator(".alert-success")).to_contain_text(re.compile(r"Đã xếp chỗ cho \d+ đại biểu\."))
    summary = page.get_by_test_id("seating-summary")
    total = int(re.search(r"Đã xếp chỗ (\d+)/(\d+)", summary.inner_text()).group(2))
    expect(summary).to_contain_text(f"Đã xếp chỗ {total}/{total} đại biểu.")
    expect(page.locator("a.seat.kind-presidium")).to_have_count(6)
    expect(page.get_by_test_id("seating-unseated")).to_have_count(0)
    shot(page, "seating-plan")
    cid = conference_id(page)
    first = page.locator('a.seat[data-seat="A-01-01"] .seat-name').inner_text()
    second = page.locator('a.seat[data-seat="A-01-02"] .seat-name').inner_text()

    # On a phone-sized window: the first guest to a free seat, then the second onto it, refused, then swapped.
    phone = page
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.locator('a.seat[data-seat="A-01-01"]').click()
    expect(phone.get_by_label("Đại biểu", exact=True)).to_contain_text(first)
    phone.get_by_label("Đến ghế").fill("b 12 10")
    phone.get_by_role("button", name="Xếp vào ghế").click()
    expect(phone.locator(".alert-success")).to_have_text(f"Đã xếp {first} vào ghế B-12-10.")
    phone.wait_for_load_state("load")  # the name filter's script listens before the name is typed
    phone.get_by_label("Tìm đại biểu theo tên").fill(second)
    phone.get_by_label("Đến ghế").fill("B-12-10")
    phone.get_by_role("button", name="Xếp vào ghế").click()
    expect(phone.locator(".alert-danger")).to_contain_text(f"Ghế B-12-10 đã có đại biểu {first} ngồi")
    phone.get_by_label("Nếu ghế đã có người: đổi chỗ hai người cho nhau").check()
    phone.get_by_role("button", name="Xếp vào ghế").click()
    expect(phone.locator(".alert-success")).to_have_text(
        f"Đã đổi chỗ: {second} ngồi ghế B-12-10, {first} ngồi ghế A-01-02.")
    phone.wait_for_load_state("load")  # measured once the page's stylesheets apply (the text can come first)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "seating-move-phone")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server}/conferences/{cid}/seating")
    expect(page.locator('a.seat[data-seat="B-12-10"] .seat-name')).to_have_text(second)
    expect(page.locator('a.seat[data-seat="A-01-02"] .seat-name')).to_have_text(first)
    expect(page.get_by_role("button", name="Xếp chỗ tự động, giữ chỗ đã xếp tay")).to_be_visible()

    page.goto(f"{live_server}/conferences/{cid}/seating/print?paper=a4")
    expect(page.locator("h1")).to_have_text("SƠ ĐỒ CHỖ NGỒI")
    pdf = tmp_path / "plan.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), print_background=True, prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\b", info), info  # 2 blocks × 12 rows fit one page
    assert "841.92 x 594.96 pts (A4)" in info  # landscape
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "SƠ ĐỒ CHỖ NGỒI" in text and "LIÊN ĐOÀN LAO ĐỘNG HUYỆN VĨNH THUẬN" in text
    assert second.split()[-1] in text
    if shot.enabled:
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(shot.dir / "seating-plan-a4")], check=True)


def test_the_desk_shows_a_guests_seat_with_the_green_result_online_and_offline(live_server, page, shot):
    login(page, live_server, "dontiep")
    page.get_by_role("link", name="Mở bàn đón tiếp").click()
    cid = conference_id(page)
    plan = page.context.request.get(f"{live_server}/conferences/{cid}/seating/print").text()
    guests = re.findall(r'class="seat kind-guest" data-seat="([^"]+)">.*?<span class="seat-name">([^<]+)</span>',
                        plan)
    (seat1, name1), (seat2, name2) = guests[:2]

    def code_of(name: str) -> str:
        found = page.request.get(f"{live_server}/api/conferences/{cid}/delegates", params={"q": name}).json()
        return next(d["code"] for d in found["delegates"] if d["name"] == name)

    result = page.locator("#result")
    expect(page.locator("#list-state")).to_contain_text("Danh sách")  # the offline list is loaded
    scan(page, code_of(name1))
    expect(result).to_have_class(re.compile(r"\bok\b"))
    expect(result.locator(".result-name")).to_have_text(name1)
    expect(page.get_by_test_id("result-seat")).to_have_text(f"Ghế {seat1}")
    shot(page, "desk-seat", full_page=False)

    code2 = code_of(name2)
    page.context.set_offline(True)
    scan(page, code2)
    expect(result).to_have_class(re.compile(r"\bok\b"))
    expect(result).to_contain_text("chờ đồng bộ")
    expect(page.get_by_test_id("result-seat")).to_have_text(f"Ghế {seat2}")
    page.context.set_offline(False)

"""The organizer resets a unit's password in the accounts page and reads the one-time password; the unit logs in
with it, is made to choose its own password, then reaches its nominations. The login slips print whole on A4."""

from __future__ import annotations

import re
import subprocess

import pytest

from .conftest import login, logout

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Sen hồng Vĩnh Thuận 2025"


def test_a_reset_unit_logs_in_with_the_one_time_password_and_must_choose_its_own(live_server, page, shot):
    login(page, live_server, "bantochuc")
    page.get_by_role("link", name="Mở tổng quan").first.click()
    page.get_by_role("link", name="Tài khoản").click()
    page.wait_for_url(re.compile(r"/accounts$"))
    row = page.locator("tr[data-username=donvi01]")
    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Đặt lại mật khẩu").click()
    password = page.get_by_test_id("one-time-password").inner_text().strip()
    assert re.fullmatch(r"[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}", password)
    shot(page, "accounts-one-time")
    logout(page)

    login(page, live_server, "donvi01", password)
    page.wait_for_url(re.compile(r"/account/password$"))
    assert page.get_by_text("mật khẩu một lần do Ban Tổ chức cấp").is_visible()
    page.get_by_label("Mật khẩu hiện tại").fill(password)
    page.get_by_label("Mật khẩu mới", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Nhập lại mật khẩu mới").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Đổi mật khẩu").click()
    page.get_by_text("Đã đổi mật khẩu.").wait_for()

    page.get_by_role("link", name="Hồ sơ của đơn vị").first.click()
    page.wait_for_url(re.compile(r"/conferences/\d+/nominations$"))
    assert page.get_by_role("heading").first.is_visible()
    logout(page)
    login(page, live_server, "donvi01", NEW_PASSWORD)  # the chosen password is the one that works now
    assert "/account/password" not in page.url


#: The longest address the slips form takes (conference.accounts.forms.SLIP_ADDRESS_MAX): three lines on a slip.
LONG_ADDRESS = "https://thiduakhenthuong.ldldkiengiang.org.vn:5000/xxxxxxxxx"


def test_login_slips_print_eight_to_an_a4_page_with_every_password_whole(live_server, page, new_context, tmp_path,
                                                                         shot):
    login(page, live_server, "bantochuc")
    page.goto(live_server + "/accounts")
    page.get_by_label("Địa chỉ truy cập in trên phiếu").fill(LONG_ADDRESS)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Đặt lại mật khẩu các đơn vị và in phiếu").click()
    page.wait_for_url(re.compile(r"/accounts/slips$"))
    page.emulate_media(media="print")
    slips = page.evaluate("""() => [...document.querySelectorAll('[data-testid=slip]')].map(slip => {
        const box = slip.getBoundingClientRect();
        const inside = [...slip.querySelectorAll('dd, .note, .unit')].every(part => {
            const r = part.getBoundingClientRect();
            return r.top >= box.top && r.bottom <= box.bottom + 0.5 && r.right <= box.right + 0.5; });
        return {password: slip.querySelector('[data-testid=slip-password]').textContent.trim(), inside}; })""")
    pdf = tmp_path / "slips.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    shot(page, "accounts-slips")

    assert len(slips) == 30 and all(slip["inside"] for slip in slips), [s for s in slips if not s["inside"]]
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+4\n", info) and "pts (A4)" in info
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                           text=True).stdout.split("\f")
    assert [text.count("PHIẾU ĐĂNG NHẬP") for text in pages[:4]] == [8, 8, 8, 6]
    printed = "".join(pages)
    assert all(slip["password"] in printed for slip in slips)

    unit = new_context().new_page()
    login(unit, live_server, "donvi01", _slip_of(page, "donvi01"))
    unit.wait_for_url(re.compile(r"/account/password$"))


def _slip_of(page, username: str) -> str:
    """The one-time password printed on `username`'s slip."""
    slip = page.get_by_test_id("slip").filter(has=page.get_by_text(username, exact=True))
    return slip.get_by_test_id("slip-password").inner_text().strip()

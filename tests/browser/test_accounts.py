"""The organizer resets a unit's password in the accounts page and reads the one-time password; the unit logs in
with it, is made to choose its own password, then reaches its nominations."""

from __future__ import annotations

import re

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

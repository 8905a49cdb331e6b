"""In Chromium: the throttled login says why and for how long; "sign out everywhere" ends the other browser's
session too."""

from __future__ import annotations

import re

import pytest

from .conftest import DEMO_PASSWORD, login

pytestmark = pytest.mark.browser


def test_the_sixth_login_after_five_wrong_passwords_is_refused_with_a_clear_message(live_server, page, shot):
    page.goto(live_server + "/login")
    for _ in range(5):
        page.get_by_label("Tên đăng nhập").fill("bantochuc")
        page.get_by_label("Mật khẩu").fill("sai-mat-khau")
        page.get_by_role("button", name="Đăng nhập").click()
        page.get_by_text("Sai tên đăng nhập hoặc mật khẩu.").wait_for()

    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    refusal = page.get_by_role("alert").filter(has_text="Đăng nhập sai quá nhiều lần")
    refusal.wait_for()
    assert re.search(r"thử lại sau 1[45] phút", refusal.inner_text())
    assert page.url.endswith("/login")
    shot(page, "login-throttled")


def test_sign_out_everywhere_signs_the_other_browser_out(live_server, new_context, shot):
    laptop, phone = new_context().new_page(), new_context().new_page()
    login(laptop, live_server, "dontiep")
    login(phone, live_server, "dontiep")

    laptop.goto(live_server + "/account/sessions")
    assert laptop.locator("tbody tr").count() == 2
    shot(laptop, "sessions")
    laptop.get_by_role("button", name="Đăng xuất mọi nơi").click()
    laptop.get_by_text("Đã đăng xuất khỏi mọi nơi.").wait_for()

    phone.goto(live_server + "/")
    phone.wait_for_url(re.compile(r"/login"))
    assert phone.get_by_label("Tên đăng nhập").is_visible()

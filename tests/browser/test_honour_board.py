"""The public honour board as a new user meets it: the organizer switches it on, and someone logged out opens the
shared link on a phone (390 px): the demo conference's exemplars, no phone number anywhere, the Open Graph tags a
Zalo or Facebook preview reads, nothing wider than the screen and no Content-Security-Policy violation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import login, logout, open_menu
from .test_csp import watched
from .test_walkthrough import conference_id

pytestmark = pytest.mark.browser

#: A Vietnamese mobile or landline number as the demo writes them (09xxxxxxxx), with or without separators.
PHONE = re.compile(r"\b0\d(?:[ .]?\d){8}\b")


def test_organizer_switches_the_board_on_and_a_phone_opens_it_logged_out(live_server, new_context, shot):
    organizer = new_context().new_page()
    login(organizer, live_server, "bantochuc")
    organizer.get_by_role("link", name="Mở tổng quan").click()
    cid = conference_id(organizer)
    open_menu(organizer, "Bảng vinh danh")
    expect(organizer.get_by_test_id("board-off")).to_be_visible()
    organizer.get_by_label("Công khai bảng vinh danh").check()
    organizer.get_by_role("button", name="Lưu bảng vinh danh").click()
    link = organizer.get_by_test_id("public-link").locator("input").input_value()
    assert re.fullmatch(rf"{re.escape(live_server)}/honour/[A-Za-z0-9_-]{{16}}", link), link
    assert organizer.url.endswith(f"/conferences/{cid}/honour-board")
    logout(organizer)

    phone = new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                        device_scale_factor=2)
    violations = watched(phone)
    reader = phone.new_page()
    response = reader.goto(link)

    assert response.ok
    assert "public" in response.headers["cache-control"]
    cards = reader.get_by_test_id("exemplar")
    expect(cards.first).to_be_visible()
    shown = int(reader.get_by_test_id("exemplar-count").inner_text())
    assert shown == cards.count() > 10
    html = reader.content()
    text = reader.locator("body").inner_text()
    assert not PHONE.search(text) and not PHONE.search(html), "a phone number on the public board"
    assert "Đăng nhập" not in text and "Đăng xuất" not in text
    tags = {name: reader.locator(f'meta[property="{name}"]').get_attribute("content")
            for name in ("og:title", "og:description", "og:image", "og:url")}
    assert tags["og:url"] == link
    assert tags["og:image"] == f"{link}/preview.png"
    assert "Bảng vinh danh" in tags["og:title"] and tags["og:description"]
    assert reader.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    reader.wait_for_timeout(150)  # violations are reported asynchronously
    assert violations == []
    shot(reader, "honour-board-390", full_page=False)

    preview = reader.request.get(tags["og:image"])
    assert preview.ok and preview.headers["content-type"] == "image/png"

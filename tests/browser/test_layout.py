"""The organizer's menu: one row on a 1280-1920 px office screen, none broken inside a label; its drop-downs open
and lead to their pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import login, open_menu


@pytest.mark.parametrize("width", [1280, 1366, 1440, 1600, 1920])
def test_organizer_menu_is_one_row_on_office_screens(live_server, new_context, width):
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    login(page, live_server, "bantochuc")
    page.get_by_role("link", name="Tổng quan").first.click()

    entries = page.locator("#mainnav .navbar-nav > .nav-item > .nav-link")
    expect(entries).to_have_count(6)  # Tổng quan, three drop-downs, Nhật ký, Tài khoản
    tops = {round(box["y"]) for box in (entries.nth(i).bounding_box() for i in range(entries.count()))}
    assert len(tops) == 1, f"menu wraps at {width}px"
    heights = {round(entries.nth(i).bounding_box()["height"]) for i in range(entries.count())}
    assert len(heights) == 1  # no label broken over two lines

    if width == 1280:
        open_menu(page, "Trao thưởng")
        assert "/ceremony" in page.url
        assert page.locator("#mainnav .dropdown-toggle.active").inner_text() == "Ngày hội nghị"

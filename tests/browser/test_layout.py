"""The organizer's menu: twelve links on one row on a 1280-1600 px office screen, none broken inside a label."""

from __future__ import annotations

import pytest

from .conftest import login


@pytest.mark.parametrize("width", [1280, 1366, 1440, 1600, 1920])
def test_organizer_menu_is_one_row_on_office_screens(live_server, new_context, width):
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    login(page, live_server, "bantochuc")
    page.get_by_role("link", name="Tổng quan").first.click()

    links = page.locator("#mainnav .nav-link")
    assert links.count() == 12
    tops = {round(box["y"]) for box in (links.nth(i).bounding_box() for i in range(links.count()))}
    assert len(tops) == 1, f"menu wraps at {width}px"
    heights = {round(links.nth(i).bounding_box()["height"]) for i in range(links.count())}
    assert len(heights) == 1  # no label broken over two lines

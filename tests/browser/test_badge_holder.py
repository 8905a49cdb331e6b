"""A badge admits only its holder, in Debian's Chromium: the organizer removes a guest and adds another, and the
removed guest's printed badge is refused at the desk, naming nobody; the fallback code printed under a badge's QR,
typed by hand at the desk, checks its delegate in, online and offline (queued, then synced)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import login
from .test_checkin_day import delegates, open_desk
from .test_walkthrough import conference_id, scan

pytestmark = pytest.mark.browser


def printed_fallback(page, base: str, cid: int, name: str) -> str:
    """The fallback code printed under `name`'s QR on the badge sheet, as a person reads it ("ACDE-FGHJ")."""
    page.goto(f"{base}/conferences/{cid}/badges?order=name")
    badge = page.locator("article.badge").filter(has=page.locator(".name", has_text=re.compile(f"^{name}$")))
    expect(badge).to_have_count(1)
    text = badge.locator(".fallback").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", text), text
    return text


def test_a_removed_guests_badge_is_refused_and_a_typed_fallback_code_checks_in(live_server, new_context, shot):
    organizer = new_context().new_page()
    login(organizer, live_server, "bantochuc")
    organizer.get_by_role("link", name="Mở tổng quan").click()
    cid = conference_id(organizer)

    # The organizer removes a guest who sent word they will not come, and adds the one who comes instead.
    organizer.goto(f"{live_server}/conferences/{cid}/delegates?category=guest")
    row = organizer.locator("tbody tr").first
    removed = row.locator("td").nth(1).inner_text()
    [old] = [d for d in delegates(organizer, live_server, cid, removed) if d["name"] == removed]
    old_fallback = printed_fallback(organizer, live_server, cid, removed)
    organizer.goto(f"{live_server}/conferences/{cid}/delegates?category=guest")
    organizer.once("dialog", lambda dialog: dialog.accept())
    organizer.locator("tbody tr").filter(has_text=removed).get_by_role("button", name="Xoá").click()
    expect(organizer.locator(".alert-success")).to_have_text("Đã xoá đại biểu.")
    organizer.get_by_role("link", name="Thêm đại biểu khách mời").click()
    organizer.get_by_label("Họ và tên").fill("Đặng Văn Thay Thế")
    organizer.get_by_label("Chức vụ", exact=True).fill("Phó Bí thư Đảng ủy xã")
    organizer.get_by_role("button", name="Thêm").click()
    expect(organizer.locator(".alert-success")).to_contain_text("Đặng Văn Thay Thế")
    new_fallback = printed_fallback(organizer, live_server, cid, "Đặng Văn Thay Thế")
    shot(organizer, "badge-fallback-code", full_page=False)

    context = new_context()
    desk = context.new_page()
    open_desk(desk, live_server, "Bàn 7")
    result = desk.locator("#result")
    for code in (old["code"], old_fallback):  # the removed guest's printed badge: its QR, then its fallback code
        scan(desk, code)
        expect(result).to_have_class(re.compile(r"\bbad\b"))
        expect(result.locator(".result-name")).to_have_text("")  # names nobody, not the new guest
    expect(desk.locator("#arrived")).to_have_text("0")

    scan(desk, new_fallback.lower())  # typed by hand, in lower case
    expect(result).to_have_class(re.compile(r"\bok\b"))
    expect(result.locator(".result-name")).to_have_text("Đặng Văn Thay Thế")
    expect(desk.locator("#arrived")).to_have_text("1")
    shot(desk, "desk-fallback-code")

    # Offline, the desk's own list knows the fallback codes too (by their hash): queued, then synced.
    other = next(d for d in delegates(desk, live_server, cid, "Văn") if not d["checked_in"])
    other_fallback = printed_fallback(organizer, live_server, cid, other["name"])
    context.set_offline(True)
    expect(desk.locator("#net-state")).to_have_text("Mất mạng: đang điểm danh ngoại tuyến")
    scan(desk, other_fallback.replace("-", "\u00a0"))  # a no-break space is no separator online: nor offline
    expect(result).to_have_class(re.compile(r"\bbad\b"))
    expect(desk.locator("#pending")).to_have_text("0")
    scan(desk, other_fallback.replace("-", " "))
    expect(result).to_have_class(re.compile(r"\bok\b"))
    expect(result.locator(".result-name")).to_have_text(other["name"])
    expect(result).to_contain_text("chờ đồng bộ")
    expect(desk.locator("#pending")).to_have_text("1")
    scan(desk, old_fallback)
    expect(result).to_have_class(re.compile(r"\bbad\b"))
    context.set_offline(False)
    expect(desk.locator("#pending")).to_have_text("0", timeout=15_000)
    expect(desk.locator("#net-state")).to_contain_text("Đã đồng bộ 1 lượt điểm danh.")
    [row] = [d for d in delegates(desk, live_server, cid, other["name"]) if d["name"] == other["name"]]
    assert row["checked_in"]

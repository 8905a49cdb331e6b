"""A desk phone whose clock says 2000: its offline scans are refused at sync, the desk says whose and why in red and
counts them, the board stays fast; the desk shows the server's time; after a red scan the undo button names nobody;
at 390 px no label is cut (a screenshot is saved to look at: /tmp/shots/desk-clock-2000-390.png).
"""

from __future__ import annotations

import re
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from .test_checkin_day import PHONE, delegates, open_desk
from .test_walkthrough import conference_id, scan

pytestmark = pytest.mark.browser

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SHOT = Path("/tmp/shots/desk-clock-2000-390.png")

#: Labels, buttons and status lines of the desk whose text does not fit their box (cut or clipped).
CUT_TEXT = """() => Array.from(document.querySelectorAll('#desk label, #desk button, #net span, #desk h1'))
  .filter(el => el.offsetParent !== null && (el.scrollWidth > el.clientWidth + 1 ||
          el.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
  .map(el => el.id || el.textContent.trim())"""


def test_a_phone_set_to_2000_has_its_offline_scans_refused_at_sync_with_the_reason(live_server, new_context):
    context = new_context(**PHONE)
    page = context.new_page()
    page.clock.install()  # the page's clock, set to 2000 below (the server's stays right)
    open_desk(page, live_server, "Bàn điện thoại 2")
    cid = conference_id(page)
    first, *people = [d for d in delegates(page, live_server, cid, "Văn") if not d["checked_in"]][:3]
    result = page.locator("#result")
    undo = page.locator("#undo")

    # Online: green names the person on the undo button; a red scan after it leaves the button naming nobody.
    scan(page, first["code"])
    expect(result).to_have_class(re.compile(r"\bok\b"))
    expect(undo).to_have_text(f"Hủy lượt vừa điểm danh: {first['name']}")
    scan(page, "KHONG-PHAI-MA-THE")
    expect(result).to_have_class(re.compile(r"\bbad\b"))
    expect(undo).to_be_hidden()
    title = result.locator(".result-title").inner_text()
    detail = result.locator(".result-detail").inner_text()
    assert title.lstrip("✖ ").lower() not in detail.lower()  # the red message says it once

    page.clock.set_system_time(datetime(2000, 1, 1, 8, 0, tzinfo=VN))
    context.set_offline(True)
    expect(page.locator("#net-state")).to_have_text("Mất mạng: đang điểm danh ngoại tuyến")
    for i, person in enumerate(people, start=1):
        scan(page, person["code"])
        expect(result).to_have_class(re.compile(r"\bok\b"))
        expect(page.locator("#pending")).to_have_text(str(i))
    # The desk shows the server's time, not the device's 08:00 of 2000.
    shown = re.search(r"lúc (\d\d:\d\d)", result.inner_text()).group(1)
    server_now = datetime.now(VN)
    assert shown != "08:00" or server_now.strftime("%H:%M") == "08:00"
    assert abs((datetime.strptime(shown, "%H:%M") - datetime.strptime(server_now.strftime("%H:%M"), "%H:%M"))
               .total_seconds()) <= 120, (shown, server_now)

    context.set_offline(False)
    expect(page.locator("#pending")).to_have_text("0", timeout=15_000)
    expect(result).to_have_class(re.compile(r"\bbad\b"))
    expect(result.locator(".result-title")).to_have_text("✖ Giờ quét ngoài thời gian hội nghị")
    expect(result.locator(".result-name")).to_have_text(", ".join(p["name"] for p in people))
    expect(result.locator(".result-detail")).to_have_text(
        "2 lượt quét ngoại tuyến không được ghi nhận: Đồng hồ của thiết bị ghi ngày 01/01/2000 lúc quét, ngoài thời "
        "gian hội nghị. Chỉnh đồng hồ thiết bị rồi quét lại thẻ.")  # one reason for both, said once
    expect(page.locator("#net-state")).to_contain_text(
        "Đã đồng bộ 0 lượt điểm danh. 2 lượt quét ngoại tuyến không được ghi nhận: "
        + ", ".join(p["name"] for p in people) + ". 2 lượt có giờ quét ngoài thời gian hội nghị")
    expect(undo).to_be_hidden()
    expect(page.locator("#arrived")).to_have_text(re.compile(r"^\d+$"))
    for person in people:
        [row] = [d for d in delegates(page, live_server, cid, person["name"]) if d["name"] == person["name"]]
        assert not row["checked_in"], person["name"]

    assert page.evaluate(CUT_TEXT) == []
    SHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOT), full_page=True)

    board = new_context().new_page()
    from .conftest import login
    login(board, live_server, "bantochuc")
    started = time.perf_counter()
    response = board.goto(f"{live_server}/conferences/{cid}/board")
    assert response.ok and time.perf_counter() - started < 5

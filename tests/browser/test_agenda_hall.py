"""As the organizer would on the demo conference, in Debian's Chromium: lengthen the honouring and watch the times
recompute and the half-day warning appear; open the hall screen in two windows, move it on from one and from a
phone, and see every screen follow."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.browser.test_csp import watched
from tests.browser.test_walkthrough import conference_id, nav, print_pdf

HONOURING = "Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến"


def test_durations_recompute_the_times_and_every_hall_screen_follows_the_control(live_server, page, new_context,
                                                                               shot):
    violations = watched(page.context)  # the pages run under the Content-Security-Policy without a violation
    login(page, live_server, "bantochuc")
    page.get_by_role("link", name="Mở tổng quan").click()
    cid = conference_id(page)
    nav(page, "Chương trình")
    times = page.get_by_test_id("agenda-time")
    expect(times).to_have_count(9)
    expect(times.first).to_have_text("07:30 – 07:45")
    expect(times.nth(4)).to_have_text("09:00 – 09:40")
    expect(times.last).to_have_text("10:30 – 10:45")
    expect(page.get_by_test_id("agenda-overrun")).to_have_count(0)

    # ---- The honouring takes 105 minutes instead of 40: everything after it moves, past the half day ----------
    page.locator("tbody tr", has_text=HONOURING).get_by_role("link", name="Sửa").click()
    page.get_by_label("Thời lượng (phút)").fill("105")
    page.get_by_role("button", name="Lưu").click()
    expect(times.nth(4)).to_have_text("09:00 – 10:45")
    expect(times.nth(5)).to_have_text("10:45 – 11:05")
    expect(times.last).to_have_text("11:35 – 11:50")
    expect(page.get_by_test_id("agenda-overrun")).to_contain_text("quá 20 phút")
    shot(page, "agenda-timed")

    # ---- An earlier start brings it back within the morning -----------------------------------------------------
    page.get_by_label("Giờ bắt đầu hội nghị").fill("07:00")
    page.get_by_role("button", name="Lưu giờ").click()
    expect(times.first).to_have_text("07:00 – 07:15")
    expect(times.last).to_have_text("11:05 – 11:20")
    expect(page.get_by_test_id("agenda-overrun")).to_have_count(0)

    with page.context.expect_page() as printed:
        page.get_by_role("link", name="Bản in").click()
    printout = printed.value
    expect(printout.locator("table.agenda tbody tr")).to_have_count(9)
    expect(printout.locator("table.agenda tbody tr").last).to_contain_text("11:05 – 11:20")
    print_pdf(printout, "agenda-programme", shot)
    printout.close()

    # ---- Two windows show the hall screen; one moves it on, the other follows -----------------------------------
    screen = page.context.new_page()
    screen.goto(f"{live_server}/conferences/{cid}/agenda/hall")
    page.goto(f"{live_server}/conferences/{cid}/agenda/hall")
    for window in (page, screen):
        expect(window.locator(".hall-conference")).to_contain_text("Hội nghị tuyên dương điển hình tiên tiến")
        expect(window.get_by_test_id("hall-next")).to_have_text("Văn nghệ chào mừng (nếu có)")
    page.get_by_test_id("hall-forward").click()
    expect(screen.get_by_test_id("hall-current")).to_have_text("Văn nghệ chào mừng (nếu có)")
    expect(page.get_by_test_id("hall-next")).to_contain_text("Tuyên bố lý do")
    page.keyboard.press("ArrowRight")  # a presenter's remote: one more step
    for window in (page, screen):
        expect(window.get_by_test_id("hall-current")).to_have_text(
            "Tuyên bố lý do, giới thiệu đại biểu và khai mạc")
        expect(window.get_by_test_id("hall-next")).to_contain_text("Báo cáo đánh giá")
    expect(screen.locator(".hall-opening")).to_be_hidden()
    shot(screen, "hall-screen", full_page=False)

    # ---- From a phone: the control page moves both screens --------------------------------------------------
    phone_context = new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone_violations = watched(phone_context)
    phone = phone_context.new_page()
    login(phone, live_server, "bantochuc")
    phone.goto(f"{live_server}/conferences/{cid}/agenda/hall/control")
    expect(phone.get_by_test_id("control-current")).to_have_text("Tuyên bố lý do, giới thiệu đại biểu và khai mạc")
    phone.get_by_test_id("control-forward").click()
    expect(phone.locator(".hall-row.is-current")).to_contain_text("Báo cáo đánh giá")
    phone.locator(".hall-row", has_text=HONOURING).get_by_role("button", name="Chiếu").click()
    for window in (page, screen):
        expect(window.get_by_test_id("hall-current")).to_have_text(HONOURING)
        expect(window.get_by_test_id("hall-next")).to_have_text("Phát động phong trào thi đua giai đoạn 2025-2030")
    expect(phone.get_by_test_id("control-current")).to_have_text(HONOURING)
    shot(phone, "hall-control-phone")

    # ---- Every move is in the audit log ------------------------------------------------------------------------
    page.goto(f"{live_server}/conferences/{cid}/audit")
    shown = page.locator('tr[data-entity="hall_screen"]')
    expect(shown).to_have_count(4)
    expect(shown.first).to_contain_text(re.compile("Biểu dương, tôn vinh"))
    assert violations == phone_violations == []

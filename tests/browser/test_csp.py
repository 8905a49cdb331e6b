"""The Content-Security-Policy (conference/web/headers.py) blocks nothing the pages need, in Debian's Chromium: the
organizer, a unit and a desk open their pages (every page of the menu, the print pages, the hall screen and its
phone control, the ceremony, seating and invitation pages) and not one violation is reported; what inline code once did
still works from static/js/ui.js (print buttons, confirmations, bar widths and badge colours), and the desk's
camera compiles zxing's WebAssembly under the desk page's policy."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import login, logout
from .test_checkin_day import camera_browser, delegates, fake_camera_video, open_desk  # noqa: F401  (a fixture)
from .test_walkthrough import conference_id

pytestmark = pytest.mark.browser

#: Reports every `securitypolicyviolation` event of every page of the context to the test (window.reportCsp),
#: naming the page.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (e) {
  window.reportCsp([location.pathname, e.violatedDirective, e.blockedURI, e.sourceFile + ":" + e.lineNumber].join(" "));
});
"""


def watched(context) -> list[str]:
    """Collect CSP violations of every page of `context`: the events and the console's messages about them."""
    violations: list[str] = []
    context.expose_binding("reportCsp", lambda _source, text: violations.append(text))
    context.add_init_script(REPORT_VIOLATIONS)
    context.on("console", lambda message: violations.append(f"{message.location.get('url')}: {message.text}")
               if "Content Security Policy" in message.text else None)
    return violations


def settle(page) -> None:
    """Let the page's scripts run a moment past its load event and wait for the reports so far: the test hears of a
    violation (its event, its console message) before the answer to a script the page runs after it."""
    page.evaluate("() => new Promise(resolve => setTimeout(resolve, 50))")


def visit(page, url: str, violations: list[str]) -> None:
    """Open `url`, let its scripts run, and fail on any violation so far (naming the page)."""
    response = page.goto(url)  # waits for the load event
    assert response is not None and response.ok, (url, response and response.status)
    settle(page)
    assert violations == [], url


def first_link(page, selector: str) -> str:
    """The href of the first link of the page matching `selector`."""
    href = page.locator(selector).first.get_attribute("href")
    assert href, selector
    return href


def test_the_main_pages_of_each_role_run_under_the_policy_without_a_violation(live_server, new_context):
    context = new_context()
    violations = watched(context)
    page = context.new_page()

    login(page, live_server, "bantochuc")
    page.get_by_role("link", name="Mở tổng quan").click()
    cid = conference_id(page)
    for path in ("", "/quotas", "/units", "/nominations", "/delegates", "/presidium", "/agenda", "/agenda/print",
                 "/badges", "/badges?layout=a6", "/badges?layout=tents", "/badges/categories", "/checkin", "/board",
                 "/checkin/absentees", "/exports", "/upper-delegates", "/nominations/import", "/guests/new", "/edit",
                 "/audit", "/references", "/presidium/print", "/guests/import", "/honour-board", "/certificates",
                 "/invitations/settings", "/seating", "/seating/hall", "/seating/move", "/seating/print",
                 "/agenda/hall", "/agenda/hall/control", "/ceremony/script", "/ceremony/script/print"):
        visit(page, f"{live_server}/conferences/{cid}{path}", violations)
    visit(page, f"{live_server}/conferences/{cid}/units", violations)
    visit(page, live_server + first_link(page, "a[href*='/units/'][href$='/edit']"), violations)
    visit(page, f"{live_server}/conferences/{cid}/agenda", violations)
    visit(page, live_server + first_link(page, "a[href*='/agenda/'][href$='/edit']"), violations)
    visit(page, f"{live_server}/conferences/{cid}/invitations/", violations)
    guest = re.search(r"/invitations/(\d+)/answer", page.content())
    assert guest, "no guest on the invitations page"
    visit(page, f"{live_server}/conferences/{cid}/delegates/{guest.group(1)}/badge", violations)
    visit(page, f"{live_server}/conferences/{cid}/ceremony", violations)
    page.get_by_role("button", name="Tạo các đợt").click()  # the demo has no batches yet
    visit(page, live_server + first_link(page, "a[href*='/ceremony/batches/']"), violations)
    visit(page, f"{live_server}/conferences/{cid}/nominations", violations)
    page.locator("table a[href^='/nominations/']").first.click()  # one nomination, from the review list
    page.wait_for_url("**/nominations/*")
    settle(page)
    for path in ("/account/sessions", "/accounts", "/accounts/new", "/account/password", "/"):
        visit(page, f"{live_server}{path}", violations)
    logout(page)
    assert violations == []

    login(page, live_server, "donvi01")
    visit(page, f"{live_server}/conferences/{cid}/nominations", violations)
    page.locator("table a[href^='/nominations/']").first.click()  # one of the unit's nominations
    page.wait_for_url("**/nominations/*")
    settle(page)
    for path in (f"/conferences/{cid}", f"/conferences/{cid}/nominations/new", f"/conferences/{cid}/nominations/import",
                 "/account/password"):
        visit(page, f"{live_server}{path}", violations)
    logout(page)

    login(page, live_server, "dontiep")
    for path in ("/agenda/print", "/seating/print"):
        visit(page, f"{live_server}/conferences/{cid}{path}", violations)
    page.goto(f"{live_server}/conferences/{cid}/checkin")
    expect(page.locator("#list-state")).not_to_be_empty()  # the desk's scripts ran and loaded the list
    settle(page)
    assert violations == []


def test_dynamic_styles_come_from_data_attributes(live_server, page):
    login(page, live_server, "bantochuc")
    page.get_by_role("link", name="Mở tổng quan").click()
    cid = conference_id(page)

    page.goto(f"{live_server}/conferences/{cid}/badges")
    badge = page.locator("article.badge").first
    expect(badge).to_be_visible()
    colour = badge.get_attribute("data-cat")
    assert colour and badge.evaluate("el => getComputedStyle(el).getPropertyValue('--cat').trim()") == colour

    page.goto(f"{live_server}/conferences/{cid}/board")
    bar = page.locator("#board .progress .progress-bar").first
    percent = float(bar.get_attribute("data-width"))
    track = bar.evaluate("el => el.parentElement.getBoundingClientRect().width")
    width = bar.evaluate("el => el.getBoundingClientRect().width")
    assert abs(width - track * percent / 100) < 2
    # The board reloads its figures every 5 s (board.js): the new fragment's bars get their widths too.
    bar.evaluate("el => { el.dataset.old = '1'; }")
    page.wait_for_function("() => !document.querySelector('#board .progress .progress-bar').dataset.old",
                           timeout=8000)
    assert page.evaluate("document.querySelector('#board .progress .progress-bar').style.width") == f"{percent:g}%"
    card = page.locator(".card.stat-cat").first
    red, green, blue = (int(card.get_attribute("data-cat")[i:i + 2], 16) for i in (1, 3, 5))
    assert card.evaluate("el => getComputedStyle(el).borderLeftColor") == f"rgb({red}, {green}, {blue})"
    assert float(card.evaluate("el => getComputedStyle(el).borderLeftWidth")[:-2]) > 5  # .4rem, not the card's 1px


def test_print_buttons_print_and_confirmations_ask_first(live_server, page):
    login(page, live_server, "bantochuc")
    page.get_by_role("link", name="Mở tổng quan").click()
    cid = conference_id(page)
    count_prints = "() => { window.printed = 0; window.print = function () { window.printed += 1; }; }"

    for path, label in (("/agenda/print", "In"), ("/checkin/absentees", "In"), ("/badges", "In")):
        page.goto(f"{live_server}/conferences/{cid}{path}")
        page.evaluate(count_prints)
        page.get_by_role("button", name=label, exact=True).click()
        assert page.evaluate("window.printed") == 1, path

    page.goto(f"{live_server}/conferences/{cid}/agenda")
    rows = page.locator("table tbody tr")
    before = rows.count()
    assert before > 0
    questions = []

    def answer(dialog, accept: bool):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.get_by_role("button", name="Xoá").first.click()
    page.wait_for_timeout(300)
    expect(rows).to_have_count(before)  # cancelled: nothing posted
    page.once("dialog", lambda dialog: answer(dialog, True))
    page.get_by_role("button", name="Xoá").first.click()
    expect(rows).to_have_count(before - 1)
    assert questions == ["Xoá nội dung này?", "Xoá nội dung này?"]

    page.goto(f"{live_server}/conferences/{cid}/board")
    page.once("dialog", lambda dialog: answer(dialog, True))
    page.get_by_role("button", name="Đóng bàn đón tiếp").click()
    expect(page.get_by_test_id("board-closed")).to_be_visible()
    assert questions[-1].startswith("Đóng bàn đón tiếp?")


def test_the_desk_camera_reads_a_badge_under_the_desk_pages_policy(live_server, page, camera_browser, tmp_path):  # noqa: F811
    """The barcode-detector polyfill compiles zxing's WebAssembly, which the desk page's policy allows
    ('wasm-unsafe-eval', there only): a fake camera shows a badge, the desk reads it, and nothing is blocked."""
    login(page, live_server, "dontiep")
    page.get_by_role("link", name="Mở bàn đón tiếp").click()
    cid = conference_id(page)
    who = next(d for d in delegates(page, live_server, cid, "Nguyễn") if not d["checked_in"])
    context = camera_browser(fake_camera_video(tmp_path, who["code"], who["name"], who["unit"])).new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", permissions=["camera"])
    context.set_default_timeout(15_000)
    violations = watched(context)
    phone = context.new_page()

    open_desk(phone, live_server, "Bàn camera")
    phone.get_by_role("button", name="Quét bằng camera").click()

    expect(phone.locator("#result")).to_have_class(re.compile(r"\bok\b"))
    expect(phone.locator("#result .result-name")).to_have_text(who["name"])
    assert violations == []

"""The desk reopened without network: its service worker (/desk-sw.js) keeps the page and its files, so a reload
while the network is down shows the desk again, which scans from its IndexedDB copy and syncs when the network
is back. In this Chromium `context.set_offline(True)` also cuts the worker's own fetches (checked by hand: with
the registration removed from static/js/desk/main.js the offline reload ends on Chromium's error page and this test fails).
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from conference.checkin.views import SYNC_LIMIT

from .conftest import logout
from .test_checkin_day import delegates, open_desk
from .test_walkthrough import conference_id, scan

pytestmark = pytest.mark.browser

OFFLINE = "Mất mạng: đang điểm danh ngoại tuyến"


def wait_until(page, script: str, timeout_ms: int = 10_000) -> None:
    """Poll an async page script until it gives true (wait_for_function takes a returned Promise as true)."""
    for _ in range(timeout_ms // 100):
        if page.evaluate(script):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still false after {timeout_ms} ms: {script}")


def wait_for_worker(page) -> None:
    """The desk's worker is active (its install cached the files and this page) and controls the page."""
    # A function, not an expression: Playwright evaluates a polled expression with eval, which the CSP refuses.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")  # no registration: times out
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)").endswith("/conferences/")
    assert page.evaluate("caches.open('desk-pages').then(c => c.match(location.pathname)).then(r => !!r)")


def test_desk_reloaded_without_network_scans_into_the_queue_then_syncs(live_server, new_context, shot):
    context = new_context()
    page = context.new_page()
    open_desk(page, live_server, "Bàn 5")
    cid = conference_id(page)
    person = next(d for d in delegates(page, live_server, cid, "Văn") if not d["checked_in"])
    wait_for_worker(page)
    result = page.locator("#result")

    context.set_offline(True)
    page.reload()

    expect(page.get_by_role("heading", name="Bàn đón tiếp đại biểu")).to_be_visible()
    expect(page.locator("#net-state")).to_have_text(OFFLINE)
    expect(page.locator("#list-state")).to_contain_text(re.compile(r"Danh sách \d+ thẻ, tải lúc \d\d:\d\d"))
    expect(page.locator("#no-offline-reload")).to_be_hidden()
    expect(page.get_by_label("Tên bàn")).to_have_value("Bàn 5")
    scan(page, person["code"])
    expect(result).to_have_class(re.compile(r"\bok\b"))
    expect(result.locator(".result-name")).to_have_text(person["name"])
    expect(result).to_contain_text("chờ đồng bộ")
    expect(page.locator("#pending")).to_have_text("1")
    shot(page, "desk-offline-reloaded")

    page.reload()  # again, still offline: the queued scan and this desk's copy of the arrivals survive it
    expect(page.locator("#pending")).to_have_text("1")
    scan(page, person["code"])
    expect(result).to_have_class(re.compile(r"\bwarn\b"))
    expect(result.locator(".result-name")).to_have_text(person["name"])
    expect(page.locator("#pending")).to_have_text("1")

    context.set_offline(False)
    expect(page.locator("#pending")).to_have_text("0", timeout=15_000)
    expect(page.locator("#net-state")).to_contain_text("Đã đồng bộ 1 lượt điểm danh.")
    [row] = [d for d in delegates(page, live_server, cid, person["name"]) if d["name"] == person["name"]]
    assert row["checked_in"]

    # A long outage: more scans queued than one sync request may carry (SYNC_LIMIT) are sent in turns, none stuck.
    context.set_offline(True)
    expect(page.locator("#net-state")).to_have_text(OFFLINE)
    page.evaluate("""(n) => Promise.all(Array.from({length: n}, (_, i) => window.Desk.list.enqueue(
        {nonce: "long-" + i, code: "KHONG-PHAI-THE-" + i, hash: "", desk: "Bàn 5",
         scanned_at: new Date().toISOString()}))).then(window.Desk.list.pending)""", SYNC_LIMIT + 1)
    expect(page.locator("#pending")).to_have_text(str(SYNC_LIMIT + 1))
    context.set_offline(False)
    expect(page.locator("#pending")).to_have_text("0", timeout=20_000)


def test_worker_is_public_and_keeps_every_static_file_the_desk_loads(live_server, new_context):
    anonymous = new_context().new_page()
    response = anonymous.request.get(f"{live_server}/desk-sw.js")
    assert response.ok
    assert response.headers["content-type"].startswith("text/javascript")
    first_line = response.text().splitlines()[0]
    kept = set(json.loads(first_line.removeprefix("self.DESK = ").removesuffix(";"))["assets"])

    page = new_context().new_page()
    open_desk(page, live_server, "Bàn 6")
    loaded = set(page.evaluate("""() => {
        const urls = [...document.querySelectorAll("script[src], link[rel=stylesheet]")].map(e => e.src || e.href);
        urls.push(new URL(JSON.parse(document.getElementById("desk").dataset.urls).wasm, location.href).href);
        return urls.map(u => new URL(u)).filter(u => u.origin === location.origin).map(u => u.pathname);
    }"""))
    assert loaded <= kept, sorted(loaded - kept)
    assert not any(path.startswith("/api/") for path in kept)


def test_opening_the_login_page_while_logged_in_forgets_the_offline_desk_page(live_server, new_context):
    page = new_context().new_page()
    open_desk(page, live_server, "Bàn 8")
    wait_for_worker(page)

    page.goto(live_server + "/login")  # another person is about to log in over this session

    wait_until(page, "caches.has('desk-pages').then(kept => !kept)")


def test_logout_forgets_the_offline_desk_page(live_server, new_context):
    context = new_context()
    page = context.new_page()
    open_desk(page, live_server, "Bàn 7")
    desk_url = page.url
    wait_for_worker(page)

    logout(page)
    wait_until(page, "caches.has('desk-pages').then(kept => !kept)")  # the login page forgot the desk

    context.set_offline(True)
    with pytest.raises(PlaywrightError, match=r"net::ERR_(FAILED|INTERNET_DISCONNECTED)"):
        page.goto(desk_url)


def test_a_new_deployment_replaces_the_desks_cached_files(live_server, new_context, monkeypatch):
    from conference.checkin import views

    page = new_context().new_page()
    open_desk(page, live_server, "Bàn 8")
    wait_for_worker(page)
    [old] = [k for k in page.evaluate("caches.keys()") if k.startswith("desk-assets-")]

    deployed = views._desk_worker_script
    monkeypatch.setattr(views, "_desk_worker_script", lambda: deployed().replace('"version": "', '"version": "v2', 1))
    page.reload()  # the browser checks /desk-sw.js on every desk navigation and installs the changed worker

    new = "desk-assets-v2" + old.removeprefix("desk-assets-")
    wait_until(page, f"caches.keys().then(keys => keys.includes('{new}') && !keys.includes('{old}'))")
    assert page.evaluate(f"caches.open('{new}').then(c => c.keys()).then(k => k.length)") == len(views.DESK_ASSETS)


def test_a_badge_list_saved_on_another_day_shows_its_date_in_red_after_an_offline_reopen(live_server, new_context):
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    context = new_context()
    page = context.new_page()
    page.clock.install()  # the page's clock, moved a day on below
    open_desk(page, live_server, "Bàn 9")
    wait_for_worker(page)
    state = page.locator("#list-state")
    expect(state).to_have_text(re.compile(r"^Danh sách \d+ thẻ, tải lúc \d\d:\d\d$"))
    expect(state).not_to_have_class(re.compile(r"text-danger"))
    saved = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh"))  # the browser context's time zone (conftest)

    context.set_offline(True)
    page.clock.set_system_time(saved + timedelta(days=1))  # the desk is reopened the next morning, no network
    page.reload()

    expect(page.locator("#net-state")).to_have_text(OFFLINE)
    expect(state).to_have_text(re.compile(rf"tải lúc \d\d:\d\d {saved:%d/%m/%Y}$"))
    expect(state).to_have_class(re.compile(r"text-danger"))

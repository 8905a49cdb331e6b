"""The morning of the conference in Debian's Chromium: the badges printed to PDF, a badge scanned by the phone's
camera (a fake camera playing a video of a real badge), one by the handheld scanner (typed + Enter), the first
again (amber, with the time and desk), undo, the network pulled while three more are scanned, restored, and
everything on the organizer's live board.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conference.badges.images import badge_png

from .conftest import CHROMIUM, CHROMIUM_ARGS, login
from .test_walkthrough import conference_id, print_pdf, scan

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}

# Timed from the test's side (the desk's code has no timing hook), in window.cameraTimes (performance.now()
# values): firstFrame, when the camera's video first has a frame (its `loadeddata`, or the first frame presented
# after play(), whichever comes first); green, when #result then first turns green (class `ok`).
CAMERA_TIMES = (Path(__file__).parent / "camera_times.js").read_text()


def delegates(page, base: str, cid: int, query: str) -> list[dict]:
    """The name search API (same cookies as the page): name, unit, code, checked_in."""
    response = page.request.get(f"{base}/api/conferences/{cid}/delegates", params={"q": query})
    assert response.ok, response.status
    return response.json()["delegates"]


def fake_camera_video(tmp_path, code: str, name: str, unit: str) -> str:
    """A y4m video of the printed badge (the app's own badge PNG), small and off-centre as held up to a phone."""
    png = tmp_path / "badge.png"
    png.write_bytes(badge_png(code, name, unit, "Đại biểu điển hình tiên tiến", "#0b4f9c",
                              "HỘI NGHỊ TUYÊN DƯƠNG ĐIỂN HÌNH TIÊN TIẾN", "LĐLĐ huyện Vĩnh Thuận · 10/04/2025"))
    video = tmp_path / "badge.y4m"
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-loop", "1", "-i", str(png), "-t", "4", "-r", "15", "-vf",
         "scale=560:-1,pad=640:480:60:40:gray,noise=alls=12:allf=t,format=yuv420p", str(video)],
        check=True)
    return str(video)


@pytest.fixture
def camera_browser(browser):
    """Factory: a second Chromium whose camera plays the given y4m file; closed after the test."""
    launched = []

    def launch(video: str):
        args = CHROMIUM_ARGS + ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                                f"--use-file-for-fake-video-capture={video}", "--autoplay-policy=no-user-gesture-required"]
        other = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=args)
        launched.append(other)
        return other

    yield launch
    for other in launched:
        other.close()


def new_phone(browser_obj):
    context = browser_obj.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", permissions=["camera"], **PHONE)
    context.set_default_timeout(15_000)
    return context.new_page()


def open_desk(page, base: str, desk_name: str):
    login(page, base, "dontiep")
    page.get_by_role("link", name="Mở bàn đón tiếp").click()
    expect(page.get_by_role("heading", name="Bàn đón tiếp đại biểu")).to_be_visible()
    expect(page.locator("#list-state")).not_to_be_empty()  # the desk's scripts ran and its offline list is loaded
    page.get_by_label("Tên bàn").fill(desk_name)
    page.get_by_label("Tên bàn").press("Enter")  # back to the scan field


def test_camera_on_the_phone_checks_the_delegate_in(live_server, page, camera_browser, tmp_path, shot):
    login(page, live_server, "dontiep")
    page.get_by_role("link", name="Mở bàn đón tiếp").click()
    cid = conference_id(page)
    who = next(d for d in delegates(page, live_server, cid, "Nguyễn") if not d["checked_in"])
    video = fake_camera_video(tmp_path, who["code"], who["name"], who["unit"])

    phone = new_phone(camera_browser(video))
    phone.add_init_script(CAMERA_TIMES)
    open_desk(phone, live_server, "Bàn điện thoại")
    phone.get_by_role("button", name="Quét bằng camera").click()

    result = phone.locator("#result")
    expect(result).to_have_class(re.compile(r"\bok\b"))
    expect(result.locator(".result-name")).to_have_text(who["name"])
    expect(phone.locator("#arrived")).to_have_text("1")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    times = phone.evaluate("window.cameraTimes")
    assert "firstFrame" in times and "green" in times, times
    assert times["green"] - times["firstFrame"] < 5000, times
    assert phone.evaluate("!('deskTimes' in window)")  # no benchmark hook in the desk's code
    shot(phone, "desk-phone-camera", full_page=False)
    [found] = [d for d in delegates(page, live_server, cid, who["name"]) if d["name"] == who["name"]]
    assert found["checked_in"]


def test_scanner_repeat_amber_with_time_and_desk_then_undo(live_server, page, shot):
    open_desk(page, live_server, "Bàn số 2")
    cid = conference_id(page)
    first, second = [d for d in delegates(page, live_server, cid, "Thị") if not d["checked_in"]][:2]
    result = page.locator("#result")

    scan(page, first["code"])
    expect(result).to_have_class(re.compile(r"\bok\b"))
    expect(result.locator(".result-name")).to_have_text(first["name"])
    expect(result.locator(".result-badge")).not_to_be_empty()
    green_time = re.search(r"lúc (\d\d:\d\d)", result.inner_text()).group(1)

    scan(page, first["code"])
    expect(result).to_have_class(re.compile(r"\bwarn\b"))
    expect(result).to_contain_text(f"Đã điểm danh lúc {green_time} tại Bàn số 2.")
    shot(page, "desk-scanner-amber")

    scan(page, second["code"])
    expect(result.locator(".result-name")).to_have_text(second["name"])
    expect(page.locator("#arrived")).to_have_text("2")
    undo = page.get_by_role("button", name=f"Hủy lượt vừa điểm danh: {second['name']}")
    undo.click()
    expect(result).to_contain_text("Đã hủy điểm danh")
    expect(page.locator("#arrived")).to_have_text("1")
    expect(undo).to_be_hidden()
    [again] = [d for d in delegates(page, live_server, cid, second["name"]) if d["name"] == second["name"]]
    assert not again["checked_in"]
    shot(page, "desk-undo")


def test_offline_three_scans_are_queued_then_synced_and_on_the_board(live_server, new_context, shot):
    context = new_context()
    page = context.new_page()
    open_desk(page, live_server, "Bàn 3")
    cid = conference_id(page)
    people = [d for d in delegates(page, live_server, cid, "Văn") if not d["checked_in"]][:3]
    result = page.locator("#result")

    context.set_offline(True)
    expect(page.locator("#net-state")).to_have_text("Mất mạng: đang điểm danh ngoại tuyến")
    for i, person in enumerate(people, start=1):
        scan(page, person["code"])
        expect(result).to_have_class(re.compile(r"\bok\b"))
        expect(result.locator(".result-name")).to_have_text(person["name"])
        expect(result).to_contain_text("chờ đồng bộ")
        expect(page.locator("#pending")).to_have_text(str(i))
    scan(page, people[0]["code"])  # the same badge again while offline: amber, from the desk's own copy
    expect(result).to_have_class(re.compile(r"\bwarn\b"))
    scan(page, "KHONG-PHAI-MA-THE")
    expect(result).to_have_class(re.compile(r"\bbad\b"))
    expect(page.locator("#pending")).to_have_text("3")
    shot(page, "desk-offline")

    context.set_offline(False)
    expect(page.locator("#pending")).to_have_text("0", timeout=15_000)
    expect(page.locator("#net-state")).to_contain_text("Đã đồng bộ 3 lượt điểm danh.")
    expect(page.locator("#arrived")).to_have_text("3")
    shot(page, "desk-synced")
    for person in people:
        [row] = [d for d in delegates(page, live_server, cid, person["name"]) if d["name"] == person["name"]]
        assert row["checked_in"], person["name"]

    board = new_context().new_page()
    login(board, live_server, "bantochuc")
    board.goto(f"{live_server}/conferences/{cid}/board")
    overall = board.get_by_test_id("board-overall")
    expect(overall).to_have_text(re.compile(r"^3 / \d+$"))
    expect(board.locator("[data-desk='Bàn 3']")).to_contain_text("3")
    shot(board, "board")

    # The board refreshes by itself: a fourth arrival appears without a reload.
    fourth = next(d for d in delegates(page, live_server, cid, "Thị") if not d["checked_in"])
    scan(page, fourth["code"])
    expect(result).to_have_class(re.compile(r"\bok\b"))
    expect(overall).to_have_text(re.compile(r"^4 / \d+$"), timeout=12_000)


def test_badges_print_to_pdf_and_tents_and_categories(live_server, page, shot):
    login(page, live_server, "bantochuc")
    page.get_by_role("link", name="Mở tổng quan").click()
    cid = conference_id(page)
    page.goto(f"{live_server}/conferences/{cid}/badges?order=unit")
    expect(page.locator("article.badge").first).to_be_visible()
    count = page.locator("article.badge").count()
    assert page.locator("section.page").count() == -(-count // 8)
    print_pdf(page, "badges-a4", shot)
    page.goto(f"{live_server}/conferences/{cid}/badges?layout=a6")
    print_pdf(page, "badges-a6", shot)
    page.goto(f"{live_server}/conferences/{cid}/badges?layout=tents")
    expect(page.locator("section.tent")).not_to_have_count(0)
    print_pdf(page, "badges-tents", shot)

    page.goto(f"{live_server}/conferences/{cid}/badges/categories")
    page.get_by_label("Nhãn thẻ: Đại biểu khách mời").fill("Khách mời danh dự")
    page.get_by_label("In thẻ trống").first.check()
    page.get_by_role("button", name="Lưu loại thẻ").click()
    expect(page.locator(".alert-success")).to_have_text("Đã lưu loại thẻ.")
    shot(page, "badge-categories")
    page.goto(f"{live_server}/conferences/{cid}/badges?press=2")
    expect(page.locator("article.cat-press")).to_have_count(2)
    expect(page.locator("article.cat-guest .role").first).to_have_text("Khách mời danh dự")


def test_a_badge_revoked_while_the_desk_was_offline_is_refused_at_sync_and_the_desk_says_who(live_server,
                                                                                             new_context):
    context = new_context()
    page = context.new_page()
    open_desk(page, live_server, "Bàn 6")
    cid = conference_id(page)
    person = next(d for d in delegates(page, live_server, cid, "Văn") if not d["checked_in"])
    context.set_offline(True)
    expect(page.locator("#net-state")).to_have_text("Mất mạng: đang điểm danh ngoại tuyến")

    # Meanwhile, on the organizer's laptop, this badge is reissued (reported lost): the old code is revoked.
    organizer = new_context().new_page()
    login(organizer, live_server, "bantochuc")
    token = organizer.locator("meta[name=csrf-token]").get_attribute("content")
    reissued = organizer.request.post(f"{live_server}/conferences/{cid}/delegates/{person['id']}/reissue",
                                      form={"csrf_token": token})
    assert reissued.ok, reissued.status

    scan(page, person["code"])  # the desk's saved list still has the old code: accepted, queued
    expect(page.locator("#pending")).to_have_text("1")
    context.set_offline(False)

    expect(page.locator("#pending")).to_have_text("0", timeout=15_000)
    result = page.locator("#result")
    expect(result).to_have_class(re.compile(r"\bbad\b"))
    expect(result.locator(".result-name")).to_have_text(person["name"])
    expect(result.locator(".result-title")).to_have_text("✖ Thẻ đã thu hồi")
    expect(result).to_contain_text("1 lượt quét ngoại tuyến không được ghi nhận: Thẻ cũ hoặc đã cấp lại")
    expect(page.locator("#net-state")).to_contain_text(
        "Đã đồng bộ 0 lượt điểm danh. 1 lượt quét ngoại tuyến không được ghi nhận: " + person["name"])
    [row] = [d for d in delegates(page, live_server, cid, person["name"]) if d["name"] == person["name"]]
    assert not row["checked_in"]

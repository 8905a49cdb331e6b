"""As a new user would, in Debian's Chromium on the demo conference: complete the presidium and print its seating
chart; generate the honouring batches, leave two awardees unscanned at the desk and see them flagged, then
download the MC's script (.docx) and find them marked there."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing

import docx
import pytest
from playwright.sync_api import expect

from .conftest import login, open_menu

pytestmark = pytest.mark.browser


def test_the_presidium_is_completed_and_its_seating_chart_printed(live_server, new_context, shot):
    page = new_context().new_page()
    login(page, live_server, "bantochuc")
    page.get_by_role("link", name="Mở tổng quan").click()
    open_menu(page, "Đoàn Chủ tịch")
    expect(page.locator('[data-group="union"]')).to_have_attribute("data-present", "0")

    union_chair = page.locator("#seat-7 option", has_text="— Chủ tịch, Liên đoàn Lao động huyện Vĩnh Thuận (")
    page.locator("#seat-7").select_option(union_chair.get_attribute("value"))
    page.locator("#group-7").select_option("union")
    page.get_by_role("button", name="Lưu Đoàn Chủ tịch").click()
    expect(page.get_by_text("Đã lưu Đoàn Chủ tịch.")).to_be_visible()
    expect(page.locator('[data-group="union"]')).to_have_attribute("data-present", "1")
    shot(page, "presidium-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "presidium-390")

    with page.expect_popup() as popup:
        page.get_by_role("link", name="In sơ đồ chỗ ngồi").click()
    chart = popup.value
    chart.wait_for_load_state()
    orders = chart.locator("[data-seating] td").evaluate_all("cells => cells.map(c => c.dataset.order)")
    assert orders == ["6", "4", "2", "1", "3", "5", "7"]
    last = chart.locator("[data-tents] tbody tr").last.inner_text()
    assert "Chủ tịch, Liên đoàn Lao động huyện Vĩnh Thuận" in last and "Phó" not in last
    if shot.enabled:
        chart.pdf(path=str(shot.dir / "presidium-chart.pdf"), format="A4")


def test_batches_flag_two_unscanned_awardees_and_the_script_marks_them(live_server, demo_copy, new_context, shot):
    page = new_context().new_page()
    login(page, live_server, "bantochuc")
    page.get_by_role("link", name="Mở tổng quan").click()
    open_menu(page, "Trao thưởng")
    page.get_by_role("button", name="Tạo các đợt").click()
    expect(page.get_by_text("đợt trao thưởng.", exact=False).first).to_be_visible()
    assert page.locator("[data-batch]").count() >= 2

    # The desk scans everyone but two awardees of the second batch.
    with closing(sqlite3.connect(demo_copy)) as connection, connection:
        absent = [row[0] for row in connection.execute(
            "SELECT d.full_name FROM honouring_entries e JOIN honouring_batches b ON b.id = e.batch_id"
            " JOIN delegates d ON d.id = e.delegate_id WHERE b.position = 2 ORDER BY e.position LIMIT 2")]
        connection.execute(
            "INSERT INTO checkins (conference_id, delegate_id, checked_in_at, offline)"
            " SELECT conference_id, id, '2025-04-10 00:30:00', 0 FROM delegates"
            " WHERE full_name NOT IN (?, ?)", absent)
    page.reload()
    assert page.locator("[data-absent]").evaluate_all("els => els.map(e => +e.dataset.absent)") == [2]
    shot(page, "ceremony-1280")
    if shot.enabled:
        page.set_viewport_size({"width": 390, "height": 844})
        shot(page, "ceremony-390")
        page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Đợt 2", exact=True).click()
    flagged = page.locator('[data-call="absent"]')
    expect(flagged).to_have_count(2)
    for name in absent:
        expect(flagged.filter(has_text=name)).to_have_count(1)
    page.locator("#presenter").select_option(index=1)
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu đợt 2.")).to_be_visible()
    shot(page, "batch-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "batch-390")
    page.set_viewport_size({"width": 1280, "height": 900})

    open_menu(page, "Trao thưởng")
    page.get_by_role("link", name="Kịch bản dẫn chương trình").click()
    shot(page, "script-1280")
    with page.expect_download() as download:
        page.locator("[data-script-docx]").click()
    content = download.value.path().read_bytes()
    document = docx.Document(io.BytesIO(content))
    rows = {row.cells[1].text: row.cells[4].text for table in document.tables for row in table.rows
            if len(row.cells) == 5}
    assert [name for name, note in rows.items() if note == "VẮNG (chưa điểm danh)"] == absent
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Đợt 2:" in text and "lên trao thưởng" in text
    if shot.enabled:
        (shot.dir / "script.docx").write_bytes(content)
        page.goto(page.url + "/print")
        shot(page, "script-print")
        page.pdf(path=str(shot.dir / "script-print.pdf"), format="A4")

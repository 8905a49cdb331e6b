"""A unit clerk on a 390 px phone, in Chromium: the list of its nominations, the nomination form and the Excel
import's preview keep every column on the screen (each row a card: app.css `table[data-stack]`); the form for a
collective (tập thể) shows none of a person's fields, and the summary of achievements counts its characters.
SCREENSHOTS=1 saves the pages to /tmp/shots/phone-*.png."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.nominations.helpers import fill_template, person_row

pytestmark = pytest.mark.browser

WIDTH = 390


def assert_on_screen(page, selector: str) -> int:
    """Every shown element matching `selector` lies within the phone's width, and the page does not scroll
    sideways; how many there are (at least one)."""
    boxes = page.locator(selector).evaluate_all(
        "cells => cells.filter(c => c.getClientRects().length).map(c => {"
        " const r = c.getBoundingClientRect(); return [r.left, r.right]; })")
    assert boxes, selector
    assert [box for box in boxes if box[0] < 0 or box[1] > WIDTH] == [], selector
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    return len(boxes)


def test_a_unit_clerk_on_a_phone_sees_every_column_and_a_collective_form_without_personal_fields(
        live_server, demo_copy, new_context, shot, tmp_path):
    with sqlite3.connect(demo_copy) as connection:
        [conference_id] = connection.execute("SELECT id FROM conferences").fetchone()
    page = new_context(viewport={"width": WIDTH, "height": 844}, is_mobile=True, has_touch=True).new_page()
    login(page, live_server, "donvi01")

    # ---- The unit's nominations: status and actions on screen ---------------------------------------
    page.goto(f"{live_server}/conferences/{conference_id}/nominations")
    assert assert_on_screen(page, "#unit-nominations td[data-column=status]") >= 2
    assert assert_on_screen(page, "#unit-nominations td[data-column=actions] .btn") >= 1
    shot(page, "phone-nominations")

    # ---- The form: "Tập thể" hides a person's fields; the summary counts ---------------------------
    page.get_by_role("link", name="Thêm hồ sơ").click()
    expect(page.get_by_label("Dân tộc")).to_be_visible()
    page.get_by_label("Loại").select_option(label="Tập thể")
    for label in ("Dân tộc", "Giới tính", "Ngày sinh", "Năm sinh", "Trình độ chuyên môn", "Đảng viên"):
        expect(page.get_by_label(label, exact=True)).to_be_hidden()
    expect(page.locator("main")).not_to_contain_text("Dân tộc", use_inner_text=True)  # as it reads
    page.get_by_label("Tóm tắt thành tích").fill("Tổ đạt năng suất cao nhất khối.")
    expect(page.locator("#summary-count")).to_have_text("31 / 300 ký tự")
    assert_on_screen(page, "form[data-nomination-form] .form-control")
    shot(page, "phone-collective-form")
    page.get_by_label("Loại").select_option(label="Cá nhân")
    expect(page.get_by_label("Dân tộc")).to_be_visible()

    # ---- The Excel import's preview: each row's errors on screen ------------------------------------
    page.goto(f"{live_server}/conferences/{conference_id}/nominations/import")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp Excel mẫu").click()
    filled = tmp_path / "ho-so.xlsx"
    filled.write_bytes(fill_template(Path(download.value.path()).read_bytes(), [
        person_row("Nguyễn Thị Điện Thoại", 1985),
        person_row("Lâm Văn Sai Năm Sinh Rất Dài Để Xuống Dòng", 1890, gender="Nam"),
    ]))
    page.locator("input[type=file]").set_input_files(str(filled))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    page.get_by_test_id("import-problems").wait_for()
    assert assert_on_screen(page, "#template-preview tbody td:last-child") == 2
    expect(page.locator("#template-preview tr.table-danger td:last-child")).to_contain_text("Năm sinh 1890")
    expect(page.locator("#template-preview tr.table-danger td").first).to_have_attribute("data-label", "Dòng")
    shot(page, "phone-import-preview")

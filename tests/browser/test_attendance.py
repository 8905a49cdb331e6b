"""The end of the check-in in Debian's Chromium: the organizer sees on the live board who is still missing (a guest
who declined the invitation apart, not awaited), closes the desks (after a confirmation), downloads the
attendance report, prints the absentees for the MC on one A4 page, and reopens the desks."""

from __future__ import annotations

import io
import re
import subprocess
from collections import Counter

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from .conftest import login
from .test_walkthrough import conference_id

pytestmark = pytest.mark.browser


def libreoffice_pdf(source, workdir):
    """`source` converted to PDF by LibreOffice (headless, its own profile folder); the PDF's path."""
    subprocess.run(["soffice", f"-env:UserInstallation=file://{workdir}/lo-profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(workdir), str(source)], check=True, capture_output=True, timeout=120)
    return workdir / f"{source.stem}.pdf"


def test_organizer_closes_the_desks_downloads_the_report_and_prints_the_absentees(live_server, page, shot,
                                                                                  tmp_path):
    login(page, live_server, "bantochuc")
    page.get_by_role("link", name="Mở tổng quan").click()
    cid = conference_id(page)
    # A guest sends word they will not come: the organizer records it on the invitations page.
    page.goto(f"{live_server}/conferences/{cid}/invitations/")
    page.get_by_test_id("invitations").get_by_role("link", name="Trả lời khác…").first.click()
    declined = page.locator("main p strong").first.inner_text()
    page.get_by_label("Từ chối").check()
    page.get_by_role("button", name="Lưu").click()
    page.goto(f"{live_server}/conferences/{cid}/board")
    missing = page.get_by_test_id("board-missing")
    expect(missing).to_contain_text("Đại biểu chưa đến")
    expect(page.get_by_test_id("board-declined")).to_contain_text(declined)  # apart, not among the awaited
    expect(missing.locator(".board-missing-group", has_text=declined)).to_have_count(0)
    expect(missing.locator("[data-group=presidium]")).to_be_visible()  # the presidium first
    assert missing.locator(".board-missing-group").first.get_attribute("data-group") == "presidium"
    expect(page.get_by_test_id("board-empty-units")).to_contain_text("Đơn vị chưa có ai đến")
    page.screenshot(path=str(tmp_path / "board-open.png"), full_page=True)
    shot(page, "attendance-board-open")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Đóng bàn đón tiếp").click()
    expect(page.get_by_test_id("board-closed")).to_contain_text("Đã đóng bàn đón tiếp lúc")
    expect(page.get_by_role("button", name="Mở lại bàn đón tiếp")).to_be_visible()
    page.screenshot(path=str(tmp_path / "board-closed.png"), full_page=True)
    shot(page, "attendance-board-closed")
    expected = int(page.get_by_test_id("board-overall").inner_text().split("/")[1])

    with page.expect_download() as info:
        page.get_by_role("link", name="Báo cáo điểm danh (Excel)").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(download.path().read_bytes()))
    rows = [r for r in book["Điểm danh"].iter_rows(values_only=True) if isinstance(r[0], int)]
    assert len(rows) == expected + 1 and len({r[0] for r in rows}) == expected + 1  # the guest who declined too
    assert [r[8] for r in rows if r[1] == declined] == ["Báo không dự"]
    assert all((r[4] == "x") != (r[5] == "x") for r in rows)  # each one present or absent

    # The report as the office opens it: LibreOffice's PDF of it has every delegate, on A4 pages.
    report = tmp_path / "report.xlsx"
    report.write_bytes(download.path().read_bytes())
    pdf_report = libreoffice_pdf(report, tmp_path)
    info_text = subprocess.run(["pdfinfo", str(pdf_report)], check=True, capture_output=True, text=True).stdout
    assert "(A4)" in info_text or "595.3" in info_text, info_text
    words = Counter(subprocess.run(["pdftotext", str(pdf_report), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())
    assert {"BÁO", "CÁO", "ĐIỂM", "DANH"} <= set(words)
    # No row lost and no name cut: every row number, and every word of every name as often as the names have it
    # (a cell's wrapped lines may come out between its neighbours' in the PDF's text, so words, not phrases).
    assert all(words[str(r[0])] >= 1 for r in rows)
    names = Counter(word for r in rows for word in r[1].split())
    short = {word: n for word, n in names.items() if words[word] < n}
    assert short == {}, short
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf_report), str(tmp_path / "report")], check=True)

    with page.context.expect_page() as popup:
        page.get_by_role("link", name="In danh sách vắng mặt").click()
    sheet = popup.value
    sheet.wait_for_load_state()
    expect(sheet.locator("h1")).to_have_text("DANH SÁCH ĐẠI BIỂU VẮNG MẶT")
    expect(sheet.get_by_test_id("absentees-count")).to_contain_text("vắng")
    expect(sheet.locator("[data-group=declined]")).to_contain_text(declined)
    sheet.emulate_media(media="print")
    pdf = tmp_path / "absentees.pdf"
    sheet.pdf(path=str(pdf), format="A4", print_background=True, prefer_css_page_size=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "absentees")], check=True)
    pages = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "(A4)" in pages and re.search(r"Pages:\s+1\n", pages), pages  # the demo's 112 absentees: one page
    if shot.enabled:
        for png in tmp_path.glob("*.png"):
            (shot.dir / f"attendance-{png.name}").write_bytes(png.read_bytes())
    sheet.close()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Mở lại bàn đón tiếp").click()
    expect(page.get_by_role("button", name="Đóng bàn đón tiếp")).to_be_visible()
    expect(page.get_by_test_id("board-closed")).to_have_count(0)

"""As a new organizer would, in Debian's Chromium, on the demo conference: read the dashboard's charts (drawn, and
each one also a table), then calibrate a printer, print the certificates with its offset and download the draft
commendation decision; the PDFs are read back with pdftotext, the decision with python-docx."""

from __future__ import annotations

import io
import subprocess
from datetime import datetime, timedelta

import docx
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from conference import create_app
from conference.checkin.models import CheckIn
from conference.conferences.models import Conference
from conference.delegates.models import Delegate
from conference.extensions import db

from .conftest import login

pytestmark = pytest.mark.browser


def add_arrivals(tmp_path) -> tuple[int, list[str]]:
    """Twelve delegates of the demo conference checked in between 07:00 and 07:35 (Vietnam), written into the
    live server's database; (the conference's id, the honoured exemplars' names)."""
    app = create_app({"TESTING": True, "SECRET_KEY": "browser-test-secret-key", "PRODUCTION": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'browser.db'}"})
    with app.app_context():
        conference = db.session.execute(select(Conference)).scalars().first()
        delegates = db.session.execute(select(Delegate).where(Delegate.conference_id == conference.id)
                                       .order_by(Delegate.id)).scalars().all()
        start = datetime(2025, 4, 10, 0, 0)  # 07:00 in Vietnam, stored in UTC
        for minute, delegate in zip(range(0, 36, 3), delegates, strict=False):
            db.session.add(CheckIn(conference_id=conference.id, delegate_id=delegate.id, desk="Bàn 1",
                                   checked_in_at=start + timedelta(minutes=minute)))
        db.session.commit()
        names = [d.full_name for d in delegates if d.category == "exemplar"]
        cid = conference.id
        db.session.remove()
        db.engine.dispose()
    return cid, names


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "download.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_charts_then_certificates_and_decision(live_server, page, shot, tmp_path):
    cid, exemplars = add_arrivals(tmp_path)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: errors.append(response.url) if response.status >= 400 else None)
    page.on("console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text
            else None)
    login(page, live_server, "bantochuc")

    page.goto(f"{live_server}/conferences/{cid}")
    charts = page.locator("#charts canvas[data-chart]")
    expect(charts).to_have_count(5)
    expect(page.locator("#charts canvas[data-drawn='1']")).to_have_count(5)  # Chart.js drew every one
    box = page.locator("#chart-seats canvas").bounding_box()
    assert box["width"] > 600 and box["height"] > 200
    arrivals = page.locator("#chart-arrivals table")
    expect(arrivals.locator("tbody tr")).to_have_count(4)  # 07:00, 07:10, 07:20, 07:30
    expect(arrivals.locator("tbody tr").last).to_contain_text("12")  # all twelve by 07:30
    expect(page.locator("#chart-statuses table")).to_contain_text("Đã duyệt")
    expect(page.locator("#chart-split table")).to_contain_text("70%")
    expect(page.locator("#chart-seats table tbody tr").last).to_contain_text("Tổng cộng")
    shot(page, "certificates-dashboard-charts")
    assert not errors, errors

    page.get_by_role("link", name="Giấy khen, quyết định khen thưởng").click()
    page.get_by_label("Tên máy in").fill("Canon LBP 2900")
    page.get_by_label("Lệch ngang (mm)").fill("1,5")
    page.get_by_label("Lệch dọc (mm)").fill("-2")
    page.get_by_role("button", name="Thêm máy in").click()
    expect(page.get_by_text("Đã thêm máy in.")).to_be_visible()
    row = page.locator("#printers tbody tr", has_text="Canon LBP 2900")
    calibration = page.context.request.get(live_server + row.get_by_role("link", name="In trang căn chỉnh")
                                           .get_attribute("href"))
    assert "ngang +1,5 mm, dọc -2,0 mm" in _pdf_text(calibration.body(), tmp_path)
    shot(page, "certificates-settings")

    page.get_by_label("Máy in (độ lệch)").select_option(label="Canon LBP 2900 (+1,5; -2,0 mm)")
    with page.context.expect_page() as opened:
        page.get_by_test_id("print-certificates").click()
    pdf_url = opened.value.url
    assert "printer=" in pdf_url
    text = _pdf_text(page.context.request.get(pdf_url).body(), tmp_path)
    assert text.count("GIẤY KHEN") == len(exemplars)
    for name in exemplars:
        assert name in text

    with page.expect_download() as download:
        page.get_by_test_id("download-decision").click()
    doc = docx.Document(io.BytesIO(download.value.path().read_bytes()))
    texts = [p.text for p in doc.paragraphs]
    assert "QUYẾT ĐỊNH" in texts
    article_one = next(t for t in texts if t.startswith("Điều 1."))
    listed = [row.cells[1].text for table in doc.tables[2:] for row in table.rows[1:]]
    assert len(listed) == len(exemplars)
    collectives = sum(1 for n in exemplars if n.startswith("Tập thể"))
    assert f"{collectives:02d} tập thể" in article_one or f"{collectives} tập thể" in article_one

"""The official delegate list as the province opens it: LibreOffice's PDF of the exported file, page by page.
Every row, every name and the totals are whole; the table fits the page's width; the list prints the summary of
achievements (a 2,000-character citation without one prints its first sentences, whole in the data sheet; a summary
of the full 300 characters is whole too), so no row is taller than a page and none is cut; the page number stands
at the top from the second page on."""

from __future__ import annotations

import io
import re
import subprocess
from collections import Counter

import openpyxl
import pytest

from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.rules import first_sentences
from tests.dossier.world import make_district

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])  # the file, not the database, is under test
CITATION = ("Hoàn thành xuất sắc nhiệm vụ được giao, có nhiều sáng kiến cải tiến kỹ thuật làm lợi cho đơn vị "
            "hàng trăm triệu đồng mỗi năm. ") * 20


def _pdf(xlsx: bytes, tmp_path) -> list[str]:
    """The text of each page of LibreOffice's PDF of `xlsx`'s official sheet (the first)."""
    source = tmp_path / "list.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    for name in book.sheetnames[1:]:  # the official sheet alone: the data sheets are not a document
        del book[name]
    book.save(source)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "list.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "841.89 x 595.3" in info, info  # A4 landscape
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout for n in range(1, pages + 1)]


def test_the_official_list_prints_whole_on_a4_landscape(app, client, auth, tmp_path):
    with app.app_context():
        world = make_district(exemplars=24, guests=2)
        long_one = db.session.get(Delegate, world.exemplar_ids[5])
        long_one.achievements, long_one.achievements_summary = CITATION[:2000], None
        longest_summary = db.session.get(Delegate, world.exemplar_ids[6])
        longest_summary.achievements_summary = ("Sáng kiến cải tiến quy trình làm lợi 300 triệu đồng; " * 6)[:300]
        names = [d.full_name for d in db.session.execute(
            db.select(Delegate).where(Delegate.conference_id == world.conference_id)).scalars()]
        db.session.commit()
    auth.login("organizer")
    xlsx = client.get(f"/conferences/{world.conference_id}/exports/delegates.xlsx").data

    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    heights = [d.height for d in sheet.row_dimensions.values() if d.height]
    assert max(heights) <= 200  # far below Excel's tallest row (409 pt)
    cells = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert [c for c in cells if c.endswith("…")] == []  # nothing cut
    summary = first_sentences(CITATION[:2000])
    assert summary in [c.replace("\n", " ") for c in cells] and len(summary) <= 300  # its first sentences
    data = openpyxl.load_workbook(io.BytesIO(xlsx))["Dữ liệu"]
    assert CITATION[:2000].strip() in [c.value for c in data["P"]]  # whole in the data sheet

    pages = _pdf(xlsx, tmp_path)
    assert len(pages) >= 2
    assert not pages[0].lstrip().startswith("1")  # no number on the first page
    for number, text in enumerate(pages[1:], start=2):
        assert text.lstrip().split("\n")[0].strip() == str(number), text[:200]  # at the top, centred
    everything = "\n".join(pages)
    words = Counter(everything.split())
    short = {w: n for w, n in Counter(w for name in names for w in name.split()).items() if words[w] < n}
    assert short == {}, short  # every name whole
    assert all(re.search(rf"^\s*{i}\s", everything, re.MULTILINE) for i in range(1, len(names) + 1))  # every row
    assert re.search(r"DTTS:\s*\d+", everything)  # the totals' minority count on one line, not broken
    assert "Tóm tắt" in pages[0] and "Ghi chú" in pages[0]  # every column on the page's width

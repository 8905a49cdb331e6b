"""How the shared xlsx writer (`conference.core.xlsx`) prints: the official sheet's pages end where the writer
breaks them, its table's last rows print on one page with the totals, the summary and the signature block (no page
holds the repeated table header over nothing), and the header of a number column of a plain sheet stands right
over its numbers."""

from __future__ import annotations

import io
import itertools
import re
import subprocess

import openpyxl
import pytest

from conference.core import xlsx as writer
from conference.core.xlsx import Column, OfficialDocument, Report, Table, write_report

#: The printable height of A4 landscape within the official sheet's margins, in points.
BODY = (writer.PAGE_HEIGHT_MM - writer.MARGIN_MM["top"] - writer.MARGIN_MM["bottom"]) / 25.4 * 72
COLUMNS = [Column("STT", 5, centered=True), Column("Họ và tên", 30), Column("Đơn vị", 40),
           Column("Có mặt", 8, group="Điểm danh", centered=True), Column("Vắng", 8, group="Điểm danh", centered=True)]
LONG_UNIT = "Công đoàn cơ sở Công ty Trách nhiệm hữu hạn một thành viên Xổ số kiến thiết và Dịch vụ in " * 2


def document(rows: int, tall_every: int = 0) -> Report:
    """An official document of `rows` table rows (every `tall_every`-th one a few lines tall), a totals row, two
    summary sentences and the signature block."""
    people = [[n, f"Nguyễn Văn {n}", LONG_UNIT if tall_every and n % tall_every == 0 else "Công đoàn cơ sở số 1",
               "x", ""] for n in range(1, rows + 1)]
    return Report(OfficialDocument(
        issuer="Liên đoàn Lao động huyện Vĩnh Thuận", upper_body="Liên đoàn Lao động tỉnh Kiên Giang",
        number="Số: 1/BC-BTC", place_date="Vĩnh Thuận, ngày 05 tháng 4 năm 2025",
        title="Báo cáo điểm danh đại biểu dự Hội nghị", subtitle_lines=["Hội nghị điển hình tiên tiến"],
        columns=COLUMNS, rows=people, totals=["", f"Tổng cộng: {rows}", "", rows, 0],
        summary=[f"Có mặt {rows}/{rows} đại biểu; vắng 0.", "Đoàn Chủ tịch: có mặt 0/0."],
        recipients=["- Lưu VT."], signature=["TM. BAN TỔ CHỨC", "TRƯỞNG BAN"], signer_name="Nguyễn Văn A"))


def pages(xlsx: bytes) -> list[list[tuple[object, float]]]:
    """The official sheet's rows as (first cell, height in points) page by page, as its manual page breaks cut
    them."""
    ws = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    rows = [(ws.cell(r, 1).value, ws.row_dimensions[r].height or 15) for r in range(1, ws.max_row + 1)]
    starts = [0] + [brk.id for brk in ws.row_breaks.brk] + [len(rows)]  # a break's id: the new page's first row
    return [rows[a:b] for a, b in itertools.pairwise(starts)]


def strands_without_breaks(rows: list[tuple[object, float]], title: float) -> bool:
    """True when the rows, paged by height alone (no manual break), print something after the table's last row
    on a later page than it: that page shows the repeated header over the totals, summary or signature only."""
    page, used, room, last_row_page = 0, 0.0, BODY, 0
    for value, height in rows:
        if used + height > room:
            page, used, room = page + 1, 0.0, BODY - title
        used += height
        if isinstance(value, int):
            last_row_page = page
    return page > last_row_page


def strands(xlsx: bytes) -> bool:
    """`strands_without_breaks` for the official sheet of `xlsx`."""
    return strands_without_breaks([row for page in pages(xlsx) for row in page], title_height(xlsx))


def title_height(xlsx: bytes) -> float:
    ws = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    first, last = (int(n) for n in re.findall(r"\d+", ws.print_title_rows))
    return sum(ws.row_dimensions[r].height for r in range(first, last + 1))


@pytest.mark.parametrize("tall_every", [0, 3])
def test_every_page_is_broken_by_the_writer_and_the_last_holds_table_rows_the_summary_and_the_signature(tall_every):
    stranded = 0
    for rows in range(8, 44):
        xlsx = write_report(document(rows, tall_every))
        cut, title = pages(xlsx), title_height(xlsx)
        for number, page in enumerate(cut):
            # no page taller than the paper: the spreadsheet never breaks a page of its own
            assert sum(h for _, h in page) + (title if number else 0) <= BODY, (rows, number)
        last = cut[-1]
        assert len(cut) == 1 or isinstance(last[0][0], int), rows  # a later page begins with table rows
        labels = [value for value, _ in last]
        assert rows in labels and "Nơi nhận:" in labels and str(labels[-1]) != "", rows  # last row, totals, signature
        stranded += strands(xlsx)
    assert stranded  # the lengths tried include tables that end at, or just before, a page's end


def test_libreoffice_prints_the_last_rows_with_the_summary_on_the_last_page(tmp_path):
    """A length at which, paged by height alone, the table ends on the first page and the rest goes to the second:
    LibreOffice's second page has the last two rows under the repeated header, then the totals, the summary and
    the signature block."""
    rows = next(n for n in range(8, 40) if strands(write_report(document(n))))
    xlsx = write_report(document(rows))
    source = tmp_path / "report.xlsx"
    source.write_bytes(xlsx)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    info = subprocess.run(["pdfinfo", str(tmp_path / "report.pdf")], check=True, capture_output=True, text=True)
    assert re.search(r"Pages:\s+2\n", info.stdout)  # the writer's two pages, no break of LibreOffice's own
    last = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-layout", str(tmp_path / "report.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    assert f"Nguyễn Văn {rows - 1}" in last and f"Nguyễn Văn {rows}" in last
    assert (last.index("Họ và tên") < last.index(f"Nguyễn Văn {rows}") < last.index(f"Có mặt {rows}/{rows}")
            < last.index("Nơi nhận"))
    assert "TRƯỞNG BAN" in last and "Nguyễn Văn A" in last


def test_a_number_columns_header_stands_right_like_its_numbers():
    report = document(1)
    report.tables = [Table("Theo đơn vị", ["Đơn vị", "Số đại biểu", "Có mặt"], [("Công đoàn cơ sở số 1", 3, 1)]),
                     Table("Trống", ["Đơn vị", "Số đại biểu"], [])]
    book = openpyxl.load_workbook(io.BytesIO(write_report(report)))
    sheet = book["Theo đơn vị"]
    assert [c.alignment.horizontal for c in sheet[1]] == [None, "right", "right"]
    assert [c.alignment.horizontal for c in sheet[2]] == [None, None, None]  # numbers: the default, right
    assert [c.value for c in sheet[2]] == ["Công đoàn cơ sở số 1", 3, 1]
    assert [c.value for c in book["Trống"][1]] == ["Đơn vị", "Số đại biểu"] and book["Trống"].max_row == 1

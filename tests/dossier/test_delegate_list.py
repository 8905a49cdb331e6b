"""The delegate summary list (danh sách trích ngang) read back with openpyxl: official layout, plain sheet,
summary sheet, chosen columns, Vietnamese name order, formula injection, the quota notice."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl
import pytest
from sqlalchemy import select

from conference.core.numbers import percent
from conference.core.xlsx import place_date_line
from conference.delegates.models import Delegate
from conference.dossier.models import Dossier
from conference.dossier.plain import DELEGATE_HEADERS, META_HEADERS, QUOTA_HEADERS
from conference.dossier.queries import get_dossier
from conference.dossier.upper import set_upper_delegates, set_upper_quota
from conference.extensions import db
from tests.dossier.world import DISTRICT, PROVINCE, make_district

EVIL_NAME = '=HYPERLINK("http://evil","x")'
EVIL_ACHIEVEMENTS = "+1 sáng kiến; @mention; -2"


def download(client, conference_id: int, name: str = "delegates.xlsx") -> openpyxl.Workbook:
    response = client.get(f"/conferences/{conference_id}/exports/{name}")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    return openpyxl.load_workbook(io.BytesIO(response.data))


def _flat(value: str) -> str:
    """A cell's text with the line breaks the writer put in to wrap it (`core.xlsx._lines`) as spaces."""
    return " ".join(value.split("\n"))


def texts(ws) -> list[str]:
    return [_flat(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def cell_with(ws, text: str):
    return next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and _flat(c.value) == text)


def table(ws):
    """(header row number, body rows as lists) of the official sheet: rows after the two header rows up to
    the totals row."""
    header = cell_with(ws, "STT").row
    body = []
    for row in ws.iter_rows(min_row=header + 2):
        values = [c.value for c in row]
        if isinstance(values[1], str) and values[1].startswith("Tổng cộng"):
            break
        body.append(values)
    return header, body


@pytest.fixture
def district(app):
    with app.app_context():
        world = make_district(exemplars=6, guests=1)
        first = db.session.get(Delegate, world.exemplar_ids[0])
        first.full_name, first.achievements = EVIL_NAME, EVIL_ACHIEVEMENTS
        db.session.commit()
    return world


def test_place_date_line_pads_days_below_10_and_the_months_1_and_2_only():
    """Nghị định 30/2020/NĐ-CP, Phụ lục I, II.5.b."""
    assert place_date_line("Vĩnh Thuận", date(2025, 4, 5)) == "Vĩnh Thuận, ngày 05 tháng 4 năm 2025"
    assert place_date_line("Rạch Giá", date(2025, 11, 25)) == "Rạch Giá, ngày 25 tháng 11 năm 2025"
    assert place_date_line("Rạch Giá", date(2025, 2, 10)) == "Rạch Giá, ngày 10 tháng 02 năm 2025"
    assert place_date_line("Rạch Giá", date(2025, 1, 9)) == "Rạch Giá, ngày 09 tháng 01 năm 2025"
    assert place_date_line("Rạch Giá", date(2025, 9, 30)) == "Rạch Giá, ngày 30 tháng 9 năm 2025"


def test_official_sheet_reads_as_an_administrative_document(client, auth, district):
    auth.login("organizer")
    book = download(client, district.conference_id)
    ws = book.worksheets[0]
    found = texts(ws)

    assert book.sheetnames == ["Văn bản", "Dữ liệu", "Tổng hợp"]
    # Issuing body: the upper-level body above, the district federation in bold, then a short rule.
    upper, issuer = cell_with(ws, PROVINCE.upper()), cell_with(ws, DISTRICT.upper())
    assert upper.row + 1 == issuer.row and issuer.font.b and not upper.font.b
    assert ws.cell(issuer.row + 1, 1).value.strip("─") == ""
    # National motto block on the right, bold, with its rule below.
    nation, motto = cell_with(ws, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), cell_with(ws, "Độc lập - Tự do - Hạnh phúc")
    assert nation.font.b and motto.font.b and nation.column > issuer.column
    assert ws.cell(motto.row + 1, motto.column).value.strip("─") == ""
    # Number/symbol, place and date in italics (zero-padded), the title in bold capitals.
    assert any(t.startswith("Số: ") and t.endswith("/DS-LĐLĐ") for t in found)
    date_cell = next(c for row in ws.iter_rows() for c in row
                     if isinstance(c.value, str) and c.value.startswith("Vĩnh Thuận, ngày "))
    assert date_cell.font.i
    assert date_cell.value[len("Vĩnh Thuận, ngày "):][:2].isdigit()
    title = cell_with(ws, "DANH SÁCH TRÍCH NGANG ĐẠI BIỂU DỰ HỘI NGHỊ")
    assert title.font.b and title.row > date_cell.row
    # Nghị định 30/2020, Phụ lục I: Times New Roman, the text around the table 13-14 pt printed at its size
    # (never shrunk to fit: the columns fill the page instead), A4 landscape, margins top/bottom 20-25 mm,
    # left 30-35 mm, right 15-20 mm, the page number at the top centre and not on the first page.
    assert title.font.name == "Times New Roman" and title.font.sz == 14
    for text in ("Số: ", "Vĩnh Thuận, ngày ", "TM. BAN THƯỜNG VỤ"):
        cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(text))
        assert 13 <= cell.font.sz <= 14, (text, cell.font.sz)
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.scale or 100) == 100
    margins = {side: getattr(ws.page_margins, side) * 25.4 for side in ("top", "bottom", "left", "right")}
    assert 20 <= margins["top"] <= 25 and 20 <= margins["bottom"] <= 25, margins
    assert 30 <= margins["left"] <= 35 and 15 <= margins["right"] <= 20, margins
    header_row = cell_with(ws, "STT").row
    assert ws.print_title_rows == f"${header_row}:${header_row + 1}"
    assert "&P" in ws.oddHeader.center.text and not ws.oddFooter.center.text
    assert ws.HeaderFooter.differentFirst and not ws.firstHeader.center.text  # no number on the first page
    # Signature block and recipients.
    for text in ("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Nơi nhận:", f"- {PROVINCE} (b/c);", "- Lưu VT."):
        assert text in found, text
    assert cell_with(ws, "TM. BAN THƯỜNG VỤ").font.b


def test_totals_row_counts_men_women_minorities_party_members_and_direct_workers(client, auth, district):
    auth.login("organizer")
    ws = download(client, district.conference_id).worksheets[0]
    header, _body = table(ws)
    headers = [c.value for c in ws[header]]
    sub = [c.value for c in ws[header + 1]]
    totals = next([c.value for c in row] for row in ws.iter_rows(min_row=header)
                  if isinstance(row[1].value, str) and row[1].value.startswith("Tổng cộng"))
    # 6 exemplars (i = 0..5: women 0, 2, 4; men 1, 3, 5; Khmer 0, 5; party 0, 4; direct 1, 2, 4, 5) + 1 guest, a
    # man whose year of birth is not known: the Nam/Nữ totals count what their columns show (3 and 3)
    assert totals[1] == "Tổng cộng: 7"
    nam, nu = sub.index("Nam"), sub.index("Nữ")
    assert (totals[nam], totals[nu]) == (3, 3)
    assert (sum(1 for r in _body if r[nam]), sum(1 for r in _body if r[nu])) == (3, 3)
    assert totals[headers.index("Dân tộc")] == "DTTS: 2"
    assert totals[headers.index("Đảng viên")] == 2
    assert totals[headers.index("Trực tiếp sản xuất")] == 4
    assert "Tổng số: 7 đại biểu (nam 4, nữ 3, tập thể 0)" in " ".join(texts(ws))


def test_names_are_sorted_by_given_name_in_vietnamese_order(client, auth, district):
    auth.login("organizer")
    _, body = table(download(client, district.conference_id).worksheets[0])
    names = [r[1] for r in body]
    # The formula-looking name (no space: one "given name" starting with "=") sorts first, punctuation before
    # digits before letters; then given names An < Ánh < Bình < Cúc < Dũng < Đào (đ after d).
    assert names == [EVIL_NAME, "Lê Văn Khách 0", "Trần Văn Ánh", "Lê Thị Bình", "Phạm Văn Cúc", "Đặng Thị Dũng",
                     "Võ Văn Đào"]
    assert [r[0] for r in body] == list(range(1, 8))


def test_collectives_follow_the_individuals_sorted_by_their_whole_name(app, client, auth, district):
    with app.app_context():
        for delegate_id, name in zip(district.exemplar_ids[1:3], ("Tập thể Tổ sản xuất số 2",
                                                                   "Tập thể Phòng Kế toán")):
            delegate = db.session.get(Delegate, delegate_id)
            delegate.kind, delegate.full_name, delegate.gender = "collective", name, None
        db.session.commit()
    auth.login("organizer")
    _, body = table(download(client, district.conference_id).worksheets[0])
    names = [r[1] for r in body]
    assert names[-2:] == ["Tập thể Phòng Kế toán", "Tập thể Tổ sản xuất số 2"]  # P < T, not "toán" < "2"
    assert not any(n.startswith("Tập thể") for n in names[:-2])


def test_text_that_looks_like_a_formula_stays_text_on_every_sheet(client, auth, district):
    auth.login("organizer")
    response = client.get(f"/conferences/{district.conference_id}/exports/delegates.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@")) and c.value.strip("─-"):
                    assert c.data_type == "s", (ws.title, c.coordinate)
    official = book.worksheets[0]
    assert cell_with(official, EVIL_NAME).data_type == "s"
    assert cell_with(official, EVIL_NAME).quotePrefix
    assert cell_with(book["Dữ liệu"], EVIL_ACHIEVEMENTS).data_type == "s"
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert not any(b"<f>" in sheet for sheet in sheets)  # no formula anywhere in the file


def test_plain_sheet_has_one_header_row_every_field_the_code_and_the_fingerprint(app, client, auth, district):
    auth.login("organizer")
    response = client.get(f"/conferences/{district.conference_id}/exports/delegates.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    ws = book["Dữ liệu"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert tuple(rows[0]) == (*DELEGATE_HEADERS, *META_HEADERS)
    assert not ws.merged_cells.ranges
    assert len(rows) == 1 + 7
    with app.app_context():
        code = get_dossier(district.conference_id).code  # shown on the page, stored at the first save
    meta = {tuple(r[len(DELEGATE_HEADERS):]) for r in rows[1:]}
    assert len(meta) == 1
    kind, issuer, own_code, upper_code, fingerprint = meta.pop()
    assert (kind, issuer, own_code, upper_code) == ("all", DISTRICT, code, None)
    assert len(fingerprint) == 64
    by_name = {r[1]: dict(zip(rows[0], r)) for r in rows[1:]}
    first = by_name["Trần Văn Ánh"]
    assert first["Năm sinh"] == 1971 and first["Giới tính"] == "Nam" and first["Số điện thoại"] == "0900000001"
    assert first["Thành tích tiêu biểu"] == "Có 1 sáng kiến cải tiến kỹ thuật, tiết kiệm chi phí cho đơn vị."
    assert first["Tóm tắt thành tích"] == "1 sáng kiến cải tiến kỹ thuật."
    assert by_name["Lê Thị Bình"]["Tóm tắt thành tích"] is None  # as stored (the official list prints its first
    # sentences: `columns.summary_of`)


def test_plain_sheets_print_landscape_fitted_to_the_width_with_the_header_on_every_page(client, auth, district):
    auth.login("organizer")
    for name in ("delegates.xlsx", "quotas.xlsx"):
        ws = download(client, district.conference_id, name)["Dữ liệu"]
        assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        # one page wide (1, the default, when left out), as many pages tall as it takes
        assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.print_title_rows == "$1:$1" and ws.freeze_panes == "A2"
        assert all(c.alignment.wrap_text for row in ws.iter_rows(max_row=3) for c in row if c.value is not None)


def test_summary_sheet_counts_the_list(client, auth, district):
    auth.login("organizer")
    ws = download(client, district.conference_id)["Tổng hợp"]
    counts = {r[0].value: r[1].value for r in ws.iter_rows(min_row=2)}
    assert counts["Tổng số đại biểu"] == 7
    assert (counts["Nam"], counts["Nữ"], counts["Người dân tộc thiểu số"]) == (4, 3, 2)
    assert (counts["Đảng viên"], counts["CNVCLĐ trực tiếp lao động sản xuất"]) == (2, 4)
    assert (counts["Điển hình tiên tiến"], counts["Khách mời"]) == (6, 1)
    units = {k: v for k, v in counts.items() if k and k.startswith("Đơn vị: ")}
    assert sum(units.values()) == 6  # the exemplars; the guest is no unit (its line shows its position)
    assert all("Công đoàn" in k for k in units), units
    shares = {r[0].value: r[2].value for r in ws.iter_rows(min_row=2)}
    assert (shares["Nam"], shares["Nữ"], shares["Khách mời"]) == ("57,1%", "42,9%", "14,3%")  # Vietnamese comma


def test_percent_is_written_with_a_decimal_comma():
    assert (percent(28, 55), percent(1, 3), percent(7, 7), percent(0, 5), percent(3, 0)) == (
        "50,9%", "33,3%", "100,0%", "0,0%", "")


def test_columns_chosen_by_the_organizer_are_saved_for_the_conference(app, client, auth, district):
    auth.login("organizer")
    form = {"col-name": "1", "pos-name": "1", "col-unit": "1", "pos-unit": "3", "col-phone": "1", "pos-phone": "2",
            "signer_name": "Lê Kim Tho", "document_number": "12/DS-LĐLĐ"}
    assert client.post(f"/conferences/{district.conference_id}/exports/settings", data=form).status_code == 302

    ws = download(client, district.conference_id).worksheets[0]
    header = cell_with(ws, "STT").row
    assert [c.value for c in ws[header]][:4] == ["STT", "Họ và tên", "Số điện thoại", "Đơn vị"]
    assert "Thành tích tiêu biểu" not in texts(ws)
    assert "Lê Kim Tho" in texts(ws) and "Số: 12/DS-LĐLĐ" not in texts(ws)  # the number is the upper list's
    assert "Số: 12/DS-LĐLĐ" in texts(download(client, district.conference_id, "upper-delegates.xlsx").worksheets[0])
    # The plain sheet keeps every field whatever the columns.
    assert [c.value for c in download(client, district.conference_id)["Dữ liệu"][1]][:len(DELEGATE_HEADERS)] == \
        list(DELEGATE_HEADERS)
    with app.app_context():
        assert db.session.execute(select(Dossier.columns)).scalar_one() == "name,phone,unit"


def test_a_list_without_the_name_column_is_refused_and_nothing_saved(app, client, auth, district):
    auth.login("organizer")
    response = client.post(f"/conferences/{district.conference_id}/exports/settings",
                           data={"col-unit": "1", "signer_name": "Ai đó"}, follow_redirects=True)
    assert "Danh sách phải có cột Họ và tên." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(Dossier)).scalar_one_or_none() is None  # not even the row


def test_upper_list_holds_only_the_chosen_delegates_in_the_organizers_order(app, client, auth, district):
    ids = district.exemplar_ids
    with app.app_context():
        set_upper_quota(district.conference_id, 3, "HN-TINH")
        set_upper_delegates(district.conference_id, [ids[3], ids[1], ids[2]])
        chosen = [db.session.get(Delegate, i).full_name for i in (ids[3], ids[1], ids[2])]
        db.session.commit()
    assert chosen != sorted(chosen)
    auth.login("organizer")
    book = download(client, district.conference_id, "upper-delegates.xlsx")
    _, body = table(book.worksheets[0])
    assert [r[1] for r in body] == chosen  # the organizer's order, not re-sorted by name
    plain = [r[1].value for r in book["Dữ liệu"].iter_rows(min_row=2)]
    assert plain == chosen
    assert "DANH SÁCH TRÍCH NGANG ĐẠI BIỂU DỰ HỘI NGHỊ CẤP TỈNH" in texts(book.worksheets[0])
    data = [[c.value for c in row] for row in book["Dữ liệu"].iter_rows(min_row=2)]
    assert {r[len(DELEGATE_HEADERS)] for r in data} == {"upper"}
    assert {r[len(DELEGATE_HEADERS) + 3] for r in data} == {"HN-TINH"}


def test_quota_notice_lists_every_unit_with_totals(client, auth, district):
    auth.login("organizer")
    book = download(client, district.conference_id, "quotas.xlsx")
    ws = book.worksheets[0]
    assert "THÔNG BÁO PHÂN BỔ SỐ LƯỢNG ĐẠI BIỂU ĐIỂN HÌNH TIÊN TIẾN" in texts(ws)
    total = next([c.value for c in row] for row in ws.iter_rows()
                 if isinstance(row[1].value, str) and row[1].value.startswith("Tổng cộng"))
    assert total[1:] == ["Tổng cộng: 3 đơn vị", None, 100 + 150 + 200, 30]
    assert [c.value for c in book["Dữ liệu"][1]][:len(QUOTA_HEADERS)] == list(QUOTA_HEADERS)
    assert "Tổng số đại biểu tối đa: 250, trong đó đại biểu điển hình tiên tiến 175 (đã phân bổ 30), " \
           "đại biểu khách mời 75." in texts(ws)


def test_organizer_of_another_federation_cannot_download(client, auth, district):
    auth.login("other_organizer")
    for name in ("delegates.xlsx", "upper-delegates.xlsx", "quotas.xlsx"):
        assert client.get(f"/conferences/{district.conference_id}/exports/{name}").status_code == 403

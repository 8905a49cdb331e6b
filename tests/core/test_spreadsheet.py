"""The one reader of uploaded tables (`conference.core.spreadsheet`): every malformed workbook is refused with a
message, never an exception of openpyxl, zipfile or the XML parser."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from conference.core.spreadsheet import ImportFileError, read_table

SHEET = "Sheet"
LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{n} "{("&lol%s;" % (n - 1 if n > 1 else "")) * 10}">' for n in range(1, 10))
          + "]>")


def workbook(cells_xml: str = '<row r="1"><c r="A1" t="inlineStr"><is><t>Tên</t></is></c></row>', *,
             doctype: str = "", part: str = "xl/worksheets/sheet1.xml") -> bytes:
    """An xlsx made by openpyxl whose sheet holds `cells_xml` as its <sheetData> (a dimension wide enough for
    it), with `doctype` put before the root element of `part`: what a hand-made or tampered file holds."""
    book = Workbook()
    book.active.title = SHEET
    book.active["A1"] = "x"
    saved = io.BytesIO()
    book.save(saved)
    source = zipfile.ZipFile(io.BytesIO(saved.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name).decode()
            if name == "xl/worksheets/sheet1.xml":
                start, end = data.index("<sheetData"), data.index("</sheetData>") + len("</sheetData>")
                data = data[:start] + f"<sheetData>{cells_xml}</sheetData>" + data[end:]
                data = data.replace('<dimension ref="A1:A1"', '<dimension ref="A1:AN100"')
            if name == part and doctype:
                declaration_end = data.index("?>") + 2 if data.startswith("<?xml") else 0
                data = data[:declaration_end] + doctype + data[declaration_end:]
            target.writestr(name, data)
    return out.getvalue()


def read(data: bytes, filename: str = "danh-sach.xlsx"):
    return read_table(filename, data, sheet_names=(SHEET,), data_sheet=SHEET, allow_csv=True)


def number_cell(value: str, attributes: str = "") -> str:
    return f'<row r="1"><c r="A1"{attributes}><v>{value}</v></c></row>'


def test_a_plain_workbook_is_read_with_tabs_and_line_breaks_kept():
    table = read(workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>Thành tích\n- một\tdòng</t></is></c>'
                          '<c r="B1"><v>1985</v></c></row>'))
    assert table.rows[0][:2] == ["Thành tích\n- một\tdòng", 1985]


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml"])
def test_xml_entities_are_refused_before_any_xml_is_parsed(part):
    started = time.perf_counter()
    with pytest.raises(ImportFileError, match="DTD"):
        read(workbook(doctype=LAUGHS, part=part))
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(("cell", "message"), [
    (number_cell("9" * 5000), "ô không đọc được ở dòng 1"),  # past Python's 4,300-digit int limit
    (number_cell("inf"), "ô không đọc được"),
    (number_cell("nan"), "ô không đọc được"),
    (number_cell("1e400"), r"Ô A1 có giá trị số không hợp lệ \(inf\)"),
    (number_cell("-1e400"), r"Ô A1 có giá trị số không hợp lệ \(-inf\)"),
    (number_cell("12345678901234567890"), "Ô A1 có số quá lớn"),
    (number_cell("not-a-date", ' t="d"'), "ô không đọc được"),
    (number_cell("999", ' t="s"'), "ô không đọc được"),  # a shared string that does not exist
    (number_cell("x", ' t="b"'), "ô không đọc được"),
    ('<row r="1"><c r="ZZZZZZ1"><v>1</v></c></row>', "ô không đọc được"),
    ('<row r="abc"><c r="A1"><v>1</v></c></row>', "ô không đọc được"),
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>Nguyễn&#x7f;Văn A</t></is></c></row>',
     r"Ô A1 có ký tự điều khiển không hợp lệ \(U\+007F\)"),
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>a&#x85;b</t></is></c></row>', r"U\+0085"),
    ('<row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row>', "công thức"),
])
def test_malformed_cells_are_refused_with_a_message(cell, message):
    with pytest.raises(ImportFileError, match=message):
        read(workbook(cell))


def test_a_later_unreadable_row_is_named():
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 5))
    with pytest.raises(ImportFileError, match="dòng 5"):
        read(workbook(rows + '<row r="5"><c r="A5"><v>inf</v></c></row>'))


def test_a_zip_whose_data_is_corrupt_is_refused():
    data = bytearray(workbook())
    offset = data.index(b"xl/worksheets/sheet1.xml") + 40  # inside the sheet's compressed bytes
    data[offset:offset + 20] = b"\x00" * 20
    with pytest.raises(ImportFileError):
        read(bytes(data))


@pytest.mark.parametrize(("content", "message"), [
    ("Tên,Số\nCĐCS\x1b[31m,5\n", r"Dòng 2 có ký tự điều khiển không hợp lệ \(U\+001B\)"),
    ("Tên,Số\nCĐCS\x7f,5\n", r"U\+007F"),
    ('Tên,Số\n"' + "x" * 200_000 + '",5\n', "ô quá dài"),
    ("Tên\x00,Số\n", "dữ liệu nhị phân"),
])
def test_csv_with_control_characters_or_huge_cells_is_refused(content, message):
    with pytest.raises(ImportFileError, match=message):
        read(content.encode(), "don-vi.csv")


def test_csv_keeps_line_breaks_inside_quoted_cells():
    table = read('Tên,Ghi chú\nCĐCS A,"dòng 1\r\ndòng 2\tx"\n'.encode(), "don-vi.csv")
    assert table.rows[1] == ["CĐCS A", "dòng 1\r\ndòng 2\tx"]

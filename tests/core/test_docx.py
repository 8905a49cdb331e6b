"""The official Word layout (Nghị định 30/2020/NĐ-CP, Phụ lục I) read back with python-docx, and once as LibreOffice
prints it: A4, the margins, Times New Roman 14 pt, the letterhead's two columns, the title, the signature block, and
the page number at the top from page 2 on."""

from __future__ import annotations

import io
import subprocess

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from conference.core import docx as official

PLACE_DATE = "Vĩnh Thuận, ngày 05 tháng 4 năm 2025"


def _document(paragraphs: int = 3) -> bytes:
    doc = official.new_document()
    official.add_letterhead(doc, upper_body="LĐLĐ tỉnh Kiên Giang", issuer="Liên đoàn Lao động huyện Vĩnh Thuận",
                            number="   /QĐ-LĐLĐ", place_date=PLACE_DATE)
    official.add_title(doc, "Quyết định", ["Về việc khen thưởng điển hình tiên tiến"])
    for n in range(paragraphs):
        official.add_paragraph(doc, f"Đoạn {n + 1}: Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 "
                                    "(ắ ẳ ẵ ặ ỡ ữ ự ỹ Đ) được viết đủ dài để chiếm trọn hai dòng trên trang in A4.")
    official.add_table(doc, ["TT", "Họ và tên"], [(1, "Nguyễn Thị Ánh"), (2, None)], [15, 150], centered=[0])
    official.add_signature(doc, recipients=["Như Điều 3;", "- Lưu VT."], signature_for="TM. Ban Thường vụ",
                           signer_title="Chủ tịch", signer_name="Lê Kim Thơ")
    return official.to_bytes(doc)


def _cell_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


def test_page_margins_and_font_follow_decree_30():
    doc = docx.Document(io.BytesIO(_document()))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [20, 20, 30, 15]
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    fonts = normal.element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "Times New Roman"
    # The page number: a PAGE field centred in the header; the first page has its own, empty header.
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER and "PAGE" in header._p.xml
    assert all("PAGE" not in p._p.xml for p in section.first_page_header.paragraphs)


def test_letterhead_title_table_and_signature_read_back():
    doc = docx.Document(io.BytesIO(_document()))
    letterhead, table, signature = doc.tables
    left, right = letterhead.rows[0].cells
    assert _cell_lines(left) == ["LĐLĐ TỈNH KIÊN GIANG", "LIÊN ĐOÀN LAO ĐỘNG HUYỆN VĨNH THUẬN", "Số:    /QĐ-LĐLĐ"]
    assert _cell_lines(right) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", PLACE_DATE]
    issuer = left.paragraphs[1].runs[0]
    assert issuer.bold and issuer.font.size == Pt(12)
    assert right.paragraphs[1].runs[0].bold
    place_date = next(p for p in right.paragraphs if p.text == PLACE_DATE).runs[0]
    assert place_date.italic and place_date.font.size == Pt(14)
    # The rules under the issuer and the motto are paragraph borders, the motto's as long as the motto.
    assert sum("w:pBdr" in p._p.xml for p in left.paragraphs) == 1
    assert sum("w:pBdr" in p._p.xml for p in right.paragraphs) == 1

    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[:2] == ["QUYẾT ĐỊNH", "Về việc khen thưởng điển hình tiên tiến"]
    title = next(p for p in doc.paragraphs if p.text == "QUYẾT ĐỊNH")
    assert title.runs[0].bold and title.alignment == WD_ALIGN_PARAGRAPH.CENTER

    assert [c.text for c in table.rows[0].cells] == ["TT", "Họ và tên"]
    assert [c.text for c in table.rows[2].cells] == ["2", ""]
    assert table.rows[1].cells[1].paragraphs[0].runs[0].font.size == Pt(13)
    assert "w:tblHeader" in table.rows[0]._tr.xml  # repeated on every page

    recipients, block = signature.rows[0].cells
    assert _cell_lines(recipients) == ["Nơi nhận:", "- Như Điều 3;", "- Lưu VT."]
    head = recipients.paragraphs[0].runs[0]
    assert head.bold and head.italic and head.font.size == Pt(12)
    assert recipients.paragraphs[1].runs[0].font.size == Pt(11)
    assert _cell_lines(block) == ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Lê Kim Thơ"]


def test_no_number_line_and_no_upper_body_when_absent():
    doc = official.new_document()
    official.add_letterhead(doc, upper_body="", issuer="Công đoàn phường Rạch Giá", number=None, place_date="x")
    official.add_signature(doc, recipients=[], signature_for="", signer_title="Trưởng ban", signer_name=None)
    read = docx.Document(io.BytesIO(official.to_bytes(doc)))
    assert _cell_lines(read.tables[0].rows[0].cells[0]) == ["CÔNG ĐOÀN PHƯỜNG RẠCH GIÁ"]
    assert _cell_lines(read.tables[1].rows[0].cells[1]) == ["TRƯỞNG BAN"]


def test_libreoffice_prints_the_page_number_from_page_two_only(tmp_path):
    source = tmp_path / "official.docx"
    source.write_bytes(_document(paragraphs=40))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "official.pdf"

    def first_line(page: int) -> str:
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                              check=True, capture_output=True, text=True).stdout
        return next(line.strip() for line in text.splitlines() if line.strip())

    assert first_line(1).startswith("LĐLĐ TỈNH KIÊN GIANG")
    assert first_line(2) == "2"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "x 841.89 pts (A4)" in info  # portrait

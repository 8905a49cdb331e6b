"""The certificates, the calibration page and the decision read back as a reader gets them: pdftotext for the PDFs
(every Vietnamese letter, the printer's offset moving the print), python-docx for the decision."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess

import docx

from conference.certificates import rules
from conference.certificates.decision import Header, decision_docx
from conference.certificates.printing import CertificateText, Layout, calibration_pdf, certificates_pdf

MM = 72 / 25.4
LAYOUT = Layout(title="GIẤY KHEN", awarding_body="BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG HUYỆN VĨNH THUẬN",
                place_date="Vĩnh Thuận, ngày 10 tháng 4 năm 2025", signature_for="TM. BAN THƯỜNG VỤ",
                signer_title="CHỦ TỊCH", signer_name="Lê Kim Thơ", paper="blank",
                positions=rules.merged_positions(None))
#: Names holding every tone on the letters that carry them, and đ/Đ.
CERTIFICATES = [
    CertificateText("Bà Huỳnh Thị Ngọc Ẩn Ửng", "Giáo viên, Trường THCS Vĩnh Thuận", "Lời khen: ắ ằ ẳ ẵ ặ ẫ ỡ ữ ự ỹ."),
    CertificateText("Ông Đặng Quốc Vỹ Trưởng", "CĐCS Công ty Vĩnh Phát", "Đã có thành tích xuất sắc."),
]


def _text(pdf: bytes, tmp_path, *args: str) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", *args, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def _word_box(pdf: bytes, tmp_path, word: str) -> tuple[float, float]:
    """(xMin, yMin) in points from the page's top left of the first occurrence of `word` (pdftotext -bbox)."""
    html = _text(pdf, tmp_path, "-bbox", "-f", "1", "-l", "1")
    match = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>' + re.escape(word) + "<", html)
    assert match, word
    return float(match.group(1)), float(match.group(2))


def test_certificates_print_every_name_with_its_diacritics_one_page_each(tmp_path):
    pdf = certificates_pdf(LAYOUT, CERTIFICATES)
    text = _text(pdf, tmp_path)
    for certificate in CERTIFICATES:
        assert certificate.name in text and certificate.unit in text
    assert "ắ ằ ẳ ẵ ặ ẫ ỡ ữ ự ỹ" in text
    assert text.count("GIẤY KHEN") == 2 and text.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 2
    assert "Lê Kim Thơ" in text and "TẶNG" in text
    info = subprocess.run(["pdfinfo", str(tmp_path / "out.pdf")], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+2\n", info) and "841.89 x 595.276 pts (A4)" in info  # landscape


def test_the_printer_offset_moves_the_whole_print(tmp_path):
    still = _word_box(certificates_pdf(LAYOUT, CERTIFICATES[:1]), tmp_path, "Huỳnh")
    moved = _word_box(certificates_pdf(dataclasses.replace(LAYOUT, offset_x_mm=5, offset_y_mm=-3),
                                       CERTIFICATES[:1]), tmp_path, "Huỳnh")
    assert abs((moved[0] - still[0]) - 5 * MM) < 0.5  # 5 mm to the right
    assert abs((moved[1] - still[1]) + 3 * MM) < 0.5  # 3 mm up


def test_a_preprinted_blank_gets_only_the_fields_at_their_positions(tmp_path):
    positions = {**rules.merged_positions(None), "name": [148.5, 60.0]}
    layout = dataclasses.replace(LAYOUT, paper="preprinted", positions=positions)
    pdf = certificates_pdf(layout, CERTIFICATES[:1])
    text = _text(pdf, tmp_path)
    assert "Huỳnh Thị Ngọc" in text and "Vĩnh Thuận, ngày 10 tháng 4 năm 2025" in text
    assert "GIẤY KHEN" not in text and "CỘNG HÒA" not in text and "Lê Kim Thơ" not in text
    _x, top = _word_box(pdf, tmp_path, "Huỳnh")
    assert 60 * MM - 22 < top < 60 * MM  # the baseline at 60 mm: the word's box ends there


def test_calibration_page_names_the_printer_and_carries_the_scales(tmp_path):
    text = _text(calibration_pdf(printer_name="Canon LBP 2900 phòng Văn thư", offset_x_mm=1.5, offset_y_mm=-2),
                 tmp_path)
    assert "Canon LBP 2900 phòng Văn thư" in text
    assert "ngang +1,5 mm, dọc -2,0 mm" in text
    for label in ("-20", "-10", "+10", "+20", "20 mm"):
        assert label in text


def _decision(collectives, individuals, **stored) -> docx.document.Document:
    template = rules.effective(stored, signature_for="TM. BAN THƯỜNG VỤ",
                               issuer="Liên đoàn Lao động huyện Vĩnh Thuận", plan_reference="65/KH-LĐLĐ",
                               conference_name="Hội nghị tuyên dương điển hình tiên tiến")
    header = Header(upper_body="Liên đoàn Lao động tỉnh Kiên Giang", issuer="Liên đoàn Lao động huyện Vĩnh Thuận",
                    place_date="Vĩnh Thuận, ngày 01 tháng 4 năm 2025", signature_for="TM. BAN THƯỜNG VỤ",
                    signer_title="CHỦ TỊCH", signer_name="Lê Kim Thơ",
                    conference_name="Hội nghị tuyên dương điển hình tiên tiến")
    return docx.Document(io.BytesIO(decision_docx(header, template, collectives, individuals)))


def test_the_decision_lists_collectives_then_individuals_with_their_counts():
    people = [
        rules.Honoured(1, "individual", "Trần Văn Bình", "male", "Công nhân", "CĐCS Công ty Vĩnh Phát"),
        rules.Honoured(2, "collective", "Tập thể Tổ Toán", unit_name="CĐCS Trường THCS Vĩnh Thuận"),
        rules.Honoured(3, "individual", "Nguyễn Thị Ánh", "female", None, "CĐCS Trường THCS Vĩnh Thuận"),
    ]
    collectives, individuals = rules.ordered(people, "name")
    doc = _decision(collectives, individuals, decision_number="15/QĐ-LĐLĐ", award_individual="300.000 đồng")
    texts = [p.text for p in doc.paragraphs if p.text]

    assert "Số: 15/QĐ-LĐLĐ" in doc.tables[0].rows[0].cells[0].text
    assert texts[:2] == ["QUYẾT ĐỊNH", rules.DEFAULT_SUBJECT]
    assert "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG HUYỆN VĨNH THUẬN" in texts
    assert any(t.startswith("Căn cứ Luật Thi đua, khen thưởng") for t in texts)
    assert any("Kế hoạch số 65/KH-LĐLĐ" in t for t in texts)
    article_one = next(t for t in texts if t.startswith("Điều 1."))
    assert "01 tập thể và 02 cá nhân" in article_one
    assert "mỗi cá nhân được thưởng 300.000 đồng" in next(t for t in texts if t.startswith("Điều 2."))
    assert any(t.startswith("Điều 3.") for t in texts)
    assert texts.index("I. TẬP THỂ (1)") < texts.index("II. CÁ NHÂN (2)")

    _letterhead, signature, collective_list, individual_list = doc.tables
    assert "Lê Kim Thơ" in signature.rows[0].cells[1].text
    assert [c.text for c in collective_list.rows[1].cells] == ["1", "Tập thể Tổ Toán", "CĐCS Trường THCS Vĩnh Thuận"]
    assert [row.cells[1].text for row in individual_list.rows[1:]] == ["Bà Nguyễn Thị Ánh", "Ông Trần Văn Bình"]
    assert individual_list.rows[2].cells[2].text == "Công nhân\nCĐCS Công ty Vĩnh Phát"


def test_a_decision_with_only_individuals_numbers_them_first():
    doc = _decision([], [rules.Honoured(1, "individual", "Lê Văn An")])
    texts = [p.text for p in doc.paragraphs if p.text]
    assert "I. CÁ NHÂN (1)" in texts and not any("TẬP THỂ (" in t for t in texts)
    assert "01 cá nhân" in next(t for t in texts if t.startswith("Điều 1."))

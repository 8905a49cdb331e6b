"""The certificates page as the organizer uses it: the template saved, printers with their offsets, the PDFs and
the decision downloaded for the conference's approved exemplars."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date

import docx
from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.certificates.models import CertificatePrinter, CertificateSettings
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.services import Actor, approve_nomination, submit_nomination
from tests.factories import make_world, nomination_data

TODAY = date(2025, 3, 1)


def _world(app, *, approved: bool = True):
    with app.app_context():
        world = make_world(quotas=(3, 2, 0))
        cid, (unit1, unit2, _) = world.conference_id, world.unit_ids
        people = [
            (unit1, nomination_data("Huỳnh Thị Ngọc Ẩn", position="Giáo viên, Trường THCS Vĩnh Thuận")),
            (unit1, nomination_data("Tập thể Tổ Toán", kind="collective", gender=None, birth_year=None,
                                    ethnicity=None, position=None, direct_worker=False)),
            (unit2, nomination_data("Đặng Quốc Vỹ", gender="male")),
        ]
        for unit, data in people:
            nomination = submit_nomination(cid, unit, data, Actor(None), TODAY)
            if approved:
                approve_nomination(nomination.id)
        db.session.commit()
        return world


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "c.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout


def test_certificates_and_decision_of_the_approved_exemplars(app, client, auth, tmp_path):
    world = _world(app)
    auth.login("organizer")
    base = f"/conferences/{world.conference_id}/certificates"

    page = client.get(base).get_data(as_text=True)
    assert "1 tập thể và 2 cá nhân" in page

    response = client.get(f"{base}/certificates.pdf")
    assert response.mimetype == "application/pdf"
    text = _pdf_text(response.data, tmp_path)
    # The collective first, then the individuals by unit (số 1 before số 2).
    assert text.index("Tập thể Tổ Toán") < text.index("Bà Huỳnh Thị Ngọc Ẩn") < text.index("Ông Đặng Quốc Vỹ")
    assert "Giáo viên, Trường THCS Vĩnh Thuận" in text
    assert "BAN THƯỜNG VỤ LIÊN ĐOÀN LAO ĐỘNG HUYỆN VĨNH THUẬN" in text

    decision = client.get(f"{base}/decision.docx")
    assert decision.mimetype.endswith("wordprocessingml.document")
    doc = docx.Document(io.BytesIO(decision.data))
    texts = [p.text for p in doc.paragraphs]
    assert "01 tập thể và 02 cá nhân" in next(t for t in texts if t.startswith("Điều 1."))
    assert [row.cells[1].text for row in doc.tables[-1].rows[1:]] == ["Bà Huỳnh Thị Ngọc Ẩn", "Ông Đặng Quốc Vỹ"]


def test_saved_template_prints_on_preprinted_blanks_in_the_chosen_order(app, client, auth, tmp_path):
    world = _world(app)
    auth.login("organizer")
    base = f"/conferences/{world.conference_id}/certificates"
    form = {"title": "Giấy chứng nhận", "awarding_body": "", "citation_source": "achievements",
            "citation_text": "", "paper": "preprinted", "list_order": "name", "decision_number": "15/QĐ-LĐLĐ",
            "decision_subject": "", "legal_bases": "Căn cứ Điều lệ Công đoàn Việt Nam;", "award_collective": "",
            "award_individual": "", "recipients": "", "pos_name_x": "150", "pos_name_y": "70,5"}

    response = client.post(f"{base}/settings", data=form)

    assert response.status_code == 302
    with app.app_context():
        stored = db.session.execute(select(CertificateSettings)).scalar_one()
        assert (stored.title, stored.paper, stored.list_order) == ("Giấy chứng nhận", "preprinted", "name")
        assert stored.positions["name"] == [150.0, 70.5] and stored.awarding_body is None
        assert db.session.execute(select(AuditEntry).where(AuditEntry.entity == "certificate_settings")).scalar()
    text = _pdf_text(client.get(f"{base}/certificates.pdf").data, tmp_path)
    assert "GIẤY CHỨNG NHẬN" not in text and "CỘNG HÒA" not in text  # only the fields on a blank
    assert text.index("Bà Huỳnh Thị Ngọc Ẩn") < text.index("Ông Đặng Quốc Vỹ")  # by given name: Ẩn < Vỹ
    assert "Có sáng kiến tiết kiệm chi phí." in text  # each one's achievement as the citation
    doc = docx.Document(io.BytesIO(client.get(f"{base}/decision.docx").data))
    texts = [p.text for p in doc.paragraphs]
    assert "Căn cứ Điều lệ Công đoàn Việt Nam;" in texts
    assert not any(t.startswith("Căn cứ Luật Thi đua") for t in texts)  # the organizer's bases replace the defaults
    assert "Số: 15/QĐ-LĐLĐ" in doc.tables[0].rows[0].cells[0].text


def test_printers_keep_their_offsets_which_move_the_certificates(app, client, auth, tmp_path):
    world = _world(app)
    auth.login("organizer")
    base = f"/conferences/{world.conference_id}/certificates"

    client.post(f"{base}/printers", data={"new-name": "Canon phòng Văn thư", "new-offset_x": "2,5",
                                          "new-offset_y": "-1"})
    refused = client.post(f"{base}/printers", data={"new-name": "Canon phòng Văn thư", "new-offset_x": "0"},
                          follow_redirects=True)
    assert "Đã có máy in tên" in refused.get_data(as_text=True)
    with app.app_context():
        printer = db.session.execute(select(CertificatePrinter)).scalar_one()
        assert (printer.offset_x_mm, printer.offset_y_mm) == (2.5, -1.0)
        printer_id = printer.id
    too_far = client.post(f"{base}/printers/offset", data={"printer_id": printer_id, "offset_x": "31",
                                                           "offset_y": "0"}, follow_redirects=True)
    assert "tối đa là ±30 mm" in too_far.get_data(as_text=True)
    client.post(f"{base}/printers/offset", data={"printer_id": printer_id, "offset_x": "10", "offset_y": "0"})

    def name_x(query: str) -> float:
        path = tmp_path / "c.pdf"
        path.write_bytes(client.get(f"{base}/certificates.pdf{query}").data)
        html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"], check=True,
                              capture_output=True, text=True).stdout
        return float(re.search(r'xMin="([\d.]+)"[^>]*>Tổ<', html).group(1))

    assert abs(name_x(f"?printer={printer_id}") - name_x("") - 10 * 72 / 25.4) < 0.5
    calibration = client.get(f"{base}/calibration.pdf?printer={printer_id}")
    assert "Canon phòng Văn thư" in _pdf_text(calibration.data, tmp_path)

    client.post(f"{base}/printers/delete", data={"printer_id": printer_id})
    with app.app_context():
        assert db.session.execute(select(CertificatePrinter)).first() is None


def test_another_conferences_printer_is_not_used(app, client, auth, tmp_path):
    world = _world(app)
    with app.app_context():
        other = CertificatePrinter(conference_id=world.other_conference_id, name="X", offset_x_mm=20,
                                   offset_y_mm=0)
        db.session.add(other)
        db.session.commit()
        other_id = other.id
    auth.login("organizer")
    base = f"/conferences/{world.conference_id}/certificates"
    response = client.post(f"{base}/printers/offset", data={"printer_id": other_id, "offset_x": "1",
                                                            "offset_y": "1"}, follow_redirects=True)
    assert "Không tìm thấy máy in này." in response.get_data(as_text=True)
    calibration = _pdf_text(client.get(f"{base}/calibration.pdf?printer={other_id}").data, tmp_path)
    assert "ngang +0,0 mm" in calibration


def test_no_certificates_before_any_exemplar_is_approved(app, client, auth):
    world = _world(app, approved=False)
    auth.login("organizer")
    base = f"/conferences/{world.conference_id}/certificates"
    response = client.get(f"{base}/certificates.pdf", headers={"Referer": f"http://localhost{base}"},
                          follow_redirects=True)
    assert "Chưa có điển hình tiên tiến nào được duyệt" in response.get_data(as_text=True)


def test_opening_the_page_and_the_downloads_writes_nothing(app, client, auth, count_queries):
    world = _world(app)
    auth.login("organizer")
    base = f"/conferences/{world.conference_id}/certificates"
    with count_queries() as counted:
        for path in ("", "/certificates.pdf", "/calibration.pdf", "/decision.docx"):
            assert client.get(base + path).status_code == 200
    writes = [s for s in counted.statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    with app.app_context():
        assert db.session.execute(select(CertificateSettings)).first() is None  # defaults shown, not stored


def test_one_exemplars_certificate_can_be_printed_again(app, client, auth, tmp_path):
    world = _world(app)
    with app.app_context():
        delegate_id = db.session.execute(select(Delegate.id).where(Delegate.full_name == "Đặng Quốc Vỹ")).scalar_one()
    auth.login("organizer")
    response = client.get(f"/conferences/{world.conference_id}/certificates/certificates.pdf?delegate={delegate_id}")
    text = _pdf_text(response.data, tmp_path)
    assert "Ông Đặng Quốc Vỹ" in text and "Huỳnh" not in text and text.count("GIẤY KHEN") == 1


def test_a_printer_or_delegate_id_that_is_not_a_plain_number_is_no_printer(app, client, auth, tmp_path):
    world = _world(app)
    auth.login("organizer")
    base = f"/conferences/{world.conference_id}/certificates"
    for raw in ("１", "٣", "1e3", "9" * 20, " ", "abc"):
        calibration = client.get(f"{base}/calibration.pdf", query_string={"printer": raw})
        assert calibration.status_code == 200 and "ngang +0,0 mm" in _pdf_text(calibration.data, tmp_path)
        assert client.post(f"{base}/printers/delete", data={"printer_id": raw}).status_code == 302

"""Invitations: a guest's answer (a deputy takes the seat with a new badge), and the letters as PDF and PNG with the
person's badge QR and seat."""

from __future__ import annotations

import io
import subprocess
from datetime import date

import pytest
from PIL import Image
from sqlalchemy import select

from conference.agenda.rules import DEFAULT_DAY_START
from conference.agenda.services import add_plan_programme
from conference.audit.models import AuditEntry
from conference.badges.services import badge_code
from conference.core.errors import RuleViolation
from conference.delegates.models import Delegate
from conference.delegates.services import add_guest
from conference.extensions import db
from conference.invitations.services import record_answer
from conference.nominations.services import Actor, approve_nomination, submit_nomination
from conference.seating.models import SeatAssignment
from conference.seating.queries import plan
from conference.seating.services import save_layout, seat_automatically
from tests.factories import make_world, nomination_data

SECRET = "test-secret-key"


def seat_two_guests(world) -> tuple[int, int]:
    first = add_guest(world.conference_id, {"full_name": "Nguyễn Văn Trưởng", "gender": "male", "position": "Bí thư",
                                            "workplace": "Huyện ủy Vĩnh Thuận"})
    second = add_guest(world.conference_id, {"full_name": "Trần Thị Ánh Tuyết", "gender": "female",
                                             "position": "Chủ tịch", "workplace": "Hội Liên hiệp Phụ nữ huyện"})
    db.session.add(SeatAssignment(conference_id=world.conference_id, delegate_id=first.id, block=2, row_no=3,
                                  seat_no=7))
    db.session.commit()
    return first.id, second.id


def actions_of(delegate_id: int) -> list[str]:
    return list(db.session.execute(select(AuditEntry.action).where(
        AuditEntry.entity == "delegate", AuditEntry.entity_id == delegate_id).order_by(AuditEntry.id)).scalars())


def test_a_deputy_takes_the_guests_seat_with_a_new_badge_and_the_guest_is_remembered(ctx):
    world = make_world()
    guest_id, _other = seat_two_guests(world)
    guest = db.session.get(Delegate, guest_id)
    old_code, old_fallback = badge_code(SECRET, guest), guest.fallback_code

    record_answer(world.conference_id, guest_id, "deputy",
                  {"full_name": "Lê Văn Phó", "position": "Phó Bí thư", "workplace": "", "gender": "male"})

    deputy = db.session.get(Delegate, guest_id)
    assert (deputy.full_name, deputy.position, deputy.invitation_answer) == ("Lê Văn Phó", "Phó Bí thư", "deputy")
    assert deputy.deputy_of == "Nguyễn Văn Trưởng, Bí thư, Huyện ủy Vĩnh Thuận"
    assert deputy.badge_serial == 2
    assert badge_code(SECRET, deputy) != old_code and deputy.fallback_code != old_fallback
    assert db.session.execute(select(SeatAssignment.delegate_id).where(
        SeatAssignment.block == 2, SeatAssignment.row_no == 3, SeatAssignment.seat_no == 7)).scalar_one() == guest_id
    assert actions_of(guest_id) == ["create", "reissue_badge", "deputy", "answer"]


def test_a_deputy_needs_a_name_and_a_position_and_only_guests_answer(ctx):
    world = make_world()
    guest_id, _other = seat_two_guests(world)
    with pytest.raises(RuleViolation, match="người dự thay"):
        record_answer(world.conference_id, guest_id, "deputy", {"full_name": "Lê Văn Phó"})
    with pytest.raises(RuleViolation, match="khách mời"):
        record_answer(world.other_conference_id, guest_id, "confirmed")
    assert db.session.get(Delegate, guest_id).full_name == "Nguyễn Văn Trưởng"


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "letters.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_the_letters_print_each_guest_with_the_seat_the_badge_qr_and_the_official_header(app, client, auth, tmp_path):
    with app.app_context():
        world = make_world()
        guest_id, other_id = seat_two_guests(world)
        record_answer(world.conference_id, other_id, "declined")
        nomination = submit_nomination(world.conference_id, world.unit_ids[0], nomination_data("Lý Thị Điển Hình"),
                                       Actor(user_id=world.unit_user_ids[0]), date(2025, 3, 1))
        approve_nomination(nomination.id)
        add_plan_programme(world.conference_id)  # the plan's nine items, from the clock's default start
        db.session.commit()
        fallback = db.session.get(Delegate, guest_id).fallback_code
    auth.login("organizer")
    exemplars = client.get(f"/conferences/{world.conference_id}/invitations/letters.pdf?category=exemplar")
    exemplar_page = client.get(f"/conferences/{world.conference_id}/invitations/?category=exemplar")
    exemplar_text = pdf_text(exemplars.data, tmp_path)
    assert "Bà: Lý Thị Điển Hình" in exemplar_text and "Công đoàn cơ sở số 1" in exemplar_text
    assert "Lý Thị Điển Hình" in exemplar_page.get_data(as_text=True)

    all_letters = client.get(f"/conferences/{world.conference_id}/invitations/letters.pdf")
    one = client.get(f"/conferences/{world.conference_id}/invitations/{other_id}.pdf")
    png = client.get(f"/conferences/{world.conference_id}/invitations/{guest_id}.png")

    assert all_letters.status_code == 200 and all_letters.mimetype == "application/pdf"
    text = pdf_text(all_letters.data, tmp_path)
    assert text.count("GIẤY MỜI") == 1  # the guest who declined gets no letter in the file
    for words in ("Nguyễn Văn Trưởng", "Huyện ủy Vĩnh Thuận", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                  "Ban Thường vụ Liên đoàn Lao động huyện Vĩnh Thuận trân trọng kính mời", "Vĩnh Thuận, ngày",
                  "ghế B-03-07", "Ghế B-03-07",
                  f"{fallback[:4]}-{fallback[4:]}", "Hội trường huyện",
                  f"{DEFAULT_DAY_START:%H} giờ {DEFAULT_DAY_START:%M}, thứ Năm, ngày 10/4/2025"):
        assert words in text, words
    assert "Trần Thị Ánh Tuyết" in pdf_text(one.data, tmp_path)
    image = Image.open(io.BytesIO(png.data))
    assert image.format == "PNG" and image.width > 1000 and image.height > image.width


def test_the_organizer_edits_the_letters_body_and_a_body_with_an_unknown_placeholder_is_refused(app, client, auth,
                                                                                                tmp_path):
    with app.app_context():
        world = make_world()
        add_guest(world.conference_id, {"full_name": "Nguyễn Văn Trưởng", "gender": "male", "position": "Bí thư"})
        db.session.commit()
    auth.login("organizer")
    url = f"/conferences/{world.conference_id}/invitations/settings"

    refused = client.post(url, data={"number": "25/GM-LĐLĐ", "body": "Kính mời {ho_ten} ký {chu_ky}."})
    saved = client.post(url, data={"number": "25/GM-LĐLĐ", "signed_on": "2025-04-01", "recipients": "- Lưu VT.",
                                   "body": "Kính mời {ong_ba} {ho_ten} dự {hoi_nghi}.\nGhế của {ong_ba}: {cho_ngoi}"})
    letters = client.get(f"/conferences/{world.conference_id}/invitations/letters.pdf")

    assert "chỗ điền lạ “{chu_ky}”" in refused.get_data(as_text=True)
    assert saved.status_code == 302
    text = pdf_text(letters.data, tmp_path)
    assert "Số: 25/GM-LĐLĐ" in text and "Vĩnh Thuận, ngày 01 tháng 4 năm 2025" in text
    assert "Kính mời Ông Nguyễn Văn Trưởng dự Hội nghị tuyên dương" in text
    assert "Ghế của" not in text  # no seat yet: the line is left out
    with app.app_context():
        assert db.session.execute(select(AuditEntry.action).where(AuditEntry.entity == "invitation")).scalars().all() \
            == ["settings"]


def test_the_invitations_page_runs_as_many_statements_for_many_guests_as_for_few(app, client, auth, count_queries):
    with app.app_context():
        world = make_world()
        first, second = seat_two_guests(world)
        record_answer(world.conference_id, first, "confirmed")
        db.session.commit()
    auth.login("organizer")
    url = f"/conferences/{world.conference_id}/invitations/"
    with count_queries() as few:
        assert client.get(url).status_code == 200
    with app.app_context():
        for i in range(6):
            add_guest(world.conference_id, {"full_name": f"Khách Số {i}", "position": "Chủ tịch", "workplace": "UBND"})
        record_answer(world.conference_id, second, "deputy", {"full_name": "Lê Văn Phó", "position": "Phó Chủ tịch"})
        db.session.commit()
    with count_queries() as many:
        page = client.get(url).get_data(as_text=True)

    assert "Khách Số 5" in page and "Dự thay: Trần Thị Ánh Tuyết" in page
    assert few.count == many.count


def test_a_guest_who_declines_gives_up_the_seat_and_the_automatic_seating_leaves_them_out(ctx):
    world = make_world()
    declining, coming = seat_two_guests(world)

    record_answer(world.conference_id, declining, "declined")
    assert db.session.execute(select(SeatAssignment).where(SeatAssignment.delegate_id == declining)).first() is None
    assert declining not in {person.delegate_id for person in plan(world.conference_id).unseated}  # nobody to seat

    save_layout(world.conference_id, blocks=1, rows=5, seats=10, stage_seats=7)
    seat_automatically(world.conference_id, keep_hand=False)
    seated = set(db.session.execute(select(SeatAssignment.delegate_id)).scalars())
    assert coming in seated and declining not in seated

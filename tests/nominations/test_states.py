"""States (draft → submitted → approved / returned → resubmitted; withdrawn), duplicates, fields, photos,
reference lists."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from conference.core.errors import RuleViolation
from conference.extensions import db
from conference.nominations.models import Nomination, NominationPhoto
from conference.nominations.photos import PHOTO_MAX_SIDE, reencode_photo
from conference.nominations.references import DEFAULT_TITLES, parse_reference_text, reference_lists
from conference.nominations.rules import TRANSITIONS, next_status
from conference.nominations.services import (
    Actor,
    approve_nomination,
    counted_nominations,
    create_nomination,
    return_nomination,
    submit_draft,
    update_nomination,
    withdraw_nomination,
)
from tests.factories import make_world, nomination_data

TODAY = date(2025, 3, 1)
UNIT = Actor(None)


def test_a_draft_holds_no_seat_and_submitting_it_checks_the_quota(ctx):
    world = make_world(quotas=(1, 1, 1))
    unit = world.unit_ids[0]
    draft = create_nomination(world.conference_id, unit, nomination_data("Bùi Thị Nháp"), UNIT, TODAY, draft=True)
    assert counted_nominations(world.conference_id, unit) == 0
    create_nomination(world.conference_id, unit, nomination_data("Bùi Văn Gửi"), UNIT, TODAY)
    with pytest.raises(RuleViolation, match="hết số lượng phân bổ"):
        submit_draft(draft.id, UNIT, TODAY)
    assert db.session.get(Nomination, draft.id).status == "draft"


def test_withdrawing_frees_the_seat_and_cannot_touch_an_approved_one(ctx):
    world = make_world(quotas=(1, 1, 1))
    unit = world.unit_ids[0]
    first = create_nomination(world.conference_id, unit, nomination_data("Cao Thị Rút"), UNIT, TODAY)
    withdraw_nomination(first.id, UNIT, TODAY)
    assert db.session.get(Nomination, first.id).status == "withdrawn"
    second = create_nomination(world.conference_id, unit, nomination_data("Cao Văn Thay"), UNIT, TODAY)
    approve_nomination(second.id)
    with pytest.raises(RuleViolation, match="không thể rút"):
        withdraw_nomination(second.id, UNIT, TODAY)


def test_returned_then_fixed_is_resubmitted_counts_again_and_can_be_approved(ctx):
    world = make_world(quotas=(1, 1, 1))
    nomination = create_nomination(world.conference_id, world.unit_ids[0], nomination_data("Mai Thị Sửa"), UNIT,
                                   TODAY)
    return_nomination(nomination.id, "Ghi rõ năm đạt danh hiệu")
    assert counted_nominations(world.conference_id, world.unit_ids[0]) == 0
    update_nomination(nomination.id, nomination_data("Mai Thị Sửa", titles="Lao động tiên tiến 2023"), UNIT, TODAY)
    assert db.session.get(Nomination, nomination.id).status == "resubmitted"
    assert counted_nominations(world.conference_id, world.unit_ids[0]) == 1
    approve_nomination(nomination.id)
    assert db.session.get(Nomination, nomination.id).status == "approved"


@pytest.mark.parametrize(("status", "action"), [("draft", "approve"), ("returned", "approve"), ("approved", "edit"),
                                                ("withdrawn", "edit"), ("approved", "return"), ("submitted", "submit")])
def test_transitions_outside_the_state_machine_are_refused(status, action):
    assert (status, action) not in TRANSITIONS
    with pytest.raises(RuleViolation):
        next_status(status, action)


def test_only_the_organizer_changes_after_the_units_deadline(ctx):
    world = make_world(deadline=date(2025, 3, 20))
    nomination = create_nomination(world.conference_id, world.unit_ids[0], nomination_data(), UNIT, TODAY,
                                   draft=True)
    late = date(2025, 3, 21)
    for action in (lambda: submit_draft(nomination.id, UNIT, late),
                   lambda: withdraw_nomination(nomination.id, UNIT, late),
                   lambda: update_nomination(nomination.id, nomination_data(), UNIT, late)):
        with pytest.raises(RuleViolation, match="hết thời hạn"):
            action()
    submit_draft(nomination.id, Actor(world.organizer_id, is_organizer=True), late)
    assert db.session.get(Nomination, nomination.id).status == "submitted"


def test_the_same_person_twice_in_a_unit_is_refused_unless_withdrawn(ctx):
    world = make_world(quotas=(3, 3, 3))
    unit = world.unit_ids[0]
    first = create_nomination(world.conference_id, unit, nomination_data("Lý Thị Trùng", birth_year=1980), UNIT,
                              TODAY)
    with pytest.raises(RuleViolation, match="(?i)đã có hồ sơ của lý thị trùng \\(sinh năm 1980\\)"):
        create_nomination(world.conference_id, unit, nomination_data("lý thị trùng ", birth_year=1980), UNIT, TODAY)
    create_nomination(world.conference_id, world.unit_ids[1], nomination_data("Lý Thị Trùng", birth_year=1980), UNIT,
                      TODAY)  # another unit may
    withdraw_nomination(first.id, UNIT, TODAY)
    create_nomination(world.conference_id, unit, nomination_data("Lý Thị Trùng", birth_year=1980), UNIT, TODAY)


def test_database_index_refuses_a_duplicate_written_around_the_service(ctx):
    world = make_world()
    row = {"conference_id": world.conference_id, "unit_id": world.unit_ids[0], "full_name": "Hà Văn Chỉ Mục",
           "birth_year": 1980, "status": "submitted", "kind": "individual"}
    db.session.add(Nomination(**row))
    db.session.commit()
    db.session.add(Nomination(**row))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_achievements_longer_than_the_cap_are_refused_by_the_database(ctx):
    world = make_world()
    db.session.add(Nomination(conference_id=world.conference_id, unit_id=world.unit_ids[0], full_name="Dài",
                              status="submitted", kind="collective", achievements="x" * 2001))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_a_status_outside_the_list_is_refused_by_the_database(ctx):
    world = make_world()
    db.session.add(Nomination(conference_id=world.conference_id, unit_id=world.unit_ids[0], full_name="Lạ",
                              status="archived", kind="collective"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_birth_date_gives_the_year_and_a_collective_keeps_neither(ctx):
    world = make_world()
    person = create_nomination(world.conference_id, world.unit_ids[0],
                               nomination_data(birth_year=None, birth_date=date(1979, 5, 2), education="Thạc sĩ"),
                               UNIT, TODAY)
    group = create_nomination(world.conference_id, world.unit_ids[0],
                              nomination_data("Tập thể Tổ Văn", kind="collective", birth_date=date(1979, 5, 2)),
                              UNIT, TODAY)
    assert (person.birth_year, person.education) == (1979, "Thạc sĩ")
    assert (group.birth_year, group.birth_date, group.gender) == (None, None, None)


# Photos


def _image(fmt: str, size=(1600, 1200), mode="RGB") -> bytes:
    out = io.BytesIO()
    image = Image.new(mode, size, "red")
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    image.save(out, format=fmt, **({"exif": exif} if fmt == "JPEG" else {}))
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "mode"), [("JPEG", "RGB"), ("PNG", "RGBA")])
def test_jpeg_and_png_photos_are_reencoded_as_small_jpeg_without_metadata(fmt, mode):
    photo = reencode_photo(_image(fmt, mode=mode))
    image = Image.open(io.BytesIO(photo.content))
    assert image.format == "JPEG" and max(image.size) == PHOTO_MAX_SIDE == max(photo.width, photo.height)
    assert not image.getexif()


@pytest.mark.parametrize(("content", "message"), [
    (b"", "trống"),
    (b"GIF89a" + b"\x00" * 100, "JPEG hoặc PNG"),
    (None, "JPEG hoặc PNG"),  # a real GIF
    (b"\xff\xd8\xff" + b"\x00" * 100, "JPEG hoặc PNG|Không đọc được"),
    (b"\x00" * (3 * 1024 * 1024), "quá lớn"),
])
def test_bad_photos_are_refused_in_vietnamese(content, message):
    if content is None:
        content = _image("GIF", size=(10, 10), mode="P")
    with pytest.raises(RuleViolation, match=message):
        reencode_photo(content)


def test_photo_is_uploaded_stored_in_the_database_and_served_only_to_its_unit(app, client, auth):
    with app.app_context():
        world = make_world()
    auth.login("unit1")
    form = {**nomination_data("Tô Thị Ảnh"), "direct_worker": "y", "titles": "Lao động tiên tiến",
            "photo": (io.BytesIO(_image("PNG", mode="RGBA")), "anh.png")}
    form.pop("party_member")
    client.post(f"/conferences/{world.conference_id}/nominations/new", data=form, content_type="multipart/form-data")
    with app.app_context():
        nomination = db.session.execute(select(Nomination)).scalar_one()
        assert nomination.has_photo and db.session.get(NominationPhoto, nomination.id) is not None
    response = client.get(f"/nominations/{nomination.id}/photo.jpg")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    auth.logout()
    auth.login("unit2")
    assert client.get(f"/nominations/{nomination.id}/photo.jpg").status_code == 403


def test_draft_button_saves_a_draft_from_the_form(app, client, auth):
    with app.app_context():
        world = make_world()
    auth.login("unit1")
    data = {**nomination_data("Đoàn Thị Nháp"), "action": "draft", "direct_worker": "y"}
    data.pop("party_member")
    html = client.post(f"/conferences/{world.conference_id}/nominations/new", data=data,
                       follow_redirects=True).get_data(as_text=True)
    assert "Đã lưu nháp hồ sơ." in html and 'data-status="draft"' in html


# Reference lists


def test_defaults_until_the_organizer_edits_then_the_form_offers_the_new_list(app, client, auth):
    with app.app_context():
        world = make_world()
        assert reference_lists(world.host_id)["title"] == list(DEFAULT_TITLES)
    auth.login("organizer")
    client.post(f"/conferences/{world.conference_id}/references", data={
        "movements": "Lao động giỏi, Lao động sáng tạo\n  Phong trào mới của huyện  \n\n",
        "titles": "Bằng khen\nGiấy khen\nBằng khen"})
    with app.app_context():
        lists = reference_lists(world.host_id)
        assert lists == {"movement": ["Lao động giỏi, Lao động sáng tạo", "Phong trào mới của huyện"],
                         "title": ["Bằng khen", "Giấy khen"]}
    auth.logout()
    auth.login("unit1")
    html = client.get(f"/conferences/{world.conference_id}/nominations/new").get_data(as_text=True)
    assert "Phong trào mới của huyện" in html and "Chiến sĩ thi đua cơ sở" not in html


def test_reference_text_needs_at_least_one_entry():
    with pytest.raises(RuleViolation, match="ít nhất một dòng"):
        parse_reference_text(" \n \n")

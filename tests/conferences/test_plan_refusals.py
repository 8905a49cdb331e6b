"""The settings and choices the plan refuses are refused with their reason, and nothing is saved: a nomination
deadline (the conference's or a block's) after the conference date, an empty venue, an 8th presidium member, a
collective in the presidium."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from conference.conferences.models import Conference
from conference.core.errors import RuleViolation
from conference.dashboard.services import create_conference, update_conference
from conference.delegates.models import Delegate
from conference.delegates.services import add_guest, set_presidium
from conference.extensions import db
from conference.organizations.models import Block, BlockDeadline
from tests.audit.test_audit_settings import settings
from tests.factories import make_world


def test_a_nomination_deadline_after_the_conference_is_refused(ctx):
    world = make_world()
    with pytest.raises(RuleViolation) as refused:
        create_conference(world.host_id, settings(nomination_deadline=date(2025, 4, 11)))
    assert str(refused.value) == ("Thời hạn gửi hồ sơ (11/04/2025) sau ngày hội nghị (10/04/2025): đơn vị phải gửi "
                                  "hồ sơ trước ngày hội nghị.")
    with pytest.raises(RuleViolation):
        update_conference(world.conference_id, settings(held_on=date(2025, 3, 1)))  # now before the deadline
    assert db.session.get(Conference, world.conference_id).held_on == date(2025, 4, 10)
    update_conference(world.conference_id, settings(nomination_deadline=date(2025, 4, 10)))  # the day itself


@pytest.mark.parametrize("venue", [None, "", "   "])
def test_a_conference_without_a_venue_is_refused(ctx, venue):
    world = make_world()
    with pytest.raises(RuleViolation, match="Nhập địa điểm tổ chức hội nghị"):
        update_conference(world.conference_id, settings(venue=venue))
    assert db.session.get(Conference, world.conference_id).venue == "Hội trường huyện"


def test_the_edit_page_shows_the_venue_refusal_and_keeps_what_was_typed(app, client, auth):
    with app.app_context():
        world = make_world()
        db.session.commit()
    auth.login("organizer")
    form = {**{k: v.isoformat() if isinstance(v, date) else v for k, v in settings(venue="").items()}}
    html = client.post(f"/conferences/{world.conference_id}/edit", data=form).get_data(as_text=True)
    assert "Nhập địa điểm tổ chức hội nghị" in html or "Trường này" in html  # the rule, or the form's own check
    with app.app_context():
        assert db.session.get(Conference, world.conference_id).venue == "Hội trường huyện"


def test_a_block_deadline_after_the_conference_is_refused_on_the_units_page(app, client, auth):
    with app.app_context():
        world = make_world()
        block_id = db.session.execute(select(Block.id)).scalar_one()
        db.session.commit()
    auth.login("organizer")
    response = client.post(f"/conferences/{world.conference_id}/units", data={f"deadline-{block_id}": "2025-05-01"},
                           follow_redirects=True)
    assert "sau ngày hội nghị (10/04/2025)" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(BlockDeadline)).first() is None


def test_an_eighth_presidium_member_is_refused_not_dropped(app, client, auth):
    with app.app_context():
        world = make_world()
        guests = [add_guest(world.conference_id, {"full_name": f"Khách mời {i}", "position": "Khách",
                                                  "gender": "male"}).id for i in range(8)]
        db.session.commit()
    auth.login("organizer")
    form = {f"seat-{seat}": str(delegate_id) for seat, delegate_id in enumerate(guests, start=1)}
    html = client.post(f"/conferences/{world.conference_id}/presidium", data=form,
                       follow_redirects=True).get_data(as_text=True)
    assert "Đoàn Chủ tịch không quá 7 người (đã chọn 8)." in html
    assert "Đã lưu Đoàn Chủ tịch." not in html
    with app.app_context():
        assert db.session.execute(select(Delegate).where(Delegate.presidium_order.is_not(None))).first() is None


def test_a_collective_is_not_seated_in_the_presidium(ctx):
    world = make_world()
    person = add_guest(world.conference_id, {"full_name": "Bí thư Huyện ủy", "position": "Bí thư", "gender": "male"})
    collective = add_guest(world.conference_id, {"full_name": "Tập thể Tổ sản xuất số 1", "position": "Tổ sản xuất"})
    collective.kind = "collective"
    db.session.flush()
    with pytest.raises(RuleViolation) as refused:
        set_presidium(world.conference_id, [person.id, collective.id])
    assert str(refused.value).startswith("“Tập thể Tổ sản xuất số 1” là tập thể: Đoàn Chủ tịch gồm các cá nhân.")
    assert person.presidium_order is None

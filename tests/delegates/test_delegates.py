"""Delegates: cap, guest seats, presidium."""

from datetime import date

import pytest
from sqlalchemy import func, select

from conference.conferences.models import Conference
from conference.core.errors import RuleViolation
from conference.dashboard.services import update_conference
from conference.delegates.models import Delegate
from conference.delegates.services import add_guest, remove_guest, set_presidium
from conference.extensions import db
from conference.nominations.services import Actor, approve_nomination, submit_nomination
from tests.factories import make_world, nomination_data

TODAY = date(2025, 3, 1)


def guest(name="Bí thư Huyện ủy"):
    return {"full_name": name, "position": "Bí thư Huyện ủy", "gender": "male"}


def seated(conference_id):
    return db.session.execute(
        select(func.count()).select_from(Delegate).where(Delegate.conference_id == conference_id)
    ).scalar_one()


def test_guests_stop_at_the_guest_seats(ctx):
    world = make_world(cap=10)  # 7 exemplar, 3 guest seats
    for i in range(3):
        add_guest(world.conference_id, guest(f"Khách {i}"))
    with pytest.raises(RuleViolation, match="3 chỗ"):
        add_guest(world.conference_id, guest("Khách thứ tư"))
    assert seated(world.conference_id) == 3


def test_the_guest_form_refuses_a_guest_already_listed_however_the_name_is_typed(app, client, auth):
    with app.app_context():
        world = make_world()
        add_guest(world.conference_id, {**guest("Nguyễn Thị Hòa"), "workplace": "Huyện ủy Vĩnh Thuận"})
        db.session.commit()
    auth.login("organizer")
    url = f"/conferences/{world.conference_id}/guests/new"
    typed = {"full_name": "nguyễn  thị\u00a0hoà", "position": "Bí thư", "gender": "female",
             "workplace": "HUYỆN ỦY VĨNH THUẬN"}

    page = client.post(url, data=typed).get_data(as_text=True)

    assert "Trùng với đại biểu khách mời đã có (cùng họ tên, cơ quan)." in page
    assert 'value="nguyễn' in page  # the form as typed, to correct
    other = client.post(url, data={**typed, "workplace": "UBND huyện Vĩnh Thuận"}, follow_redirects=True)
    assert "Đã thêm đại biểu khách mời" in other.get_data(as_text=True)  # same name, another organisation
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(Delegate).where(
            Delegate.category == "guest")).scalar_one() == 2


def test_approval_stops_at_the_exemplar_seats_so_the_cap_holds(ctx):
    world = make_world(units=1, quotas=(3,), cap=3, exemplar_share_pct=67)  # 2 exemplar seats, 1 guest seat
    ids = [submit_nomination(world.conference_id, world.unit_ids[0], nomination_data(f"Đại biểu {i}"), Actor(None),
                             TODAY).id for i in range(3)]
    approve_nomination(ids[0])
    approve_nomination(ids[1])
    with pytest.raises(RuleViolation, match="2 chỗ"):
        approve_nomination(ids[2])
    add_guest(world.conference_id, guest())
    assert seated(world.conference_id) == 3
    with pytest.raises(RuleViolation, match="3 đại biểu"):
        add_guest(world.conference_id, guest("Khách thêm"))


def test_cap_cannot_drop_below_the_delegates_seated(ctx):
    world = make_world(cap=10)
    for i in range(3):
        add_guest(world.conference_id, guest(f"Khách {i}"))
    conference = db.session.get(Conference, world.conference_id)
    data = {"delegate_cap": 5, "exemplar_share_pct": 70, "presidium_max": 7, "name": conference.name}
    with pytest.raises(RuleViolation):
        update_conference(world.conference_id, data)  # 5 → 1 guest seat < 3 guests
    assert db.session.get(Conference, world.conference_id).delegate_cap == 10


def test_presidium_is_ordered_and_at_most_seven(ctx):
    world = make_world(cap=20)
    ids = [add_guest(world.conference_id, guest(f"Lãnh đạo {i}")).id for i in range(6)]
    set_presidium(world.conference_id, list(reversed(ids)))
    orders = {d.id: d.presidium_order for d in db.session.execute(select(Delegate)).scalars()}
    assert [orders[i] for i in reversed(ids)] == [1, 2, 3, 4, 5, 6]


def test_presidium_of_eight_is_refused_and_the_old_one_kept(ctx):
    world = make_world(cap=40)
    ids = [add_guest(world.conference_id, guest(f"Lãnh đạo {i}")).id for i in range(8)]
    set_presidium(world.conference_id, ids[:3])
    with pytest.raises(RuleViolation, match="không quá 7"):
        set_presidium(world.conference_id, ids)
    members = db.session.execute(
        select(Delegate.id).where(Delegate.presidium_order.is_not(None)).order_by(Delegate.presidium_order)
    ).scalars().all()
    assert members == ids[:3]


def test_presidium_members_must_be_delegates_of_the_same_conference(ctx):
    world = make_world(cap=20)
    mine = add_guest(world.conference_id, guest()).id
    foreign = add_guest(world.other_conference_id, guest("Khách huyện khác")).id
    with pytest.raises(RuleViolation, match="đại biểu của hội nghị này"):
        set_presidium(world.conference_id, [mine, foreign])


def test_only_guests_can_be_removed(ctx):
    world = make_world()
    nomination = submit_nomination(world.conference_id, world.unit_ids[0], nomination_data(), Actor(None), TODAY)
    approve_nomination(nomination.id)
    exemplar = db.session.execute(select(Delegate)).scalar_one()
    with pytest.raises(RuleViolation):
        remove_guest(exemplar)
    visitor = add_guest(world.conference_id, guest())
    remove_guest(visitor)
    assert seated(world.conference_id) == 1

"""The seating plan with a database: the hall form, automatic seating, hand moves and swaps, the one-person-a-seat
constraint on both databases, the plan's pages and print at a constant number of statements, the seat label API."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from conference.audit.models import AuditEntry
from conference.core.clock import local_today
from conference.core.errors import RuleViolation
from conference.delegates.models import Delegate
from conference.delegates.services import add_guest, remove_guest, set_presidium
from conference.extensions import db
from conference.nominations.services import Actor, approve_nomination, submit_nomination
from conference.seating import queries, rules, services
from conference.seating.models import SeatAssignment
from tests.factories import make_world, nomination_data


@dataclass
class Hall:
    conference_id: int
    guests: list[int]
    exemplars: list[int]  # by unit: unit 1's first
    presidium: list[int]


def populate(guests: int = 3, per_unit: int = 2, units: int = 2, tag: str = "") -> Hall:
    world = make_world(units=units, quotas=(per_unit,) * units, tag=tag)
    cid = world.conference_id
    exemplars = []
    for u, unit_id in enumerate(world.unit_ids):
        for j in range(per_unit):
            nomination = submit_nomination(cid, unit_id, nomination_data(f"Nguyễn Văn {'ABCDEFGHIJKLMN'[j]}{u}"),
                                           Actor(user_id=world.unit_user_ids[u]), local_today())
            approve_nomination(nomination.id)
            exemplars.append(db.session.execute(
                select(Delegate.id).where(Delegate.nomination_id == nomination.id)).scalar_one())
    guest_ids = [add_guest(cid, {"full_name": f"Khách {k}", "gender": "male", "ethnicity": "Kinh",
                                 "position": f"Chủ tịch xã {k}"}).id for k in range(guests)]
    presidium = guest_ids[:1] + exemplars[:1]
    set_presidium(cid, presidium)
    db.session.commit()
    return Hall(cid, guest_ids, exemplars, presidium)


def seats_of(conference_id: int) -> dict[int, str]:
    return queries.seat_labels(conference_id)


def test_seat_labels_maps_each_seated_delegate_to_its_label(ctx):
    hall = populate()
    assert queries.seat_labels(hall.conference_id) == {}
    services.save_layout(hall.conference_id, 2, 3, 2, 3)
    services.seat_automatically(hall.conference_id)
    db.session.commit()

    labels = queries.seat_labels(hall.conference_id)

    assert labels[hall.presidium[0]] == "ĐCT-02" and labels[hall.presidium[1]] == "ĐCT-01"
    assert labels[hall.guests[1]] == "A-01-01" and labels[hall.guests[2]] == "A-01-02"
    assert set(labels) == set(hall.guests + hall.exemplars)
    assert all(isinstance(k, int) for k in labels)

    remove_guest(db.session.get(Delegate, hall.guests[2]))  # a removed guest's seat is freed with them
    db.session.commit()
    assert hall.guests[2] not in queries.seat_labels(hall.conference_id)


def test_automatic_seating_asks_before_overwriting_hand_moves(ctx):
    hall = populate()
    services.save_layout(hall.conference_id, 1, 4, 4, 2)
    services.seat_automatically(hall.conference_id)
    services.move_delegate(hall.conference_id, hall.guests[1], "A-04-04")
    db.session.commit()

    with pytest.raises(services.HandMovesKept, match="1 đại biểu đã được xếp chỗ bằng tay"):
        services.seat_automatically(hall.conference_id)
    kept = services.seat_automatically(hall.conference_id, keep_hand=True)
    assert kept.kept == 1 and seats_of(hall.conference_id)[hall.guests[1]] == "A-04-04"
    services.seat_automatically(hall.conference_id, keep_hand=False)
    assert seats_of(hall.conference_id)[hall.guests[1]] == "A-01-01"


def test_a_hall_too_small_is_refused_and_changes_nothing(ctx):
    hall = populate()
    services.save_layout(hall.conference_id, 1, 1, 2, 0)
    db.session.commit()

    with pytest.raises(rules.NotEnoughSeats):
        services.seat_automatically(hall.conference_id)
    assert seats_of(hall.conference_id) == {}


def test_moving_onto_a_taken_seat_is_refused_by_name_and_swap_exchanges_the_two(ctx):
    hall = populate()
    cid = hall.conference_id
    services.save_layout(cid, 2, 3, 2, 3)
    services.seat_automatically(cid)
    db.session.commit()
    a, b = hall.exemplars[1], hall.exemplars[2]
    seat_a, seat_b = seats_of(cid)[a], seats_of(cid)[b]

    with pytest.raises(rules.SeatTaken, match=f"Ghế {seat_b} đã có đại biểu .* ngồi: mỗi ghế chỉ xếp một người"):
        services.move_delegate(cid, a, seat_b)
    assert seats_of(cid)[a] == seat_a  # the refused move undid itself

    moved = services.move_delegate(cid, a, seat_b.lower().replace("-", " "), swap=True)
    db.session.commit()

    assert (moved.seat, moved.other_seat) == (seat_b, seat_a)
    assert seats_of(cid)[a] == seat_b and seats_of(cid)[b] == seat_a
    assert db.session.execute(select(SeatAssignment.by_hand).where(SeatAssignment.delegate_id == b)).scalar_one()
    moves = db.session.execute(select(AuditEntry).where(AuditEntry.entity == "seat")).scalars().all()
    assert {(m.before["seat"], m.after["seat"]) for m in moves} == {(seat_a, seat_b), (seat_b, seat_a)}


def test_a_seat_outside_the_hall_is_refused_and_a_smaller_hall_frees_the_seats_it_loses(ctx):
    hall = populate()
    cid = hall.conference_id
    services.save_layout(cid, 2, 3, 2, 3)
    services.seat_automatically(cid)
    with pytest.raises(RuleViolation, match="C-01-01 không có trong sơ đồ"):
        services.move_delegate(cid, hall.guests[1], "C-01-01")

    freed = services.save_layout(cid, 1, 3, 2, 3)  # block B goes

    assert freed == 1  # the one exemplar in block B's row 2
    assert not any(label.startswith("B") for label in seats_of(cid).values())
    assert len(seats_of(cid)) == len(hall.guests + hall.exemplars) - freed


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_database_refuses_two_people_on_one_seat(ctx, backend):
    hall = populate()
    cid = hall.conference_id
    db.session.add(SeatAssignment(conference_id=cid, delegate_id=hall.guests[0], block=1, row_no=1, seat_no=1))
    db.session.flush()
    db.session.add(SeatAssignment(conference_id=cid, delegate_id=hall.guests[1], block=1, row_no=1, seat_no=1))

    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


# Pages


def test_the_organizer_sets_the_hall_seats_everyone_and_moves_one_on_the_move_page(app, client, auth):
    with app.app_context():
        hall = populate()
    cid = hall.conference_id
    auth.login("organizer")

    page = client.get(f"/conferences/{cid}/seating").get_data(as_text=True)
    assert "Chưa khai báo hội trường" in page
    refused = client.post(f"/conferences/{cid}/seating/hall",
                          data={"blocks": "9", "rows": "12", "seats": "10", "stage_seats": "7"})
    assert "Từ 1 đến 8." in refused.get_data(as_text=True)
    client.post(f"/conferences/{cid}/seating/hall", data={"blocks": "2", "rows": "3", "seats": "2", "stage_seats": "3"})
    done = client.post(f"/conferences/{cid}/seating/assign", data={}, follow_redirects=True).get_data(as_text=True)
    assert "Đã xếp chỗ cho 7 đại biểu." in done
    assert "Đã xếp chỗ 7/7 đại biểu." in done

    with app.app_context():
        labels = queries.seat_labels(cid)
    taken = labels[hall.exemplars[2]]
    answer = client.post(f"/conferences/{cid}/seating/move",
                         data={"delegate": str(hall.exemplars[1]), "seat": taken}, follow_redirects=True)
    text = answer.get_data(as_text=True)
    assert f"Ghế {taken} đã có đại biểu Nguyễn Văn A1 ngồi" in text
    assert 'value="' + taken + '"' in text  # what was typed is shown again

    answer = client.post(f"/conferences/{cid}/seating/move", data={"delegate": str(hall.exemplars[1]), "seat": "B-03-02"},
                         follow_redirects=True)
    assert "Đã xếp Nguyễn Văn B0 vào ghế B-03-02." in answer.get_data(as_text=True)
    page = client.get(f"/conferences/{cid}/seating").get_data(as_text=True)
    assert "Xếp chỗ tự động, giữ chỗ đã xếp tay" in page and "Xếp lại tất cả" in page
    asked = client.post(f"/conferences/{cid}/seating/assign", data={}, follow_redirects=True,
                        headers={"Referer": f"http://localhost/conferences/{cid}/seating"})
    assert "1 đại biểu đã được xếp chỗ bằng tay" in asked.get_data(as_text=True)
    with app.app_context():
        assert queries.seat_labels(cid)[hall.exemplars[1]] == "B-03-02"


def test_the_plan_pages_cost_as_many_statements_for_many_delegates_as_for_few(app, client, auth, count_queries):
    with app.app_context():
        small = populate(guests=2, per_unit=1, units=2)
        large = populate(guests=8, per_unit=4, units=4, tag="l_")
        for hall in (small, large):
            services.save_layout(hall.conference_id, 2, 6, 4, 3)
            services.seat_automatically(hall.conference_id)
        db.session.commit()
    counts = {}
    for name, hall, login in (("small", small, "organizer"), ("large", large, "l_organizer")):
        auth.login(login)
        for path in ("", "/move", "/print?paper=a3"):
            with count_queries() as counted:
                response = client.get(f"/conferences/{hall.conference_id}/seating{path}")
            assert response.status_code == 200
            counts[name, path] = counted.count
        auth.logout()
    assert all(counts["small", p] == counts["large", p] for p in ("", "/move", "/print?paper=a3")), counts


def test_the_printed_plan_has_the_letterhead_names_on_seats_and_the_chosen_paper(app, client, auth):
    with app.app_context():
        hall = populate()
        services.save_layout(hall.conference_id, 2, 3, 2, 3)
        services.seat_automatically(hall.conference_id)
        db.session.commit()
    auth.login("checkin")  # the desk may print it too

    page = client.get(f"/conferences/{hall.conference_id}/seating/print?paper=a3").get_data(as_text=True)

    assert "LIÊN ĐOÀN LAO ĐỘNG TỈNH KIÊN GIANG" in page and "LIÊN ĐOÀN LAO ĐỘNG HUYỆN VĨNH THUẬN" in page
    assert "SƠ ĐỒ CHỖ NGỒI" in page and "paper-a3" in page
    assert 'data-seat="ĐCT-02"' in page and "Khách 0" in page
    assert "style=" not in page and "<script>" not in page

"""Submitting nominations: quota, deadline, states, and the race for the last seat."""

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from conference.core.errors import RuleViolation
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.models import Nomination
from conference.nominations.services import (
    Actor,
    approve_nomination,
    return_nomination,
    submit_nomination,
    update_nomination,
)
from tests.factories import make_world, nomination_data

TODAY = date(2025, 3, 1)


def count(conference_id, unit_id=None, status=None):
    query = select(func.count()).select_from(Nomination).where(Nomination.conference_id == conference_id)
    if unit_id:
        query = query.where(Nomination.unit_id == unit_id)
    if status:
        query = query.where(Nomination.status == status)
    return db.session.execute(query).scalar_one()


def test_unit_cannot_submit_past_its_quota(ctx):
    world = make_world(quotas=(2, 2, 2))
    unit = world.unit_ids[0]
    for name in ("Nguyễn Văn An", "Trần Thị Bình"):
        submit_nomination(world.conference_id, unit, nomination_data(name), Actor(None), TODAY)
    with pytest.raises(RuleViolation, match=r"hết số lượng phân bổ \(2/2\)"):
        submit_nomination(world.conference_id, unit, nomination_data("Lê Văn Cường"), Actor(None), TODAY)
    assert count(world.conference_id, unit) == 2


def test_unit_without_quota_cannot_submit(ctx):
    world = make_world(quotas=(0, 1, 1))
    with pytest.raises(RuleViolation):
        submit_nomination(world.conference_id, world.unit_ids[0], nomination_data(), Actor(None), TODAY)


def test_unit_cannot_submit_after_the_deadline_but_can_on_the_day(ctx):
    world = make_world(deadline=date(2025, 3, 20))
    unit = world.unit_ids[0]
    submit_nomination(world.conference_id, unit, nomination_data("Phạm Văn Đông"), Actor(None), date(2025, 3, 20))
    with pytest.raises(RuleViolation, match="hết thời hạn.*20/03/2025"):
        submit_nomination(world.conference_id, unit, nomination_data(), Actor(None), date(2025, 3, 21))
    assert count(world.conference_id, unit) == 1


def test_organizer_may_still_change_after_the_deadline(ctx):
    world = make_world(deadline=date(2025, 3, 20))
    submit_nomination(world.conference_id, world.unit_ids[0], nomination_data(), Actor(world.organizer_id, True),
                      date(2025, 4, 1))
    assert count(world.conference_id) == 1


def test_returned_nomination_frees_its_seat_and_resubmitting_takes_it_again(ctx):
    world = make_world(quotas=(1, 1, 1))
    unit = world.unit_ids[0]
    first = submit_nomination(world.conference_id, unit, nomination_data("Võ Thị Hoa"), Actor(None), TODAY)
    return_nomination(first.id, "Bổ sung thành tích")
    assert db.session.get(Nomination, first.id).return_reason == "Bổ sung thành tích"
    second = submit_nomination(world.conference_id, unit, nomination_data("Đỗ Văn Hùng"), Actor(None), TODAY)
    with pytest.raises(RuleViolation, match="hết số lượng"):
        update_nomination(first.id, nomination_data("Võ Thị Hoa"), Actor(None), TODAY)
    return_nomination(second.id, "Trùng")
    update_nomination(first.id, nomination_data("Võ Thị Hoa", achievements="Thêm số liệu"), Actor(None), TODAY)
    fixed = db.session.get(Nomination, first.id)
    assert (fixed.status, fixed.return_reason, fixed.achievements) == ("resubmitted", None, "Thêm số liệu")


def test_return_needs_a_reason(ctx):
    world = make_world()
    nomination = submit_nomination(world.conference_id, world.unit_ids[0], nomination_data(), Actor(None), TODAY)
    with pytest.raises(RuleViolation, match="lý do"):
        return_nomination(nomination.id, "   ")


def test_approved_nomination_becomes_an_exemplar_delegate_and_cannot_be_edited(ctx):
    world = make_world()
    nomination = submit_nomination(world.conference_id, world.unit_ids[0], nomination_data("Huỳnh Thị Mai"),
                                   Actor(None), TODAY)
    approve_nomination(nomination.id)
    delegate = db.session.execute(select(Delegate).where(Delegate.nomination_id == nomination.id)).scalar_one()
    assert (delegate.category, delegate.full_name, delegate.unit_id) == ("exemplar", "Huỳnh Thị Mai",
                                                                          world.unit_ids[0])
    with pytest.raises(RuleViolation):
        approve_nomination(nomination.id)
    with pytest.raises(RuleViolation, match="đã được duyệt"):
        update_nomination(nomination.id, nomination_data(), Actor(None), TODAY)


def test_names_are_trimmed_and_stored_in_nfc(ctx):
    world = make_world()
    decomposed = "  Nguyễn Thị Ánh  ".replace("ễ", "e\u0302\u0303").replace("Á", "A\u0301")
    nomination = submit_nomination(world.conference_id, world.unit_ids[0], nomination_data(decomposed),
                                   Actor(None), TODAY)
    assert db.session.get(Nomination, nomination.id).full_name == "Nguyễn Thị Ánh"


def test_collective_nomination_has_no_gender_or_year(ctx):
    world = make_world()
    nomination = submit_nomination(world.conference_id, world.unit_ids[0],
                                   nomination_data("Tập thể Tổ sản xuất số 3", kind="collective"), Actor(None), TODAY)
    stored = db.session.get(Nomination, nomination.id)
    assert (stored.gender, stored.birth_year) == (None, None)


@pytest.mark.real_commits  # threads on their own connections: see each other's commits
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_fifty_racing_submissions_take_exactly_the_last_three_seats(app, backend):
    with app.app_context():
        world = make_world(units=1, quotas=(5,))
        for name in ("Lý Văn Một", "Lý Văn Hai"):
            submit_nomination(world.conference_id, world.unit_ids[0], nomination_data(name), Actor(None), TODAY)
        db.session.commit()

    barrier = threading.Barrier(50)
    outcomes = []
    lock = threading.Lock()

    def race(i):
        with app.app_context():
            barrier.wait()
            try:
                submit_nomination(world.conference_id, world.unit_ids[0], nomination_data(f"Người thứ {i}"),
                                  Actor(None), TODAY)
                db.session.commit()  # what the request does at its end
                result = "ok"
            except RuleViolation:
                result = "refused"
            finally:
                db.session.remove()
            with lock:
                outcomes.append(result)

    threads = [threading.Thread(target=race, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes).count("ok") == 3
    assert outcomes.count("refused") == 47
    with app.app_context():
        assert count(world.conference_id, world.unit_ids[0]) == 5

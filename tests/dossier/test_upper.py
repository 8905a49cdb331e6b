"""Choosing the delegates for the upper-level conference: quota, order, exemplars only, shares, the page."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from conference.agenda.rules import PLAN_AGENDA
from conference.agenda.services import add_item
from conference.core.errors import RuleViolation
from conference.delegates.models import Delegate
from conference.dossier.models import Dossier
from conference.dossier.upper import (
    ensure_within_upper_quota,
    parse_order,
    priority_shares,
    set_upper_delegates,
    set_upper_quota,
)
from conference.extensions import db
from tests.dossier.world import make_district


def chosen(conference_id: int) -> list[int]:
    return list(db.session.execute(
        select(Delegate.id).where(Delegate.conference_id == conference_id, Delegate.upper_order.is_not(None))
        .order_by(Delegate.upper_order)
    ).scalars())


def test_parse_order_follows_the_numbers_not_the_page_order():
    assert parse_order({10: "3", 11: "", 12: "1", 13: " 2 "}) == [12, 13, 10]
    assert parse_order({10: "5", 11: "9"}) == [10, 11]


@pytest.mark.parametrize(("raw", "message"), [({1: "0"}, "không hợp lệ"), ({1: "a"}, "không hợp lệ"),
                                              ({1: "-1"}, "không hợp lệ"), ({1: "2", 2: "2"}, "Thứ tự 2")])
def test_parse_order_refuses_bad_or_repeated_numbers(raw, message):
    with pytest.raises(RuleViolation, match=message):
        parse_order(raw)


def test_upper_quota_rule():
    ensure_within_upper_quota(20, 20)
    ensure_within_upper_quota(0, None)
    with pytest.raises(RuleViolation, match="Bỏ bớt 1"):
        ensure_within_upper_quota(21, 20)
    with pytest.raises(RuleViolation, match="Chưa nhập số lượng"):
        ensure_within_upper_quota(1, None)


def test_chosen_delegates_are_kept_in_order_within_the_quota(ctx):
    world = make_district(exemplars=24)
    set_upper_quota(world.conference_id, 20, "hn-abc")
    order = list(reversed(world.exemplar_ids[:20]))
    set_upper_delegates(world.conference_id, order)
    assert chosen(world.conference_id) == order
    assert db.session.execute(select(Dossier.upper_code)).scalar_one() == "HN-ABC"


def test_one_more_than_the_quota_is_refused_and_the_old_choice_kept(ctx):
    world = make_district(exemplars=24)
    set_upper_quota(world.conference_id, 20, None)
    set_upper_delegates(world.conference_id, world.exemplar_ids[:2])
    with pytest.raises(RuleViolation, match="Cấp trên phân bổ 20"):
        set_upper_delegates(world.conference_id, world.exemplar_ids[:21])
    assert chosen(world.conference_id) == world.exemplar_ids[:2]


def test_choosing_without_a_quota_is_refused(ctx):
    world = make_district(exemplars=3)
    with pytest.raises(RuleViolation, match="Chưa nhập số lượng"):
        set_upper_delegates(world.conference_id, world.exemplar_ids[:1])
    assert chosen(world.conference_id) == []


def test_guests_and_delegates_of_another_conference_cannot_be_chosen(ctx):
    world = make_district(exemplars=3, guests=1)
    other = make_district(exemplars=1, tag="b_")
    set_upper_quota(world.conference_id, 5, None)
    with pytest.raises(RuleViolation, match="khách mời"):
        set_upper_delegates(world.conference_id, [world.exemplar_ids[0], world.guest_ids[0]])
    with pytest.raises(RuleViolation, match="đại biểu của hội nghị này"):
        set_upper_delegates(world.conference_id, [world.exemplar_ids[0], other.exemplar_ids[0]])
    with pytest.raises(RuleViolation, match="hai lần"):
        set_upper_delegates(world.conference_id, [world.exemplar_ids[0], world.exemplar_ids[0]])
    assert chosen(world.conference_id) == []


def test_database_refuses_a_guest_or_a_repeated_place_in_the_upper_list(ctx):
    world = make_district(exemplars=2, guests=1)
    db.session.get(Delegate, world.guest_ids[0]).upper_order = 1
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    for delegate_id in world.exemplar_ids:
        db.session.get(Delegate, delegate_id).upper_order = 1
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_quota_below_the_chosen_count_is_refused(ctx):
    world = make_district(exemplars=5)
    set_upper_quota(world.conference_id, 4, None)
    set_upper_delegates(world.conference_id, world.exemplar_ids[:4])
    with pytest.raises(RuleViolation, match="nhiều hơn số lượng mới"):
        set_upper_quota(world.conference_id, 3, None)
    assert db.session.execute(select(Dossier.upper_quota)).scalar_one() == 4


def test_priority_shares_compare_the_chosen_with_all_exemplars(ctx):
    world = make_district(exemplars=6)
    delegates = [db.session.get(Delegate, i) for i in world.exemplar_ids]
    shares = {s.label: s for s in priority_shares(delegates[:2], delegates)}
    women = shares["Lao động nữ"]
    assert (women.chosen, women.chosen_total, women.pool, women.pool_total) == (1, 2, 3, 6)
    assert women.chosen_pct == 50 and women.pool_pct == 50
    assert shares["Người dân tộc thiểu số"].chosen == 1  # i = 0 is Khmer
    assert shares["CNVCLĐ trực tiếp lao động sản xuất"].pool == 4


def test_organizer_chooses_twenty_on_the_page_and_sees_the_shares(app, client, auth):
    with app.app_context():
        world = make_district(exemplars=24)
    auth.login("organizer")
    cid = world.conference_id
    client.post(f"/conferences/{cid}/upper-delegates/quota", data={"quota-upper_quota": "20"})
    form = {f"order-{delegate_id}": str(n) for n, delegate_id in enumerate(world.exemplar_ids[:20], start=1)}
    response = client.post(f"/conferences/{cid}/upper-delegates", data=form, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Đã lưu danh sách 20 đại biểu dự Hội nghị cấp trên." in html
    assert "20 / 20" in html and "Lao động nữ" in html
    with app.app_context():
        assert chosen(cid) == world.exemplar_ids[:20]
    form[f"order-{world.exemplar_ids[20]}"] = "21"
    html = client.post(f"/conferences/{cid}/upper-delegates", data=form, follow_redirects=True).get_data(as_text=True)
    assert "Cấp trên phân bổ 20 đại biểu; đã chọn 21." in html


def test_agenda_item_links_to_the_upper_list(app, client, auth):
    with app.app_context():
        world = make_district(exemplars=1)
        add_item(world.conference_id, {"starts_at": None, "title": PLAN_AGENDA[7], "presenter": None})
        add_item(world.conference_id, {"starts_at": None, "title": PLAN_AGENDA[8], "presenter": None})
        db.session.commit()
    auth.login("organizer")
    html = client.get(f"/conferences/{world.conference_id}/agenda").get_data(as_text=True)
    assert html.count(f'href="/conferences/{world.conference_id}/upper-delegates"') == 1


def test_choosing_the_upper_list_is_kept_in_the_audit_log(ctx):
    from conference.audit.models import AuditEntry

    world = make_district(exemplars=3)
    set_upper_quota(world.conference_id, 2, None)
    set_upper_delegates(world.conference_id, world.exemplar_ids[:2])
    set_upper_delegates(world.conference_id, world.exemplar_ids[1:3])
    entries = db.session.execute(
        select(AuditEntry).where(AuditEntry.action == "upper_list").order_by(AuditEntry.id)
    ).scalars().all()
    assert [(e.before, e.after) for e in entries] == [
        ({"upper_list": []}, {"upper_list": world.exemplar_ids[:2]}),
        ({"upper_list": world.exemplar_ids[:2]}, {"upper_list": world.exemplar_ids[1:3]}),
    ]

"""The audit log: each step of a nomination's life, units and blocks, with who, when, before and after."""

from __future__ import annotations

import re

from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.audit.services import PAGE_SIZE, record
from conference.extensions import db
from conference.nominations.models import Nomination
from tests.factories import make_world, nomination_data


def entries(app):
    with app.app_context():
        return [(e.entity, e.action, e.user.username if e.user else None, e.before, e.after)
                for e in db.session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()]


def test_submit_return_resubmit_approve_are_each_logged_with_who_and_what(app, client, auth):
    with app.app_context():
        world = make_world()
    form = {**nomination_data("Châu Thị Nhật Ký"), "direct_worker": "y"}
    form.pop("party_member")
    auth.login("unit1")
    client.post(f"/conferences/{world.conference_id}/nominations/new", data=form)
    with app.app_context():  # its id: PostgreSQL's sequence is not reset between tests
        nid = db.session.execute(select(Nomination.id).where(Nomination.full_name == "Châu Thị Nhật Ký")).scalar_one()
    auth.logout()
    auth.login("organizer")
    client.post(f"/nominations/{nid}/return", data={"reason": "Bổ sung số liệu"})
    auth.logout()
    auth.login("unit1")
    html = client.get(f"/conferences/{world.conference_id}/nominations").get_data(as_text=True)
    assert "Bổ sung số liệu" in html  # the unit sees the reason
    client.post(f"/nominations/{nid}/edit", data={**form, "achievements": "Tiết kiệm 120 triệu đồng năm 2024."})
    auth.logout()
    auth.login("organizer")
    client.post(f"/nominations/{nid}/approve")

    log = entries(app)
    assert [(e[0], e[1], e[2]) for e in log] == [
        ("nomination", "submit", "unit1"), ("nomination", "return", "organizer"),
        ("nomination", "resubmit", "unit1"), ("delegate", "create", "organizer"), ("nomination", "approve", "organizer"),
    ]
    assert log[1][3] == {"status": "submitted", "return_reason": None}
    assert log[1][4] == {"status": "returned", "return_reason": "Bổ sung số liệu"}
    assert log[2][4]["achievements"] == "Tiết kiệm 120 triệu đồng năm 2024." and log[2][4]["status"] == "resubmitted"

    html = client.get(f"/conferences/{world.conference_id}/audit").get_data(as_text=True)
    assert html.count('data-entity="nomination"') == 4 and "Bổ sung số liệu" in html
    assert 'data-entity="delegate"' in html


def test_quota_changes_are_logged_with_before_and_after(app):
    from conference.conferences.models import Conference
    from conference.quotas.services import save_quotas

    with app.app_context():
        world = make_world(quotas=(2, 2, 2))
        save_quotas(db.session.get(Conference, world.conference_id), {world.unit_ids[0]: 5, world.unit_ids[1]: 2})
        db.session.commit()
    assert entries(app) == [("quota", "update", None, {"seats": 2}, {"seats": 5})]


def test_log_page_filters_by_unit_and_is_for_the_organizer_only(app, client, auth):
    with app.app_context():
        world = make_world()
    for i, username in enumerate(("unit1", "unit2")):
        auth.login(username)
        form = {**nomination_data(f"Người Đơn Vị {i + 1}"), "direct_worker": "y"}
        form.pop("party_member")
        client.post(f"/conferences/{world.conference_id}/nominations/new", data=form)
        assert client.get(f"/conferences/{world.conference_id}/audit").status_code == 403
        auth.logout()
    auth.login("organizer")
    html = client.get(f"/conferences/{world.conference_id}/audit?unit={world.unit_ids[1]}").get_data(as_text=True)
    assert "Người Đơn Vị 2" in html and "Người Đơn Vị 1" not in html
    auth.logout()
    auth.login("other_organizer")
    assert client.get(f"/conferences/{world.conference_id}/audit").status_code == 403


def test_a_refused_change_leaves_no_log_row(app, client, auth):
    with app.app_context():
        world = make_world(quotas=(0, 0, 0))
    auth.login("unit1")
    form = {**nomination_data(), "direct_worker": "y"}
    form.pop("party_member")
    html = client.post(f"/conferences/{world.conference_id}/nominations/new", data=form).get_data(as_text=True)
    assert "hết số lượng phân bổ" in html
    assert entries(app) == []


def test_log_page_shows_every_row_page_by_page_newest_first(app, client, auth):
    with app.app_context():
        world = make_world()
        for i in range(2 * PAGE_SIZE + 5):
            record("unit", i + 1, "update", conference_id=world.conference_id, after={"name": f"Đơn vị số {i}"})
        db.session.commit()
    auth.login("organizer")
    url = f"/conferences/{world.conference_id}/audit?entity=unit"

    first = client.get(url).get_data(as_text=True)
    last = client.get(url + "&page=3").get_data(as_text=True)
    beyond = client.get(url + "&page=99").get_data(as_text=True)

    newest, oldest = f"Đơn vị số {2 * PAGE_SIZE + 4}<", "Đơn vị số 0<"
    assert newest in first and oldest not in first
    assert first.count('data-entity="unit"') == PAGE_SIZE
    assert "Trang 1 / 3 · 405 dòng" in first and 'rel="next"' in first and 'rel="prev"' not in first
    assert "page=2" in first and "entity=unit" in first  # the next link keeps the filter
    assert last.count('data-entity="unit"') == 5 and oldest in last and newest not in last
    assert 'rel="next"' not in last
    assert beyond == last  # past the end: the last page


def test_log_pages_stay_put_while_new_rows_arrive(app, client, auth):
    """Page 2 opened from page 1's link shows the rows after page 1 as it was, not rows pushed down by new ones."""
    with app.app_context():
        world = make_world()
        for i in range(PAGE_SIZE + 10):
            record("unit", i + 1, "update", conference_id=world.conference_id, after={"name": f"Đơn vị số {i}"})
        db.session.commit()
    auth.login("organizer")
    first = client.get(f"/conferences/{world.conference_id}/audit?entity=unit").get_data(as_text=True)
    older = re.search(r'rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    with app.app_context():
        for i in range(3):  # three changes while the organizer reads page 1
            record("unit", 900 + i, "update", conference_id=world.conference_id, after={"name": f"Thêm sau {i}"})
        db.session.commit()

    second = client.get(older).get_data(as_text=True)

    assert "upto=" in older
    assert second.count('data-entity="unit"') == 10  # exactly the 10 oldest, none of page 1 again
    assert "Đơn vị số 9<" in second and "Đơn vị số 10<" not in second and "Thêm sau" not in second
    assert "Trang 2 / 2 · 210 dòng" in second
    assert "Thêm sau 2" in client.get(f"/conferences/{world.conference_id}/audit?entity=unit").get_data(as_text=True)

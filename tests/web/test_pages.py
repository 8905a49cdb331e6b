"""What every page shares: the conference's menu from one list, and a refused change shown without losing what
the user typed or writing any of it."""

from __future__ import annotations

import re

from sqlalchemy import select

from conference.badges.models import BadgeCategory
from conference.delegates.models import Delegate
from conference.delegates.services import add_guest
from conference.dossier.upper import set_upper_quota
from conference.extensions import db
from tests.dossier.world import make_district
from tests.factories import make_world

MENU_LINK = re.compile(r'<a class="(?:nav-link|dropdown-item)( active)?"(?: aria-current=page)? href="([^"]+)">([^<]+)</a>')
MENU_GROUP = re.compile(r'<button class="nav-link dropdown-toggle( active)?"[^>]*>([^<]+)</button>')


def menu(html: str) -> list[tuple[str, str, bool]]:
    """(label, url, active) of each menu link of a page."""
    return [(label, url, bool(active)) for active, url, label in MENU_LINK.findall(html)]


def guests(app, conference_id: int, count: int) -> list[int]:
    with app.app_context():
        ids = [add_guest(conference_id, {"full_name": f"Khách mời số {i}", "position": "Khách"}).id
               for i in range(1, count + 1)]
        db.session.commit()
        return ids


def test_the_organizer_menu_has_every_page_and_marks_the_current_one(app, client, auth):
    with app.app_context():
        world = make_world()
    auth.login("organizer")
    cid = world.conference_id

    links = menu(client.get(f"/conferences/{cid}/units").get_data(as_text=True))

    assert [label for label, _url, _active in links] == [
        "Tổng quan", "Đơn vị", "Phân bổ", "Duyệt hồ sơ", "Đại biểu", "Đoàn Chủ tịch", "Giấy mời", "Chỗ ngồi",
        "Thẻ đại biểu", "Chương trình", "Đón tiếp", "Theo dõi đến", "Trao thưởng", "Giấy khen, quyết định",
        "Hồ sơ gửi cấp trên", "Bảng vinh danh", "Nhật ký", "Tài khoản"]
    assert [label for label, _url, active in links if active] == ["Đơn vị"]
    groups = MENU_GROUP.findall(client.get(f"/conferences/{cid}/units").get_data(as_text=True))
    assert groups == [(" active", "Chuẩn bị"), ("", "Ngày hội nghị"), ("", "Sau hội nghị")]
    assert ("Phân bổ", f"/conferences/{cid}/quotas", False) in links


def test_a_link_stays_current_on_the_pages_it_stands_for(app, client, auth):
    with app.app_context():
        world = make_world()
        unit_id = world.unit_ids[0]
    auth.login("organizer")

    links = menu(client.get(f"/conferences/{world.conference_id}/units/{unit_id}/edit").get_data(as_text=True))

    assert [label for label, _url, active in links if active] == ["Đơn vị"]


def test_a_unit_and_a_desk_see_only_their_own_page_in_the_menu(app, client, auth):
    with app.app_context():
        world = make_world()
    cid = world.conference_id

    auth.login("unit1")
    assert menu(client.get(f"/conferences/{cid}/nominations").get_data(as_text=True)) == [
        ("Hồ sơ của đơn vị", f"/conferences/{cid}/nominations", True), ("Đổi mật khẩu", "/account/password", False)]
    auth.logout()
    auth.login("checkin")
    assert [label for label, _url, _active in menu(client.get(f"/conferences/{cid}/checkin").get_data(
        as_text=True))] == ["Đón tiếp", "Đổi mật khẩu"]


def test_a_page_of_no_conference_has_no_menu(app, client, auth):
    with app.app_context():
        make_world()
    auth.login("organizer")

    assert menu(client.get("/").get_data(as_text=True)) == []


def test_a_refused_presidium_is_shown_as_chosen_and_nothing_is_saved(app, client, auth):
    with app.app_context():
        world = make_world()
    first, second = guests(app, world.conference_id, 2)
    auth.login("organizer")

    response = client.post(f"/conferences/{world.conference_id}/presidium",
                           data={"seat-1": str(second), "seat-2": str(first), "seat-3": str(second)})

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Một đại biểu được chọn hai lần vào Đoàn Chủ tịch." in html
    seat_3 = html[html.index('name="seat-3"'):html.index('name="seat-4"')]
    assert f'<option value="{second}" selected>' in seat_3
    with app.app_context():
        assert db.session.execute(select(Delegate.id).where(Delegate.presidium_order.is_not(None))).all() == []


def test_a_refused_badge_category_is_shown_as_typed_and_nothing_is_saved(app, client, auth):
    with app.app_context():
        world = make_world()
    auth.login("organizer")
    form = {"presidium-label": "Chủ tọa", "presidium-colour": "#c8102e", "exemplar-label": "Điển hình",
            "exemplar-colour": "#0b4f9c", "guest-label": "Khách quý", "guest-colour": "đỏ",
            "press-label": "Phóng viên", "press-colour": "#2e7d32", "staff-label": "Phục vụ",
            "staff-colour": "#616161"}

    response = client.post(f"/conferences/{world.conference_id}/badges/categories", data=form)

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "phải có dạng #rrggbb" in html
    assert 'value="Chủ tọa"' in html and 'value="Khách quý"' in html
    with app.app_context():
        assert db.session.execute(select(BadgeCategory)).all() == []


def test_a_refused_upper_choice_keeps_the_numbers_typed_and_saves_none(app, client, auth):
    with app.app_context():
        world = make_district(exemplars=3)
        set_upper_quota(world.conference_id, 2, None)
        db.session.commit()
    auth.login("organizer")
    first, second, third = world.exemplar_ids
    form = {f"order-{first}": "3", f"order-{second}": "1", f"order-{third}": "2"}

    html = client.post(f"/conferences/{world.conference_id}/upper-delegates", data=form).get_data(as_text=True)

    assert "Cấp trên phân bổ 2 đại biểu; đã chọn 3." in html
    for delegate_id, typed in form.items():
        assert f'name="{delegate_id}" value="{typed}"' in html
    with app.app_context():
        assert db.session.execute(select(Delegate.id).where(Delegate.upper_order.is_not(None))).all() == []

"""Badges as printed and sent: categories the organizer edits, A4 × 8 with cut marks, A6, name tents for the
presidium, order by unit or name, a single badge as PNG and SVG, and a reprint at the desk revoking the old code."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from sqlalchemy import select

from conference.badges import services
from conference.badges.images import badge_svg, wrap
from conference.badges.models import BadgeCategory
from conference.checkin.services import check_in
from conference.delegates.models import Delegate
from conference.delegates.services import add_guest, set_presidium
from conference.extensions import db
from tests.checkin.test_api import seat_exemplar
from tests.factories import make_world

SECRET = "test-secret-key"
NAMES = [(0, "Trần Văn Bình"), (1, "Nguyễn Thị An"), (0, "Lê Thị Ánh"), (2, "Phạm Quốc Việt"), (1, "Võ Thị Yến"),
         (2, "Đặng Văn Đức"), (0, "Hồ Thị Giang"), (1, "Lý Văn Hải"), (2, "Mai Thị Hoa")]


@pytest.fixture
def conf(app):
    """Nine exemplars of three units, one guest; the first two exemplars form the presidium."""
    with app.app_context():
        world = make_world(quotas=(4, 4, 4))
        ids = [seat_exemplar(world.conference_id, world.unit_ids[u], world.unit_user_ids[u], n).id for u, n in NAMES]
        guest = add_guest(world.conference_id, {"full_name": "Huỳnh Văn Khách", "position": "Phó Bí thư Huyện ủy"})
        set_presidium(world.conference_id, [ids[3], ids[0]])
        db.session.commit()
        return world.conference_id, ids, guest.id


def sheet_names(html: str) -> list[str]:
    return re.findall(r'<div class="name">([^<]*)</div>', html)


# Categories


def test_default_categories_follow_the_plan_and_optional_kinds_are_off(ctx, conf):
    cats = services.categories(conf[0])

    assert {k: (c.label, c.enabled) for k, c in cats.items()} == {
        "presidium": ("Đoàn Chủ tịch", True), "exemplar": ("Đại biểu điển hình tiên tiến", True),
        "guest": ("Đại biểu khách mời", True), "press": ("Phóng viên", False), "staff": ("Phục vụ", False)}
    assert db.session.execute(select(BadgeCategory)).first() is None  # reading writes nothing


def valid_values(**changes):
    values = {k: {"label": label, "colour": colour, "enabled": enabled}
              for k, (label, colour, enabled) in services.DEFAULT_CATEGORIES.items()}
    for kind, change in changes.items():
        values[kind].update(change)
    return values


def test_organizer_changes_label_and_colour_and_switches_press_on(ctx, conf):
    services.save_categories(conf[0], valid_values(guest={"label": "Khách mời", "colour": "#AA00CC"},
                                                   press={"enabled": True}, exemplar={"enabled": False}))

    cats = services.categories(conf[0])
    assert (cats["guest"].label, cats["guest"].colour) == ("Khách mời", "#aa00cc")
    assert cats["press"].enabled
    assert cats["exemplar"].enabled  # a delegate kind cannot be switched off


@pytest.mark.parametrize(("change", "message"), [
    ({"label": "  "}, "Nhãn thẻ “Đại biểu khách mời” phải có từ 1 đến 60 ký tự."),
    ({"label": "x" * 61}, "Nhãn thẻ “Đại biểu khách mời” phải có từ 1 đến 60 ký tự."),
    ({"colour": "red"}, "Màu của thẻ “Đại biểu khách mời” phải có dạng #rrggbb."),
    ({"colour": "#12345"}, "Màu của thẻ “Đại biểu khách mời” phải có dạng #rrggbb."),
])
def test_bad_category_values_are_refused_and_nothing_is_saved(ctx, conf, change, message):
    with pytest.raises(services.CategoryError, match=message):
        services.save_categories(conf[0], valid_values(presidium={"label": "ĐCT"}, guest=change))
    assert db.session.execute(select(BadgeCategory)).first() is None


def test_database_refuses_a_colour_that_is_not_hex(ctx, conf):
    from sqlalchemy.exc import IntegrityError

    db.session.add(BadgeCategory(conference_id=conf[0], kind="guest", label="Khách", colour="blue", enabled=True))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_categories_page_saves_and_the_sheet_uses_the_new_label_and_colour(client, auth, conf):
    cid = conf[0]
    auth.login("organizer")
    form = {f"{k}-{f}": v for k, vals in valid_values(guest={"label": "Khách quý", "colour": "#123456"}).items()
            for f, v in (("label", vals["label"]), ("colour", vals["colour"]))}

    response = client.post(f"/conferences/{cid}/badges/categories", data=form, follow_redirects=True)

    assert "Đã lưu loại thẻ." in response.get_data(as_text=True)
    html = client.get(f"/conferences/{cid}/badges").get_data(as_text=True)
    assert re.search(r'class="badge cat-guest"[^>]*data-cat="#123456"', html)  # --cat, set by static/js/ui.js
    assert '<div class="role">Khách quý</div>' in html


def test_categories_page_shows_the_refusal_in_vietnamese(client, auth, conf):
    auth.login("organizer")
    form = {f"{k}-{f}": v for k, vals in valid_values(staff={"colour": "xanh"}).items()
            for f, v in (("label", vals["label"]), ("colour", vals["colour"]))}

    html = client.post(f"/conferences/{conf[0]}/badges/categories", data=form).get_data(as_text=True)

    assert "Màu của thẻ “Phục vụ” phải có dạng #rrggbb." in html


# Sheets


def test_a4_sheet_has_pages_of_eight_with_cut_marks_and_every_delegate(client, auth, conf):
    auth.login("organizer")
    html = client.get(f"/conferences/{conf[0]}/badges").get_data(as_text=True)

    pages = html.split('<section class="page">')[1:]
    assert [page.count("<article") for page in pages] == [8, 2]
    assert html.count('<span class="mark tl">') == 10
    assert html.count("<svg") == 10
    assert 'class="badge cat-presidium"' in html
    assert html.count('<div class="role">Đoàn Chủ tịch</div>') == 2
    assert html.count('/badge.png" download>PNG</a>') == 10  # on screen only (no-print)


def test_sheet_orders_by_given_name_or_by_unit(client, auth, conf):
    auth.login("organizer")
    by_name = sheet_names(client.get(f"/conferences/{conf[0]}/badges?order=name").get_data(as_text=True))
    by_unit = sheet_names(client.get(f"/conferences/{conf[0]}/badges?order=unit").get_data(as_text=True))

    assert by_name[:4] == ["Nguyễn Thị An", "Lê Thị Ánh", "Trần Văn Bình", "Đặng Văn Đức"]
    assert by_unit == ["Lê Thị Ánh", "Trần Văn Bình", "Hồ Thị Giang",  # unit 1
                       "Nguyễn Thị An", "Lý Văn Hải", "Võ Thị Yến",  # unit 2
                       "Đặng Văn Đức", "Mai Thị Hoa", "Phạm Quốc Việt",  # unit 3
                       "Huỳnh Văn Khách"]  # guests last


def test_a6_sheet_has_one_badge_a_page(client, auth, conf):
    auth.login("organizer")
    html = client.get(f"/conferences/{conf[0]}/badges?layout=a6").get_data(as_text=True)

    assert '<body class="layout-a6">' in html
    pages = html.split('<section class="page">')[1:]
    assert len(pages) == 10 and all(p.count("<article") == 1 for p in pages)


def test_name_tents_are_the_presidium_in_order_without_qr(client, auth, conf):
    auth.login("organizer")
    html = client.get(f"/conferences/{conf[0]}/badges?layout=tents").get_data(as_text=True)

    names = re.findall(r'<div class="tent-name">([^<]*)</div>', html)
    assert names == ["Phạm Quốc Việt"] * 2 + ["Trần Văn Bình"] * 2  # both halves of each tent, presidium order
    assert "<svg" not in html


def test_blank_press_badges_only_when_the_kind_is_switched_on(ctx, client, auth, conf):
    cid = conf[0]
    auth.login("organizer")
    assert 'Phóng viên' not in client.get(f"/conferences/{cid}/badges?press=3").get_data(as_text=True)

    services.save_categories(cid, valid_values(press={"enabled": True}))
    html = client.get(f"/conferences/{cid}/badges?press=3").get_data(as_text=True)

    assert html.count('class="badge cat-press"') == 3
    assert html.count("<svg") == 10  # blank badges carry no QR


def test_refused_blank_badge_count_is_shown_on_the_sheet_once(ctx, client, auth, conf):
    cid = conf[0]
    services.save_categories(cid, valid_values(press={"enabled": True}))
    auth.login("organizer")

    response = client.get(f"/conferences/{cid}/badges?press=500")
    again = client.get(f"/conferences/{cid}/badges").get_data(as_text=True)

    assert response.content_type == "text/html; charset=utf-8"
    assert "Số thẻ trống phải từ 0 đến 200." in response.get_data(as_text=True)
    assert "Số thẻ trống phải từ 0 đến 200." not in again  # the flashed message was consumed


# Single badge


def test_badge_png_is_a_950_by_680_image(client, auth, conf):
    auth.login("organizer")
    response = client.get(f"/conferences/{conf[0]}/delegates/{conf[1][0]}/badge.png")

    assert response.mimetype == "image/png"
    assert Image.open(io.BytesIO(response.data)).size == (950, 680)
    assert f'filename="the-dai-bieu-{conf[1][0]}.png"' in response.headers["Content-Disposition"]


def test_badge_svg_has_the_name_label_a_qr_path_and_the_fallback_code_and_no_code_text(app, client, auth, conf):
    auth.login("organizer")
    svg = client.get(f"/conferences/{conf[0]}/delegates/{conf[1][1]}/badge.svg").get_data(as_text=True)

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="95mm" height="68mm"')
    assert ">Nguyễn Thị An<" in svg
    assert ">Đại biểu điển hình tiên tiến<" in svg
    assert "<path d=\"M" in svg
    with app.app_context():
        delegate = db.session.get(Delegate, conf[1][1])
        code, fallback = services.badge_code(SECRET, delegate), delegate.fallback_code
    assert code not in svg
    assert f">{fallback[:4]}-{fallback[4:]}<" in svg  # printed under the QR, to type when the camera cannot read it


def test_svg_escapes_text():
    svg = badge_svg("code", "A <b> & C", "Đơn vị", "Nhãn", "#000000", "Hội nghị", "LĐLĐ")
    assert "A &lt;b&gt; &amp; C" in svg


def test_svg_stays_valid_xml_when_a_stored_name_holds_control_characters():
    from xml.etree import ElementTree

    svg = badge_svg("code", "Mai\x00 Minh\x1b Khoa\ufffe", "Đơn vị\x0b", "Nhãn", "#000000", "Hội nghị", "LĐLĐ",
                    "ACDE-FGHJ", "A-01-02")
    texts = [t.text for t in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert "Mai Minh Khoa" in texts and "ACDE-FGHJ" in texts


def test_long_names_wrap_and_are_cut_with_an_ellipsis():
    lines = wrap("Công đoàn cơ sở Trường Trung học cơ sở thị trấn Vĩnh Thuận huyện Vĩnh Thuận tỉnh Kiên Giang",
                 False, 26, 300, 2)
    assert len(lines) == 2
    assert lines[1].endswith("…")


# Reprint


def test_reprint_at_the_desk_revokes_the_old_code_and_opens_the_new_badge(app, client, auth, conf):
    cid, ids, _guest = conf
    with app.app_context():
        old_code = services.badge_code(SECRET, db.session.get(Delegate, ids[2]))
        old_fallback = services.fallback_code(db.session.get(Delegate, ids[2]))
    auth.login("checkin")

    response = client.post(f"/conferences/{cid}/delegates/{ids[2]}/reprint")

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/conferences/{cid}/delegates/{ids[2]}/badge")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã cấp lại thẻ cho Lê Thị Ánh; thẻ cũ không còn giá trị." in page
    assert '<body class="layout-a6">' in page and "<svg" in page
    with app.app_context():
        delegate = db.session.get(Delegate, ids[2])
        assert delegate.badge_serial == 2
        new_code = services.badge_code(SECRET, delegate)
        assert f">{services.fallback_code(delegate)}<" in page and old_fallback not in page  # the one typed now
        assert check_in(SECRET, cid, old_code, desk="Bàn 1", user_id=None).result == "revoked"
        assert check_in(SECRET, cid, new_code, desk="Bàn 1", user_id=None).result == "checked_in"


def test_unit_user_cannot_reprint(client, auth, conf):
    auth.login("unit1")
    assert client.post(f"/conferences/{conf[0]}/delegates/{conf[1][0]}/reprint").status_code == 403

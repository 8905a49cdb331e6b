"""The public honour board: off until the organizer switches it on; shows the exemplars without personal data
unless published field by field; cached for anonymous readers; a constant number of SQL statements."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from PIL import Image
from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.core.clock import local_today
from conference.delegates.models import Delegate
from conference.delegates.services import add_guest
from conference.extensions import db
from conference.honourboard import rules, services
from conference.nominations.photos import reencode_photo
from conference.nominations.services import Actor, approve_nomination, create_nomination
from tests.factories import make_world, nomination_data

#: Values no page shows by chance, one per publishable field: found on the page only when published.
PRIVATE = {
    "position": "Tổ trưởng tổ xay xát gạo",
    "titles": "Chiến sĩ thi đua cấp tỉnh năm thứ ba",
    "birth_year": "1977",
    "ethnicity": "Xtiêng",
    "party_member": "Đảng viên",
    "phone": "0909123457",
}
MOVEMENT = "Xanh - Sạch - Đẹp, Bảo đảm an toàn vệ sinh lao động"
ACHIEVEMENT = "Sáng kiến tiết kiệm 120 triệu đồng mỗi năm."


def _photo():
    out = io.BytesIO()
    Image.new("RGB", (60, 80), "#c33").save(out, format="PNG")
    return reencode_photo(out.getvalue())


def add_exemplars(world, count: int, start: int = 0, photo: bool = True) -> list[int]:
    """`count` approved individual exemplars spread over the world's units, each with PRIVATE's values; their
    delegate ids."""
    picture = _photo() if photo else None
    ids = []
    for i in range(start, start + count):
        unit_id = world.unit_ids[i % len(world.unit_ids)]
        data = nomination_data(f"Nguyễn Văn Mẫu {i:03d}", birth_year=int(PRIVATE["birth_year"]),
                               ethnicity=PRIVATE["ethnicity"], party_member=True, position=PRIVATE["position"],
                               titles=PRIVATE["titles"], phone=PRIVATE["phone"], movements=MOVEMENT,
                               achievements=ACHIEVEMENT)
        nomination = create_nomination(world.conference_id, unit_id, data, Actor(None), local_today(),
                                       photo=picture)
        approve_nomination(nomination.id)
        ids.append(db.session.execute(
            select(Delegate.id).where(Delegate.nomination_id == nomination.id)).scalar_one())
    db.session.commit()
    return ids


@pytest.fixture
def world(app):
    with app.app_context():
        world = make_world(quotas=(20, 20, 20))
        world.exemplar_ids = add_exemplars(world, 3)
        guest = add_guest(world.conference_id, {"full_name": "Khách Mời Riêng", "gender": "male",
                                                "ethnicity": "Kinh", "position": "Chủ tịch UBND huyện",
                                                "party_member": True})
        db.session.commit()
        world.guest_id = guest.id
        return world


def save(client, conference_id: int, **switches) -> None:
    """The organizer saves the board's settings through the form (organizer logged in)."""
    data = {"introduction": "", **{key: "y" for key, on in switches.items() if on}}  # as a browser posts it
    response = client.post(f"/conferences/{conference_id}/honour-board", data=data)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/conferences/{conference_id}/honour-board"


def slug_of(app, conference_id: int) -> str:
    with app.app_context():
        return services.board_of(conference_id).slug


def switched_on(app, client, auth, world, **switches) -> str:
    """Switch the board on (with `switches`), log out; the board's link token."""
    auth.login("organizer")
    save(client, world.conference_id, enabled=True, **switches)
    auth.logout()
    return slug_of(app, world.conference_id)


def visible_text(html: str) -> str:
    """The page's text and attribute values (what a reader or a crawler can read), entities decoded."""
    return unescape(html)


# Off by default; 404 that reveals nothing


def without_csrf_token(html: str) -> str:
    """The page without its CSRF token (signed with the time: it differs from one answer to the next)."""
    return re.sub(r'<meta name="csrf-token" content="[^"]*">', "", html)


def test_the_board_is_off_until_switched_on_and_its_link_answers_as_an_unknown_one(app, client, auth, world):
    auth.login("organizer")
    page = client.get(f"/conferences/{world.conference_id}/honour-board")
    assert page.status_code == 200
    assert "đang tắt" in page.get_data(as_text=True)
    save(client, world.conference_id)  # saved, still off
    auth.logout()
    slug = slug_of(app, world.conference_id)

    off = app.test_client().get(f"/honour/{slug}")
    unknown = app.test_client().get(f"/honour/{'x' * rules.SLUG_LENGTH}")

    assert off.status_code == unknown.status_code == 404
    assert without_csrf_token(off.get_data(as_text=True)) == without_csrf_token(unknown.get_data(as_text=True))
    assert "Nguyễn Văn Mẫu" not in off.get_data(as_text=True)
    assert "no-store" in off.headers["Cache-Control"]
    assert client.get(f"/honour/{slug}/preview.png").status_code == 404
    assert client.get(f"/honour/{slug}/photos/{world.exemplar_ids[0]}.jpg").status_code == 404
    for malformed in ("short", "a" * 40, "%2e%2e"):
        assert client.get(f"/honour/{malformed}").status_code == 404


# What the page shows


def test_anyone_with_the_link_sees_the_exemplars_with_photo_unit_movement_and_achievements(app, client, auth, world):
    slug = switched_on(app, client, auth, world)

    response = client.get(f"/honour/{slug}")

    assert response.status_code == 200
    html = visible_text(response.get_data(as_text=True))
    assert html.count('data-testid="exemplar"') == 3
    for i in range(3):
        assert f"Nguyễn Văn Mẫu {i:03d}" in html
    assert "Công đoàn cơ sở số 1" in html and "Công đoàn cơ sở số 3" in html
    assert MOVEMENT in html
    assert ACHIEVEMENT in html
    assert f"/honour/{slug}/photos/{world.exemplar_ids[0]}.jpg" in html
    assert "Khách Mời Riêng" not in html  # guests are not exemplars


def test_the_board_lists_by_unit_then_name_as_the_decision_does_an_exemplar_without_unit_last(app, client, auth,
                                                                                               world):
    with app.app_context():
        db.session.get(Delegate, world.exemplar_ids[0]).unit_id = None
        db.session.commit()
    slug = switched_on(app, client, auth, world)
    html = client.get(f"/honour/{slug}").get_data(as_text=True)
    assert [html.index(f"Nguyễn Văn Mẫu {i:03d}") for i in (1, 2, 0)] == sorted(
        html.index(f"Nguyễn Văn Mẫu {i:03d}") for i in (1, 2, 0))


def test_the_page_carries_open_graph_tags_with_absolute_urls_and_a_share_link(app, client, auth, world):
    slug = switched_on(app, client, auth, world)

    html = client.get(f"/honour/{slug}").get_data(as_text=True)

    tags = dict(re.findall(r'<meta property="(og:[a-z:_]+)" content="([^"]*)">', html))
    assert tags["og:url"] == f"http://localhost/honour/{slug}"
    assert tags["og:image"] == f"http://localhost/honour/{slug}/preview.png"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert "Hội nghị tuyên dương điển hình tiên tiến" in unescape(tags["og:title"])
    assert "3 điển hình tiên tiến" in unescape(tags["og:description"])
    assert f'data-share-url="http://localhost/honour/{slug}"' in html
    assert "facebook.com/sharer/sharer.php?u=http%3A//localhost/honour/" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html  # shared by link, not found by search engines


def test_under_the_https_setting_the_shared_links_are_https(app, client, auth, world):
    """A TLS proxy in front may speak plain http to the app: the links a crawler follows still say https."""
    slug = switched_on(app, client, auth, world)
    app.config["HTTPS"] = True

    html = client.get(f"/honour/{slug}").get_data(as_text=True)

    assert f'<meta property="og:url" content="https://localhost/honour/{slug}">' in html
    assert f'<meta property="og:image" content="https://localhost/honour/{slug}/preview.png">' in html


def test_with_every_switch_off_the_page_shows_no_personal_data(app, client, auth, world):
    slug = switched_on(app, client, auth, world)

    html = visible_text(client.get(f"/honour/{slug}").get_data(as_text=True))

    assert "Nguyễn Văn Mẫu 000" in html
    for key, value in PRIVATE.items():
        assert value not in html, f"{key} shown while not published"
    assert not re.search(r"\b0\d{9}\b", html)  # no phone number at all


def test_each_switch_shows_its_field_and_only_it(app, client, auth, world):
    slug = switched_on(app, client, auth, world)
    auth.login("organizer")

    for field in rules.PUBLISHABLE_KEYS:
        save(client, world.conference_id, enabled=True, **{f"show_{field}": True})
        html = visible_text(app.test_client().get(f"/honour/{slug}").get_data(as_text=True))

        assert PRIVATE[field] in html, f"{field} not shown while published"
        for other, value in PRIVATE.items():
            if other != field:
                assert value not in html, f"{other} shown with only {field} published"


def test_the_introduction_is_shown_and_shared_as_the_description(app, client, auth, world):
    auth.login("organizer")
    client.post(f"/conferences/{world.conference_id}/honour-board",
                data={"enabled": "y", "introduction": "Những tấm gương sáng của huyện.\nĐoạn thứ hai."})
    auth.logout()

    html = client.get(f"/honour/{slug_of(app, world.conference_id)}").get_data(as_text=True)

    assert "<p>Những tấm gương sáng của huyện.</p><p>Đoạn thứ hai.</p>" in html
    assert '<meta property="og:description" content="Những tấm gương sáng của huyện. Đoạn thứ hai.">' in html


# Photos and the preview picture


def test_the_photo_route_serves_only_photos_of_exemplars_on_an_enabled_board(app, client, auth, world):
    slug = switched_on(app, client, auth, world)
    with app.app_context():
        other = make_world(quotas=(2, 2, 2), tag="b_")
        (foreign,) = add_exemplars(other, 1)
    auth.login("b_organizer")
    save(client, other.conference_id, enabled=True)
    auth.logout()

    shown = client.get(f"/honour/{slug}/photos/{world.exemplar_ids[0]}.jpg")
    assert shown.status_code == 200
    assert shown.mimetype == "image/jpeg"
    assert Image.open(io.BytesIO(shown.get_data())).format == "JPEG"
    assert client.get(f"/honour/{slug}/photos/{world.guest_id}.jpg").status_code == 404
    assert client.get(f"/honour/{slug}/photos/{foreign}.jpg").status_code == 404  # another conference's
    assert client.get(f"/honour/{slug}/photos/999999.jpg").status_code == 404

    auth.login("organizer")
    save(client, world.conference_id, enabled=False)
    auth.logout()
    assert client.get(f"/honour/{slug}/photos/{world.exemplar_ids[0]}.jpg").status_code == 404


def test_an_exemplar_without_a_photo_shows_the_placeholder(app, client, auth, world):
    with app.app_context():
        (bare,) = add_exemplars(world, 1, start=10, photo=False)
    slug = switched_on(app, client, auth, world)

    html = client.get(f"/honour/{slug}").get_data(as_text=True)

    assert f"/photos/{bare}.jpg" not in html
    assert "/static/img/no-photo.svg" in html
    assert client.get(f"/honour/{slug}/photos/{bare}.jpg").status_code == 404


def test_the_preview_image_is_a_1200_by_630_png(app, client, auth, world):
    slug = switched_on(app, client, auth, world)

    response = client.get(f"/honour/{slug}/preview.png")

    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert Image.open(io.BytesIO(response.get_data())).size == (1200, 630)


# Caching


def test_public_answers_are_cached_and_revalidate_with_304(app, client, auth, world):
    slug = switched_on(app, client, auth, world)
    reader = app.test_client()  # from a shared link: no cookie

    for url in (f"/honour/{slug}", f"/honour/{slug}/preview.png", f"/honour/{slug}/photos/{world.exemplar_ids[0]}.jpg"):
        first = reader.get(url)
        cache_control = {part.strip() for part in first.headers["Cache-Control"].split(",")}
        assert cache_control == {"public", f"max-age={rules.MAX_AGE}"}, url
        assert "Set-Cookie" not in first.headers, url
        assert first.headers["ETag"], url
        assert "Content-Security-Policy" in first.headers

        again = reader.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304, url
        assert again.get_data() == b""
        assert reader.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200


def test_an_answer_that_sets_a_cookie_is_never_for_shared_caches(app, client, auth, world):
    slug = switched_on(app, client, auth, world)  # the client keeps the logged-out session (its flashed messages)

    response = client.get(f"/honour/{slug}?lang=en")  # choosing a language sets the cookie that keeps it

    assert response.status_code == 200 and "Set-Cookie" in response.headers
    assert "public" not in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]


def test_the_page_changes_its_etag_when_the_organizer_publishes_a_field(app, client, auth, world):
    slug = switched_on(app, client, auth, world)
    before = client.get(f"/honour/{slug}").headers["ETag"]

    auth.login("organizer")
    save(client, world.conference_id, enabled=True, show_titles=True)
    auth.logout()
    response = client.get(f"/honour/{slug}", headers={"If-None-Match": before})

    assert response.status_code == 200
    assert PRIVATE["titles"] in visible_text(response.get_data(as_text=True))


def test_the_settings_page_is_still_not_stored(client, auth, world):
    auth.login("organizer")

    response = client.get(f"/conferences/{world.conference_id}/honour-board")

    assert response.headers["Cache-Control"] == "no-store"


# Constant SQL statements


def test_the_page_runs_as_many_statements_for_50_exemplars_as_for_5(app, client, auth, world, count_queries):
    with app.app_context():
        add_exemplars(world, 2, start=100)  # 5 in all
    slug = switched_on(app, client, auth, world, **{f"show_{key}": True for key in rules.PUBLISHABLE_KEYS})

    with count_queries() as five:
        small = client.get(f"/honour/{slug}")
    with app.app_context():
        add_exemplars(world, 45, start=200)
    with count_queries() as fifty:
        large = client.get(f"/honour/{slug}")

    assert small.get_data(as_text=True).count('data-testid="exemplar"') == 5
    assert large.get_data(as_text=True).count('data-testid="exemplar"') == 50
    assert five.count == fifty.count, "\n".join(fifty.statements)
    assert [sql.split()[0] for sql in fifty.statements if sql != "BEGIN"] == ["SELECT", "SELECT"]  # board, list


# The organizer's changes are logged; a new link retires the old one


def test_a_new_link_retires_the_old_one_and_every_change_is_in_the_audit_log(app, client, auth, world):
    old = switched_on(app, client, auth, world, show_phone=True)
    auth.login("organizer")

    response = client.post(f"/conferences/{world.conference_id}/honour-board/new-link")

    assert response.status_code == 302
    new = slug_of(app, world.conference_id)
    assert new != old
    auth.logout()
    assert client.get(f"/honour/{old}").status_code == 404
    assert client.get(f"/honour/{new}").status_code == 200
    with app.app_context():
        entries = db.session.execute(
            select(AuditEntry).where(AuditEntry.entity == "honour_board").order_by(AuditEntry.id)).scalars().all()
        assert [e.action for e in entries] == ["create", "new_link"]
        assert entries[0].after["enabled"] is True and entries[0].after["show_phone"] is True
        assert entries[0].after["show_ethnicity"] is False

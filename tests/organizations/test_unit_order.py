"""Units are listed in Vietnamese order of their names on every page, as in the exports: "Ấ" with the A's, "Đ"
right after "D" (byte order puts both after "Z"), case ignored ("Công đoàn cơ quan" between "Bệnh viện" and
"Trường")."""

from __future__ import annotations

from conference.core.collation import compact_key, vietnamese_key
from conference.extensions import db
from conference.nominations.queries import unit_counts
from conference.organizations.models import Organization
from conference.organizations.queries import units_of
from tests.checkin.test_api import seat_exemplar
from tests.factories import make_world

NAMES = ["Văn phòng HĐND và UBND huyện", "Công đoàn Trường Tiểu học Đông Hòa", "Đoàn thanh niên xã",
         "Công đoàn cơ quan Huyện ủy", "Công đoàn Bệnh viện", "Zalo Trung tâm", "Ấp Bình An"]
EXPECTED = ["Ấp Bình An", "Công đoàn Bệnh viện", "Công đoàn cơ quan Huyện ủy", "Công đoàn Trường Tiểu học Đông Hòa",
            "Đoàn thanh niên xã", "Văn phòng HĐND và UBND huyện", "Zalo Trung tâm"]


def _with_units(world) -> None:
    for name in NAMES:
        db.session.add(Organization(name=name, level="grassroots", parent_id=world.host_id, member_count=10))
    db.session.flush()


def test_the_units_page_and_the_review_page_list_units_in_vietnamese_order(ctx):
    world = make_world(units=0, quotas=None)
    _with_units(world)
    assert sorted(NAMES) != EXPECTED  # byte order differs ("Ấ", "Đ" after "Z")
    assert sorted(NAMES, key=lambda n: compact_key(vietnamese_key(n))) == EXPECTED
    conference = type("C", (), {"host_id": world.host_id})()
    assert [u.name for u in units_of(conference)] == EXPECTED
    assert [u.name for u in unit_counts(world.conference_id, world.host_id)] == EXPECTED


def test_the_units_page_shows_them_in_that_order(app, client, auth):
    with app.app_context():
        world = make_world(units=0, quotas=None)
        _with_units(world)
        db.session.commit()
    auth.login("organizer")
    html = client.get(f"/conferences/{world.conference_id}/units").get_data(as_text=True)
    places = [html.index(name) for name in EXPECTED]
    assert places == sorted(places)


def test_badges_by_unit_follow_the_units_name_order(app, client, auth):
    renamed = ["Văn phòng HĐND và UBND huyện", "Đoàn thanh niên xã", "Công đoàn cơ quan Huyện ủy"]
    with app.app_context():
        world = make_world()
        for unit_id, name in zip(world.unit_ids, renamed):
            db.session.get(Organization, unit_id).name = name
        db.session.commit()
        for unit_id, user_id, person in zip(world.unit_ids, world.unit_user_ids,
                                            ("Lê Văn An", "Trần Thị Bình", "Phạm Văn Cường")):
            seat_exemplar(world.conference_id, unit_id, user_id, person)
        db.session.commit()
    auth.login("organizer")
    html = client.get(f"/conferences/{world.conference_id}/badges?order=unit").get_data(as_text=True)
    places = [html.index(name) for name in ("Phạm Văn Cường", "Trần Thị Bình", "Lê Văn An")]
    assert places == sorted(places)  # Công đoàn cơ quan…, Đoàn thanh niên…, Văn phòng…

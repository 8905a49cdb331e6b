"""Every state change is in the audit log, through the one writer: the conference's settings, its agenda, its
badge categories and a reissued badge, with before/after, and labelled in words on the log page."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import select

from conference.agenda.services import add_item, delete_item, items_of, move_item, update_item
from conference.audit.models import AuditEntry
from conference.auditlog import labels
from conference.badges.models import BADGE_KINDS
from conference.badges.services import DEFAULT_CATEGORIES, categories, reissue_badge, save_categories
from conference.dashboard.services import CONFERENCE_FIELDS, create_conference, update_conference
from conference.delegates.models import Delegate
from conference.extensions import db
from tests.factories import make_world


def logged(conference_id: int, entity: str) -> list[tuple[str, int | None, dict | None, dict | None]]:
    """(action, entity id, before, after) of the log rows of one entity at a conference, oldest first."""
    return [(e.action, e.entity_id, e.before, e.after) for e in db.session.execute(
        select(AuditEntry).where(AuditEntry.conference_id == conference_id, AuditEntry.entity == entity)
        .order_by(AuditEntry.id)).scalars()]


def settings(**changes) -> dict:
    data = {"name": "Hội nghị tuyên dương điển hình tiên tiến huyện Vĩnh Thuận", "level": "district",
            "plan_reference": "65/KH-LĐLĐ", "upper_body": "LĐLĐ tỉnh Kiên Giang", "venue": "Hội trường huyện",
            "held_on": date(2025, 4, 10), "duration": "½ ngày", "delegate_cap": 250, "exemplar_share_pct": 70,
            "split_tolerance_pct": 5, "presidium_max": 7, "nomination_deadline": date(2025, 3, 20),
            "dossier_deadline": date(2025, 4, 25)}
    data.update(changes)
    return data


def badge_values(**changes) -> dict:
    values = {kind: {"label": label, "colour": colour, "enabled": enabled}
              for kind, (label, colour, enabled) in DEFAULT_CATEGORIES.items()}
    for kind, change in changes.items():
        values[kind] = {**values[kind], **change}
    return values


def test_creating_and_changing_a_conference_are_logged_with_the_changed_settings(ctx):
    world = make_world()
    conference = create_conference(world.host_id, settings())
    [(action, entity_id, before, after)] = logged(conference.id, "conference")
    assert (action, entity_id, before) == ("create", conference.id, None)
    assert after["delegate_cap"] == 250 and after["held_on"] == "2025-04-10" and set(after) == set(CONFERENCE_FIELDS)

    update_conference(conference.id, settings(delegate_cap=200, venue="Nhà văn hóa lao động"))
    update_conference(conference.id, settings(delegate_cap=200, venue="Nhà văn hóa lao động"))  # nothing changes
    rows = logged(conference.id, "conference")
    assert len(rows) == 2
    assert rows[1][2:] == ({"delegate_cap": 250, "venue": "Hội trường huyện"},
                           {"delegate_cap": 200, "venue": "Nhà văn hóa lao động"})


def test_every_change_of_the_agenda_is_logged(ctx):
    world = make_world()
    cid = world.conference_id
    first = add_item(cid, {"starts_at": time(7, 30), "title": "Khai mạc", "presenter": None})
    second = add_item(cid, {"starts_at": time(8, 0), "title": "Báo cáo", "presenter": "Chủ tịch LĐLĐ"})
    update_item(first, {"starts_at": time(7, 45), "title": "Khai mạc hội nghị", "presenter": None})
    move_item(second, -1)
    move_item(second, -1)  # already first: nothing moves, nothing is logged
    delete_item(first)

    rows = logged(cid, "agenda_item")
    assert [(action, entity_id) for action, entity_id, _b, _a in rows] == [
        ("create", first.id), ("create", second.id), ("update", first.id), ("move", second.id),
        ("delete", first.id)]
    assert rows[0][3] == {"position": 1, "starts_at": "07:30", "duration_min": 15, "title": "Khai mạc",
                          "presenter": None}
    assert rows[2][2:] == ({"starts_at": "07:30", "title": "Khai mạc"},
                           {"starts_at": "07:45", "title": "Khai mạc hội nghị"})
    assert rows[3][2:] == ({"position": 2}, {"position": 1})
    assert rows[4][2]["title"] == "Khai mạc hội nghị" and rows[4][3] is None
    assert [item.title for item in items_of(cid)] == ["Báo cáo"]


def test_badge_categories_log_each_kind_whose_look_changed(ctx):
    world = make_world()
    cid = world.conference_id
    save_categories(cid, badge_values())  # the defaults, stored: nothing looks different
    assert logged(cid, "badge_category") == []
    save_categories(cid, badge_values(guest={"label": "Khách mời", "colour": "#AA00CC"}, press={"enabled": True}))
    rows = logged(cid, "badge_category")
    stored = categories(cid)
    assert [(action, entity_id) for action, entity_id, _b, _a in rows] == [
        ("update", stored["guest"].id), ("update", stored["press"].id)]
    assert rows[0][2:] == ({"label": "Đại biểu khách mời", "colour": "#b8860b"},
                           {"badge_kind": "guest", "label": "Khách mời", "colour": "#aa00cc"})
    assert rows[1][2:] == ({"enabled": False}, {"badge_kind": "press", "enabled": True})


def test_a_reissued_badge_is_logged_with_its_serial(ctx):
    world = make_world()
    delegate = Delegate(conference_id=world.conference_id, category="guest", full_name="Trần Quốc Tuấn")
    db.session.add(delegate)
    db.session.flush()
    reissue_badge(delegate)
    assert logged(world.conference_id, "delegate") == [
        ("reissue_badge", delegate.id, {"badge_serial": 1}, {"badge_serial": 2})]


def test_what_these_changes_log_has_labels_in_words():
    assert {"conference", "agenda_item", "badge_category"} <= set(labels.ENTITY_LABELS)
    assert {"move", "reissue_badge"} <= set(labels.ACTION_LABELS)
    keys = {("conference", key) for key in CONFERENCE_FIELDS}
    keys |= {("agenda_item", key) for key in ("position", "starts_at", "title", "presenter")}
    keys |= {("badge_category", key) for key in ("badge_kind", "label", "colour", "enabled")}
    keys |= {("delegate", "badge_serial")}
    assert [key for entity, key in sorted(keys) if labels.field_label(entity, key) == key] == []
    assert labels.field_label("conference", "name") == "Tên hội nghị"
    assert labels.field_label("agenda_item", "position") == "Thứ tự"
    assert labels.value_text("level", "district") == "Cấp huyện"
    assert labels.value_text("held_on", "2025-04-10") == "10/04/2025"
    assert {labels.value_text("badge_kind", kind) for kind in BADGE_KINDS} == {
        "Đoàn Chủ tịch", "Đại biểu điển hình tiên tiến", "Đại biểu khách mời", "Phóng viên", "Phục vụ"}


def test_the_log_page_shows_the_new_rows_in_words(app, client, auth):
    with app.app_context():
        world = make_world()
        add_item(world.conference_id, {"starts_at": time(7, 30), "title": "Khai mạc", "presenter": None})
        save_categories(world.conference_id, badge_values(staff={"enabled": True}))
        db.session.commit()
    auth.login("organizer")
    page = client.get(f"/conferences/{world.conference_id}/audit").get_data(as_text=True)
    for words in ("Chương trình hội nghị", "Giờ bắt đầu", "Loại thẻ đại biểu", "Phục vụ"):
        assert words in page, words

"""The timed programme and the hall screen through the app: a new conference gets the plan's nine items, times
follow the clock and the durations, the half-day warning, the printed programme, the hall screen moved on from
one page and read by every other, all in the audit log."""

from __future__ import annotations

import re
from datetime import time

from sqlalchemy import select

from conference.agenda.models import AgendaSchedule
from conference.agenda.rules import PLAN_AGENDA
from conference.agenda.services import add_item, delete_item, items_of, schedule_of, show_item, timetable
from conference.audit.models import AuditEntry
from conference.dashboard.services import create_conference
from conference.extensions import db
from tests.audit.test_audit_settings import settings
from tests.factories import make_world


def _times(html: str) -> list[str]:
    """The "HH:MM – HH:MM" cells of the agenda table, in order."""
    return [re.sub(r"\s+", " ", cell).strip() for cell in
            re.findall(r'data-testid="agenda-time">(\d\d:\d\d – \d\d:\d\d)<', html)]


def _log(conference_id: int, entity: str) -> list[tuple[str, dict | None, dict | None]]:
    return [(e.action, e.before, e.after) for e in db.session.execute(
        select(AuditEntry).where(AuditEntry.conference_id == conference_id, AuditEntry.entity == entity)
        .order_by(AuditEntry.id)).scalars()]


def test_a_new_conference_gets_the_plan_programme_from_half_past_seven_to_a_quarter_to_eleven(ctx):
    world = make_world()
    conference = create_conference(world.host_id, settings())
    table = timetable(conference.id)
    assert [row.item.title for row in table.rows] == list(PLAN_AGENDA)
    assert [row.start for row in table.rows][:3] == ["07:30", "07:45", "08:00"]
    assert (table.ends_at, table.overrun, table.late) == ("10:45", 0, [])
    assert len(_log(conference.id, "agenda_item")) == 9


def test_organizer_sets_the_clock_and_durations_and_sees_the_times_follow_and_the_half_day_warning(app, client,
                                                                                                    auth):
    with app.app_context():
        world = make_world()
        cid = world.conference_id
        for title, minutes in (("Khai mạc", 15), ("Báo cáo", 60), ("Biểu dương", 60), ("Bế mạc", 15)):
            add_item(cid, {"title": title, "duration_min": minutes, "starts_at": None, "presenter": None})
        db.session.commit()
        report = items_of(cid)[1]
    auth.login("organizer")
    html = client.get(f"/conferences/{cid}/agenda").get_data(as_text=True)
    assert _times(html) == ["07:30 – 07:45", "07:45 – 08:45", "08:45 – 09:45", "09:45 – 10:00"]
    assert 'data-testid="agenda-overrun"' not in html

    client.post(f"/conferences/{cid}/agenda/clock", data={"day_start": "08:00", "ends_by": "11:30"})
    client.post(f"/conferences/{cid}/agenda/{report.id}/edit",
                data={"title": "Báo cáo", "duration_min": "150", "starts_at": "", "presenter": ""})
    html = client.get(f"/conferences/{cid}/agenda").get_data(as_text=True)
    assert _times(html) == ["08:00 – 08:15", "08:15 – 10:45", "10:45 – 11:45", "11:45 – 12:00"]
    warning = re.search(r'data-testid="agenda-overrun">(.*?)</div>', html, re.DOTALL).group(1)
    assert "12:00" in warning and "30 phút" in warning and "11:30" in warning

    client.post(f"/conferences/{cid}/agenda/{report.id}/edit",  # pinned: the closing items flow from 09:00
                data={"title": "Báo cáo", "duration_min": "30", "starts_at": "09:00", "presenter": ""})
    html = client.get(f"/conferences/{cid}/agenda").get_data(as_text=True)
    assert _times(html) == ["08:00 – 08:15", "09:00 – 09:30", "09:30 – 10:30", "10:30 – 10:45"]
    assert 'data-testid="agenda-overrun"' not in html
    refused = client.post(f"/conferences/{cid}/agenda/clock", data={"day_start": "11:00", "ends_by": "10:00"},
                          follow_redirects=True).get_data(as_text=True)
    assert "Giờ kết thúc phải sau giờ bắt đầu." in refused

    with app.app_context():
        assert _log(cid, "agenda") == [("update", {"day_start": "07:30"}, {"day_start": "08:00"})]
        updates = [(b, a) for action, b, a in _log(cid, "agenda_item") if action == "update"]
        assert updates == [({"duration_min": 60}, {"duration_min": 150}),
                           ({"starts_at": None, "duration_min": 150}, {"starts_at": "09:00", "duration_min": 30})]


def test_the_printed_programme_has_the_letterhead_times_items_and_presenters(app, client, auth):
    with app.app_context():
        world = make_world()
        add_item(world.conference_id, {"title": "Tuyên bố lý do", "duration_min": 15, "starts_at": None,
                                       "presenter": "Ban Tổ chức"})
        add_item(world.conference_id, {"title": "Bế mạc hội nghị", "duration_min": 15, "starts_at": time(10, 30),
                                       "presenter": "Đoàn Chủ tịch"})
        db.session.commit()
    auth.login("checkin")
    html = client.get(f"/conferences/{world.conference_id}/agenda/print").get_data(as_text=True)
    assert "LIÊN ĐOÀN LAO ĐỘNG TỈNH KIÊN GIANG" in html and "Vĩnh Thuận, ngày 10 tháng 4 năm 2025" in html
    assert "Thời gian: 07:30, ngày 10/4/2025" in html
    assert html.index("07:30 – 07:45") < html.index("Tuyên bố lý do") < html.index("Ban Tổ chức")
    assert html.index("Ban Tổ chức") < html.index("10:30 – 10:45") < html.index("Bế mạc hội nghị")


def test_the_hall_screen_moves_on_from_one_page_and_every_screen_reads_it(app, client, auth):
    with app.app_context():
        world = make_world()
        cid = world.conference_id
        for title in ("Khai mạc", "Báo cáo", "Bế mạc"):
            add_item(cid, {"title": title, "duration_min": 20, "starts_at": None, "presenter": "Chủ tịch"})
        db.session.commit()
        first, second, last = (item.id for item in items_of(cid))
    auth.login("organizer")
    state = client.get(f"/api/conferences/{cid}/agenda/hall").get_json()
    assert (state["current"], state["next"]["title"], state["previous_id"], state["next_id"]) == (
        None, "Khai mạc", None, first)

    response = client.post(f"/conferences/{cid}/agenda/hall/show", data={"item_id": str(first), "back": "control"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/conferences/{cid}/agenda/hall/control")
    client.post(f"/conferences/{cid}/agenda/hall/show", data={"item_id": str(second)})
    client.post(f"/conferences/{cid}/agenda/hall/show", data={"item_id": str(second)})  # a second press: no change
    state = client.get(f"/api/conferences/{cid}/agenda/hall").get_json()
    assert state["current"] == {"id": second, "title": "Báo cáo", "presenter": "Chủ tịch", "start": "07:50",
                                "end": "08:10"}
    assert (state["next"]["title"], state["previous_id"], state["next_id"], state["at_end"]) == (
        "Bế mạc", first, last, False)
    page = client.get(f"/conferences/{cid}/agenda/hall").get_data(as_text=True)
    assert re.search(r'data-testid="hall-current">Báo cáo<', page) and 'data-testid="hall-next">Bế mạc<' in page
    assert client.post(f"/conferences/{cid}/agenda/hall/show", data={"item_id": "999999"}).status_code == 404

    with app.app_context():
        assert _log(cid, "hall_screen") == [
            ("show", {"shown_item": None}, {"shown_item": "Khai mạc"}),
            ("show", {"shown_item": "Khai mạc"}, {"shown_item": "Báo cáo"})]
        delete_item(db.session.get(type(items_of(cid)[1]), second))  # the item on the screen is deleted
        db.session.commit()
        assert schedule_of(cid).current_item_id is None


def test_another_conferences_item_cannot_be_put_on_the_screen(ctx):
    world = make_world()
    item = add_item(world.other_conference_id, {"title": "Khai mạc", "starts_at": None, "presenter": None})
    try:
        show_item(world.conference_id, item.id)
    except LookupError:
        pass
    else:
        raise AssertionError("showed another conference's item")
    assert db.session.execute(select(AgendaSchedule)).scalars().all() == []

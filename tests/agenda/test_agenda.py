"""Agenda: add, reorder, delete keep positions 1..n; the printable page lists items in order."""

from datetime import time

from conference.agenda.services import add_item, delete_item, items_of, move_item, update_item
from conference.extensions import db
from tests.factories import make_world


def test_items_move_and_delete_without_gaps(ctx):
    world = make_world()
    for title in ("Khai mạc", "Báo cáo", "Bế mạc"):
        add_item(world.conference_id, {"title": title, "starts_at": None, "presenter": None})
    items = items_of(world.conference_id)
    move_item(items[2], -1)
    assert [i.title for i in items_of(world.conference_id)] == ["Khai mạc", "Bế mạc", "Báo cáo"]
    move_item(items_of(world.conference_id)[0], -1)  # first item up: no change
    delete_item(items_of(world.conference_id)[0])
    remaining = items_of(world.conference_id)
    assert [(i.position, i.title) for i in remaining] == [(1, "Bế mạc"), (2, "Báo cáo")]


def test_printable_agenda_shows_times_and_titles_in_order(app, client, auth):
    with app.app_context():
        world = make_world()
        add_item(world.conference_id, {"title": "Tuyên bố lý do", "starts_at": time(7, 45), "presenter": "Ban Tổ chức"})
        add_item(world.conference_id, {"title": "Bế mạc hội nghị", "starts_at": time(11, 0), "presenter": None})
        db.session.commit()
    auth.login("organizer")
    html = client.get(f"/conferences/{world.conference_id}/agenda/print").get_data(as_text=True)
    assert html.index("07:45") < html.index("Tuyên bố lý do") < html.index("11:00") < html.index("Bế mạc hội nghị")


def test_organizer_adds_an_agenda_item_through_the_form(app, client, auth):
    with app.app_context():
        world = make_world()
    auth.login("organizer")
    response = client.post(f"/conferences/{world.conference_id}/agenda",
                           data={"starts_at": "08:30", "duration_min": "30", "title": "Báo cáo tham luận",
                                 "presenter": "Điển hình"},
                           follow_redirects=True)
    assert "Báo cáo tham luận" in response.get_data(as_text=True)
    with app.app_context():
        assert [(i.title, i.starts_at, i.duration_min) for i in items_of(world.conference_id)] == [
            ("Báo cáo tham luận", time(8, 30), 30)]


def test_an_item_with_a_start_time_lands_in_time_order(ctx):
    world = make_world()
    for title, at in (("Khai mạc", time(7, 30)), ("Báo cáo", time(8, 0)), ("Bế mạc", time(10, 30))):
        add_item(world.conference_id, {"title": title, "starts_at": at, "presenter": None})
    add_item(world.conference_id, {"title": "Phát động thi đua", "starts_at": time(10, 20), "presenter": None})
    add_item(world.conference_id, {"title": "Chụp ảnh lưu niệm", "starts_at": None, "presenter": None})
    titles = [i.title for i in items_of(world.conference_id)]
    assert titles == ["Khai mạc", "Báo cáo", "Phát động thi đua", "Bế mạc", "Chụp ảnh lưu niệm"]
    assert [i.position for i in items_of(world.conference_id)] == [1, 2, 3, 4, 5]

    report = items_of(world.conference_id)[1]
    update_item(report, {"title": "Báo cáo", "starts_at": time(10, 25), "presenter": None})  # moved later
    assert [i.title for i in items_of(world.conference_id)] == [
        "Khai mạc", "Phát động thi đua", "Báo cáo", "Bế mạc", "Chụp ảnh lưu niệm"]
    update_item(items_of(world.conference_id)[2], {"title": "Báo cáo chính", "starts_at": time(10, 25),
                                                   "presenter": "Chủ tịch"})  # same time: stays
    assert items_of(world.conference_id)[2].title == "Báo cáo chính"

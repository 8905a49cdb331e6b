"""The seat where people read it: on the badge (sheet, A6, SVG, PNG) and at the desk (scan answer, offline list),
the desk's scan costing the same statements with a seat as without."""

from __future__ import annotations

from conference.badges.images import badge_png
from conference.badges.services import badge_code
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.seating import queries, services
from tests.seating.test_seating import populate


def seated_hall(app):
    with app.app_context():
        hall = populate()
        services.save_layout(hall.conference_id, 2, 3, 2, 3)
        services.seat_automatically(hall.conference_id)
        db.session.commit()
        return hall, queries.seat_labels(hall.conference_id)


def test_the_badge_sheet_the_a6_badge_and_the_svg_print_the_seat(app, client, auth):
    hall, labels = seated_hall(app)
    cid, guest = hall.conference_id, hall.guests[1]
    auth.login("organizer")

    sheet = client.get(f"/conferences/{cid}/badges").get_data(as_text=True)
    single = client.get(f"/conferences/{cid}/delegates/{guest}/badge").get_data(as_text=True)
    svg = client.get(f"/conferences/{cid}/delegates/{guest}/badge.svg").get_data(as_text=True)
    png = client.get(f"/conferences/{cid}/delegates/{guest}/badge.png")

    assert all(f"Ghế {label}" in sheet for label in labels.values())
    assert f"Ghế {labels[guest]}" in single
    assert f">Ghế {labels[guest]}</text>" in svg
    assert png.status_code == 200 and png.mimetype == "image/png"


def test_the_png_badge_draws_the_seat_line():
    args = ("code", "Lê Văn Duyệt", "Công đoàn cơ sở số 1", "Đại biểu khách mời", "#b8860b", "HỘI NGHỊ", "LĐLĐ")
    assert badge_png(*args, "ACDE-FGHJ", "Ghế A-01-02") != badge_png(*args, "ACDE-FGHJ")


def test_the_desk_answers_with_the_seat_online_and_offline_at_the_same_statement_count(app, client, auth,
                                                                                      count_queries):
    hall, labels = seated_hall(app)
    cid = hall.conference_id
    with app.app_context():
        codes = {d: badge_code(app.config["SECRET_KEY"], db.session.get(Delegate, d)) for d in hall.guests}
        services.unseat(cid, hall.guests[2])
        db.session.commit()
    auth.login("checkin")
    client.post("/api/checkin/desk", json={"desk": "Bàn 1"})

    with count_queries() as seated:
        answer = client.post("/api/checkin", json={"code": codes[hall.guests[1]], "conference_id": cid,
                                                   "nonce": "n-seated"}).get_json()
    undone = client.post("/api/checkin/undo", json={"conference_id": cid, "nonce": "n-seated"}).get_json()
    assert undone["result"] == "undone" and undone["delegate"]["seat"] == labels[hall.guests[1]]
    answer = client.post("/api/checkin", json={"code": codes[hall.guests[1]], "conference_id": cid}).get_json()
    with count_queries() as unseated:
        other = client.post("/api/checkin", json={"code": codes[hall.guests[2]], "conference_id": cid}).get_json()
    listing = client.get(f"/api/conferences/{cid}/badges").get_json()["badges"]

    assert answer["result"] == "checked_in" and answer["delegate"]["seat"] == labels[hall.guests[1]]
    assert other["result"] == "checked_in" and "seat" not in other["delegate"]
    assert seated.count == unseated.count
    assert sorted(b["seat"] for b in listing if "seat" in b) == sorted(
        label for d, label in labels.items() if d != hall.guests[2])

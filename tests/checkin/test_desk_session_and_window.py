"""An offline desk's clock and the signed-in desk: scans dated outside the conference's window are refused at sync
(counted, audited, nothing else written), the board's timeline covers the conference's day only, the desk is the
session's (a "desk" in the JSON is ignored) and only the session that scanned may undo.

The conference of `three` is held on 2025-04-10 (tests/factories.py): its window runs from 2025-04-09 00:00 in
Vietnam (2025-04-08 17:00 UTC) to now + CLOCK_SKEW.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.checkin import queries
from conference.checkin.models import CheckIn, CheckInConflict
from conference.checkin.rules import conference_day, scan_window
from conference.extensions import db
from tests.checkin.test_desk_day import rows, three  # noqa: F401  (the fixture)

OUT_OF_WINDOW = ["2000-01-01T08:00:00.000Z", "0001-01-01T00:00:00.000Z", "0001-01-01T00:00:00+07:00",
                 "2099-04-10T07:32:00+07:00", "2025-04-08T16:59:00Z"]  # the last: a minute before the window opens


def name_desk(client, name: str):
    response = client.post("/api/checkin/desk", json={"desk": name})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


def audit(app, action: str) -> list[AuditEntry]:
    with app.app_context():
        return db.session.execute(select(AuditEntry).where(AuditEntry.entity == "checkin",
                                                           AuditEntry.action == action)
                                  .order_by(AuditEntry.id)).scalars().all()


def test_the_window_runs_from_the_day_before_the_conference_in_vietnam_to_now_plus_the_skew():
    now = datetime(2025, 4, 10, 3, 0)
    start, end = scan_window(datetime(2025, 4, 10).date(), now)
    assert start == datetime(2025, 4, 8, 17, 0)  # 2025-04-09 00:00 in Vietnam
    assert end == datetime(2025, 4, 10, 3, 15)
    assert conference_day(datetime(2025, 4, 10).date()) == (datetime(2025, 4, 9, 17, 0), datetime(2025, 4, 10, 17, 0))


def test_scans_dated_2000_and_year_1_are_refused_at_sync_counted_audited_and_nothing_else_written(
        app, client, auth, three):  # noqa: F811
    cid, codes, ids = three
    auth.login("checkin")
    name_desk(client, "Bàn 7")
    scans = [{"code": codes[0], "nonce": f"old-{i}", "scanned_at": at} for i, at in enumerate(OUT_OF_WINDOW)]
    scans.append({"code": codes[1], "nonce": "good", "scanned_at": "2025-04-10T08:15:00+07:00"})

    response = client.post("/api/checkin/sync", json={"conference_id": cid, "scans": scans})

    assert response.status_code == 200
    body = response.get_json()
    assert (body["synced"], body["refused"], body["out_of_window"], body["conflicts"]) == (6, 5, 5, 0)
    refused = [r for r in body["results"] if r["result"] == "out_of_window"]
    assert sorted(r["nonce"] for r in refused) == sorted(f"old-{i}" for i in range(5))
    for r in refused:
        assert r["delegate"]["name"] == "Nguyễn Thị Lan"  # the desk can say whose scan
        assert r["checked_in_at"] is None
        assert "ngoài thời gian hội nghị" in r["message"]
    by_nonce = {r["nonce"]: r for r in body["results"]}
    assert "01/01/2000" in by_nonce["old-0"]["message"]  # the desk's clock, in Vietnam's time
    assert "01/01/0001" in by_nonce["old-1"]["message"]
    assert by_nonce["good"]["result"] == "checked_in"
    with app.app_context():
        assert db.session.execute(select(CheckIn.delegate_id)).scalars().all() == [ids[1]]
    assert rows(app, CheckInConflict) == 0
    entries = audit(app, "refuse_sync")
    assert len(entries) == 5
    session_ids = {e.after["desk_session"] for e in entries}
    assert len(session_ids) == 1 and None not in session_ids
    assert {(e.after["desk"], e.after["result"], e.after["delegate_id"]) for e in entries} == {
        ("Bàn 7", "out_of_window", ids[0])}
    assert {e.after["scanned_at"][:4] for e in entries} == {"2000", "0001", "2099", "2025"}
    [created] = audit(app, "create")
    assert created.after["desk"] == "Bàn 7" and created.after["desk_session"] in session_ids


def test_other_refusals_at_sync_are_audited_too_and_a_malformed_time_still_refuses_the_request(
        app, client, auth, three):  # noqa: F811
    cid, _codes, _ids = three
    auth.login("checkin")
    name_desk(client, "Bàn 8")
    body = client.post("/api/checkin/sync", json={"conference_id": cid, "scans": [
        {"code": "rác", "nonce": "g", "scanned_at": "2025-04-10T08:00:00+07:00"}]}).get_json()
    assert (body["refused"], body["out_of_window"]) == (1, 0)
    [entry] = audit(app, "refuse_sync")
    assert (entry.after["result"], entry.after["desk"]) == ("invalid", "Bàn 8")

    response = client.post("/api/checkin/sync", json={"conference_id": cid, "scans": [
        {"code": "rác", "nonce": "h", "scanned_at": "0000-01-01T00:00:00Z"}]})
    assert response.status_code == 400


def test_the_boards_timeline_covers_the_conference_day_only_and_stays_small(app, client, auth, ctx, three):  # noqa: F811
    cid, _codes, ids = three
    # Rows as an older server stored them, with times no desk may bring any more: year 1, 2000, far future.
    for delegate_id, at in zip(ids, [datetime(1, 1, 1), datetime(2000, 1, 1), datetime(2025, 4, 10, 1, 7)]):
        db.session.add(CheckIn(conference_id=cid, delegate_id=delegate_id, checked_in_at=at, desk="Bàn 1",
                               offline=True))
    db.session.commit()

    started = time.perf_counter()
    board = queries.board(cid, {"exemplar": "ĐB điển hình"}, "Khách mời")
    assert time.perf_counter() - started < 2

    assert board.overall.arrived == 3
    assert board.timeline == [(datetime(2025, 4, 10, 1, 5), 1)]
    assert queries.timeline([datetime(1, 1, 1), datetime(9999, 12, 31)],
                            day=conference_day(datetime(2025, 4, 10).date())) == []
    day = conference_day(datetime(2025, 4, 10).date())
    every_minute = [day[0] + (day[1] - day[0]) * i / 2000 for i in range(2000)]
    assert len(queries.timeline(every_minute + [datetime(2000, 1, 1)], day=day)) == 288  # a day of 5-minute bars

    auth.login("organizer")
    response = client.get(f"/conferences/{cid}/board?fragment=1")
    assert response.status_code == 200
    # The board says when it was updated by the server's clock, in Vietnam's time (no device's clock is read).
    shown = re.search(r"Cập nhật lúc (\d\d):(\d\d):(\d\d)", response.get_data(as_text=True)).groups()
    vietnam = datetime.now(UTC) + timedelta(hours=7)
    off = (int(shown[0]) * 3600 + int(shown[1]) * 60 + int(shown[2])
           - (vietnam.hour * 3600 + vietnam.minute * 60 + vietnam.second)) % 86_400
    assert min(off, 86_400 - off) < 60, shown


def test_the_desk_is_the_sessions_and_a_desk_in_the_json_is_ignored(app, client, auth, three):  # noqa: F811
    cid, codes, _ids = three
    auth.login("checkin")
    assert name_desk(client, "  Bàn   số 4 ").get_json() == {"desk": "Bàn số 4"}

    online = client.post("/api/checkin", json={"code": codes[0], "conference_id": cid, "desk": "Bàn giả",
                                               "nonce": "a"}).get_json()
    synced = client.post("/api/checkin/sync", json={"conference_id": cid, "desk": "Bàn giả", "scans": [
        {"code": codes[1], "nonce": "b", "scanned_at": "2025-04-10T08:00:00+07:00", "desk": "Bàn giả"}]}).get_json()

    assert online["desk"] == "Bàn số 4"
    assert synced["results"][0]["desk"] == "Bàn số 4"
    with app.app_context():
        records = db.session.execute(select(CheckIn).order_by(CheckIn.id)).scalars().all()
        assert [r.desk for r in records] == ["Bàn số 4", "Bàn số 4"]
        assert records[0].desk_session == records[1].desk_session and records[0].desk_session
    assert client.post("/api/checkin/desk", json={"desk": "   "}).status_code == 400


def test_the_desk_page_shows_the_sessions_desk_name_and_the_servers_clock(app, client, auth, three):  # noqa: F811
    cid, _codes, _ids = three
    auth.login("checkin")
    name_desk(client, "Bàn cổng B")
    html = client.get(f"/conferences/{cid}/checkin").get_data(as_text=True)
    assert 'data-desk="Bàn cổng B"' in html
    assert 'value="Bàn cổng B"' in html
    now_ms = int(html.split('data-now="')[1].split('"')[0])
    assert abs(now_ms / 1000 - time.time()) < 60


def test_naming_the_desk_needs_the_csrf_token(app, client, auth, three):  # noqa: F811
    auth.login("checkin")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post("/api/checkin/desk", json={"desk": "Bàn 9"}).status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_undo_by_another_session_is_refused_and_by_the_scanning_session_audited(app, client, auth, three):  # noqa: F811
    cid, codes, _ids = three
    auth.login("checkin")
    name_desk(client, "Bàn 1")
    client.post("/api/checkin", json={"code": codes[0], "conference_id": cid, "nonce": "n1"})
    scanner = audit(app, "create")[0].after["desk_session"]  # what the audit log shows an organizer

    for username in ("checkin", "organizer"):  # the same account in another browser, and another account
        other = app.test_client()
        other.post("/login", data={"username": username, "password": "secret"})
        name_desk(other, "Bàn 1")
        # A hostile desk names the desk, the scanning session's desk id and the nonce: only its own session counts.
        refused = other.post("/api/checkin/undo", json={"conference_id": cid, "desk": "Bàn 1", "nonce": "n1",
                                                       "desk_session": scanner, "desk_id": scanner})
        assert (refused.status_code, refused.get_json()["result"]) == (409, "other_desk"), username
    assert rows(app) == 1
    assert audit(app, "undo") == []

    done = client.post("/api/checkin/undo", json={"conference_id": cid, "nonce": "n1"})
    assert done.get_json()["result"] == "undone"
    [entry] = audit(app, "undo")
    [created] = audit(app, "create")
    assert entry.before["desk"] == "Bàn 1"
    assert entry.before["desk_session"] == entry.after["desk_session"] == created.after["desk_session"]


def test_a_back_dated_scan_replaces_an_earlier_desks_record_only_inside_the_window_and_earlier(
        app, client, auth, three):  # noqa: F811
    cid, codes, _ids = three
    auth.login("checkin")
    name_desk(client, "Bàn A")
    client.post("/api/checkin", json={"code": codes[0], "conference_id": cid, "nonce": "online"})
    desk_b = app.test_client()
    desk_b.post("/login", data={"username": "checkin", "password": "secret"})
    name_desk(desk_b, "Bàn B")

    def sync(nonce, at):
        return desk_b.post("/api/checkin/sync", json={"conference_id": cid, "scans": [
            {"code": codes[0], "nonce": nonce, "scanned_at": at}]}).get_json()["results"][0]["result"]

    assert sync("b1", "2000-01-01T08:00:00+07:00") == "out_of_window"
    assert sync("b2", "0001-01-01T00:00:00Z") == "out_of_window"
    assert sync("b3", "2099-01-01T00:00:00Z") == "out_of_window"
    with app.app_context():
        assert db.session.execute(select(CheckIn.desk)).scalar_one() == "Bàn A"
    assert rows(app, CheckInConflict) == 0

    assert sync("b4", "2025-04-10T08:00:00+07:00") == "checked_in"  # inside the window and earlier: kept
    with app.app_context():
        assert db.session.execute(select(CheckIn.desk)).scalar_one() == "Bàn B"
    assert rows(app, CheckInConflict) == 1
    [replaced] = audit(app, "update")
    assert (replaced.before["desk"], replaced.after["desk"]) == ("Bàn A", "Bàn B")


def test_a_hostile_desk_reusing_another_sessions_nonce_neither_undoes_nor_blocks_its_undo(
        app, client, auth, three):  # noqa: F811
    """Nonces are the desks' own: a second desk that checks someone else in under the first desk's nonce cannot undo
    the first desk's check-in with it, and the first desk still undoes its own (one row per session, never two)."""
    cid, codes, ids = three
    auth.login("checkin")
    name_desk(client, "Bàn 1")
    client.post("/api/checkin", json={"code": codes[0], "conference_id": cid, "nonce": "n1"})
    hostile = app.test_client()
    hostile.post("/login", data={"username": "organizer", "password": "secret"})
    name_desk(hostile, "Bàn 1")
    assert hostile.post("/api/checkin", json={"code": codes[1], "conference_id": cid, "nonce": "n1"}
                        ).get_json()["result"] == "checked_in"

    assert hostile.post("/api/checkin/undo", json={"conference_id": cid, "nonce": "n1"}).get_json()["result"] == \
        "undone"  # its own check-in of the second delegate
    assert hostile.post("/api/checkin/undo", json={"conference_id": cid, "nonce": "n1"}).status_code == 409
    client.post("/api/checkin", json={"code": codes[2], "conference_id": cid, "nonce": "n1"})  # the same, reused
    done = client.post("/api/checkin/undo", json={"conference_id": cid, "nonce": "n1"})

    assert (done.status_code, done.get_json()["result"]) == (200, "undone")
    with app.app_context():
        assert db.session.execute(select(CheckIn.delegate_id)).scalars().all() == [ids[0]]


def test_a_desk_whose_clock_runs_minutes_fast_keeps_the_scans_made_just_before_it_reconnected(
        app, client, auth, three):  # noqa: F811
    """A laptop without network time drifts by minutes: its last scans before the network came back carry a time a
    few minutes ahead of the server's. They are the people who just walked in: stored as now, not refused."""
    cid, codes, ids = three
    auth.login("checkin")
    name_desk(client, "Bàn 2")
    ahead = (datetime.now(UTC) + timedelta(minutes=8)).isoformat()

    body = client.post("/api/checkin/sync", json={"conference_id": cid, "scans": [
        {"code": codes[0], "nonce": "fast", "scanned_at": ahead}]}).get_json()

    assert (body["results"][0]["result"], body["refused"]) == ("checked_in", 0)
    with app.app_context():
        record = db.session.execute(select(CheckIn)).scalar_one()
        assert record.delegate_id == ids[0] and record.checked_in_at <= datetime.now(UTC).replace(tzinfo=None)


def test_a_desk_clock_hours_fast_on_the_day_itself_is_told_it_runs_fast_not_given_todays_date(
        app, client, auth, three):  # noqa: F811
    cid, codes, _ids = three
    auth.login("checkin")
    name_desk(client, "Bàn 2")
    now = datetime.now(UTC)
    ahead = now + timedelta(minutes=30)  # past the skew: refused

    body = client.post("/api/checkin/sync", json={"conference_id": cid, "scans": [
        {"code": codes[0], "nonce": "fast", "scanned_at": ahead.isoformat()}]}).get_json()

    [refused] = body["results"]
    assert refused["result"] == "out_of_window"
    vietnam = ZoneInfo("Asia/Ho_Chi_Minh")
    if ahead.astimezone(vietnam).date() == now.astimezone(vietnam).date():
        assert "chạy nhanh hơn giờ máy chủ" in refused["message"] and "ghi ngày" not in refused["message"]
    else:  # the half hour crossed midnight in Vietnam: the clock's date is tomorrow's, and says so
        assert ahead.astimezone(vietnam).strftime("%d/%m/%Y") in refused["message"]


def test_arrivals_all_outside_the_conference_day_are_said_so_not_that_nobody_came(app, client, auth, ctx, three):  # noqa: F811
    cid, _codes, ids = three  # the conference is on 10/04/2025
    db.session.add(CheckIn(conference_id=cid, delegate_id=ids[0], checked_in_at=datetime(2025, 4, 12, 1, 0),
                           desk="Bàn 1"))
    db.session.commit()
    auth.login("organizer")

    page = client.get(f"/conferences/{cid}/board?fragment=1").get_data(as_text=True)

    assert "Không có lượt đến nào trong ngày hội nghị (10/04/2025)" in page
    assert "Chưa có đại biểu nào đến." not in page

"""The day's desk rules: undo by the desk that scanned, offline sync keeping the earliest check-in and
reporting conflicts, the offline badge list (hashes, name and unit only), the live board."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from conference.badges.services import badge_code, reissue_badge
from conference.checkin import queries
from conference.checkin.models import CheckIn, CheckInConflict
from conference.checkin.rules import CLOCK_SKEW
from conference.checkin.services import (
    OfflineScan,
    UndoRefused,
    check_in,
    code_hash,
    fallback_hash,
    offline_badge_list,
    sync_offline_scans,
    undo_check_in,
)
from conference.core.clock import utcnow
from conference.core.shortcode import spaced
from conference.delegates.models import Delegate
from conference.extensions import db
from tests.checkin.test_api import seat_exemplar
from tests.factories import make_world

SECRET = "test-secret-key"


@pytest.fixture
def three(app):
    """A conference with three exemplars (two of unit 1, one of unit 2); yields (conference_id, [codes], [ids])."""
    with app.app_context():
        world = make_world()
        people = [(0, "Nguyễn Thị Lan"), (0, "Phạm Văn Hùng"), (1, "Lê Thị Mai")]
        delegates = [seat_exemplar(world.conference_id, world.unit_ids[u], world.unit_user_ids[u], name)
                     for u, name in people]
        db.session.commit()
        return world.conference_id, [badge_code(SECRET, d) for d in delegates], [d.id for d in delegates]


def rows(app, model=CheckIn) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(model)).scalar_one()


# Undo


def test_desk_undoes_its_own_last_check_in(ctx, three):
    cid, codes, ids = three
    check_in(SECRET, cid, codes[0], desk="Bàn 1", user_id=None, nonce="n1", desk_session="s1")

    delegate = undo_check_in(cid, "s1", "n1")

    assert delegate.id == ids[0]
    assert db.session.execute(select(func.count()).select_from(CheckIn)).scalar_one() == 0
    assert check_in(SECRET, cid, codes[0], desk="Bàn 1", user_id=None, nonce="n2").result == "checked_in"


def test_another_desk_cannot_undo_the_check_in(ctx, three):
    cid, codes, _ids = three
    check_in(SECRET, cid, codes[0], desk="Bàn 1", user_id=None, nonce="n1", desk_session="s1")

    with pytest.raises(UndoRefused) as refusal:
        undo_check_in(cid, "s2", "n1", desk="Bàn 1")  # naming the same desk proves nothing

    assert refusal.value.reason == "other_desk"
    assert db.session.execute(select(func.count()).select_from(CheckIn)).scalar_one() == 1


def test_only_the_desks_last_check_in_can_be_undone(ctx, three):
    cid, codes, _ids = three
    check_in(SECRET, cid, codes[0], desk="Bàn 1", user_id=None, nonce="n1", desk_session="s1")
    check_in(SECRET, cid, codes[1], desk="Bàn 1", user_id=None, nonce="n2", desk_session="s1")
    check_in(SECRET, cid, codes[2], desk="Bàn 2", user_id=None, nonce="n3",
             desk_session="s2")  # another desk does not matter

    with pytest.raises(UndoRefused) as refusal:
        undo_check_in(cid, "s1", "n1")
    assert refusal.value.reason == "not_last"
    assert undo_check_in(cid, "s1", "n2").full_name == "Phạm Văn Hùng"
    assert db.session.execute(select(func.count()).select_from(CheckIn)).scalar_one() == 2


def test_undo_of_an_unknown_scan_is_not_found(ctx, three):
    cid, _codes, _ids = three
    with pytest.raises(UndoRefused) as refusal:
        undo_check_in(cid, "s1", "never-sent")
    assert refusal.value.reason == "not_found"


def test_undo_api_answers_409_in_vietnamese_for_another_desk(app, client, auth, three):
    cid, codes, _ids = three
    auth.login("checkin")
    client.post("/api/checkin/desk", json={"desk": "Bàn 1"})
    client.post("/api/checkin", json={"code": codes[0], "conference_id": cid, "nonce": "n1"})

    other = app.test_client()  # another signed-in session, naming the same desk
    other.post("/login", data={"username": "checkin", "password": "secret"})
    other.post("/api/checkin/desk", json={"desk": "Bàn 1"})
    refused = other.post("/api/checkin/undo", json={"conference_id": cid, "desk": "Bàn 1", "nonce": "n1"})
    assert refused.status_code == 409
    assert refused.get_json()["message"] == ("Lượt điểm danh này do bàn khác (hoặc phiên đăng nhập khác) thực hiện: "
                                             "chỉ bàn đó được hủy.")
    assert rows(app) == 1

    done = client.post("/api/checkin/undo", json={"conference_id": cid, "nonce": "n1"})
    assert done.status_code == 200
    assert done.get_json()["result"] == "undone"
    assert done.get_json()["message"] == "Đã hủy điểm danh của Nguyễn Thị Lan."
    assert rows(app) == 0


def test_undo_api_without_nonce_is_a_400(client, auth, three):
    cid, _codes, _ids = three
    auth.login("checkin")
    response = client.post("/api/checkin/undo", json={"conference_id": cid, "desk": "Bàn 1"})
    assert response.status_code == 400


# Offline sync


def test_offline_scan_is_stored_at_the_desks_scan_time(ctx, three):
    cid, codes, _ids = three
    scanned = utcnow() - timedelta(minutes=7)

    outcome = check_in(SECRET, cid, codes[0], desk="Bàn 3", user_id=None, nonce="o1", scanned_at=scanned)

    assert outcome.result == "checked_in"
    record = db.session.execute(select(CheckIn)).scalar_one()
    assert record.checked_in_at == scanned
    assert record.offline is True


def test_offline_time_in_the_future_within_the_skew_is_stored_as_now_and_beyond_it_refused(ctx, three):
    cid, codes, _ids = three
    before = utcnow()

    late = check_in(SECRET, cid, codes[0], desk="Bàn 3", user_id=None, nonce="o1",
                    scanned_at=before + timedelta(hours=5))
    assert late.result == "out_of_window"
    assert db.session.execute(select(func.count()).select_from(CheckIn)).scalar_one() == 0

    check_in(SECRET, cid, codes[0], desk="Bàn 3", user_id=None, nonce="o2",
             scanned_at=before + CLOCK_SKEW - timedelta(seconds=30))
    record = db.session.execute(select(CheckIn)).scalar_one()
    assert before <= record.checked_in_at <= utcnow()


def test_two_offline_desks_same_badge_keep_the_earliest_and_record_the_conflict(ctx, three):
    cid, codes, ids = three
    t0 = utcnow() - timedelta(minutes=10)
    # Desk B syncs first although it scanned later.
    later = check_in(SECRET, cid, codes[0], desk="Bàn B", user_id=None, nonce="b", scanned_at=t0 + timedelta(minutes=2))
    earlier = check_in(SECRET, cid, codes[0], desk="Bàn A", user_id=None, nonce="a", scanned_at=t0)

    assert later.result == "checked_in" and not later.conflict
    assert earlier.result == "checked_in" and earlier.conflict
    record = db.session.execute(select(CheckIn)).scalar_one()
    assert (record.desk, record.checked_in_at, record.nonce) == ("Bàn A", t0, "a")
    conflict = db.session.execute(select(CheckInConflict)).scalar_one()
    assert (conflict.delegate_id, conflict.kept_desk, conflict.kept_at) == (ids[0], "Bàn A", t0)
    assert (conflict.other_desk, conflict.other_at) == ("Bàn B", t0 + timedelta(minutes=2))


def test_offline_scan_later_than_the_online_check_in_is_already_checked_in_and_a_conflict(ctx, three):
    cid, codes, _ids = three
    online = check_in(SECRET, cid, codes[0], desk="Bàn 1", user_id=None, nonce="on")

    late = check_in(SECRET, cid, codes[0], desk="Bàn 2", user_id=None, nonce="off",
                    scanned_at=online.checked_in_at + timedelta(seconds=30))

    assert late.result == "already_checked_in"
    assert late.conflict
    assert late.desk == "Bàn 1"
    assert db.session.execute(select(CheckIn.desk)).scalar_one() == "Bàn 1"
    assert db.session.execute(select(func.count()).select_from(CheckInConflict)).scalar_one() == 1


def test_resent_sync_changes_nothing(ctx, three):
    cid, codes, _ids = three
    t0 = utcnow() - timedelta(minutes=3)
    scans = [OfflineScan(codes[i], f"q{i}", t0 + timedelta(seconds=i)) for i in range(3)]

    first = sync_offline_scans(SECRET, cid, scans, desk="Bàn 4", user_id=None)
    again = sync_offline_scans(SECRET, cid, scans, desk="Bàn 4", user_id=None)

    assert [o.result for o in first.outcomes] == ["checked_in"] * 3
    assert [o.result for o in again.outcomes] == ["checked_in"] * 3
    assert db.session.execute(select(func.count()).select_from(CheckIn)).scalar_one() == 3
    assert db.session.execute(select(func.count()).select_from(CheckInConflict)).scalar_one() == 0


def test_sync_api_reports_results_and_conflicts(app, client, auth, three):
    cid, codes, _ids = three
    auth.login("checkin")
    client.post("/api/checkin/desk", json={"desk": "Bàn 5"})
    client.post("/api/checkin", json={"code": codes[1], "conference_id": cid, "nonce": "x"})
    scans = [{"code": codes[0], "nonce": "s0", "scanned_at": "2025-04-10T00:31:00.000Z"},
             {"code": codes[1], "nonce": "s1", "scanned_at": "2025-04-10T07:32:00+07:00"},
             {"code": "rác", "nonce": "s2", "scanned_at": "2025-04-10T07:33:00+07:00"},
             {"code": codes[2], "nonce": "s3", "scanned_at": "2099-04-10T07:32:00+07:00"}]

    body = client.post("/api/checkin/sync", json={"conference_id": cid, "scans": scans}).get_json()

    assert body["synced"] == 4
    assert body["conflicts"] == 1  # s1 is earlier than the online check-in: it replaces it
    assert (body["refused"], body["out_of_window"]) == (2, 1)
    assert [(r["nonce"], r["result"]) for r in body["results"]] == [
        ("s0", "checked_in"), ("s1", "checked_in"), ("s2", "invalid"), ("s3", "out_of_window")]  # oldest first
    assert body["results"][0]["checked_in_at"] == "2025-04-10T07:31:00+07:00"
    assert rows(app) == 2


@pytest.mark.parametrize("scans", [
    "not a list", [{"code": "x", "nonce": "n"}], [{"code": "x", "nonce": "n", "scanned_at": "hôm qua"}],
    [{"code": "x", "nonce": "n", "scanned_at": "2025-04-10T07:30:00"}],  # no offset: ambiguous
])
def test_sync_api_refuses_malformed_scans_and_writes_nothing(app, client, auth, three, scans):
    cid, codes, _ids = three
    auth.login("checkin")
    payload = {"conference_id": cid, "scans": scans}
    if isinstance(scans, list):
        payload["scans"] = [{"code": codes[0], "nonce": "ok", "scanned_at": "2025-04-10T07:30:00Z"}] + scans

    response = client.post("/api/checkin/sync", json=payload)

    assert response.status_code == 400
    assert response.get_json()["message"] == "Danh sách lượt quét không hợp lệ."
    assert rows(app) == 0


# Offline badge list


def test_offline_list_has_hashes_of_valid_codes_and_no_codes(app, client, auth, three):
    cid, codes, ids = three
    with app.app_context():
        reissue_badge(db.session.get(Delegate, ids[2]))
        db.session.commit()
    auth.login("checkin")
    client.post("/api/checkin/desk", json={"desk": "Bàn 1"})
    client.post("/api/checkin", json={"code": codes[0], "conference_id": cid})

    response = client.get(f"/api/conferences/{cid}/badges")

    body = response.get_json()
    assert response.headers["Cache-Control"] == "private, no-store"
    entries = {e["hash"]: e for e in body["badges"]}
    assert hashlib.sha256(codes[0].encode()).hexdigest() in entries
    assert code_hash(codes[2]) not in entries  # revoked by the reissue
    assert len(entries) == 3
    text = response.get_data(as_text=True)
    for code in codes:
        assert code not in text
    first = entries[code_hash(codes[0])]
    assert set(first) == {"hash", "fallback_hash", "name", "unit", "badge", "colour", "checked_in_at", "desk"}
    with app.app_context():
        fallbacks = [db.session.get(Delegate, i).fallback_code for i in ids]
    for fallback in fallbacks:
        assert fallback not in text and spaced(fallback) not in text
    assert first["fallback_hash"] == fallback_hash(cid, fallbacks[0])
    assert (first["name"], first["desk"]) == ("Nguyễn Thị Lan", "Bàn 1")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d.*\+07:00", first["checked_in_at"])
    assert entries[code_hash(codes[1])]["checked_in_at"] is None


def test_offline_list_service_takes_a_fixed_number_of_queries(ctx, three):
    cid, _codes, _ids = three
    entries = offline_badge_list(SECRET, cid)
    assert sorted(e.name for e in entries) == ["Lê Thị Mai", "Nguyễn Thị Lan", "Phạm Văn Hùng"]


# Board


def test_timeline_buckets_are_five_minutes_with_empty_buckets_kept():
    base = datetime(2025, 4, 10, 0, 31)
    times = [base, base + timedelta(minutes=1), base + timedelta(minutes=16)]

    assert queries.timeline(times) == [
        (datetime(2025, 4, 10, 0, 30), 2), (datetime(2025, 4, 10, 0, 35), 0),
        (datetime(2025, 4, 10, 0, 40), 0), (datetime(2025, 4, 10, 0, 45), 1)]
    assert queries.timeline([]) == []


def test_board_counts_and_puts_units_missing_delegates_first(ctx, three):
    cid, codes, _ids = three
    on_the_day = datetime(2025, 4, 10, 1, 30)  # 08:30 in Vietnam on the conference's date
    check_in(SECRET, cid, codes[2], desk="Bàn 2", user_id=None, scanned_at=on_the_day)  # unit 2 complete
    check_in(SECRET, cid, codes[0], desk="Bàn 1", user_id=None, scanned_at=on_the_day)  # unit 1: one of two

    board = queries.board(cid, {"exemplar": "ĐB điển hình"}, "Khách mời")

    assert (board.overall.arrived, board.overall.expected) == (2, 3)
    assert [(k.label, k.arrived, k.expected) for k in board.kinds] == [("ĐB điển hình", 2, 3)]
    assert [(u.label, u.missing) for u in board.units] == [("Công đoàn cơ sở số 1", 1), ("Công đoàn cơ sở số 2", 0)]
    assert board.desks == [("Bàn 1", 1), ("Bàn 2", 1)]
    assert sum(n for _at, n in board.timeline) == 2


def test_board_page_and_fragment_show_the_figures(client, auth, three):
    cid, codes, _ids = three
    auth.login("organizer")
    client.post("/api/checkin", json={"code": codes[0], "conference_id": cid, "desk": "Bàn 1"})

    page = client.get(f"/conferences/{cid}/board").get_data(as_text=True)
    fragment = client.get(f"/conferences/{cid}/board?fragment=1").get_data(as_text=True)

    assert "Bảng theo dõi đại biểu đến" in page
    assert "<html" not in fragment
    for html in (page, fragment):
        assert re.search(r'data-testid="board-overall">1 / 3<', html)
        assert 'data-unit="Công đoàn cơ sở số 1"' in html


def test_board_lists_offline_conflicts(client, auth, three, app):
    cid, codes, _ids = three
    with app.app_context():
        t0 = utcnow() - timedelta(minutes=5)
        check_in(SECRET, cid, codes[0], desk="Bàn B", user_id=None, nonce="b", scanned_at=t0 + timedelta(minutes=1))
        check_in(SECRET, cid, codes[0], desk="Bàn A", user_id=None, nonce="a", scanned_at=t0)
        db.session.commit()
    auth.login("organizer")

    html = client.get(f"/conferences/{cid}/board?fragment=1").get_data(as_text=True)

    assert "Trùng lượt điểm danh ngoại tuyến" in html
    assert "Nguyễn Thị Lan: giữ Bàn A lúc" in html


def test_ping_answers_ok_for_the_desk_of_this_conference(client, auth, three):
    auth.login("checkin")
    assert client.get(f"/api/conferences/{three[0]}/ping").get_json() == {"ok": True}

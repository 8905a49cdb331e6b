"""The scan API `POST /api/checkin`, the name search fallback, racing desks and the dashboard's attendance.

Request JSON {"code", "conference_id", "desk", "nonce"} → JSON {"result", "delegate": {"name", "unit",
"category"} | null, "checked_in_at": ISO-8601 | null, "message"}.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import datetime

import pytest
from sqlalchemy import func, select

from conference.audit.models import AuditEntry
from conference.auth.models import User
from conference.badges.codes import make_badge_code
from conference.badges.services import badge_code, reissue_badge
from conference.checkin.models import CheckIn
from conference.checkin.services import check_in
from conference.core.clock import LOCAL_TZ, local_today
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.services import Actor, approve_nomination, submit_nomination
from tests.factories import make_world, nomination_data

NAME = "Nguyễn Thị Lan"
UNIT_NAME = "Công đoàn cơ sở số 1"


@dataclass
class Desk:
    conference_id: int
    other_conference_id: int
    delegate_id: int
    code: str
    secret: str
    token: str
    fallback: str


def seat_exemplar(conference_id: int, unit_id: int, unit_user_id: int, name: str) -> Delegate:
    nomination = submit_nomination(conference_id, unit_id, nomination_data(name), Actor(user_id=unit_user_id),
                                   local_today())
    approve_nomination(nomination.id)
    return db.session.execute(select(Delegate).where(Delegate.nomination_id == nomination.id)).scalar_one()


@pytest.fixture
def desk(app) -> Desk:
    """A conference with one exemplar delegate (Nguyễn Thị Lan of unit 1) and that delegate's badge code."""
    with app.app_context():
        world = make_world()
        delegate = seat_exemplar(world.conference_id, world.unit_ids[0], world.unit_user_ids[0], NAME)
        db.session.commit()
        secret = app.config["SECRET_KEY"]
        return Desk(conference_id=world.conference_id, other_conference_id=world.other_conference_id,
                    delegate_id=delegate.id, code=badge_code(secret, delegate), secret=secret,
                    token=delegate.badge_token, fallback=delegate.fallback_code)


@pytest.fixture
def scan(client, auth, desk):
    """POST a code to the scan API as the check-in clerk; returns the response."""
    auth.login("checkin")

    def scan(code: str, *, desk_name: str = "Bàn 1", nonce: str | None = None,
             conference_id: int | None = None):
        client.post("/api/checkin/desk", json={"desk": desk_name})  # the desk is the session's, named on the page
        payload = {"code": code, "conference_id": conference_id or desk.conference_id}
        if nonce is not None:
            payload["nonce"] = nonce
        return client.post("/api/checkin", json=payload)

    return scan


def checkin_rows(app) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(CheckIn)).scalar_one()


def alter_one_character(code: str) -> str:
    """The code with its first character changed (the first base64 character carries six payload bits)."""
    first = "B" if code[0] != "B" else "C"
    return first + code[1:]


# The five results


def test_first_scan_checks_in_and_names_the_delegate(app, scan, desk):
    response = scan(desk.code)

    assert response.status_code == 200
    body = response.get_json()
    assert body["result"] == "checked_in"
    assert body["delegate"] == {"name": NAME, "unit": UNIT_NAME, "category": "Điển hình tiên tiến",
                                "badge": "Đại biểu điển hình tiên tiến", "colour": "#0b4f9c"}
    assert body["desk"] == "Bàn 1"
    moment = datetime.fromisoformat(body["checked_in_at"])
    assert moment.utcoffset() == LOCAL_TZ.utcoffset(moment.replace(tzinfo=None))  # Vietnam time, +07:00
    # The name is in `delegate`, shown big at the desk; the message says when.
    assert body["message"] == f"Đã điểm danh lúc {moment:%H:%M}. Chào mừng đại biểu!"
    assert checkin_rows(app) == 1


def test_second_scan_is_already_checked_in_with_the_first_desk_and_time(app, scan, desk):
    first = scan(desk.code, desk_name="Bàn số 2").get_json()

    second = scan(desk.code, desk_name="Bàn số 5").get_json()

    assert second["result"] == "already_checked_in"
    assert second["checked_in_at"] == first["checked_in_at"]
    assert second["delegate"]["name"] == NAME
    first_time = datetime.fromisoformat(first["checked_in_at"]).strftime("%H:%M")
    assert re.fullmatch(r"\d\d:\d\d", first_time)
    assert first_time in second["message"]
    assert "Bàn số 2" in second["message"]  # the desk of the first check-in, not this one
    assert "Bàn số 5" not in second["message"]
    assert checkin_rows(app) == 1


def test_a_check_in_is_in_the_audit_log_with_who_which_desk_and_a_repeat_adds_nothing(app, scan, desk):
    scan(desk.code, desk_name="Bàn số 2")
    scan(desk.code, desk_name="Bàn số 3")  # already checked in: nothing changed, nothing logged

    with app.app_context():
        clerk = db.session.execute(select(User).where(User.role == "checkin")).scalars().first()
        entries = db.session.execute(select(AuditEntry).where(AuditEntry.entity == "checkin")).scalars().all()
        record = db.session.execute(select(CheckIn)).scalar_one()
        assert [(e.action, e.entity_id, e.conference_id, e.user_id, e.after) for e in entries] == [
            ("create", record.id, desk.conference_id, clerk.id,
             {"delegate_id": desk.delegate_id, "desk": "Bàn số 2", "desk_session": record.desk_session,
              "offline": False})]
        assert record.desk_session
        assert entries[0].at is not None and abs((entries[0].at - record.checked_in_at).total_seconds()) < 5


@pytest.mark.parametrize("code", ["hello world", "", "   ", "1.2.3", "x" * 500])
def test_garbage_text_is_invalid(app, scan, code):
    body = scan(code).get_json()

    assert body["result"] == "invalid"
    assert body["delegate"] is None
    assert body["checked_in_at"] is None
    assert body["message"] == "Không phải thẻ đại biểu của hệ thống."  # the title says "Mã không hợp lệ"
    assert checkin_rows(app) == 0


def test_real_code_with_one_character_altered_is_invalid(app, scan, desk):
    altered = alter_one_character(desk.code)
    assert altered != desk.code

    body = scan(altered).get_json()

    assert body["result"] == "invalid"
    assert body["delegate"] is None
    assert checkin_rows(app) == 0


def test_code_signed_with_another_secret_is_invalid(app, scan, desk):
    forged = make_badge_code("other", desk.conference_id, desk.delegate_id, desk.token)

    body = scan(forged).get_json()

    assert body["result"] == "invalid"
    assert body["delegate"] is None
    assert checkin_rows(app) == 0


def test_old_code_after_reissue_is_revoked_and_new_code_checks_in(app, scan, desk):
    with app.app_context():
        delegate = db.session.get(Delegate, desk.delegate_id)
        reissue_badge(delegate)
        new_code = badge_code(desk.secret, delegate)
        db.session.commit()
    assert new_code != desk.code

    old = scan(desk.code).get_json()

    assert old["result"] == "revoked"
    assert old["delegate"] is None  # as on the offline desk, whose list has the new badge only
    assert old["checked_in_at"] is None
    assert old["message"].startswith("Thẻ cũ hoặc đã cấp lại")  # the title says "Thẻ đã thu hồi"
    assert checkin_rows(app) == 0
    assert scan(new_code).get_json()["result"] == "checked_in"


def test_a_badge_reprinted_between_the_scans_read_and_its_insert_is_revoked_and_not_checked_in(
        app, desk, monkeypatch):
    """The delegate is read before the write lock; the INSERT itself checks the badge is still the current one."""
    from conference.checkin import services

    with app.app_context():
        stale = services._card(desk.delegate_id)  # what the scan read: serial 1
        reissue_badge(db.session.get(Delegate, desk.delegate_id))  # the desk reprints: serial 2
        real, calls = services._card, []

        def first_read_is_stale(delegate_id):
            calls.append(delegate_id)
            return stale if len(calls) == 1 else real(delegate_id)

        monkeypatch.setattr(services, "_card", first_read_is_stale)
        outcome = check_in(desk.secret, desk.conference_id, desk.code, desk="Bàn 1", user_id=None, nonce="n1")

        assert (outcome.result, outcome.delegate) == ("revoked", None)
    assert checkin_rows(app) == 0


def test_valid_code_of_another_conference_is_wrong_conference(app, scan, desk):
    code = make_badge_code(desk.secret, desk.other_conference_id, desk.delegate_id, desk.token)

    body = scan(code).get_json()

    assert body["result"] == "wrong_conference"
    assert body["delegate"] is None
    assert body["checked_in_at"] is None
    assert body["message"] == "Thẻ của hội nghị khác, không phải hội nghị này."
    assert checkin_rows(app) == 0


def test_scanning_at_a_conference_of_another_federation_is_refused_with_403(app, scan, desk):
    response = scan(desk.code, conference_id=desk.other_conference_id)

    assert response.status_code == 403
    assert response.get_json()["result"] == "wrong_conference"
    assert checkin_rows(app) == 0


def test_missing_code_is_a_400(client, auth, desk):
    auth.login("checkin")

    response = client.post("/api/checkin", json={"conference_id": desk.conference_id})

    assert response.status_code == 400
    assert response.get_json()["result"] == "invalid"


# Retries


def test_same_nonce_sent_twice_counts_once_and_answers_checked_in(app, scan, desk):
    first = scan(desk.code, nonce="5f0c1d2e3a4b").get_json()

    retry = scan(desk.code, nonce="5f0c1d2e3a4b").get_json()

    assert first["result"] == "checked_in"
    assert retry["result"] == "checked_in"
    assert retry["checked_in_at"] == first["checked_in_at"]
    assert checkin_rows(app) == 1


def test_a_different_nonce_is_already_checked_in(app, scan, desk):
    scan(desk.code, nonce="first-scan-nonce")

    body = scan(desk.code, nonce="second-scan-nonce").get_json()

    assert body["result"] == "already_checked_in"
    assert checkin_rows(app) == 1


def test_a_nonce_used_for_another_delegate_does_not_stop_this_delegates_check_in(app, scan, desk):
    with app.app_context():
        world_unit = db.session.get(Delegate, desk.delegate_id).unit_id
        unit_user = db.session.execute(select(User.id).where(User.organization_id == world_unit)).scalar_one()
        other = seat_exemplar(desk.conference_id, world_unit, unit_user, "Phạm Văn Hùng")
        other_code = badge_code(desk.secret, other)
        db.session.commit()
    assert scan(desk.code, nonce="shared-nonce").get_json()["result"] == "checked_in"

    body = scan(other_code, nonce="shared-nonce").get_json()

    assert body["result"] == "checked_in"
    assert body["delegate"]["name"] == "Phạm Văn Hùng"
    assert checkin_rows(app) == 2


# Name search fallback


@pytest.mark.parametrize("query", ["lan", "LAN", "Thị Lan"])
def test_name_search_finds_the_delegate_case_insensitively_and_its_code_checks_in(client, scan, desk, query):
    response = client.get(f"/api/conferences/{desk.conference_id}/delegates", query_string={"q": query})

    assert response.status_code == 200
    found = response.get_json()["delegates"]
    assert [d["name"] for d in found] == [NAME]
    assert found[0]["unit"] == UNIT_NAME
    assert found[0]["checked_in"] is False
    assert scan(found[0]["code"]).get_json()["result"] == "checked_in"

    again = client.get(f"/api/conferences/{desk.conference_id}/delegates", query_string={"q": query})
    assert again.get_json()["delegates"][0]["checked_in"] is True


def test_name_search_needs_two_characters(client, auth, desk):
    auth.login("checkin")

    response = client.get(f"/api/conferences/{desk.conference_id}/delegates", query_string={"q": "L"})

    assert response.get_json() == {"delegates": []}


def test_name_search_does_not_find_a_name_that_is_not_there(client, auth, desk):
    auth.login("checkin")

    response = client.get(f"/api/conferences/{desk.conference_id}/delegates", query_string={"q": "Hoàng"})

    assert response.get_json() == {"delegates": []}


# Racing desks


@pytest.mark.real_commits  # threads on their own connections: see each other's commits
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_sixteen_desks_scanning_one_badge_at_once_check_in_exactly_once(app, desk, backend):
    threads_count = 16
    barrier = threading.Barrier(threads_count)
    results: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def desk_thread(i: int) -> None:
        try:
            with app.app_context():
                barrier.wait(timeout=30)
                outcome = check_in(desk.secret, desk.conference_id, desk.code, desk=f"Bàn {i}", user_id=None,
                                   nonce=f"nonce-{i}")
                db.session.commit()  # what the request does at its end
                with lock:
                    results.append(outcome.result)
                db.session.remove()
        except BaseException as error:  # noqa: BLE001 - reported below, a thread must not die silently
            with lock:
                errors.append(error)

    threads = [threading.Thread(target=desk_thread, args=(i,)) for i in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    assert sorted(results) == ["already_checked_in"] * 15 + ["checked_in"]
    assert checkin_rows(app) == 1


# Dashboard


def arrived_stat(html: str) -> str:
    match = re.search(r'<div class="stat-label">Đã đến</div>\s*<div class="stat-value">([^<]*)</div>', html)
    assert match, "the dashboard has no 'Đã đến' figure"
    return match.group(1)


def test_dashboard_counts_arrived_delegates_after_a_check_in(app, client, auth, desk):
    auth.login("organizer")
    before = client.get(f"/conferences/{desk.conference_id}")
    assert before.status_code == 200
    assert arrived_stat(before.get_data(as_text=True)) == "0 / 1"

    response = client.post("/api/checkin", json={"code": desk.code, "conference_id": desk.conference_id})
    assert response.get_json()["result"] == "checked_in"

    after = client.get(f"/conferences/{desk.conference_id}").get_data(as_text=True)
    assert arrived_stat(after) == "1 / 1"
    assert re.search(r'Điển hình tiên tiến đã đến</div>\s*<div class="stat-value">1 / 1</div>', after)


def test_a_check_in_time_is_stored_as_every_other_time_is(app, desk, backend):
    """The scan's INSERT … SELECT binds its values with their column types: on SQLite the time is text in
    SQLAlchemy's format (microseconds always written), so it sorts and compares like the times other writes store."""
    from sqlalchemy import text

    with app.app_context():
        check_in(desk.secret, desk.conference_id, desk.code, desk="Bàn 1", user_id=None, nonce="t0",
                 scanned_at=datetime(2025, 4, 10, 7, 30, 0))
        stored = db.session.execute(text("SELECT checked_in_at FROM checkins")).scalar_one()
        row = db.session.execute(select(CheckIn)).scalar_one()

    assert row.checked_in_at == datetime(2025, 4, 10, 7, 30, 0)
    assert row.offline is True
    if backend == "sqlite":
        assert stored == "2025-04-10 07:30:00.000000"

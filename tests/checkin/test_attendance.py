"""Who is missing and the record of the day: the board's missing list (presidium and guests first, then by unit,
Vietnamese name order) and the units nobody of which has arrived; closing the desks (scans refused with 409,
the board says closed), reopening; the attendance report (xlsx) and the absentees' print page; audit rows."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, fields
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.badges.services import badge_code
from conference.checkin import queries
from conference.checkin.attendance import ReportInfo
from conference.checkin.closing import DesksClosed, close_desks, ensure_open, reopen_desks
from conference.checkin.models import CheckIn
from conference.checkin.services import check_in
from conference.conferences.letterhead import Letterhead
from conference.core.errors import RuleViolation
from conference.delegates.models import Delegate
from conference.delegates.services import add_guest, set_presidium
from conference.dossier.reports import DocumentInfo
from conference.extensions import db
from conference.invitations.services import record_answer
from conference.seating.services import save_layout, seat_automatically
from tests.checkin.test_api import seat_exemplar
from tests.factories import make_world

SECRET = "test-secret-key"
UNIT = ["Công đoàn cơ sở số 1", "Công đoàn cơ sở số 2", "Công đoàn cơ sở số 3"]


@dataclass
class Day:
    conference_id: int
    codes: dict[str, str]


@pytest.fixture
def day(app) -> Day:
    """Unit 1: Lan, Bình, Ánh; unit 2: Hùng (presidium, 1st), An; unit 3: Tâm; guests Khoa (presidium, 2nd) and
    Ngọc. Lan (Bàn 1) and Ngọc (Bàn 2) have arrived."""
    with app.app_context():
        world = make_world(quotas=(3, 3, 3))
        people = [(0, "Nguyễn Thị Lan"), (0, "Trần Văn Bình"), (0, "Lê Thị Ánh"), (1, "Phạm Văn Hùng"),
                  (1, "Đỗ Thị An"), (2, "Võ Văn Tâm")]
        delegates = {name: seat_exemplar(world.conference_id, world.unit_ids[u], world.unit_user_ids[u], name)
                     for u, name in people}
        for name, position in (("Mai Minh Khoa", "Bí thư Huyện ủy"), ("Hồ Thị Ngọc", "Chủ tịch UBND huyện")):
            delegates[name] = add_guest(world.conference_id, {"full_name": name, "position": position,
                                                              "gender": "male"})
        set_presidium(world.conference_id, [delegates["Phạm Văn Hùng"].id, delegates["Mai Minh Khoa"].id])
        codes = {name: badge_code(SECRET, d) for name, d in delegates.items()}
        check_in(SECRET, world.conference_id, codes["Nguyễn Thị Lan"], desk="Bàn 1", user_id=None, nonce="a")
        check_in(SECRET, world.conference_id, codes["Hồ Thị Ngọc"], desk="Bàn 2", user_id=None, nonce="b")
        db.session.commit()
        return Day(world.conference_id, codes)


def _board(conference_id: int) -> queries.Board:
    return queries.board(conference_id, {"presidium": "Đoàn Chủ tịch"}, "Đại biểu khách mời")


def test_the_board_lists_the_missing_presidium_and_guests_first_then_by_unit_in_name_order(ctx, day):
    board = _board(day.conference_id)

    assert [(g.key, g.label, [p.name for p in g.people]) for g in board.missing] == [
        ("presidium", "Đoàn Chủ tịch", ["Phạm Văn Hùng", "Mai Minh Khoa"]),  # seating order
        (("unit", UNIT[0], ["Lê Thị Ánh", "Trần Văn Bình"])),  # given names: Ánh < Bình (Lan arrived)
        ("unit", UNIT[1], ["Đỗ Thị An"]),
        ("unit", UNIT[2], ["Võ Văn Tâm"]),
    ]  # the guests' group is gone: Ngọc arrived, Khoa is listed with the presidium
    assert board.missing_count == 6
    assert board.empty_units == [UNIT[1], UNIT[2]]  # unit 1 has Lan
    assert board.closed_at is None


def test_the_board_page_shows_the_missing_names_and_the_units_with_nobody(ctx, day, client, auth):
    auth.login("organizer")
    page = client.get(f"/conferences/{day.conference_id}/board").get_data(as_text=True)

    missing = page[page.index('data-testid="board-missing"'):]
    order = [missing.index(name) for name in ("Phạm Văn Hùng", "Mai Minh Khoa", "Lê Thị Ánh", "Trần Văn Bình",
                                              "Đỗ Thị An", "Võ Văn Tâm")]
    assert order == sorted(order)
    assert "Nguyễn Thị Lan" not in missing and "Hồ Thị Ngọc" not in missing
    empty = re.search(r'data-testid="board-empty-units">(.*?)</p>', page, re.DOTALL).group(1)
    assert UNIT[1] in empty and UNIT[2] in empty and UNIT[0] not in empty
    assert "Đóng bàn đón tiếp" in page and 'data-testid="board-closed"' not in page


def test_the_board_json_gives_the_figures_the_missing_and_the_units_with_nobody(ctx, day, client, auth,
                                                                                 count_queries):
    auth.login("organizer")
    url = f"/api/conferences/{day.conference_id}/board"
    with count_queries() as few:
        body = client.get(url).get_json()

    assert body["overall"] == {"label": "", "arrived": 2, "expected": 8}
    first = body["missing"][0]
    assert (first["group"], [p["name"] for p in first["people"]]) == ("Đoàn Chủ tịch", ["Phạm Văn Hùng", "Mai Minh Khoa"])
    assert sum(len(g["people"]) for g in body["missing"]) == 6
    assert body["empty_units"] == [UNIT[1], UNIT[2]]
    assert sorted((d["desk"], d["arrived"]) for d in body["desks"]) == [("Bàn 1", 1), ("Bàn 2", 1)]
    assert body["closed_at"] is None
    assert body["timeline"] == []  # today's arrivals are not on the conference's day (10/04/2025)
    # More delegates, more arrivals: the same number of statements.
    for i in range(12):
        guest = add_guest(day.conference_id, {"full_name": f"Khách số {i}", "position": "Khách", "gender": "male"})
        if i % 2:
            check_in(SECRET, day.conference_id, badge_code(SECRET, guest), desk="Bàn 3", user_id=None, nonce=f"g{i}")
    db.session.commit()
    with count_queries() as many:
        assert client.get(url).get_json()["overall"]["arrived"] == 8
    assert many.count == few.count


def test_desks_closed_between_a_scans_read_and_its_insert_refuse_the_scan_and_write_nothing(ctx, day,
                                                                                             monkeypatch):
    """The scan reads the delegate (and whether the desks are closed) before the write lock; the INSERT itself
    checks the desks are still open, so a closing that commits in between freezes the count."""
    from conference.checkin import services

    stale = services._card(_delegate_id("Võ Văn Tâm"))  # what the scan read: desks open
    assert stale[3] is None
    close_desks(day.conference_id)  # the organizer closes the desks meanwhile
    real, calls = services._card, []

    def first_read_is_stale(delegate_id):
        calls.append(delegate_id)
        return stale if len(calls) == 1 else real(delegate_id)

    monkeypatch.setattr(services, "_card", first_read_is_stale)
    with pytest.raises(DesksClosed):
        check_in(SECRET, day.conference_id, day.codes["Võ Văn Tâm"], desk="Bàn 1", user_id=None, nonce="late")
    assert len(calls) == 2  # the insert refused, the second read saw the closing
    assert db.session.execute(select(CheckIn).where(CheckIn.nonce == "late")).first() is None


def _delegate_id(name: str) -> int:
    return db.session.execute(select(Delegate.id).where(Delegate.full_name == name)).scalar_one()


def test_closing_refuses_scans_with_409_the_board_says_closed_and_reopening_accepts_them(ctx, day, client, auth):
    auth.login("organizer")
    cid = day.conference_id
    response = client.post(f"/conferences/{cid}/checkin/close")
    assert response.status_code == 302

    scan = client.post("/api/checkin", json={"code": day.codes["Võ Văn Tâm"], "conference_id": cid})
    assert scan.status_code == 409
    assert scan.get_json()["result"] == "error"
    assert "Bàn đón tiếp đã đóng lúc" in scan.get_json()["message"]
    sync = client.post("/api/checkin/sync", json={"conference_id": cid, "scans": [
        {"code": day.codes["Võ Văn Tâm"], "nonce": "s1", "scanned_at": "2025-04-10T01:00:00+00:00"}]})
    assert sync.status_code == 409 and "Bàn đón tiếp đã đóng" in sync.get_json()["message"]
    fragment = client.get(f"/conferences/{cid}/board?fragment=1").get_data(as_text=True)
    assert 'data-testid="board-closed"' in fragment and "Đã đóng bàn đón tiếp lúc" in fragment
    assert _board(cid).overall.arrived == 1 + 1  # Lan and Ngọc: the count is frozen
    page = client.get(f"/conferences/{cid}/board").get_data(as_text=True)
    assert "Mở lại bàn đón tiếp" in page
    assert client.post(f"/conferences/{cid}/checkin/close").status_code == 302  # refused: already closed
    assert db.session.execute(select(AuditEntry).where(AuditEntry.action == "close_desks")).scalars().all()

    assert client.post(f"/conferences/{cid}/checkin/reopen").status_code == 302
    scan = client.post("/api/checkin", json={"code": day.codes["Võ Văn Tâm"], "conference_id": cid})
    assert scan.status_code == 200 and scan.get_json()["result"] == "checked_in"


def test_closing_and_reopening_are_logged_and_only_the_organizer_may(ctx, day, client, auth):
    auth.login("checkin")
    assert client.post(f"/conferences/{day.conference_id}/checkin/close").status_code == 403
    auth.logout()

    closure = close_desks(day.conference_id)
    with pytest.raises(DesksClosed):
        ensure_open(day.conference_id)
    with pytest.raises(RuleViolation):
        close_desks(day.conference_id)
    reopen_desks(day.conference_id)
    ensure_open(day.conference_id)
    with pytest.raises(RuleViolation):
        reopen_desks(day.conference_id)
    db.session.commit()

    entries = db.session.execute(
        select(AuditEntry).where(AuditEntry.conference_id == day.conference_id,
                                 AuditEntry.action.in_(("close_desks", "reopen_desks"))).order_by(AuditEntry.id)
    ).scalars().all()
    assert [(e.entity, e.action) for e in entries] == [("conference", "close_desks"), ("conference", "reopen_desks")]
    assert entries[0].after == {"closed_at": entries[1].before["closed_at"], "arrived": 2, "absent": 6}
    assert closure.closed_at is not None


def test_the_audit_page_shows_closing_in_words(ctx, day, client, auth):
    auth.login("organizer")
    client.post(f"/conferences/{day.conference_id}/checkin/close")
    client.post(f"/conferences/{day.conference_id}/checkin/reopen")
    page = client.get(f"/conferences/{day.conference_id}/audit").get_data(as_text=True)
    assert "Đã đóng bàn đón tiếp" in page and "Đã mở lại bàn đón tiếp" in page
    assert "close_desks ·" not in page and "Giờ đóng bàn đón tiếp" in page and "Số đại biểu vắng" in page


def test_the_attendance_report_lists_every_delegate_once_with_time_desk_and_totals(ctx, day, client, auth):
    auth.login("organizer")
    cid = day.conference_id
    client.post(f"/conferences/{cid}/checkin/close")
    response = client.get(f"/conferences/{cid}/checkin/attendance.xlsx")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Điểm danh", "Theo đơn vị", "Theo loại đại biểu"]
    sheet = book["Điểm danh"]
    cells = list(sheet.iter_rows(values_only=True))
    text = "\n".join(str(c) for row in cells for c in row if c is not None)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "LIÊN ĐOÀN LAO ĐỘNG HUYỆN VĨNH THUẬN" in text
    assert "BÁO CÁO ĐIỂM DANH ĐẠI BIỂU DỰ HỘI NGHỊ" in text and "Đóng bàn đón tiếp lúc" in text
    assert "Vĩnh Thuận, ngày" in text and "Nơi nhận:" in text
    people = [row for row in cells if isinstance(row[0], int)]
    names = [row[1] for row in people]
    assert names == ["Phạm Văn Hùng", "Mai Minh Khoa", "Hồ Thị Ngọc", "Lê Thị Ánh", "Trần Văn Bình",
                     "Nguyễn Thị Lan", "Đỗ Thị An", "Võ Văn Tâm"]  # every delegate once, in the board's order
    by_name = {row[1]: row for row in people}
    assert by_name["Nguyễn Thị Lan"][4:6] == ("x", None) and by_name["Nguyễn Thị Lan"][7] == "Bàn 1"
    assert re.fullmatch(r"\d\d:\d\d", by_name["Nguyễn Thị Lan"][6])
    assert by_name["Hồ Thị Ngọc"][7] == "Bàn 2" and by_name["Hồ Thị Ngọc"][2] == "Chủ tịch UBND huyện"
    assert by_name["Võ Văn Tâm"][4:8] == (None, "x", None, None)
    assert sum(1 for row in people if row[4] == "x") == 2 and sum(1 for row in people if row[5] == "x") == 6
    totals = next(row for row in cells if isinstance(row[1], str) and row[1].startswith("Tổng cộng"))
    assert (totals[4], totals[5]) == (2, 6)
    assert "Có mặt 2/8 đại biểu; vắng 6." in text

    units = list(book["Theo đơn vị"].iter_rows(values_only=True))
    assert units[0] == ("Đơn vị", "Số đại biểu", "Có mặt", "Vắng")
    assert units[1:] == [(UNIT[0], 3, 1, 2), (UNIT[1], 2, 0, 2), (UNIT[2], 1, 0, 1), ("Khách mời", 2, 1, 1),
                         ("Tổng cộng", 8, 2, 6)]
    kinds = list(book["Theo loại đại biểu"].iter_rows(values_only=True))
    assert kinds[1:] == [("Đoàn Chủ tịch", 2, 0, 2), ("Đại biểu điển hình tiên tiến", 5, 1, 4),
                         ("Đại biểu khách mời", 1, 1, 0), ("Tổng cộng", 8, 2, 6)]
    for name in ("Theo đơn vị", "Theo loại đại biểu"):  # the counts' headers stand right, over their numbers
        assert [c.alignment.horizontal for c in book[name][1]] == [None, "right", "right", "right"]


def test_the_absentees_page_lists_who_is_missing_for_the_mc(day, client, auth):  # no ctx: each request its locale
    auth.login("organizer")
    cid = day.conference_id
    page = client.get(f"/conferences/{cid}/checkin/absentees").get_data(as_text=True)
    assert "bàn đón tiếp chưa đóng" in page
    client.post(f"/conferences/{cid}/checkin/close")
    page = client.get(f"/conferences/{cid}/checkin/absentees").get_data(as_text=True)

    assert "DANH SÁCH ĐẠI BIỂU VẮNG MẶT" in page and "Đóng bàn đón tiếp lúc" in page
    assert "Có mặt 2/8 đại biểu; vắng 6." in page
    order = [page.index(name) for name in ("Phạm Văn Hùng", "Mai Minh Khoa", "Lê Thị Ánh", "Trần Văn Bình",
                                           "Đỗ Thị An", "Võ Văn Tâm")]
    assert order == sorted(order)
    assert "Nguyễn Thị Lan" not in page and "Hồ Thị Ngọc" not in page
    english = client.get(f"/conferences/{cid}/checkin/absentees?lang=en").get_data(as_text=True)
    assert "ABSENT DELEGATES" in english and "DANH SÁCH ĐẠI BIỂU VẮNG MẶT" not in english


@pytest.fixture
def answered(app, day) -> Day:
    """`day` with two more guests who answered the invitation and a seated hall: Lý Văn Từ (Sở Nội vụ) declined;
    Đinh Văn Mạnh (Trưởng ban, Ban Dân vận) sent Cao Thị Hà as his deputy. Nobody of them has arrived."""
    with app.app_context():
        declined = add_guest(day.conference_id, {"full_name": "Lý Văn Từ", "position": "Giám đốc",
                                                 "workplace": "Sở Nội vụ", "gender": "male"})
        invited = add_guest(day.conference_id, {"full_name": "Đinh Văn Mạnh", "position": "Trưởng ban",
                                                "workplace": "Ban Dân vận", "gender": "male"})
        save_layout(day.conference_id, 2, 4, 6, 4)
        seat_automatically(day.conference_id)
        record_answer(day.conference_id, declined.id, "declined")
        deputy = record_answer(day.conference_id, invited.id, "deputy", {
            "full_name": "Cao Thị Hà", "position": "Phó Trưởng ban", "workplace": "Ban Dân vận", "gender": "female"})
        day.codes["Lý Văn Từ"] = badge_code(SECRET, declined)
        day.codes["Cao Thị Hà"] = badge_code(SECRET, deputy)
        db.session.commit()
        return day


DEPUTY_LINE = "Dự thay: Đinh Văn Mạnh, Trưởng ban, Ban Dân vận"


def test_a_guest_who_declined_is_not_awaited_but_listed_apart_and_a_deputy_is_named_on_the_board(ctx, answered,
                                                                                                  client, auth):
    board = _board(answered.conference_id)

    guests = next(g for g in board.missing if g.key == "guest")
    assert [(p.name, p.deputy_of) for p in guests.people] == [("Cao Thị Hà", "Đinh Văn Mạnh, Trưởng ban, Ban Dân vận")]
    assert [(p.name, p.affiliation) for p in board.declined] == [("Lý Văn Từ", "Sở Nội vụ")]
    assert (board.overall.arrived, board.overall.expected, board.missing_count) == (2, 9, 7)
    guest_tally = next(t for t in board.kinds if t.key == "guest")
    assert (guest_tally.arrived, guest_tally.expected) == (1, 2)  # Ngọc arrived, Hà awaited; Từ not counted
    assert next(t for t in board.units if t.label == "Đại biểu khách mời").expected == 3  # Khoa, Ngọc, Hà

    auth.login("organizer")
    body = client.get(f"/api/conferences/{answered.conference_id}/board").get_json()
    assert body["overall"]["expected"] == 9
    assert body["declined"] == [{"name": "Lý Văn Từ", "affiliation": "Sở Nội vụ"}]
    guests = next(g["people"] for g in body["missing"] if g["group"] == "Đại biểu khách mời")
    assert guests == [{"name": "Cao Thị Hà", "affiliation": "Ban Dân vận", "deputy_of": DEPUTY_LINE[len("Dự thay: "):]}]
    assert all(p["name"] != "Lý Văn Từ" for g in body["missing"] for p in g["people"])
    fragment = client.get(f"/conferences/{answered.conference_id}/board?fragment=1").get_data(as_text=True)
    declined, groups = fragment[fragment.index('data-testid="board-declined"'):].split("</p>", 1)
    assert "Lý Văn Từ (Sở Nội vụ)" in declined  # on top of the missing list, before it scrolls
    assert "Lý Văn Từ" not in groups and "Cao Thị Hà" in groups and DEPUTY_LINE in groups


def test_a_guest_who_declined_and_came_after_all_counts_as_arrived(ctx, answered):
    check_in(SECRET, answered.conference_id, answered.codes["Lý Văn Từ"], desk="Bàn 1", user_id=None, nonce="late")
    board = _board(answered.conference_id)

    assert board.declined == []
    assert (board.overall.arrived, board.overall.expected) == (3, 10)


def test_the_absentees_page_puts_guests_who_declined_apart_and_names_the_guest_a_deputy_replaces(answered, client,
                                                                                                  auth):
    auth.login("organizer")
    page = client.get(f"/conferences/{answered.conference_id}/checkin/absentees").get_data(as_text=True)

    assert "Có mặt 2/9 đại biểu; vắng 7." in page  # Từ declined: neither awaited nor absent here
    groups = re.findall(r'data-group="(\w+)"', page)
    assert groups == ["presidium", "guest", "unit", "unit", "unit", "declined"]
    declined = page[page.index('data-group="declined"'):]
    assert "Lý Văn Từ" in declined and "Lý Văn Từ" not in page[:page.index('data-group="declined"')]
    guests = page[page.index('data-group="guest"'):page.index('data-group="unit"')]
    assert "Cao Thị Hà" in guests and DEPUTY_LINE in guests


def test_the_attendance_report_notes_who_declined_and_whom_a_deputy_replaced(ctx, answered, client, auth):
    auth.login("organizer")
    response = client.get(f"/conferences/{answered.conference_id}/checkin/attendance.xlsx")
    cells = list(load_workbook(io.BytesIO(response.data))["Điểm danh"].iter_rows(values_only=True))

    header = next(row for row in cells if "STT" in row)
    assert header[-1] == "Ghi chú"
    by_name = {row[1]: row for row in cells if isinstance(row[0], int)}
    assert len(by_name) == 10  # everyone invited is on the record, the guest who declined too
    assert by_name["Lý Văn Từ"][4:6] == (None, "x") and by_name["Lý Văn Từ"][8] == "Báo không dự"
    assert by_name["Cao Thị Hà"][8] == DEPUTY_LINE
    assert [by_name[n][3] for n in ("Mai Minh Khoa", "Cao Thị Hà", "Võ Văn Tâm")] == [
        "Đoàn Chủ tịch", "Khách mời", "Điển hình tiên tiến"]  # the header says "Loại đại biểu": short words
    assert by_name["Võ Văn Tâm"][8] is None
    text = "\n".join(str(c) for row in cells for c in row if c is not None)
    assert "Có mặt 2/10 đại biểu; vắng 8 (trong đó 1 khách mời đã báo không dự)." in text
    lines = {cell: i for i, row in enumerate(cells) for cell in row if cell in ("TM. BAN TỔ CHỨC", "TRƯỞNG BAN")}
    assert lines["TRƯỞNG BAN"] == lines["TM. BAN TỔ CHỨC"] + 1  # the collective, then its signer's position


def test_the_reports_take_the_letterhead_whole_and_copy_none_of_its_fields():
    """The attendance report and the dossier's lists hold the conference's `Letterhead` (its defaults filled once,
    by `letterhead_of`) instead of copies of its fields; the dossier's own `place` is the settings' override."""
    head = {f.name for f in fields(Letterhead)}
    assert {f.name for f in fields(ReportInfo)} & head == set()
    assert {f.name for f in fields(DocumentInfo)} & head == {"place"}
    letterhead = Letterhead(upper_body="", issuer="Công đoàn phường Rạch Giá", place="")
    info = ReportInfo(letterhead, "Hội nghị", date(2025, 4, 10), datetime(2025, 4, 10, 2), closed=True)
    assert (info.upper_body, info.place) == (None, "Rạch Giá")  # no body above; the place read from the name


def test_closing_and_reopening_are_logged_with_the_desk_and_the_session_that_did_them(ctx, day, client, auth):
    auth.login("organizer")
    cid = day.conference_id
    client.post("/api/checkin/desk", json={"desk": "Bàn Ban Tổ chức"})
    assert client.post("/api/checkin", json={"code": day.codes["Võ Văn Tâm"], "conference_id": cid,
                                             "nonce": "btc-1"}).get_json()["result"] == "checked_in"
    client.post(f"/conferences/{cid}/checkin/close")
    client.post(f"/conferences/{cid}/checkin/reopen")

    session_id = db.session.execute(select(CheckIn.desk_session).where(CheckIn.nonce == "btc-1")).scalar_one()
    rows = {e.action: e for e in db.session.execute(
        select(AuditEntry).where(AuditEntry.action.in_(("close_desks", "reopen_desks")))).scalars()}
    assert rows["close_desks"].after["desk_session"] == session_id == rows["reopen_desks"].after["desk_session"]
    assert rows["close_desks"].after["desk"] == "Bàn Ban Tổ chức"
    assert (rows["close_desks"].after["arrived"], rows["close_desks"].after["absent"]) == (3, 5)
    page = client.get(f"/conferences/{cid}/audit").get_data(as_text=True)
    for action in ("close_desks", "reopen_desks"):
        row = re.search(rf'<tr data-entity="conference" data-action="{action}">(.*?)</tr>', page, re.DOTALL).group(1)
        assert "Mã phiên của bàn" in row and session_id in row and "Bàn Ban Tổ chức" in row

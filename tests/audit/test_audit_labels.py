"""The audit log page speaks the UI language: entities, actions, field names and coded values in words, the raw
codes only in `title` attributes; a code without a label still shows, as it is."""

from __future__ import annotations

import ast
import html as html_lib
import re
from pathlib import Path
from types import SimpleNamespace

from conference.audit.services import record
from conference.auditlog import labels
from conference.extensions import db
from tests.factories import make_world, nomination_data

ROOT = Path(__file__).resolve().parents[2]


def row(page: str, entity: str, action: str) -> str:
    """The cells of the (first) row of that entity and action."""
    found = re.search(rf'<tr data-entity="{entity}" data-action="{action}">(.*?)</tr>', page, re.DOTALL)
    assert found, f"no {entity}/{action} row"
    return found.group(1)


def cells(row_html: str) -> list[str]:
    return re.findall(r"<td[^>]*>(.*?)</td>", row_html, re.DOTALL)


def fields(cell: str) -> dict[str, tuple[str, str]]:
    """{label: (raw key from the title, value)} of a before/after cell."""
    return {html_lib.unescape(label): (key, html_lib.unescape(value.strip()))
            for key, label, value in re.findall(r'title="([^"]*)">([^<]*):</span>([^<]*)</div>', cell)}


def content(row_html: str) -> str:
    """The "Nội dung" cell's visible text."""
    return html_lib.unescape(re.sub(r"<[^>]+>", "", cells(row_html)[3])).strip()


# --- the labels themselves -------------------------------------------------------------------------------------

AUDIT_CALLS = {"record": (0, 2), "audit_record": (0, 2), "audit_insert": (1, 3), "insert_now": (1, 3)}


def _constants(node) -> set[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _constants(node.body) | _constants(node.orelse)
    return set()


def logged_codes() -> tuple[set[str], set[str], set[str]]:
    """(entities, actions, literal before/after keys) of every audit call in conference/."""
    entities, actions, keys = set(), set(), set()
    for path in (ROOT / "conference").rglob("*.py"):
        if path.parent.name == "audit":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in AUDIT_CALLS:
                entity_at, action_at = AUDIT_CALLS[name]
                entities |= _constants(node.args[entity_at])
                actions |= _constants(node.args[action_at])
                for keyword in node.keywords:
                    if keyword.arg in ("before", "after") and isinstance(keyword.value, ast.Dict):
                        keys |= {k for key in keyword.value.keys if key is not None for k in _constants(key)}
            elif name == "_audit":  # nominations: _audit(nomination, action, before, actor)
                entities.add("nomination")
                actions |= _constants(node.args[1])
    return entities, actions, keys


def test_every_code_the_app_logs_has_a_label():
    from conference.dossier.services import SETTINGS_FIELDS
    from conference.nominations.models import NOMINATION_STATUSES, REFERENCE_KINDS
    from conference.nominations.services import AUDITED
    from conference.organizations.services import _unit_snapshot

    entities, actions, keys = logged_codes()
    assert {"nomination", "delegate", "checkin", "dossier"} <= entities  # the scan found the calls
    assert {"approve", "return", "resubmit", "draft", "undo", "upper_list"} <= actions
    assert {"full_name", "category", "desk", "upper_quota", "seats"} <= keys
    unit_keys = _unit_snapshot(SimpleNamespace(name="x", member_count=1, contact=None, block=None)).keys()
    keys |= {*AUDITED, *unit_keys, *SETTINGS_FIELDS, "columns", *REFERENCE_KINDS}

    assert entities - set(labels.ENTITY_LABELS) == set()
    assert actions - set(labels.ACTION_LABELS) == set()
    assert keys - set(labels.FIELD_LABELS) == set()
    assert set(NOMINATION_STATUSES) == set(labels.VALUE_LABELS["status"])


def test_values_are_shown_in_words_and_unknown_ones_as_they_are():
    assert labels.value_text("status", "submitted") == "Chờ duyệt"
    assert labels.value_text("category", "guest") == "Khách mời"
    assert labels.value_text("kind", "collective") == "Tập thể"
    assert labels.value_text("entry_status", "represented") == "Người nhận thay"  # an awardee at the ceremony
    assert labels.value_text("gender", "female") == "Nữ"
    assert (labels.value_text("offline", True), labels.value_text("party_member", False)) == ("Có", "Không")
    assert labels.value_text("birth_date", None) == labels.value_text("contact", "") == "—"
    assert labels.value_text("deadline", "2025-04-20") == "20/04/2025"
    assert labels.value_text("presidium", [12, 5]) == "#12; #5"
    assert labels.value_text("movement", ["Dân vận khéo", "Lao động giỏi, Lao động sáng tạo"]) == (
        "Dân vận khéo; Lao động giỏi, Lao động sáng tạo")
    assert labels.value_text("columns", "name,gender,mystery") == "Họ và tên; Giới tính; mystery"
    assert labels.value_text("birth_year", 1984) == "1984"
    assert labels.value_text("status", "orbiting") == "orbiting"
    assert labels.value_text("deadline", "soon") == "soon"

    described = labels.describe(SimpleNamespace(entity="block", action="deadline", before=None,
                                                after={"name": "Khối Giáo dục", "warp": 9}))
    assert (described.entity_label, described.action_label) == ("Khối", "Đã đặt thời hạn gửi hồ sơ")
    assert described.before == []
    assert [(c.key, c.label, c.value) for c in described.after] == [("name", "Khối", "Khối Giáo dục"),
                                                                    ("warp", "warp", "9")]
    assert labels.action_label("checkin", "create") == "Đã điểm danh"
    assert (labels.entity_label("spaceship"), labels.action_label("spaceship", "launch")) == ("spaceship", "launch")


def test_scan_results_times_and_delegates_read_as_words_vietnam_time_and_names():
    assert labels.value_text("result", "out_of_window") == "Giờ quét ngoài thời gian hội nghị"
    assert labels.value_text("result", "revoked") == "Thẻ đã thu hồi"
    # stored naive UTC, or as the desk's clock gave it with its offset: both read in Vietnam's time
    assert labels.value_text("scanned_at", "2000-01-01T01:00:00") == "08:00:00 01/01/2000"
    assert labels.value_text("scanned_at", "2024-12-05T07:30:00+07:00") == "07:30:00 05/12/2024"
    assert labels.value_text("closed_at", "2024-12-05T03:15:09.123456") == "10:15:09 05/12/2024"
    assert labels.value_text("scanned_at", "yesterday") == "yesterday"
    names = {12: "Mai Minh Khoa"}
    assert labels.value_text("delegate_id", 12, names) == "Mai Minh Khoa #12"
    assert labels.value_text("presidium", [12, 5], names) == "Mai Minh Khoa #12; #5"  # 5: removed since
    assert labels.delegate_ids({"delegate_id": 12, "presidium": [5, 7], "desk": "Bàn 1", "upper_list": None}) == {
        5, 7, 12}


def test_a_refusal_at_sync_row_names_the_delegate_the_result_and_the_desks_time(app, client, auth):
    from conference.delegates.services import add_guest

    with app.app_context():
        world = make_world()
        guest = add_guest(world.conference_id, {"full_name": "Mai Minh Khoa", "position": "Bí thư", "gender": "male"})
        record("checkin", None, "refuse_sync", conference_id=world.conference_id,
               after={"delegate_id": guest.id, "desk": "Bàn 7", "result": "out_of_window",
                      "scanned_at": "2000-01-01T01:00:00"})
        db.session.commit()
        guest_id = guest.id
    auth.login("organizer")
    page = client.get(f"/conferences/{world.conference_id}/audit").get_data(as_text=True)

    after = fields(cells(row(page, "checkin", "refuse_sync"))[5])
    assert after["Đại biểu"] == ("delegate_id", f"Mai Minh Khoa #{guest_id}")
    assert after["Kết quả quét"] == ("result", "Giờ quét ngoài thời gian hội nghị")
    assert after["Giờ quét trên thiết bị"] == ("scanned_at", "08:00:00 01/01/2000")


# --- the page ----------------------------------------------------------------------------------------------------

def _seat_guest(app, name: str = "Mai Minh Khoa") -> int:
    from conference.delegates.services import add_guest

    with app.app_context():
        world = make_world()
        add_guest(world.conference_id, {"full_name": name, "position": "Bí thư Huyện ủy", "gender": "male"})
        db.session.commit()
    return world.conference_id


def test_a_guest_delegate_row_shows_words_not_codes(app, client, auth):
    conference_id = _seat_guest(app)
    auth.login("organizer")
    page = client.get(f"/conferences/{conference_id}/audit").get_data(as_text=True)

    guest = row(page, "delegate", "create")
    assert content(guest).startswith("Đại biểu #") and content(guest).endswith("· Đã thêm")
    assert re.search(r'title="delegate #\d+ create"', guest)  # the raw codes, for support staff
    after = fields(cells(guest)[5])
    assert after == {"Loại đại biểu": ("category", "Khách mời"), "Họ và tên": ("full_name", "Mai Minh Khoa")}
    assert "full_name:" not in page and "category:" not in page and ">guest<" not in guest
    assert '<option value="delegate" >Đại biểu</option>' in page  # the filter, labelled by the view


def test_a_nomination_row_shows_status_words_field_labels_and_yes_no(app, client, auth):
    from conference.core.clock import local_today
    from conference.nominations.services import Actor, return_nomination, submit_nomination

    with app.app_context():
        world = make_world()
        nomination = submit_nomination(world.conference_id, world.unit_ids[0],
                                       nomination_data("Mai Minh Khoa", gender="male", birth_year=1984),
                                       Actor(None), local_today())
        nomination_id = nomination.id
        return_nomination(nomination_id, "Bổ sung số liệu")
        db.session.commit()
    auth.login("organizer")
    page = client.get(f"/conferences/{world.conference_id}/audit").get_data(as_text=True)

    submitted = fields(cells(row(page, "nomination", "submit"))[5])
    assert submitted["Họ và tên"] == ("full_name", "Mai Minh Khoa")
    assert submitted["Cá nhân / tập thể"] == ("kind", "Cá nhân")
    assert submitted["Giới tính"] == ("gender", "Nam") and submitted["Năm sinh"] == ("birth_year", "1984")
    assert submitted["CNVCLĐ trực tiếp lao động sản xuất"] == ("direct_worker", "Có")
    assert submitted["Đảng viên"] == ("party_member", "Không")
    assert submitted["Ngày sinh"] == ("birth_date", "—")
    assert submitted["Trạng thái"] == ("status", "Chờ duyệt")

    returned = row(page, "nomination", "return")
    assert content(returned) == f"Hồ sơ #{nomination_id} · Đã trả lại"
    assert fields(cells(returned)[4]) == {"Trạng thái": ("status", "Chờ duyệt"), "Lý do trả lại": ("return_reason", "—")}
    assert fields(cells(returned)[5]) == {"Trạng thái": ("status", "Đã trả lại"),
                                          "Lý do trả lại": ("return_reason", "Bổ sung số liệu")}
    assert "status:" not in page and "submitted" not in re.sub(r'title="[^"]*"', "", page)


def test_unknown_entity_action_and_keys_still_show_their_codes(app, client, auth):
    with app.app_context():
        world = make_world()
        record("spaceship", 7, "launch", conference_id=world.conference_id,
               before={"warp_factor": None, "status": "orbiting"},
               after={"warp_factor": 9, "crew": ["Mai", "Lan"], "status": "approved"})
        db.session.commit()
    auth.login("organizer")
    page = client.get(f"/conferences/{world.conference_id}/audit").get_data(as_text=True)

    launch = row(page, "spaceship", "launch")
    assert content(launch) == "spaceship #7 · launch"
    assert fields(cells(launch)[4]) == {"warp_factor": ("warp_factor", "—"), "Trạng thái": ("status", "orbiting")}
    assert fields(cells(launch)[5]) == {"warp_factor": ("warp_factor", "9"), "crew": ("crew", "Mai; Lan"),
                                        "Trạng thái": ("status", "Đã duyệt")}


def test_the_english_locale_shows_english_labels(app, client, auth):
    conference_id = _seat_guest(app)
    auth.login("organizer")
    page = client.get(f"/conferences/{conference_id}/audit?lang=en").get_data(as_text=True)

    guest = row(page, "delegate", "create")
    assert content(guest).endswith("· Added") and not content(guest).startswith("Đại biểu")
    assert fields(cells(guest)[5]) == {"Delegate type": ("category", "Guest"), "Full name": ("full_name", "Mai Minh Khoa")}
    assert "Họ và tên" not in page and "Khách mời" not in guest

"""Units and blocks: each block's own deadline, the unit's page, editing units, importing the unit list."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.core.clock import local_today
from conference.core.errors import RuleViolation
from conference.extensions import db
from conference.nominations.rules import days_left, effective_deadline
from conference.nominations.services import Actor, submit_nomination
from conference.organizations.models import Block, Organization
from conference.organizations.services import save_block_deadlines, update_unit
from tests.factories import make_world, nomination_data


def test_block_deadline_wins_over_the_conference_deadline_either_way():
    # Seed 002: "khối ban, ngành, đoàn thể huyện và các xã, thị trấn trước ngày 04/4/2022; riêng CĐCS khối
    # Giáo dục trước ngày 26/8/2022".
    assert effective_deadline(date(2022, 8, 26), date(2022, 4, 4)) == date(2022, 8, 26)
    assert effective_deadline(date(2022, 3, 1), date(2022, 4, 4)) == date(2022, 3, 1)
    assert effective_deadline(None, date(2022, 4, 4)) == date(2022, 4, 4)
    assert effective_deadline(None, None) is None
    assert days_left(date(2022, 4, 4), date(2022, 4, 1)) == 3
    assert days_left(date(2022, 4, 4), date(2022, 4, 5)) == -1


def _education_block(world) -> int:
    block = Block(organization_id=world.host_id, name="Giáo dục")
    db.session.add(block)
    db.session.flush()
    db.session.get(Organization, world.unit_ids[0]).block = block
    db.session.commit()
    return block.id


def test_education_block_submits_after_the_general_deadline_others_cannot(ctx):
    world = make_world(deadline=date(2022, 4, 4))
    save_block_deadlines(world.conference_id, world.host_id, {_education_block(world): date(2022, 8, 26)})
    day = date(2022, 5, 1)
    submit_nomination(world.conference_id, world.unit_ids[0], nomination_data(), Actor(None), day)
    with pytest.raises(RuleViolation, match="hạn cuối 04/04/2022"):
        submit_nomination(world.conference_id, world.unit_ids[1], nomination_data(), Actor(None), day)
    with pytest.raises(RuleViolation, match="hạn cuối 26/08/2022"):
        submit_nomination(world.conference_id, world.unit_ids[0], nomination_data("Khác"), Actor(None),
                          date(2022, 8, 27))


def test_unit_page_shows_quota_used_block_deadline_and_days_left(app, client, auth):
    with app.app_context():
        world = make_world(quotas=(3, 2, 2))
        save_block_deadlines(world.conference_id, world.host_id,
                             {_education_block(world): local_today() + timedelta(days=5)})
        submit_nomination(world.conference_id, world.unit_ids[0], nomination_data(), Actor(None), local_today())
        db.session.commit()
    auth.login("unit1")
    html = client.get(f"/conferences/{world.conference_id}/nominations").get_data(as_text=True)
    assert 'data-testid="quota-usage">1 / 3' in html
    assert (local_today() + timedelta(days=5)).strftime("%d/%m/%Y") in html
    assert 'data-testid="days-left">Còn 5 ngày' in html and "Giáo dục" in html


def test_organizer_sets_block_deadlines_on_the_units_page(app, client, auth):
    with app.app_context():
        world = make_world()
        block_id = db.session.execute(select(Block.id)).scalar_one()
    auth.login("organizer")
    client.post(f"/conferences/{world.conference_id}/units", data={f"deadline-{block_id}": "2025-03-31"})
    html = client.get(f"/conferences/{world.conference_id}/units").get_data(as_text=True)
    assert 'value="2025-03-31"' in html
    with app.app_context():
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.entity == "block")).scalar_one()
        assert entry.after == {"name": "Xã, thị trấn", "deadline": "2025-03-31"}


def test_editing_a_unit_moves_it_to_a_new_block_and_is_logged(ctx):
    world = make_world()
    update_unit(world.host_id, world.unit_ids[0], {"name": " Công đoàn Trường THCS Vĩnh Thuận ",
                                                   "block_name": "Giáo dục", "member_count": 42, "contact": None},
                world.conference_id)
    unit = db.session.get(Organization, world.unit_ids[0])
    assert (unit.name, unit.block.name, unit.member_count) == ("Công đoàn Trường THCS Vĩnh Thuận", "Giáo dục", 42)
    entry = db.session.execute(select(AuditEntry).where(AuditEntry.entity == "unit")).scalar_one()
    assert entry.before["block"] == "Xã, thị trấn" and entry.after["block"] == "Giáo dục"
    with pytest.raises(RuleViolation, match="Đã có đơn vị tên"):
        update_unit(world.host_id, world.unit_ids[1], {"name": "công đoàn trường thcs vĩnh thuận"})
    with pytest.raises(RuleViolation, match="không thuộc"):
        update_unit(world.other_conference_id or 0, world.unit_ids[1], {"name": "X"})


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Đơn vị"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


HEADER = ["Tên đơn vị", "Khối", "Số đoàn viên", "Liên hệ"]


def _post(client, world, content, filename):
    return client.post(f"/conferences/{world.conference_id}/units/import",
                       data={"file": (io.BytesIO(content), filename)}, content_type="multipart/form-data",
                       follow_redirects=True).get_data(as_text=True)


def _units(app, world):
    with app.app_context():
        return {u.name: (u.block.name if u.block else None, u.member_count) for u in db.session.execute(
            select(Organization).where(Organization.parent_id == world.host_id)).scalars()}


def test_unit_list_import_from_xlsx_creates_and_updates_all_or_nothing(app, client, auth):
    with app.app_context():
        world = make_world()
    auth.login("organizer")
    bad = _xlsx([HEADER, ["Công đoàn Trường Tiểu học A", "Giáo dục", 35, "0297 1"],
                 ["", "Giáo dục", 10, None], ["Công đoàn cơ sở số 1", "Xã, thị trấn", "nhiều", None]])
    html = _post(client, world, bad, "don-vi.xlsx")
    assert "chưa nhập đơn vị nào" in html and "Thiếu tên đơn vị." in html and "Số đoàn viên “nhiều”" in html
    assert "Công đoàn Trường Tiểu học A" not in _units(app, world)

    good = _xlsx([HEADER, ["Công đoàn Trường Tiểu học A", "Giáo dục", 35, "0297 1"],
                  ["công đoàn cơ sở số 1", "Xã, thị trấn", 120, None]])
    html = _post(client, world, good, "don-vi.xlsx")
    assert "1 đơn vị mới, 1 đơn vị cập nhật" in html
    units = _units(app, world)
    assert units["Công đoàn Trường Tiểu học A"] == ("Giáo dục", 35)
    assert units["công đoàn cơ sở số 1"] == ("Xã, thị trấn", 120)


def test_unit_list_import_from_csv_with_semicolons(app, client, auth):
    with app.app_context():
        world = make_world()
    auth.login("organizer")
    content = "\ufeffTên đơn vị;Khối;Số đoàn viên;Liên hệ\nCông đoàn Công ty TNHH B;Doanh nghiệp;1.250;\n"
    html = _post(client, world, content.encode(), "don-vi.csv")
    assert "1 đơn vị mới" in html
    assert _units(app, world)["Công đoàn Công ty TNHH B"] == ("Doanh nghiệp", 1250)


@pytest.mark.parametrize(("content", "filename", "message"), [
    (b"", "don-vi.csv", "Tệp trống"),
    (b"\xff\xfe\x00b\x00a\x00d", "don-vi.csv", "UTF-8"),
    ("Tên,Khối\nA,B\n".encode(), "don-vi.csv", "cột 1 phải là “Tên đơn vị”"),
    (b"a,b", "don-vi.xlsx", "không phải tệp Excel"),
    (b"GIF89a", "don-vi.gif", "Chỉ nhận tệp Excel (.xlsx) hoặc CSV"),
])
def test_malformed_unit_lists_are_refused_in_vietnamese(app, client, auth, content, filename, message):
    with app.app_context():
        world = make_world()
    auth.login("organizer")
    before = _units(app, world)
    assert message in _post(client, world, content, filename)
    assert _units(app, world) == before

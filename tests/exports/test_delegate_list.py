"""The delegate summary list (danh sách trích ngang) read back with openpyxl."""

import io
from datetime import date

import openpyxl
from sqlalchemy import select

from conference.delegates.models import Delegate
from conference.delegates.services import add_guest, set_presidium
from conference.extensions import db
from conference.nominations.services import Actor, approve_nomination, submit_nomination
from tests.factories import make_world, nomination_data

TODAY = date(2025, 3, 1)


def build(ctx_world):
    world = ctx_world
    people = [
        nomination_data("Trần Văn Bình", gender="male", birth_year=1980, ethnicity="Khmer"),
        nomination_data("Nguyễn Thị An", gender="female", birth_year=1990, titles="Chiến sĩ thi đua cơ sở"),
        nomination_data("=HYPERLINK(\"http://evil\",\"x\")", gender="male", birth_year=1975,
                        achievements="+1 sáng kiến; @mention; -2"),
    ]
    for unit_id, person in zip(world.unit_ids, people):
        approve_nomination(submit_nomination(world.conference_id, unit_id, person, Actor(None), TODAY).id)
    guest = add_guest(world.conference_id, {"full_name": "Lê Văn Ánh", "position": "Chủ tịch UBND huyện",
                                            "gender": "male"})
    set_presidium(world.conference_id, [guest.id])


def rows_of(client, conference_id):
    response = client.get(f"/conferences/{conference_id}/exports/delegates.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    return book.active


def test_export_has_title_block_and_rows_sorted_by_given_name(app, client, auth):
    with app.app_context():
        world = make_world()
        build(world)
    auth.login("organizer")
    ws = rows_of(client, world.conference_id)
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert "LIÊN ĐOÀN LAO ĐỘNG TỈNH KIÊN GIANG" in texts
    assert "LIÊN ĐOÀN LAO ĐỘNG HUYỆN VĨNH THUẬN" in texts
    assert "DANH SÁCH TRÍCH NGANG ĐẠI BIỂU" in texts
    assert any("10/04/2025" in t for t in texts)
    header_row = next(r for r in ws.iter_rows() if r[0].value == "STT")[0].row
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=header_row + 2)]
    names = [r[1] for r in body]
    # Given names: An < Ánh < Bình; the formula-looking name sorts by its last word.
    assert names.index("Nguyễn Thị An") < names.index("Lê Văn Ánh") < names.index("Trần Văn Bình")
    assert [r[0] for r in body] == list(range(1, 5))
    an = body[names.index("Nguyễn Thị An")]
    binh = body[names.index("Trần Văn Bình")]
    assert (an[2], an[3]) == (None, 1990)  # woman: year in the Nữ column
    assert (binh[2], binh[3], binh[4]) == (1980, None, "Khmer")
    anh = body[names.index("Lê Văn Ánh")]
    assert anh[7] == "Khách mời" and "Đoàn Chủ tịch" in anh[10]
    assert an[8] == "Chiến sĩ thi đua cơ sở"


def test_export_never_turns_text_into_formulas(app, client, auth):
    with app.app_context():
        world = make_world()
        build(world)
    auth.login("organizer")
    ws = rows_of(client, world.conference_id)
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    evil = [c for c in cells if c.value.startswith(("=", "+", "@", "-"))]
    assert {c.value for c in evil} >= {"=HYPERLINK(\"http://evil\",\"x\")", "+1 sáng kiến; @mention; -2"}
    assert all(c.data_type == "s" for c in evil)


def test_export_lists_every_delegate_once(app, client, auth):
    with app.app_context():
        world = make_world()
        build(world)
        expected = sorted(db.session.execute(select(Delegate.full_name)).scalars())
    auth.login("organizer")
    ws = rows_of(client, world.conference_id)
    header_row = next(r for r in ws.iter_rows() if r[0].value == "STT")[0].row
    names = sorted(r[1].value for r in ws.iter_rows(min_row=header_row + 2))
    assert names == expected

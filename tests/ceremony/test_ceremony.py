"""The presidium page and print, the honouring batches and the MC's script, through the pages (SQLite and
PostgreSQL)."""

from __future__ import annotations

import io

import docx
import pytest
from sqlalchemy import select

from conference.agenda.models import AgendaItem
from conference.agenda.services import add_item
from conference.ceremony.models import HonouringBatch, HonouringEntry
from conference.checkin.models import CheckIn
from conference.core.clock import local_today
from conference.delegates.models import Delegate
from conference.delegates.services import add_guest
from conference.extensions import db
from conference.nominations.services import Actor, approve_nomination, submit_nomination
from tests.factories import make_world, nomination_data

#: The ceremony's tests read and write through the database's constraints (cascades, unique awardees): both.
pytestmark = pytest.mark.parametrize("backend", ["sqlite", "postgresql"])

#: (unit index, name, kind) of the exemplars seated.
EXEMPLARS = (
    (0, "Lê Văn An", "individual"), (0, "Trần Thị Bình", "individual"), (1, "Phạm Văn Cường", "individual"),
    (1, "Ngô Thị Dung", "individual"), (2, "Võ Văn Em", "individual"), (2, "Tập thể Tổ sản xuất số 1", "collective"),
)


@pytest.fixture
def world(app):
    """A conference with six exemplars, two guests (one checked in) and the plan's opening, honouring and closing
    items; every exemplar is checked in except Trần Thị Bình and Ngô Thị Dung."""
    with app.app_context():
        world = make_world(quotas=(3, 3, 3))
        cid = world.conference_id
        for unit, name, kind in EXEMPLARS:
            nomination = submit_nomination(
                cid, world.unit_ids[unit],
                nomination_data(name, kind=kind, achievements_summary=f"Thành tích của {name}."),
                Actor(user_id=None), local_today())
            approve_nomination(nomination.id)
        chair = add_guest(cid, {"full_name": "Nguyễn Văn Chủ", "gender": "male", "position": "Bí thư Huyện ủy"})
        add_guest(cid, {"full_name": "Đỗ Thị Vắng", "gender": "female", "position": "Chủ tịch",
                        "workplace": "UBND huyện"})
        for title in ("Tuyên bố lý do, giới thiệu đại biểu và khai mạc",
                      "Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến", "Bế mạc hội nghị"):
            add_item(cid, {"starts_at": None, "title": title, "presenter": None})
        ids = {d.full_name: d.id for d in db.session.execute(
            select(Delegate).where(Delegate.conference_id == cid)).scalars()}
        for name, delegate_id in ids.items():
            if name not in ("Trần Thị Bình", "Ngô Thị Dung", "Đỗ Thị Vắng"):
                db.session.add(CheckIn(conference_id=cid, delegate_id=delegate_id))
        db.session.commit()
        world.ids = ids
        world.chair_id = chair.id
        return world


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_presidium_groups_are_saved_and_the_checklist_names_what_is_missing(app, client, auth, world):
    auth.login("organizer")
    cid, ids = world.conference_id, world.ids

    client.post(f"/conferences/{cid}/presidium", data={
        "seat-1": ids["Nguyễn Văn Chủ"], "group-1": "party",
        "seat-2": ids["Đỗ Thị Vắng"], "group-2": "government",
        "seat-3": ids["Lê Văn An"], "group-3": "exemplar"})
    page = _page(client, f"/conferences/{cid}/presidium")
    chart = _page(client, f"/conferences/{cid}/presidium/print")

    with app.app_context():
        groups = dict(db.session.execute(select(Delegate.full_name, Delegate.presidium_group)
                                         .where(Delegate.presidium_order.is_not(None))).all())
    assert groups == {"Nguyễn Văn Chủ": "party", "Đỗ Thị Vắng": "government", "Lê Văn An": "exemplar"}
    assert 'data-group="union" data-present="0"' in page
    assert 'data-group="party" data-present="1"' in page
    # From the hall: 2 on the left of 1, 3 on its right.
    orders = [chart.index(f'data-order="{n}"') for n in (2, 1, 3)]
    assert orders == sorted(orders)
    assert "nhìn từ phía hội trường" in chart


def test_leaving_the_presidium_clears_the_group(app, client, auth, world):
    auth.login("organizer")
    cid, ids = world.conference_id, world.ids
    client.post(f"/conferences/{cid}/presidium", data={"seat-1": ids["Nguyễn Văn Chủ"], "group-1": "party"})

    client.post(f"/conferences/{cid}/presidium", data={"seat-1": ids["Đỗ Thị Vắng"], "group-1": "government"})

    with app.app_context():
        chair = db.session.get(Delegate, ids["Nguyễn Văn Chủ"])
        assert (chair.presidium_order, chair.presidium_group) == (None, None)


def _batches(app):
    with app.app_context():
        batches = db.session.execute(select(HonouringBatch).order_by(HonouringBatch.position)).scalars().all()
        return [(b.kind, [e.delegate.full_name for e in db.session.execute(
            select(HonouringEntry).where(HonouringEntry.batch_id == b.id).order_by(HonouringEntry.position))
            .scalars()]) for b in batches]


def test_generated_batches_put_collectives_first_and_flag_who_has_not_checked_in(app, client, auth, world):
    auth.login("organizer")
    cid = world.conference_id

    client.post(f"/conferences/{cid}/ceremony", data={"batch_size": "3"})

    assert _batches(app) == [
        ("collective", ["Tập thể Tổ sản xuất số 1"]),
        ("individual", ["Lê Văn An", "Trần Thị Bình", "Phạm Văn Cường"]),
        ("individual", ["Ngô Thị Dung", "Võ Văn Em"]),
    ]
    index = _page(client, f"/conferences/{cid}/ceremony")
    assert index.count('data-absent="1"') == 2
    with app.app_context():
        batch_id = db.session.execute(select(HonouringBatch.id).where(HonouringBatch.position == 2)).scalar_one()
    page = _page(client, f"/conferences/{cid}/ceremony/batches/{batch_id}")
    assert page.count('data-call="absent"') == 1
    assert "Chưa điểm danh" in page


def test_generating_again_over_hand_edits_asks_first(app, client, auth, world):
    auth.login("organizer")
    cid, ids = world.conference_id, world.ids
    client.post(f"/conferences/{cid}/ceremony", data={"batch_size": "10"})
    client.post(f"/conferences/{cid}/ceremony/awardees/{ids['Võ Văn Em']}/move", data={"direction": "up"})
    edited = _batches(app)

    refused = client.post(f"/conferences/{cid}/ceremony", data={"batch_size": "10"}, follow_redirects=True)
    assert _batches(app) == edited
    assert "sửa bằng tay" in refused.get_data(as_text=True)

    client.post(f"/conferences/{cid}/ceremony", data={"batch_size": "10", "overwrite": "y"})
    assert _batches(app) != edited


def test_batches_move_and_a_presenter_must_be_presidium_or_guest(app, client, auth, world):
    auth.login("organizer")
    cid, ids = world.conference_id, world.ids
    client.post(f"/conferences/{cid}/ceremony", data={"batch_size": "10"})
    with app.app_context():
        first, second = db.session.execute(select(HonouringBatch.id).order_by(HonouringBatch.position)).scalars()

    client.post(f"/conferences/{cid}/ceremony/batches/{second}/move", data={"direction": "up"})
    client.post(f"/conferences/{cid}/ceremony/batches/{first}",
                data={"presenter": str(ids["Lê Văn An"]), "form": "Giấy khen"})
    client.post(f"/conferences/{cid}/ceremony/batches/{second}",
                data={"presenter": str(world.chair_id), "form": "Bằng khen"})

    with app.app_context():
        batches = {b.id: b for b in db.session.execute(select(HonouringBatch)).scalars()}
        assert (batches[second].position, batches[first].position) == (1, 2)
        assert batches[first].presenter_id is None  # an exemplar outside the presidium is refused
        assert (batches[second].presenter_id, batches[second].form) == (world.chair_id, "Bằng khen")
    # The presenter list names a guest as the MC introduces them: position and organisation.
    page = _page(client, f"/conferences/{cid}/ceremony/batches/{first}")
    assert "Đỗ Thị Vắng — Chủ tịch, UBND huyện</option>" in page


def test_the_script_introduces_those_present_and_marks_absent_awardees(app, client, auth, world):
    auth.login("organizer")
    cid, ids = world.conference_id, world.ids
    client.post(f"/conferences/{cid}/ceremony", data={"batch_size": "10"})
    client.post(f"/conferences/{cid}/ceremony/awardees/{ids['Ngô Thị Dung']}/status",
                data={"status": "skipped"})
    client.post(f"/conferences/{cid}/ceremony/awardees/{ids['Trần Thị Bình']}/status",
                data={"status": "represented", "representative": "Trần Văn Thay"})
    client.post(f"/conferences/{cid}/ceremony/awardees/{ids['Lê Văn An']}/status",
                data={"status": "represented", "representative": " "})  # refused: no name

    response = client.get(f"/conferences/{cid}/ceremony/script.docx")
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in document.paragraphs)
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    by_name = {row[1]: row for row in rows if len(row) == 5}

    assert "Đồng chí Nguyễn Văn Chủ, Bí thư Huyện ủy" in text
    assert "Đỗ Thị Vắng" not in text  # a guest not checked in is not introduced
    assert "Ngô Thị Dung" not in by_name and "Không gọi tên (vắng): Ngô Thị Dung." in text
    assert by_name["Trần Thị Bình"][4] == "Trần Văn Thay nhận thay"
    assert by_name["Lê Văn An"][4] == ""
    assert by_name["Lê Văn An"][3] == "Thành tích của Lê Văn An."

    # A later check-in changes the next script; a new absentee is marked.
    with app.app_context():
        db.session.delete(db.session.execute(select(CheckIn).where(CheckIn.delegate_id == ids["Võ Văn Em"])).scalar_one())
        db.session.add(CheckIn(conference_id=cid, delegate_id=ids["Đỗ Thị Vắng"]))
        db.session.commit()
    again = docx.Document(io.BytesIO(client.get(f"/conferences/{cid}/ceremony/script.docx").data))
    rows = {row.cells[1].text: row.cells[4].text for t in again.tables for row in t.rows if len(row.cells) == 5}
    assert rows["Võ Văn Em"] == "VẮNG (chưa điểm danh)"
    assert "Đỗ Thị Vắng" in "\n".join(p.text for p in again.paragraphs)
    printed = _page(client, f"/conferences/{cid}/ceremony/script/print")
    assert printed.count('data-call="absent"') == 1


def test_an_edited_text_is_kept_and_a_blank_one_returns_to_the_default(app, client, auth, world):
    auth.login("organizer")
    cid = world.conference_id
    with app.app_context():
        closing = db.session.execute(select(AgendaItem.id).where(AgendaItem.title == "Bế mạc hội nghị")).scalar_one()

    client.post(f"/conferences/{cid}/ceremony/script", data={f"text-{closing}": "Xin cảm ơn [Tên hội nghị]."})
    printed = _page(client, f"/conferences/{cid}/ceremony/script/print")
    assert "Xin cảm ơn Hội nghị tuyên dương điển hình tiên tiến." in printed

    client.post(f"/conferences/{cid}/ceremony/script", data={f"text-{closing}": ""})
    assert "phát biểu bế mạc Hội nghị" in _page(client, f"/conferences/{cid}/ceremony/script/print")


@pytest.mark.parametrize("page", ["", "/script/print"])
def test_the_batches_and_the_script_read_a_fixed_number_of_queries(app, client, auth, world, count_queries, page):
    auth.login("organizer")
    cid = world.conference_id
    client.post(f"/conferences/{cid}/ceremony", data={"batch_size": "6"})
    with count_queries() as few:
        client.get(f"/conferences/{cid}/ceremony{page}")
    client.post(f"/conferences/{cid}/ceremony", data={"batch_size": "1", "overwrite": "y"})
    with count_queries() as many:
        client.get(f"/conferences/{cid}/ceremony{page}")
    assert many.count == few.count


def test_an_exemplar_approved_after_the_batches_is_shown_as_in_no_batch(app, client, auth, world):
    auth.login("organizer")
    cid = world.conference_id
    client.post(f"/conferences/{cid}/ceremony", data={"batch_size": "10"})
    with app.app_context():
        late = submit_nomination(cid, world.unit_ids[0], nomination_data("Hồ Thị Muộn"), Actor(user_id=None),
                                 local_today())
        approve_nomination(late.id)
        db.session.commit()

    assert 'data-unbatched="1"' in _page(client, f"/conferences/{cid}/ceremony")

"""The nomination form as a unit clerk posts it."""

from sqlalchemy import select

from conference.extensions import db
from conference.nominations.models import Nomination
from tests.factories import make_world

BASE = {"kind": "individual", "full_name": "Đinh Thị Thu", "ethnicity": "Kinh", "position": "Giáo viên",
        "achievements": "Giáo viên dạy giỏi cấp huyện.", "titles": "", "phone": ""}


def post(client, world, **fields):
    return client.post(f"/conferences/{world.conference_id}/nominations/new", data={**BASE, **fields},
                       follow_redirects=True)


def stored(app):
    with app.app_context():
        return db.session.execute(select(Nomination)).scalars().all()


def test_individual_without_gender_and_year_is_refused_in_vietnamese(app, client, auth):
    with app.app_context():
        world = make_world()
    auth.login("unit1")
    html = post(client, world, gender="", birth_year="").get_data(as_text=True)
    assert "Chọn giới tính." in html and "Nhập năm sinh (số, ví dụ 1985)." in html
    assert "Not a valid" not in html
    assert stored(app) == []


def test_year_of_birth_out_of_range_is_refused(app, client, auth):
    with app.app_context():
        world = make_world()
    auth.login("unit1")
    html = post(client, world, gender="female", birth_year="1890").get_data(as_text=True)
    assert "Năm sinh phải từ 1930 đến 2010." in html
    assert stored(app) == []


def test_collective_needs_no_gender_or_year(app, client, auth):
    with app.app_context():
        world = make_world()
    auth.login("unit1")
    post(client, world, kind="collective", full_name="Tập thể Tổ chuyên môn Toán", gender="", birth_year="")
    [nomination] = stored(app)
    assert (nomination.kind, nomination.gender, nomination.birth_year) == ("collective", None, None)


def test_valid_individual_is_submitted_and_listed(app, client, auth):
    with app.app_context():
        world = make_world()
    auth.login("unit1")
    html = post(client, world, gender="female", birth_year="1988", direct_worker="y").get_data(as_text=True)
    assert "Đã gửi hồ sơ" in html and "Đinh Thị Thu" in html and "1 / 2" in html
    [nomination] = stored(app)
    assert (nomination.gender, nomination.birth_year, nomination.direct_worker) == ("female", 1988, True)

"""Bad input gets a clear Vietnamese answer, never a 500, and nothing half written: JSON that is not an object at
the desk API, ids beyond what the database holds, a huge search, digits other than 0–9, control characters,
malformed spreadsheets, oversized photos; and the duplicate check sees through a name's spellings."""

from __future__ import annotations

import importlib
import io
import os
import pkgutil
import re
import subprocess
import sys
import time
import zipfile

import pytest
from flask_wtf import FlaskForm
from openpyxl import Workbook
from PIL import Image
from sqlalchemy import func, select
from wtforms import DateField, SelectField, StringField
from wtforms.validators import DataRequired, Length

import conference
from conference.badges.services import DEFAULT_CATEGORIES
from conference.ceremony.models import ScriptText
from conference.certificates.models import CertificatePrinter
from conference.checkin.models import CheckIn
from conference.conferences.models import Quota
from conference.core.text import ID_MAX
from conference.delegates.models import Delegate
from conference.dossier.importing import HEADERS_BY_VERSION
from conference.dossier.plain import FORMAT_VERSION
from conference.extensions import db
from conference.nominations.models import Nomination
from conference.organizations.models import Organization
from conference.seating.models import HallLayout
from conference.web.forms import WTFORMS_MESSAGES, Form
from tests.checkin.test_api import seat_exemplar
from tests.delegates.test_guest_import import fill, guest_row
from tests.factories import make_world
from tests.nominations.helpers import fill_template, person_row

BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
NOT_OBJECTS = ["[]", "[1, 2]", '"code"', "1", "1.5", "null", "true", "not json", "[" * 100_000, '{"a":' * 100_000,
               "9" * 5000]
DESK_API = ["/api/checkin", "/api/checkin/undo", "/api/checkin/sync", "/api/checkin/desk"]
HUGE = ["2147483648", "9223372036854775808", "99999999999999999999"]  # 2**31, 2**63, 20 digits
FORM = {"kind": "individual", "full_name": "Đinh Thị Thu", "gender": "female", "birth_year": "1985",
        "ethnicity": "Kinh", "position": "Giáo viên", "achievements": "Giáo viên dạy giỏi cấp huyện."}


@pytest.fixture
def world(app):
    with app.app_context():
        world = make_world(quotas=(5, 2, 2))
        seat_exemplar(world.conference_id, world.unit_ids[0], world.unit_user_ids[0], "Nguyễn Thị Lan")
        db.session.commit()
        return world


def count(app, model) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(model)).scalar_one()


def names(app) -> list[str]:
    with app.app_context():
        return list(db.session.execute(select(Nomination.full_name).order_by(Nomination.id)).scalars())


def html_of(response) -> str:
    assert response.status_code < 500
    return response.get_data(as_text=True)


# The desk API


def test_desk_api_answers_json_that_is_not_an_object_with_400(app, client, auth, world):
    auth.login("checkin")
    for path in DESK_API:
        for body in NOT_OBJECTS:
            response = client.post(path, data=body, content_type="application/json")
            assert response.status_code == 400, (path, body)
            answer = response.get_json()
            assert answer["result"] == "error" and "đối tượng JSON" in answer["message"]
    assert count(app, CheckIn) == 0


@BOTH
def test_desk_api_refuses_a_conference_id_no_row_can_have(app, client, auth, world, backend):
    auth.login("checkin")
    for path in ("/api/checkin", "/api/checkin/undo", "/api/checkin/sync"):
        for conference_id in (2**31, 2**63, 10**20, -1, 0, 1.5, "1", True):
            response = client.post(path, json={"conference_id": conference_id, "code": "x", "nonce": "n", "scans": []})
            assert response.status_code == 403, (path, conference_id)
            assert response.get_json()["result"] == "wrong_conference"


@BOTH
def test_desk_api_refuses_control_characters_and_writes_nothing(app, client, auth, world, backend):
    auth.login("checkin")
    client.post("/api/checkin/desk", json={"desk": "Bàn 1"})
    for text in ("A\x00B", "A\x1b[2J", "A\x7f"):
        assert client.post("/api/checkin/desk", json={"desk": "Bàn " + text}).status_code == 400
        scan = client.post("/api/checkin", json={"conference_id": world.conference_id, "code": text, "nonce": "n1"})
        assert scan.status_code == 400 and scan.get_json()["result"] == "invalid"
        with_nonce = client.post("/api/checkin", json={"conference_id": world.conference_id, "code": "x",
                                                       "nonce": text})
        assert with_nonce.status_code == 400
        sync = client.post("/api/checkin/sync", json={"conference_id": world.conference_id, "scans": [
            {"code": "x", "nonce": text, "scanned_at": "2025-04-10T08:00:00+07:00"}]})
        assert sync.status_code == 400
    assert count(app, CheckIn) == 0


@BOTH
def test_desk_search_refuses_a_huge_or_binary_query_in_json(client, auth, world, backend):
    auth.login("checkin")
    for query in ("a" * 50_000, "a" * 101, "Lan\x00", "\x1bLan"):
        response = client.get(f"/api/conferences/{world.conference_id}/delegates", query_string={"q": query})
        assert response.status_code == 400, query[:10]
        assert response.get_json()["result"] == "error" and "tối đa 100 ký tự" in response.get_json()["message"]
    found = client.get(f"/api/conferences/{world.conference_id}/delegates", query_string={"q": "Lan"}).get_json()
    assert [d["name"] for d in found["delegates"]] == ["Nguyễn Thị Lan"]


# Ids larger than the database holds


@BOTH
def test_every_route_answers_404_for_an_id_beyond_the_database(app, client, auth, world, backend):
    auth.login("organizer")
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or not rule.arguments:
            continue
        for name in rule.arguments:  # each id in turn is the huge one, the others real
            for huge in HUGE:
                path = rule.rule
                for other in rule.arguments:
                    path = path.replace(f"<int:{other}>", huge if other == name else str(world.conference_id))
                for method in rule.methods - {"HEAD", "OPTIONS"}:
                    response = client.open(path, method=method)
                    assert response.status_code == 404, (method, path, response.status_code)
                    checked += 1
    assert checked > 150


@BOTH
def test_the_largest_id_is_still_a_route(client, auth, world, backend):
    auth.login("organizer")
    assert client.get(f"/conferences/{ID_MAX}").status_code == 404  # no such row, but no overflow either


@BOTH
def test_list_filters_ignore_ids_beyond_the_database(client, auth, world, backend):
    auth.login("organizer")
    for value in HUGE + ["²", "１", "-1", "0"]:
        for page, query in (("nominations", "unit"), ("nominations", "block"), ("audit", "unit"),
                            ("audit", "upto"), ("audit", "page")):
            url = f"/conferences/{world.conference_id}/{page}?{query}={value}"
            assert client.get(url).status_code == 200, url


@BOTH
def test_posted_ids_in_other_digits_or_too_large_change_nothing(app, client, auth, world, backend):
    auth.login("organizer")
    with app.app_context():
        pending = db.session.execute(select(Nomination.id)).scalars().all()
    for value in ("²", "¹⁹⁸⁵", "１", HUGE[0], HUGE[2]):
        assert client.post(f"/conferences/{world.conference_id}/nominations/approve",
                           data={"ids": [value]}).status_code == 302
        assert client.post(f"/conferences/{world.conference_id}/presidium", data={"seat-1": value},
                           follow_redirects=True).status_code == 200
    with app.app_context():
        assert db.session.execute(select(Nomination.id)).scalars().all() == pending
        assert db.session.execute(select(Delegate.presidium_order)).scalars().all() == [None]


# Digits other than 0–9 in number fields


NUMBERS = ["²", "¹⁹⁸⁵", "１９８５", "١٩٨٥", "1985.0", "1e3", HUGE[2]]


@BOTH
def test_birth_year_in_other_digits_is_refused_in_vietnamese(app, client, auth, world, backend):
    auth.login("unit1")
    for typed in NUMBERS:
        html = html_of(client.post(f"/conferences/{world.conference_id}/nominations/new",
                                   data={**FORM, "birth_year": typed}))
        assert "chỉ gồm các chữ số 0–9" in html, typed
    assert names(app) == ["Nguyễn Thị Lan"]


@BOTH
@pytest.mark.parametrize("typed", ["²", "１９８５", HUGE[2]])
def test_quota_member_count_and_conference_numbers_in_other_digits_are_refused(app, client, auth, world, typed,
                                                                                backend):
    auth.login("organizer")
    cid, unit = world.conference_id, world.unit_ids[0]
    quotas = html_of(client.post(f"/conferences/{cid}/quotas", data={f"seats-{unit}": typed}, follow_redirects=True))
    assert "số lượng phân bổ phải là số nguyên không âm" in quotas
    allocate = html_of(client.post(f"/conferences/{cid}/quotas/allocate", data={"minimum": typed},
                                   follow_redirects=True))
    assert "Số tối thiểu mỗi đơn vị phải là số nguyên từ 0 đến 1000." in allocate
    units = html_of(client.post(f"/conferences/{cid}/units/{unit}/edit",
                                data={"name": "Công đoàn cơ sở số 1", "member_count": typed}))
    assert "chỉ gồm các chữ số 0–9" in units
    conference = html_of(client.post(f"/conferences/{cid}/edit", data={
        "name": "Hội nghị", "level": "district", "held_on": "2025-04-10", "delegate_cap": typed,
        "exemplar_share_pct": "70", "split_tolerance_pct": "5", "presidium_max": "7"}))
    assert "chỉ gồm các chữ số 0–9" in conference
    guest = html_of(client.post(f"/conferences/{cid}/guests/new", data={"full_name": "Khách", "birth_year": typed}))
    assert "chỉ gồm các chữ số 0–9" in guest
    with app.app_context():
        assert db.session.execute(select(Quota.seats).order_by(Quota.unit_id)).scalars().all() == [5, 2, 2]
        assert db.session.get(Organization, unit).member_count == 100
        assert count(app, Delegate) == 1


# Control characters in text fields


@BOTH
@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x9b"])
def test_control_characters_in_a_nomination_are_refused(app, client, auth, world, char, backend):
    auth.login("unit1")
    for field in ("full_name", "position", "ethnicity", "achievements", "titles_other", "phone"):
        html = html_of(client.post(f"/conferences/{world.conference_id}/nominations/new",
                                   data={**FORM, field: FORM.get(field, "x") + char + "y"}))
        assert "ký tự điều khiển không hợp lệ" in html or field == "phone" and "Số điện thoại chỉ gồm" in html, field
    assert names(app) == ["Nguyễn Thị Lan"]


@BOTH
def test_a_text_area_keeps_tabs_and_line_breaks_a_line_does_not(app, client, auth, world, backend):
    auth.login("unit1")
    refused = html_of(client.post(f"/conferences/{world.conference_id}/nominations/new",
                                  data={**FORM, "full_name": "Đinh\tThị Thu"}))
    assert "Có ký tự điều khiển không hợp lệ (U+0009)" in refused
    client.post(f"/conferences/{world.conference_id}/nominations/new",
                data={**FORM, "achievements": "- Một\r\n- Hai\tba"})
    assert names(app) == ["Nguyễn Thị Lan", "Đinh Thị Thu"]


@BOTH
def test_control_characters_in_other_forms_are_refused(app, client, auth, world, backend):
    auth.login("organizer")
    cid = world.conference_id
    guest = html_of(client.post(f"/conferences/{cid}/guests/new", data={"full_name": "Khách\x00"}))
    assert "Có ký tự điều khiển không hợp lệ (U+0000)" in guest
    categories = {f"{kind}-{key}": value for kind, (label, colour, _on) in DEFAULT_CATEGORIES.items()
                  for key, value in (("label", label), ("colour", colour))}
    label = html_of(client.post(f"/conferences/{cid}/badges/categories",
                                data={**categories, "guest-label": "Khách\x00"}, follow_redirects=True))
    assert "có ký tự điều khiển không hợp lệ (U+0000)" in label
    assert count(app, Delegate) == 1
    auth.logout()
    assert client.post("/login", data={"username": "organizer\x00", "password": "secret"}).status_code == 200


def test_every_form_of_the_app_refuses_control_characters():
    """Every FlaskForm of the package derives from `conference.web.forms.Form`, whose text fields refuse them."""
    for module in pkgutil.walk_packages(conference.__path__, "conference."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    forms = [cls for cls in subclasses(FlaskForm) if cls.__module__.startswith("conference.")]
    assert len(forms) > 10
    assert [f"{c.__module__}.{c.__name__}" for c in forms if not issubclass(c, Form)] == []


# Malformed spreadsheets


def _patched(workbook_bytes: bytes, sheet_part: str, old: str, new: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == sheet_part:
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode(), 1)
            target.writestr(name, data)
    return out.getvalue()


def _template_with_marker(client, world) -> bytes:
    """The downloaded template filled with one row whose birth cell holds 1234 (a number the tests replace)."""
    template = client.get(f"/conferences/{world.conference_id}/nominations/template.xlsx").data
    return fill_template(template, [person_row("Trần Văn Bình", year=1234)])


def _sheet_part(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        parts = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        return next(n for n in parts if b"<v>1234</v>" in archive.read(n))


@BOTH
def test_a_template_with_a_malformed_number_is_refused_and_nothing_imported(app, client, auth, world, backend):
    auth.login("unit1")
    template = _template_with_marker(client, world)
    part = _sheet_part(template)
    for value, message in (("9" * 5000, "ô không đọc được"), ("inf", "ô không đọc được"),
                           ("nan", "ô không đọc được"), ("1e400", "giá trị số không hợp lệ"),
                           ("12345678901234567890", "số quá lớn")):
        content = _patched(template, part, "<v>1234</v>", f"<v>{value}</v>")
        html = html_of(client.post(f"/conferences/{world.conference_id}/nominations/import",
                                   data={"file": (io.BytesIO(content), "ho-so.xlsx")}, follow_redirects=True))
        assert message in html and "import/confirm" not in html, value[:10]
    assert names(app) == ["Nguyễn Thị Lan"]


@BOTH
def test_a_template_with_a_bad_date_cell_or_entities_is_refused(app, client, auth, world, backend):
    auth.login("unit1")
    content = _template_with_marker(client, world)
    part = _sheet_part(content)
    bad_date = _patched(content, part, "<v>1234</v>", "<v>ngày 30/02</v>")
    bad_date = _patched(bad_date, part, 't="n"><v>ngày', 't="d"><v>ngày') if b't="n"><v>ng' in bad_date else (
        _patched(bad_date, part, "><v>ngày", ' t="d"><v>ngày'))
    entities = _patched(content, part, "<worksheet", '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><worksheet')
    for upload, message in ((bad_date, "ô không đọc được"), (entities, "DTD")):
        html = html_of(client.post(f"/conferences/{world.conference_id}/nominations/import",
                                   data={"file": (io.BytesIO(upload), "ho-so.xlsx")}, follow_redirects=True))
        assert message in html
    assert names(app) == ["Nguyễn Thị Lan"]


@BOTH
def test_a_unit_list_with_bad_numbers_or_control_characters_imports_nothing(app, client, auth, world, backend):
    auth.login("organizer")
    for row, message in (("CĐCS mới,Khối A,²,", "Số đoàn viên"), ("CĐCS mới,Khối A,１０,", "Số đoàn viên"),
                         ("CĐCS\x1b mới,Khối A,10,", "ký tự điều khiển"),
                         ("CĐCS mới,Khối A,99999999999999999999,", "Số đoàn viên")):
        csv_bytes = f"Tên đơn vị,Khối,Số đoàn viên,Liên hệ\n{row}\n".encode()
        html = html_of(client.post(f"/conferences/{world.conference_id}/units/import",
                                   data={"file": (io.BytesIO(csv_bytes), "don-vi.csv")}, follow_redirects=True))
        assert message in html, row
    assert count(app, Organization) == 5  # two federations and the three units


@BOTH
def test_the_upper_levels_import_refuses_entities_and_unreadable_cells(client, auth, world, backend):
    auth.login("organizer")
    book = Workbook()
    book.active.title = "Dữ liệu"
    book.active.append(list(HEADERS_BY_VERSION[FORMAT_VERSION]))
    book.active.append([1234])
    saved = io.BytesIO()
    book.save(saved)
    content = saved.getvalue()
    for upload, message in ((_patched(content, "xl/worksheets/sheet1.xml", "<v>1234</v>", "<v>inf</v>"),
                             "ô không đọc được"),
                            (_patched(content, "xl/workbook.xml", "<workbook", '<!DOCTYPE w []><workbook'), "DTD")):
        html = html_of(client.post(f"/conferences/{world.conference_id}/exports/import",
                                   data={"file": (io.BytesIO(upload), "ds.xlsx")}, follow_redirects=True))
        assert message in html


@BOTH
def test_a_confirmed_import_that_is_not_base64_is_refused(client, auth, world, backend):
    auth.login("organizer")
    for content in ("abc", "!!!\x00", ""):
        response = client.post(f"/conferences/{world.conference_id}/exports/import/confirm",
                               data={"content": content, "filename": "ds.xlsx"}, follow_redirects=True)
        assert response.status_code < 500


# The duplicate check sees through spellings

SPELLINGS = ["Nguyễn Thị Hoà", "nguyễn thị hòa", "Nguyễn  Thị Hòa", "Nguyễn\u00a0Thị Hòa", "Nguyễn Thị\u200b Hòa",
             "Nguyễn\u200d Thị Hòa", " NGUYỄN THỊ HOÀ ", "Nguyễn Thị Ho\u0300a", "\ufeffNguyễn Thị Hòa",
             "Nguyễn\u2060Thị Hòa".replace("\u2060", " \u2060")]


@BOTH
def test_the_same_person_spelled_another_way_is_a_duplicate_in_the_form(app, client, auth, world, backend):
    auth.login("unit1")
    client.post(f"/conferences/{world.conference_id}/nominations/new", data={**FORM, "full_name": "Nguyễn Thị Hòa"})
    for spelling in SPELLINGS:
        html = html_of(client.post(f"/conferences/{world.conference_id}/nominations/new",
                                   data={**FORM, "full_name": spelling}, follow_redirects=True))
        assert "Đơn vị đã có hồ sơ của" in html, ascii(spelling)
    assert names(app) == ["Nguyễn Thị Lan", "Nguyễn Thị Hòa"]
    client.post(f"/conferences/{world.conference_id}/nominations/new", data={**FORM, "full_name": "Nguyễn Thị Hoa"})
    assert names(app)[-1] == "Nguyễn Thị Hoa"  # another tone is another name


@BOTH
def test_the_template_import_flags_other_spellings_of_a_person(app, client, auth, world, backend):
    auth.login("unit1")
    template = client.get(f"/conferences/{world.conference_id}/nominations/template.xlsx").data
    content = fill_template(template, [person_row("Nguyễn Thị Lan "), person_row("Trần Văn Thuỷ"),
                                       person_row("Trần  Văn Thủy")])
    html = html_of(client.post(f"/conferences/{world.conference_id}/nominations/import",
                               data={"file": (io.BytesIO(content), "ho-so.xlsx")}, follow_redirects=True))
    assert html.count("Trùng") + html.count("đã có hồ sơ") >= 2
    assert names(app) == ["Nguyễn Thị Lan"]


# Photos


def _png(size: tuple[int, int]) -> bytes:
    """A one-colour bilevel PNG: a few KB whatever its size (the header still names every pixel)."""
    out = io.BytesIO()
    Image.new("1", size, 1).save(out, format="PNG")
    return out.getvalue()


def test_a_photo_too_large_to_decode_is_refused_from_its_header(app, client, auth, world):
    auth.login("unit1")
    for size in ((6300, 6300), (6001, 10), (3000, 2700)):
        content = _png(size)
        assert len(content) < 400_000  # small on disk, huge once decoded
        html = html_of(client.post(f"/conferences/{world.conference_id}/nominations/new",
                                   data={**FORM, "photo": (io.BytesIO(content), "anh.png")}, follow_redirects=True))
        assert "quá lớn" in html and f"{size[0]} × {size[1]} điểm ảnh" in html, size
    assert names(app) == ["Nguyễn Thị Lan"]


MEASURE = """
import sys
from pathlib import Path
from conference.nominations.photos import reencode_photo
def peak_kb():  # VmHWM: this process's peak resident memory, afresh at exec (ru_maxrss keeps the parent's)
    return next(int(l.split()[1]) for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmHWM"))
images = [Path(name).read_bytes() for name in sys.argv[1:]]
base = peak_kb()
for data in images:
    photo = reencode_photo(data)
    assert max(photo.width, photo.height) == 800
print((peak_kb() - base) // 1024)
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads the peak memory from Linux's /proc")
def test_the_largest_photos_accepted_need_less_than_100_mb(tmp_path):
    """A 6,000 × 6,000 JPEG (decoded reduced) and a 3,200 × 2,500 RGBA PNG (the largest decoded whole), made here
    and re-encoded in a fresh process: its peak resident memory grows by less than 100 MB."""
    jpeg, png = tmp_path / "big.jpg", tmp_path / "big.png"
    Image.new("RGB", (6000, 6000), (200, 30, 30)).save(jpeg, "JPEG", quality=50)
    image = Image.new("RGBA", (3200, 2500), (0, 0, 0, 0))
    image.paste(Image.effect_noise((300, 300), 60).convert("RGBA"), (100, 100))
    image.save(png, "PNG")
    assert max(path.stat().st_size for path in (jpeg, png)) <= 2 * 1024 * 1024
    result = subprocess.run([sys.executable, "-c", MEASURE, str(jpeg), str(png)], capture_output=True, text=True,
                            check=True)
    assert int(result.stdout.strip()) < 100


# JSON posted to a page's form


def test_a_form_posted_as_json_is_read_as_its_flat_text_items_never_a_server_error(app, client, auth, world):
    """Flask-WTF reads a JSON body as the form's data; a list, a number, a nested object or JSON nested thousands
    deep is an empty form (the form's own messages), not a 500."""
    auth.login("organizer")
    cid = world.conference_id
    pages = [f"/conferences/{cid}/agenda", f"/conferences/{cid}/certificates/printers",
             f"/conferences/{cid}/seating/hall", f"/conferences/{cid}/guests/new", f"/conferences/{cid}/edit",
             f"/conferences/{cid}/invitations/settings", "/login"]
    for page in pages:
        for body in ("[]", "[1, 2]", "1", '"x"', "null", "[" * 5000, '{"a":' * 5000, '{"full_name": {"a": 1}}',
                     '{"full_name": [1, {"b": 2}], "title": 5}'):
            response = client.post(page, data=body, content_type="application/json")
            assert response.status_code < 500, (page, body[:20])
    assert count(app, Delegate) == 1
    added = client.post(f"/conferences/{cid}/guests/new", json={"full_name": "Khách JSON", "position": "Chủ tịch",
                                                                 "birth_year": 1970})
    assert added.status_code == 302  # text items are read; the number (not text) is left out
    with app.app_context():
        guest = db.session.execute(select(Delegate).where(Delegate.full_name == "Khách JSON")).scalar_one()
        assert guest.birth_year is None


# Millimetres


def test_printer_offsets_in_other_digits_are_refused(app, client, auth, world):
    auth.login("organizer")
    base = f"/conferences/{world.conference_id}/certificates"
    client.post(f"{base}/printers", data={"new-name": "Canon", "new-offset_x": "1,5", "new-offset_y": "0"})
    with app.app_context():
        printer_id = db.session.execute(select(CertificatePrinter.id)).scalar_one()
    for typed in ("１", "٣", "۲,۵", "²", "nan", "inf", "1e3", "9" * 5000, "-0x1", "1_0"):
        html = html_of(client.post(f"{base}/printers/offset", data={"printer_id": printer_id, "offset_x": typed,
                                                                   "offset_y": "0"}, follow_redirects=True))
        assert "Nhập số mi-li-mét" in html, typed
        added = html_of(client.post(f"{base}/printers", data={"new-name": f"Máy {typed[:5]}", "new-offset_x": typed},
                                    follow_redirects=True))
        assert "Nhập số mi-li-mét" in added, typed
    with app.app_context():
        assert db.session.execute(select(CertificatePrinter.offset_x_mm)).scalars().all() == [1.5]


def test_a_progressive_jpeg_past_eight_megapixels_is_refused_from_its_header(app, client, auth, world):
    """libjpeg keeps every coefficient of a progressive JPEG at full size however reduced it decodes (6,000 ×
    6,000 in CMYK: 290 MB), so such a JPEG has the PNG's pixel bound; a baseline JPEG of that size passes."""
    auth.login("unit1")
    for progressive, expected in ((True, "dạng lũy tiến (progressive) quá lớn: 4000 × 2100"), (False, None)):
        out = io.BytesIO()
        Image.new("CMYK", (4000, 2100), (10, 200, 30, 0)).save(out, "JPEG", quality=30, progressive=progressive)
        html = html_of(client.post(f"/conferences/{world.conference_id}/nominations/new",
                                   data={**FORM, "photo": (io.BytesIO(out.getvalue()), "anh.jpg")},
                                   follow_redirects=True))
        if expected:
            assert expected in html
            assert names(app) == ["Nguyễn Thị Lan"]
        else:
            assert "quá lớn" not in html
            assert names(app) == ["Nguyễn Thị Lan", "Đinh Thị Thu"]


# The seating plan: bounded hall, seats moved by id


def test_a_hostile_hall_size_is_refused_and_the_largest_hall_stays_quick(app, client, auth, world):
    """100,000 × 100,000 × 100,000 seats would be 10¹⁵ seats to lay out: the form bounds every number (8 blocks,
    40 rows, 40 seats a row), and the largest hall (12,800 seats) is seated and drawn in seconds."""
    auth.login("organizer")
    hall = f"/conferences/{world.conference_id}/seating/hall"
    for blocks, rows, seats in (("100000", "100000", "100000"), ("9", "1", "1"), ("1", "41", "1"), ("1", "1", "41"),
                                ("８", "1", "1"), ("1e9", "1", "1"), ("-1", "1", "1")):
        html = html_of(client.post(hall, data={"blocks": blocks, "rows": rows, "seats": seats, "stage_seats": "7"}))
        assert "Từ 1 đến" in html or "chỉ gồm các chữ số 0–9" in html, (blocks, rows, seats)
    assert count(app, HallLayout) == 0
    client.post(hall, data={"blocks": "8", "rows": "40", "seats": "40", "stage_seats": "25"})
    assert count(app, HallLayout) == 1
    started = time.monotonic()
    assert client.post(f"/conferences/{world.conference_id}/seating/assign").status_code == 302
    assert client.get(f"/conferences/{world.conference_id}/seating").status_code == 200
    assert time.monotonic() - started < 10


@BOTH
def test_moving_a_delegate_named_by_a_number_no_row_can_have_is_refused_in_vietnamese(app, client, auth, world,
                                                                                     backend):
    auth.login("organizer")
    cid = world.conference_id
    client.post(f"/conferences/{cid}/seating/hall", data={"blocks": "2", "rows": "5", "seats": "6", "stage_seats": "7"})
    for delegate in ("9223372036854775808", "99999999999999999999", "2147483648", "١", "-1", "0", "abc"):
        html = html_of(client.post(f"/conferences/{cid}/seating/move", data={"delegate": delegate, "seat": "A-01-01"}))
        assert "Lựa chọn không hợp lệ." in html, delegate
    html = html_of(client.post(f"/conferences/{cid}/seating/move", data={"delegate": "1", "seat": "A-1-1" * 10_000}))
    assert "Tối đa 20 ký tự." in html  # WTForms' own message, in Vietnamese
    assert client.get(f"/conferences/{cid}/seating/move?delegate=9223372036854775808").status_code == 200


def test_wtforms_own_messages_are_in_the_ui_language(app):
    """WTForms has no Vietnamese catalogue: its messages (a required field, a length, a choice, a date) come from
    `WTFORMS_MESSAGES`; every one of its English messages a form of the app can show is listed."""
    class Sample(Form):
        name = StringField(validators=[DataRequired(), Length(max=3)])
        kind = SelectField(choices=["a"])
        day = DateField()

    with app.test_request_context(method="POST", data={"name": "abcd", "kind": "z", "day": "30/02"}):
        form = Sample()
        assert not form.validate()
        assert form.errors == {"name": ["Tối đa 3 ký tự."], "kind": ["Lựa chọn không hợp lệ."],
                               "day": ["Ngày không hợp lệ."]}
    with app.test_request_context(method="POST", data={}):
        form = Sample()
        form.validate()
        assert form.errors["name"] == ["Chưa nhập mục này."]
    assert all(str(text) != english for english, text in WTFORMS_MESSAGES.items())


# Text posted outside a form class: the MC's script, the units' conference codes


@BOTH
def test_the_mc_script_refuses_control_characters_and_huge_texts_and_its_docx_still_opens(app, client, auth, world,
                                                                                          backend):
    auth.login("organizer")
    cid = world.conference_id
    client.post(f"/conferences/{cid}/agenda", data={"starts_at": "07:30", "duration_min": "10", "title": "Khai mạc"})
    page = client.get(f"/conferences/{cid}/ceremony/script").get_data(as_text=True)
    field = re.search(r'name="(text-\d+)"', page).group(1)
    for text, message in (("Kính thưa\x00", "ký tự điều khiển không hợp lệ (U+0000)"),
                          ("Kính thưa\x1b[2J", "ký tự điều khiển không hợp lệ (U+001B)"),
                          ("x" * 50_000, "tối đa 4.000 ký tự (đang có 50.000)")):
        html = html_of(client.post(f"/conferences/{cid}/ceremony/script", data={field: text}, follow_redirects=True))
        assert message in html, text[:12]
    assert count(app, ScriptText) == 0
    html = html_of(client.post(f"/conferences/{cid}/ceremony/script", data={field: "Kính thưa {ho_ten} %(x)s\tA"},
                               follow_redirects=True))
    assert "Đã lưu lời dẫn." in html
    assert client.get(f"/conferences/{cid}/ceremony/script.docx").status_code == 200


def test_a_units_conference_code_is_echoed_short_when_refused(client, auth, world):
    auth.login("organizer")
    page = client.get(f"/conferences/{world.conference_id}/exports/import").get_data(as_text=True)
    field = re.search(r'name="(code-\d+)"', page).group(1)
    html = html_of(client.post(f"/conferences/{world.conference_id}/exports/import/codes",
                               data={field: "HN-" + "x" * 50_000}, follow_redirects=True))
    assert "không đúng dạng" in html and "HN-" + "x" * 17 + "”" in html and "x" * 18 not in html


# The guest import: malformed files, and the same guest spelled another way


def _guest_template(client, world) -> bytes:
    template = client.get(f"/conferences/{world.conference_id}/guests/template.xlsx").data
    return fill(template, [guest_row("Trần Văn Khách", birth=1234)])


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", b" " * (200 * 1024 * 1024))  # 200 MB of spaces: about 200 KB zipped
    return out.getvalue()


def test_the_guest_import_refuses_malformed_files_with_a_message_and_seats_nobody(app, client, auth, world):
    auth.login("organizer")
    content = _guest_template(client, world)  # its row's year of birth is the 1234 the cases replace
    part = _sheet_part(content)
    cases = [(_patched(content, part, "<v>1234</v>", f"<v>{value}</v>"), message)
             for value, message in (("9" * 5000, "ô không đọc được"), ("inf", "ô không đọc được"),
                                    ("nan", "ô không đọc được"), ("1e400", "giá trị số không hợp lệ"))]
    cases += [(_patched(content, part, "<worksheet", '<!DOCTYPE w [<!ENTITY a "aaaa">]><worksheet'), "DTD"),
              (_patched(content, part, '<c r="A2" t="inlineStr"><is><t>Tr&#7847;n V&#259;n Kh&#225;ch</t></is></c>',
                        '<c r="A2" t="s"><v>7</v></c>'), "ô không đọc được ở dòng 2"),  # no shared strings part
              (_zip_bomb(), "quá nhiều dữ liệu"),
              (b"%PDF-1.4 not a workbook" * 10, "Tệp không phải tệp Excel (.xlsx)"), (b"", "Tệp trống (0 byte).")]
    for upload, message in cases:
        html = html_of(client.post(f"/conferences/{world.conference_id}/guests/import",
                                   data={"file": (io.BytesIO(upload), "khach.xlsx")}, follow_redirects=True))
        assert message in html and "import/confirm" not in html, (message, upload[:20])
    assert client.post(f"/conferences/{world.conference_id}/guests/import/confirm").status_code == 302
    assert count(app, Delegate) == 1


@BOTH
def test_the_guest_import_flags_every_spelling_of_a_guest_already_listed(app, client, auth, world, backend):
    auth.login("organizer")
    cid = world.conference_id
    client.post(f"/conferences/{cid}/guests/new", data={"full_name": "Nguyễn Thị Hòa", "position": "Chủ tịch",
                                                        "workplace": "UBND huyện Vĩnh Thuận"})
    template = client.get(f"/conferences/{cid}/guests/template.xlsx").data
    rows = [guest_row(spelling, workplace="UBND  huyện\u00a0Vĩnh Thuận") for spelling in SPELLINGS]
    html = html_of(client.post(f"/conferences/{cid}/guests/import",
                               data={"file": (io.BytesIO(fill(template, rows)), "khach.xlsx")}, follow_redirects=True))
    assert html.count("Trùng với đại biểu khách mời đã có") == len(SPELLINGS)
    client.post(f"/conferences/{cid}/guests/import/confirm")
    assert count(app, Delegate) == 2

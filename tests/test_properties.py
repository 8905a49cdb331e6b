"""Property-based tests (hypothesis): whatever a client sends to the scan API, the nomination form or the Excel
imports (nominations, guests, units), the answer is never a server error, and the scan API never checks in a code
that is not a real badge.

One app and one SQLite database per module (examples share it: what one example writes, the next may see);
100 examples a test (50 for the Excel import, each a workbook), no deadline and no example database
(nothing written to the working tree), so the suite stays fast.
"""

from __future__ import annotations

import io
import shutil
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError
from sqlalchemy import func, select

from conference.badges.codes import InvalidBadgeCode, read_badge_code
from conference.badges.services import badge_code
from conference.checkin.models import CheckIn
from conference.core.shortcode import read_short_code
from conference.core.text import control_character
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.models import Nomination
from tests.checkin.test_api import seat_exemplar
from tests.conftest import make_test_app
from tests.delegates.test_guest_import import fill as fill_guests
from tests.delegates.test_guest_import import guest_row
from tests.factories import make_world
from tests.nominations.helpers import fill_template, person_row

FAST = settings(max_examples=100, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


class Shared:
    """The module's app, its conference, the real badge (code, fallback code, claim) and logged-in clients."""

    def __init__(self, app):
        self.app = app
        with app.app_context():
            world = make_world(quotas=(200, 2, 2))
            delegate = seat_exemplar(world.conference_id, world.unit_ids[0], world.unit_user_ids[0], "Nguyễn Thị Lan")
            db.session.commit()
            self.conference_id = world.conference_id
            self.other_conference_id = world.other_conference_id
            self.code = badge_code(app.config["SECRET_KEY"], delegate)
            self.fallback = delegate.fallback_code
            self.claim = read_badge_code(app.config["SECRET_KEY"], self.code)
        self.desk = self._client("checkin")
        self.unit = self._client("unit1")
        self.organizer = self._client("organizer")
        self.template = self.unit.get(f"/conferences/{self.conference_id}/nominations/template.xlsx").data

    def _client(self, username: str):
        client = self.app.test_client()
        assert client.post("/login", data={"username": username, "password": "secret"}).status_code == 302
        return client

    def is_real_badge(self, code) -> bool:
        """The code names the one real badge: its signed code (or a spelling of its signature that decodes to the
        same claim), or its fallback code typed in any case or spacing."""
        if not isinstance(code, str):
            return False
        if read_short_code(code) == self.fallback:
            return True
        try:
            return read_badge_code(self.app.config["SECRET_KEY"], code) == self.claim
        except InvalidBadgeCode:
            return False

    def count(self, model) -> int:
        with self.app.app_context():
            return db.session.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.fixture(scope="module")
def shared(sqlite_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("properties") / "test.db"
    shutil.copyfile(sqlite_template, path)
    app = make_test_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    yield Shared(app)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                                 max_size=4),
                    max_leaves=12)


def _mutations(code: str):
    """Codes near the real one: a character changed, dropped or added, cut short, case changed."""
    positions = st.integers(min_value=0, max_value=len(code) - 1)
    letters = st.characters(min_codepoint=32, max_codepoint=0x2FF)
    return st.one_of(
        st.tuples(positions, letters).map(lambda pc: code[:pc[0]] + pc[1] + code[pc[0] + 1:]),
        positions.map(lambda p: code[:p] + code[p + 1:]),
        st.tuples(positions, letters).map(lambda pc: code[:pc[0]] + pc[1] + code[pc[0]:]),
        positions.map(lambda p: code[:p]),
        st.just(code.swapcase()),
    )


@pytest.mark.parametrize("path", ["/api/checkin", "/api/checkin/sync", "/api/checkin/undo", "/api/checkin/desk"])
def test_the_desk_api_never_fails_on_any_json_body(shared, path):
    @FAST
    @given(body=JSON | st.dictionaries(st.sampled_from(["conference_id", "code", "nonce", "scans", "desk"]), JSON))
    def run(body):
        response = shared.desk.post(path, json=body)
        assert response.status_code < 500, response.get_data(as_text=True)[:200]
        assert response.is_json

    run()


def test_the_scan_api_never_fails_and_never_checks_in_a_code_that_is_not_a_real_badge(shared):
    codes = st.one_of(st.text(max_size=200), _mutations(shared.code), _mutations(shared.fallback),
                      st.just(shared.code), st.just(shared.fallback))
    conference_ids = st.one_of(st.just(shared.conference_id), st.just(shared.other_conference_id), st.integers(),
                               st.none(), JSON)

    @FAST
    @given(code=codes | JSON, conference_id=conference_ids, nonce=st.none() | st.text(max_size=80) | JSON)
    def run(code, conference_id, nonce):
        response = shared.desk.post("/api/checkin", json={"code": code, "conference_id": conference_id,
                                                          "nonce": nonce})
        assert response.status_code < 500, response.get_data(as_text=True)[:200]
        answer = response.get_json()
        if answer["result"] in ("checked_in", "already_checked_in"):
            assert shared.is_real_badge(code), code
            assert answer["delegate"]["name"] == "Nguyễn Thị Lan"

    run()
    assert shared.count(CheckIn) <= 1


def test_offline_sync_never_fails_and_never_records_a_code_that_is_not_a_real_badge(shared):
    scan = st.fixed_dictionaries({
        "code": st.one_of(st.text(max_size=60), _mutations(shared.code), st.just(shared.code), JSON),
        "nonce": st.text(max_size=70) | JSON,
        "scanned_at": st.one_of(st.datetimes().map(lambda d: d.isoformat() + "+07:00"), st.text(max_size=30), JSON),
    })

    @FAST
    @given(scans=st.lists(scan | JSON, max_size=5))
    def run(scans):
        response = shared.desk.post("/api/checkin/sync", json={"conference_id": shared.conference_id,
                                                               "scans": scans})
        assert response.status_code < 500, response.get_data(as_text=True)[:200]
        for result, sent in zip(response.get_json().get("results", []), scans):
            if result["result"] in ("checked_in", "already_checked_in"):
                assert shared.is_real_badge(sent["code"]), sent

    run()
    with shared.app.app_context():
        assert db.session.execute(select(func.count(func.distinct(CheckIn.delegate_id)))).scalar_one() <= 1


FIELD_TEXT = st.text(max_size=60) | st.sampled_from(["", " ", "\x00", "²", "１９８５", "99999999999999999999",
                                                     "Nguyễn Thị Hoà", "\u200b", "\r\n", "1985"])


def test_the_nomination_form_never_fails_and_stores_no_control_character(shared):
    fields = st.fixed_dictionaries({
        "kind": st.sampled_from(["individual", "collective"]) | FIELD_TEXT,
        "full_name": FIELD_TEXT, "gender": st.sampled_from(["male", "female", ""]) | FIELD_TEXT,
        "birth_year": FIELD_TEXT | st.integers().map(str), "birth_date": FIELD_TEXT,
        "ethnicity": FIELD_TEXT, "education": FIELD_TEXT, "position": FIELD_TEXT, "titles_other": FIELD_TEXT,
        "achievements": FIELD_TEXT, "phone": FIELD_TEXT, "movements": FIELD_TEXT, "titles": FIELD_TEXT,
        "direct_worker": st.sampled_from(["y", "", "on"]), "action": st.sampled_from(["draft", "submit", ""]),
    })

    @FAST
    @given(data=fields)
    def run(data):
        response = shared.unit.post(f"/conferences/{shared.conference_id}/nominations/new", data=data)
        assert response.status_code < 500, response.get_data(as_text=True)[:200]

    run()
    with shared.app.app_context():
        for nomination in db.session.execute(select(Nomination)).scalars():
            for value in (nomination.full_name, nomination.position, nomination.ethnicity, nomination.titles):
                assert control_character(value) is None, ascii(value)
            assert control_character(nomination.achievements, multiline=True) is None
            assert nomination.birth_year is None or 1900 <= nomination.birth_year <= 2100


CELL = st.one_of(
    st.none(), st.text(max_size=40), st.integers(), st.floats(), st.booleans(),
    st.dates(min_value=date(1, 1, 1)), st.datetimes(min_value=datetime(1900, 1, 1)),
    st.sampled_from(["Nam", "Nữ", "Cá nhân", "Tập thể", "Có", "Không", "1985", "²", "１９８５", "=1+1", "31/02/1985"]),
)


def test_the_excel_import_never_fails_on_random_cells(shared):
    @settings(FAST, max_examples=50)
    @given(rows=st.lists(st.lists(CELL, min_size=14, max_size=14), min_size=1, max_size=3),
           base=st.booleans())
    def run(rows, base):
        if base:  # a valid row with some cells replaced, so later columns are reached too
            rows = [[cell if cell is not None else valid for cell, valid in zip(row, person_row("Trần Văn Bình"))]
                    for row in rows]
        try:
            content = fill_template(shared.template, rows)
        except (IllegalCharacterError, ValueError, TypeError, OverflowError):
            return  # openpyxl cannot write it: no such file can be uploaded from Excel either
        response = shared.unit.post(f"/conferences/{shared.conference_id}/nominations/import",
                                    data={"file": (io.BytesIO(content), "ho-so.xlsx")})
        assert response.status_code < 500, response.get_data(as_text=True)[:200]
        confirm = shared.unit.post(f"/conferences/{shared.conference_id}/nominations/import/confirm")
        assert confirm.status_code < 500

    run()


def test_the_guest_import_never_fails_on_random_cells_and_seats_no_control_character(shared):
    template = shared.organizer.get(f"/conferences/{shared.conference_id}/guests/template.xlsx").data

    @settings(FAST, max_examples=30)
    @given(rows=st.lists(st.lists(CELL, min_size=8, max_size=8), min_size=1, max_size=3), base=st.booleans())
    def run(rows, base):
        if base:  # a valid row with some cells replaced, so later columns are reached too
            rows = [[cell if cell is not None else valid for cell, valid in zip(row, guest_row("Trần Văn Khách"))]
                    for row in rows]
        try:
            content = fill_guests(template, rows)
        except (IllegalCharacterError, ValueError, TypeError, OverflowError):
            return  # openpyxl cannot write it: no such file can be uploaded from Excel either
        response = shared.organizer.post(f"/conferences/{shared.conference_id}/guests/import",
                                         data={"file": (io.BytesIO(content), "khach.xlsx")})
        assert response.status_code < 500, response.get_data(as_text=True)[:200]
        confirm = shared.organizer.post(f"/conferences/{shared.conference_id}/guests/import/confirm")
        assert confirm.status_code < 500

    run()
    with shared.app.app_context():
        for guest in db.session.execute(select(Delegate).where(Delegate.category == "guest")).scalars():
            for value in (guest.full_name, guest.position, guest.workplace, guest.ethnicity):
                assert control_character(value) is None, ascii(value)


def test_the_unit_list_import_never_fails_on_random_csv(shared):
    @FAST
    @given(text=st.lists(st.lists(st.text(max_size=20) | st.sampled_from(["²", "１０", "1.000", "-5", "1e9"]),
                                  min_size=1, max_size=5), max_size=4), separator=st.sampled_from([",", ";", "\t"]))
    def run(text, separator):
        body = "Tên đơn vị,Khối,Số đoàn viên,Liên hệ\n" + "\n".join(separator.join(row) for row in text)
        response = shared.organizer.post(f"/conferences/{shared.conference_id}/units/import",
                                         data={"file": (io.BytesIO(body.encode("utf-8", "surrogatepass")),
                                                        "don-vi.csv")})
        assert response.status_code < 500, response.get_data(as_text=True)[:200]

    run()
    assert shared.count(Delegate) >= 1

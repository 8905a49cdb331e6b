"""Who may reach which route: the role table of every endpoint, federation and unit scoping, CSRF, login.

ROUTES lists every endpoint of the app with its methods and the roles allowed; a route added to the app
without being listed here makes `test_every_route_of_the_app_is_listed_in_the_access_table` fail.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import url_for
from sqlalchemy import func, select

import conference
from conference.agenda.services import add_item
from conference.badges.services import badge_code
from conference.ceremony.services import generate_batches
from conference.checkin.models import CheckIn
from conference.config import DEFAULT_SECRET_KEY
from conference.core.clock import local_today
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.models import Nomination
from conference.nominations.services import Actor, approve_nomination, submit_nomination
from tests.conftest import make_test_app
from tests.factories import make_world, nomination_data

ROLES = ("organizer", "unit", "checkin")
#: The user logged in for each role: all belong to the host federation (unit1 is the first unit).
USERNAMES = {"organizer": "organizer", "unit": "unit1", "checkin": "checkin"}

PUBLIC = None  # no login needed
ANY_USER = frozenset(ROLES)
ORGANIZER = frozenset({"organizer"})
UNIT = frozenset({"unit"})
ORGANIZER_OR_UNIT = frozenset({"organizer", "unit"})
DESK = frozenset({"organizer", "checkin"})

#: endpoint -> (HTTP methods, roles allowed; PUBLIC for anyone, logged in or not)
ROUTES: dict[str, tuple[frozenset[str], frozenset[str] | None]] = {
    "auth.login": (frozenset({"GET", "POST"}), PUBLIC),
    "auth.logout": (frozenset({"POST"}), ANY_USER),
    "auth.sessions": (frozenset({"GET"}), ANY_USER),
    "auth.end_all": (frozenset({"POST"}), ANY_USER),
    "dashboard.home": (frozenset({"GET"}), ANY_USER),
    "dashboard.create": (frozenset({"GET", "POST"}), ORGANIZER),
    "dashboard.edit": (frozenset({"GET", "POST"}), ORGANIZER),
    "dashboard.dashboard": (frozenset({"GET"}), ANY_USER),
    "quotas.index": (frozenset({"GET", "POST"}), ORGANIZER),
    "quotas.allocate": (frozenset({"POST"}), ORGANIZER),
    "nominations.index": (frozenset({"GET"}), ORGANIZER_OR_UNIT),
    "nominations.create": (frozenset({"GET", "POST"}), UNIT),
    "nominations.show": (frozenset({"GET"}), ORGANIZER_OR_UNIT),
    "nominations.edit": (frozenset({"GET", "POST"}), ORGANIZER_OR_UNIT),  # the organizer edits after the deadline
    "nominations.submit": (frozenset({"POST"}), UNIT),
    "nominations.withdraw": (frozenset({"POST"}), UNIT),
    "nominations.photo": (frozenset({"GET"}), ORGANIZER_OR_UNIT),
    "nominations.bulk_approve": (frozenset({"POST"}), ORGANIZER),
    "nominations.template": (frozenset({"GET"}), ORGANIZER_OR_UNIT),
    "nominations.upload": (frozenset({"GET", "POST"}), ORGANIZER_OR_UNIT),
    "nominations.confirm_upload": (frozenset({"POST"}), ORGANIZER_OR_UNIT),
    "nominations.references": (frozenset({"GET", "POST"}), ORGANIZER),
    "units.index": (frozenset({"GET", "POST"}), ORGANIZER),
    "units.import_list": (frozenset({"POST"}), ORGANIZER),
    "units.edit": (frozenset({"GET", "POST"}), ORGANIZER),
    "auditlog.index": (frozenset({"GET"}), ORGANIZER),
    "nominations.approve": (frozenset({"POST"}), ORGANIZER),
    "nominations.return_": (frozenset({"POST"}), ORGANIZER),
    "delegates.index": (frozenset({"GET"}), ORGANIZER),
    "delegates.add_guest": (frozenset({"GET", "POST"}), ORGANIZER),
    "delegates.delete": (frozenset({"POST"}), ORGANIZER),
    "delegates.presidium": (frozenset({"GET", "POST"}), ORGANIZER),
    "delegates.presidium_print": (frozenset({"GET"}), ORGANIZER),
    "ceremony.index": (frozenset({"GET", "POST"}), ORGANIZER),
    "ceremony.batch": (frozenset({"GET", "POST"}), ORGANIZER),
    "ceremony.move_batch": (frozenset({"POST"}), ORGANIZER),
    "ceremony.move_awardee": (frozenset({"POST"}), ORGANIZER),
    "ceremony.awardee_status": (frozenset({"POST"}), ORGANIZER),
    "ceremony.script": (frozenset({"GET", "POST"}), ORGANIZER),
    "ceremony.script_print": (frozenset({"GET"}), ORGANIZER),
    "ceremony.script_docx": (frozenset({"GET"}), ORGANIZER),
    "guests.template": (frozenset({"GET"}), ORGANIZER),
    "guests.upload": (frozenset({"GET", "POST"}), ORGANIZER),
    "guests.confirm_upload": (frozenset({"POST"}), ORGANIZER),
    "invitations.index": (frozenset({"GET"}), ORGANIZER),
    "invitations.settings": (frozenset({"GET", "POST"}), ORGANIZER),
    "invitations.letters": (frozenset({"GET"}), ORGANIZER),
    "invitations.letter_pdf": (frozenset({"GET"}), ORGANIZER),
    "invitations.letter_png": (frozenset({"GET"}), ORGANIZER),
    "invitations.answer": (frozenset({"GET", "POST"}), ORGANIZER),
    "agenda.index": (frozenset({"GET", "POST"}), ORGANIZER),
    "agenda.edit": (frozenset({"GET", "POST"}), ORGANIZER),
    "agenda.move": (frozenset({"POST"}), ORGANIZER),
    "agenda.delete": (frozenset({"POST"}), ORGANIZER),
    "agenda.printable": (frozenset({"GET"}), DESK),
    "agenda.clock": (frozenset({"POST"}), ORGANIZER),
    "agenda.hall": (frozenset({"GET"}), ORGANIZER),
    "agenda.control": (frozenset({"GET"}), ORGANIZER),
    "agenda.show": (frozenset({"POST"}), ORGANIZER),
    "agenda.api_hall": (frozenset({"GET"}), ORGANIZER),
    "seating.index": (frozenset({"GET"}), ORGANIZER),
    "seating.hall": (frozenset({"GET", "POST"}), ORGANIZER),
    "seating.assign": (frozenset({"POST"}), ORGANIZER),
    "seating.move": (frozenset({"GET", "POST"}), ORGANIZER),
    "seating.printable": (frozenset({"GET"}), DESK),
    "badges.sheet": (frozenset({"GET"}), ORGANIZER),
    "badges.qr": (frozenset({"GET"}), ORGANIZER),
    "badges.reissue": (frozenset({"POST"}), ORGANIZER),
    "checkin.desk": (frozenset({"GET"}), DESK),
    "checkin.api_checkin": (frozenset({"POST"}), DESK),
    "checkin.api_search": (frozenset({"GET"}), DESK),
    "checkin.api_undo": (frozenset({"POST"}), DESK),
    "checkin.api_ping": (frozenset({"GET"}), DESK),
    "checkin.api_sync": (frozenset({"POST"}), DESK),
    "checkin.api_badges": (frozenset({"GET"}), DESK),
    "checkin.board": (frozenset({"GET"}), ORGANIZER),
    "checkin.api_board": (frozenset({"GET"}), ORGANIZER),
    "checkin.api_desk": (frozenset({"POST"}), DESK),
    "checkin.close_desks": (frozenset({"POST"}), ORGANIZER),
    "checkin.reopen_desks": (frozenset({"POST"}), ORGANIZER),
    "checkin.attendance_xlsx": (frozenset({"GET"}), ORGANIZER),
    "checkin.absentees": (frozenset({"GET"}), ORGANIZER),
    # The desk's service worker script: public like /static/ (no data, only static URLs and a version hash); the
    # browser re-fetches it by itself to look for updates, where a redirect to the login page would fail.
    "checkin.desk_worker": (frozenset({"GET"}), PUBLIC),
    "badges.categories": (frozenset({"GET", "POST"}), ORGANIZER),
    "badges.badge_png": (frozenset({"GET"}), ORGANIZER),
    "badges.badge_svg": (frozenset({"GET"}), ORGANIZER),
    "badges.single": (frozenset({"GET"}), DESK),
    "badges.reprint": (frozenset({"POST"}), DESK),
    "dossier.delegates_xlsx": (frozenset({"GET"}), ORGANIZER),
    "dossier.index": (frozenset({"GET"}), ORGANIZER),
    "dossier.settings": (frozenset({"POST"}), ORGANIZER),
    "dossier.upper_xlsx": (frozenset({"GET"}), ORGANIZER),
    "dossier.quotas_xlsx": (frozenset({"GET"}), ORGANIZER),
    "dossier.import_upload": (frozenset({"GET", "POST"}), ORGANIZER),
    "dossier.import_confirm": (frozenset({"POST"}), ORGANIZER),
    "dossier.lower_codes": (frozenset({"POST"}), ORGANIZER),
    "dossier.upper": (frozenset({"GET", "POST"}), ORGANIZER),
    "dossier.upper_quota": (frozenset({"POST"}), ORGANIZER),
    "accounts.index": (frozenset({"GET"}), ORGANIZER),
    "accounts.create": (frozenset({"GET", "POST"}), ORGANIZER),
    "accounts.deactivate": (frozenset({"POST"}), ORGANIZER),
    "accounts.reactivate": (frozenset({"POST"}), ORGANIZER),
    "accounts.reset": (frozenset({"POST"}), ORGANIZER),
    "accounts.slips": (frozenset({"POST"}), ORGANIZER),
    "accounts.change_password": (frozenset({"GET", "POST"}), ANY_USER),
    "certificates.index": (frozenset({"GET"}), ORGANIZER),
    "certificates.save": (frozenset({"POST"}), ORGANIZER),
    "certificates.add_printer": (frozenset({"POST"}), ORGANIZER),
    "certificates.set_offset": (frozenset({"POST"}), ORGANIZER),
    "certificates.delete_printer": (frozenset({"POST"}), ORGANIZER),
    "certificates.certificates": (frozenset({"GET"}), ORGANIZER),
    "certificates.calibration": (frozenset({"GET"}), ORGANIZER),
    "certificates.decision": (frozenset({"GET"}), ORGANIZER),
    "honourboard.settings": (frozenset({"GET", "POST"}), ORGANIZER),
    "honourboard.new_link": (frozenset({"POST"}), ORGANIZER),
    # The public honour board: anyone with the link, logged in or not; 404 unless the organizer switched it on
    # (tests/honourboard).
    "honourboard.board": (frozenset({"GET"}), PUBLIC),
    "honourboard.photo": (frozenset({"GET"}), PUBLIC),
    "honourboard.preview_image": (frozenset({"GET"}), PUBLIC),
}

#: Routes that act on one conference of the host federation (by id in the URL, or in the API's JSON).
CONFERENCE_SCOPED = sorted(
    ep for ep in ROUTES
    if ep not in ("auth.login", "auth.logout", "auth.sessions", "auth.end_all", "dashboard.home", "dashboard.create",
                  "checkin.desk_worker", "accounts.index", "accounts.create", "accounts.deactivate",
                  "accounts.reactivate", "accounts.reset", "accounts.slips", "accounts.change_password",
                  "checkin.api_desk",  # the desk's name belongs to the session, not to a conference
                  "honourboard.board", "honourboard.photo", "honourboard.preview_image")  # public, by link
)


def _cases(include):
    return [
        pytest.param(endpoint, method, role, id=f"{endpoint}-{method}-{role}")
        for endpoint, (methods, allowed) in ROUTES.items()
        if allowed is not PUBLIC
        for method in sorted(methods)
        for role in ROLES
        if include(role, allowed)
    ]


FORBIDDEN_CASES = _cases(lambda role, allowed: role not in allowed)
ALLOWED_CASES = _cases(lambda role, allowed: role in allowed)
LOGIN_REQUIRED_CASES = [
    pytest.param(endpoint, method, id=f"{endpoint}-{method}")
    for endpoint, (methods, allowed) in ROUTES.items()
    if allowed is not PUBLIC
    for method in sorted(methods)
]


@dataclass
class Seeded:
    """Real ids for every URL argument, and the other unit's nomination."""

    conference_id: int
    other_conference_id: int
    nomination_id: int  # unit1's, submitted
    other_unit_nomination_id: int  # unit2's, submitted
    delegate_id: int  # from unit1's approved nomination
    item_id: int  # an agenda item
    unit_id: int = 0  # unit1
    user_id: int = 0  # unit1's account
    batch_id: int = 0  # the honouring batch of the approved delegate

    def url_args(self) -> dict[str, int]:
        return {"conference_id": self.conference_id, "nomination_id": self.nomination_id,
                "delegate_id": self.delegate_id, "item_id": self.item_id,
                "unit_id": self.unit_id, "user_id": self.user_id, "batch_id": self.batch_id}


def seed(app) -> Seeded:
    with app.app_context():
        world = make_world()
        cid, (unit1, unit2, _unit3) = world.conference_id, world.unit_ids
        unit1_actor = Actor(user_id=world.unit_user_ids[0])
        approved = submit_nomination(cid, unit1, nomination_data("Lê Văn Duyệt"), unit1_actor, local_today())
        approve_nomination(approved.id)
        pending = submit_nomination(cid, unit1, nomination_data("Nguyễn Thị Lan"), unit1_actor, local_today())
        other = submit_nomination(cid, unit2, nomination_data("Trần Văn Bình", gender="male"),
                                  Actor(user_id=world.unit_user_ids[1]), local_today())
        delegate_id = _delegate_of(approved.id)
        item = add_item(cid, {"starts_at": time(7, 30), "title": "Khai mạc hội nghị", "presenter": None})
        batch = generate_batches(cid)[0]
        db.session.commit()
        return Seeded(conference_id=cid, other_conference_id=world.other_conference_id,
                      nomination_id=pending.id, other_unit_nomination_id=other.id,
                      delegate_id=delegate_id, item_id=item.id, unit_id=unit1,
                      user_id=world.unit_user_ids[0], batch_id=batch.id)


def _delegate_of(nomination_id: int) -> int:
    return db.session.execute(select(Delegate.id).where(Delegate.nomination_id == nomination_id)).scalar_one()


def url_of(app, endpoint: str, ids: Seeded) -> str:
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    args = ids.url_args()
    with app.test_request_context():
        return url_for(endpoint, **{name: args[name] for name in rule.arguments})


def request(client, method: str, url: str, ids: Seeded):
    """One request; the scan API gets a JSON body naming the conference, forms get an empty body."""
    if method == "GET":
        return client.get(url)
    if url in ("/api/checkin", "/api/checkin/undo", "/api/checkin/sync"):
        return client.post(url, json={"code": "not-a-code", "conference_id": ids.conference_id})
    return client.post(url, data={})


@pytest.fixture(scope="session")
def seeded_template(sqlite_template, tmp_path_factory) -> tuple[Path, Seeded]:
    """An SQLite file with the world `seed` makes, made once per process; each test gets a copy (`app` below):
    seeding it for each of the table's hundreds of cases took most of their time."""
    path = tmp_path_factory.mktemp("access") / "seeded.db"
    shutil.copyfile(sqlite_template, path)
    app = make_test_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    seeded = seed(app)
    with app.app_context():
        db.session.execute(db.text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.session.remove()
        db.engine.dispose()
    return path, seeded


@pytest.fixture
def app(seeded_template, tmp_path):
    """The application on a copy of `seeded_template` (this module's tests all start from that world)."""
    target = tmp_path / "test.db"
    shutil.copyfile(seeded_template[0], target)
    app = make_test_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{target}"})
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def ids(seeded_template) -> Seeded:
    return seeded_template[1]


# The table itself


def test_every_route_of_the_app_is_listed_in_the_access_table(app):
    routes = {
        rule.endpoint: frozenset(rule.methods - {"HEAD", "OPTIONS"})
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
    }

    unlisted = sorted(set(routes) - set(ROUTES))
    stale = sorted(set(ROUTES) - set(routes))
    assert not unlisted, f"routes missing from the access table: {unlisted}"
    assert not stale, f"access table lists routes the app no longer has: {stale}"
    wrong_methods = {ep: sorted(routes[ep]) for ep in routes if routes[ep] != ROUTES[ep][0]}
    assert not wrong_methods, f"methods differ from the access table: {wrong_methods}"


# Anonymous users


@pytest.mark.parametrize(("endpoint", "method"), LOGIN_REQUIRED_CASES)
def test_anonymous_user_is_sent_to_login_on_every_protected_route(app, client, ids, endpoint, method):
    url = url_of(app, endpoint, ids)

    response = request(client, method, url, ids)

    if url.startswith("/api/"):
        # The desk's JavaScript needs JSON to tell "log in again" from a network failure.
        assert response.status_code == 401
        assert "đăng nhập lại" in response.get_json()["message"]
        return
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/login"
    assert parse_qs(location.query)["next"] == [url]


def test_anonymous_user_may_open_the_login_page(client):
    response = client.get("/login")

    assert response.status_code == 200
    assert 'name="username"' in response.get_data(as_text=True)


# Logged-in users by role


@pytest.mark.parametrize(("endpoint", "method", "role"), FORBIDDEN_CASES)
def test_role_not_allowed_on_a_route_gets_403(app, client, auth, ids, endpoint, method, role):
    auth.login(USERNAMES[role])

    response = request(client, method, url_of(app, endpoint, ids), ids)

    assert response.status_code == 403


@pytest.mark.parametrize(("endpoint", "method", "role"), ALLOWED_CASES)
def test_role_allowed_on_a_route_is_not_refused(app, client, auth, ids, endpoint, method, role):
    auth.login(USERNAMES[role])

    response = request(client, method, url_of(app, endpoint, ids), ids)

    if method == "GET":
        assert response.status_code in (200, 302)
    else:
        assert response.status_code != 403
        assert response.status_code < 500


def test_forbidden_page_is_the_vietnamese_error_page(client, auth, ids):
    auth.login("checkin")

    response = client.get(f"/conferences/{ids.conference_id}/quotas")

    assert response.status_code == 403
    assert "Bạn không có quyền truy cập trang này." in response.get_data(as_text=True)


def test_forbidden_api_call_answers_json(client, auth, ids):
    auth.login("unit1")

    response = client.get(f"/api/conferences/{ids.conference_id}/delegates?q=Lan")

    assert response.status_code == 403
    assert response.is_json
    assert response.get_json()["result"] == "error"


# Organizer of another federation


@pytest.mark.parametrize("endpoint", CONFERENCE_SCOPED)
def test_organizer_of_another_federation_gets_403_on_this_conference(app, client, auth, ids, endpoint):
    auth.login("other_organizer")
    methods, _allowed = ROUTES[endpoint]

    for method in sorted(methods):
        response = request(client, method, url_of(app, endpoint, ids), ids)
        assert response.status_code == 403, f"{method} {endpoint}"


def test_organizer_of_another_federation_gets_403_on_its_nominations_and_delegates(client, auth, ids):
    auth.login("other_organizer")
    cid = ids.conference_id

    assert client.get(f"/conferences/{cid}/nominations").status_code == 403
    assert client.get(f"/nominations/{ids.nomination_id}").status_code == 403
    assert client.post(f"/nominations/{ids.nomination_id}/approve").status_code == 403
    assert client.get(f"/conferences/{cid}/delegates").status_code == 403
    assert client.get(f"/conferences/{cid}/delegates/{ids.delegate_id}/qr.png").status_code == 403
    assert client.post(f"/conferences/{cid}/delegates/{ids.delegate_id}/reissue").status_code == 403


def test_organizer_of_another_federation_still_reaches_its_own_conference(client, auth, ids):
    auth.login("other_organizer")

    assert client.get(f"/conferences/{ids.other_conference_id}").status_code == 200


def test_home_page_lists_only_the_users_own_federations_conferences(app, client, auth, ids):
    auth.login("other_organizer")

    html = client.get("/").get_data(as_text=True)

    assert "Hội nghị huyện An Minh" in html
    assert "Hội nghị tuyên dương điển hình tiên tiến" not in html


# Unit users


def test_unit_user_gets_403_on_another_units_nomination(client, auth, ids):
    auth.login("unit1")
    nid = ids.other_unit_nomination_id

    assert client.get(f"/nominations/{nid}").status_code == 403
    assert client.get(f"/nominations/{nid}/edit").status_code == 403
    assert client.post(f"/nominations/{nid}/edit", data=nomination_data("Tên sửa trộm")).status_code == 403


def test_unit_user_cannot_change_another_units_nomination_by_post(app, client, auth, ids):
    auth.login("unit1")

    client.post(f"/nominations/{ids.other_unit_nomination_id}/edit", data=nomination_data("Tên sửa trộm"))

    with app.app_context():
        assert db.session.get(Nomination, ids.other_unit_nomination_id).full_name == "Trần Văn Bình"


def test_unit_user_sees_its_own_nomination(client, auth, ids):
    auth.login("unit1")

    response = client.get(f"/nominations/{ids.nomination_id}")

    assert response.status_code == 200
    assert "Nguyễn Thị Lan" in response.get_data(as_text=True)


def test_unit_nomination_list_shows_only_its_own_units_nominations(client, auth, ids):
    auth.login("unit1")
    html = client.get(f"/conferences/{ids.conference_id}/nominations").get_data(as_text=True)
    assert "Nguyễn Thị Lan" in html
    assert "Lê Văn Duyệt" in html
    assert "Trần Văn Bình" not in html

    auth.logout()
    auth.login("unit2")
    html = client.get(f"/conferences/{ids.conference_id}/nominations").get_data(as_text=True)
    assert "Trần Văn Bình" in html
    assert "Nguyễn Thị Lan" not in html


def test_organizer_review_list_shows_every_units_nominations(client, auth, ids):
    auth.login("organizer")

    html = client.get(f"/conferences/{ids.conference_id}/nominations").get_data(as_text=True)

    assert "Nguyễn Thị Lan" in html
    assert "Trần Văn Bình" in html


# CSRF


@pytest.fixture
def csrf_app(tmp_path):
    """The application with CSRF protection on, as in production."""
    app = conference.create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'csrf.db'}",
        "WTF_CSRF_ENABLED": True,
        "PRODUCTION": False,
    })
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


META_TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def meta_token(html: str) -> str:
    match = META_TOKEN.search(html)
    assert match, "page has no <meta name=csrf-token>"
    return match.group(1)


def login_with_token(client, username: str):
    token = meta_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"username": username, "password": "secret", "csrf_token": token})
    assert response.status_code == 302
    return response


def test_csrf_login_form_without_token_is_refused_with_400(csrf_app):
    seed(csrf_app)
    client = csrf_app.test_client()

    response = client.post("/login", data={"username": "organizer", "password": "secret"})

    assert response.status_code == 400
    assert "Phiên làm việc đã hết hạn" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302  # still not logged in


def test_csrf_login_form_with_token_logs_in(csrf_app):
    seed(csrf_app)
    client = csrf_app.test_client()

    login_with_token(client, "organizer")

    assert client.get("/").status_code == 200


def test_csrf_api_checkin_without_header_is_refused_with_400(csrf_app):
    ids = seed(csrf_app)
    client = csrf_app.test_client()
    login_with_token(client, "checkin")
    code = _badge_code(csrf_app, ids.delegate_id)

    response = client.post("/api/checkin", json={"code": code, "conference_id": ids.conference_id})

    assert response.status_code == 400
    assert response.get_json()["result"] == "error"
    with csrf_app.app_context():
        assert db.session.execute(select(func.count()).select_from(CheckIn)).scalar_one() == 0


def test_csrf_api_checkin_with_token_from_meta_tag_checks_in(csrf_app):
    ids = seed(csrf_app)
    client = csrf_app.test_client()
    login_with_token(client, "checkin")
    token = meta_token(client.get(f"/conferences/{ids.conference_id}/checkin").get_data(as_text=True))
    code = _badge_code(csrf_app, ids.delegate_id)

    response = client.post("/api/checkin", json={"code": code, "conference_id": ids.conference_id},
                           headers={"X-CSRFToken": token})

    assert response.status_code == 200
    assert response.get_json()["result"] == "checked_in"


def test_csrf_api_checkin_with_a_wrong_token_is_refused_with_400(csrf_app):
    ids = seed(csrf_app)
    client = csrf_app.test_client()
    login_with_token(client, "checkin")

    response = client.post("/api/checkin", json={"code": _badge_code(csrf_app, ids.delegate_id),
                                                 "conference_id": ids.conference_id},
                           headers={"X-CSRFToken": "forged-token"})

    assert response.status_code == 400


def _badge_code(app, delegate_id: int) -> str:
    with app.app_context():
        return badge_code(app.config["SECRET_KEY"], db.session.get(Delegate, delegate_id))


# Login and logout


def test_login_with_wrong_password_shows_vietnamese_message(client, ids):
    response = client.post("/login", data={"username": "organizer", "password": "wrong"})

    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu." in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_login_with_unknown_user_shows_the_same_message(client, ids):
    response = client.post("/login", data={"username": "nobody", "password": "secret"})

    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "target",
    ["//evil.example", "https://evil.example/", "/\\evil.example", "///evil.example", "/\t/evil.example"],
)
def test_login_does_not_follow_next_to_another_site(client, ids, target):
    response = client.post("/login", query_string={"next": target},
                           data={"username": "organizer", "password": "secret"})

    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_login_follows_a_local_next(client, ids):
    target = f"/conferences/{ids.conference_id}/delegates"

    response = client.post("/login", query_string={"next": target},
                           data={"username": "organizer", "password": "secret"})

    assert response.status_code == 302
    assert response.headers["Location"] == target


def test_logout_is_post_only(client, auth, ids):
    auth.login("organizer")

    assert client.get("/logout").status_code == 405
    assert client.get("/").status_code == 200  # GET did not log out

    response = client.post("/logout")
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/login"
    assert client.get("/").status_code == 302


def test_inactive_user_cannot_log_in(app, client, ids):
    from conference.auth.models import User

    with app.app_context():
        user = db.session.execute(select(User).where(User.username == "organizer")).scalar_one()
        user.active = False
        db.session.commit()

    response = client.post("/login", data={"username": "organizer", "password": "secret"})

    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu." in response.get_data(as_text=True)


def test_a_user_deactivated_while_logged_in_is_signed_out_on_the_next_request(app, client, auth, ids):
    from conference.auth.models import User

    auth.login("checkin")
    assert client.get("/").status_code == 200
    with app.app_context():
        user = db.session.execute(select(User).where(User.username == "checkin")).scalar_one()
        user.active = False
        db.session.commit()

    assert urlsplit(client.get("/").headers["Location"]).path == "/login"
    api = client.post("/api/checkin", json={"code": "x"})
    assert api.status_code == 401
    assert api.get_json()["message"] == "Phiên đăng nhập đã hết. Vui lòng đăng nhập lại."


def test_a_new_password_signs_the_account_out_of_every_browser(app, client, auth, ids):
    """A desk phone lost while logged in: `flask set-password dontiep` ends its session at its next request."""
    from conference.auth.models import User

    auth.login("checkin")
    assert client.get("/").status_code == 200
    with app.app_context():
        user = db.session.execute(select(User).where(User.username == "checkin")).scalar_one()
        user.set_password("a-new-secret")
        db.session.commit()

    assert urlsplit(client.get("/").headers["Location"]).path == "/login"
    assert client.post("/api/checkin", json={"code": "x"}).status_code == 401
    auth.login("checkin", "a-new-secret")
    assert client.get("/").status_code == 200  # the new password works


def test_a_session_cookie_without_the_password_stamp_is_not_signed_in(app, client, auth, ids):
    """A cookie made before the stamp existed (or forged without it) names no user: log in again."""
    from conference.auth.models import User

    with app.app_context():
        user_id = db.session.execute(select(User.id).where(User.username == "checkin")).scalar_one()
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True

    assert urlsplit(client.get("/").headers["Location"]).path == "/login"


# Production start


def test_production_start_with_the_default_secret_key_raises(tmp_path):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        conference.create_app({
            "SECRET_KEY": DEFAULT_SECRET_KEY,
            "PRODUCTION": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'prod.db'}",
        })


def test_production_start_with_a_real_secret_key_succeeds(tmp_path):
    app = conference.create_app({
        "SECRET_KEY": "a-long-random-production-key",
        "PRODUCTION": True,
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'prod.db'}",
    })

    assert app.config["PRODUCTION"] is True


@pytest.mark.parametrize("cookie_id", ["1:é", "9" * 25 + ":0123456789abcdef", " 1:0123456789abcdef", "٥:0123456789abcdef",
                                       "1:", "1:0123456789abcdef:x", 5])
def test_a_session_id_of_another_shape_is_nobody_not_an_error(app, client, cookie_id):
    with client.session_transaction() as session:
        session["_user_id"] = cookie_id

    response = client.get("/")

    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/login"

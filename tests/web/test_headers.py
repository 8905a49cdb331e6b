"""Security headers (conference/web/headers.py): the CSP and its companions on every answer (a page, the API, a
download, an error; every GET route as every role it allows), the camera for the desk page only, no-store on
everything but /static/ and the public honour board (whose cacheable answers are the same bytes for every reader
and set no cookie), and the Secure cookie and HSTS under HTTPS only."""

from __future__ import annotations

import io
import shutil
from datetime import date

import pytest
from flask import url_for
from PIL import Image

from conference.delegates.services import add_guest
from conference.extensions import db
from conference.honourboard.rules import MAX_AGE
from conference.honourboard.services import save_board
from conference.nominations.photos import reencode_photo
from conference.nominations.services import Actor, create_nomination
from conference.web.headers import CAMERA_CSP, CSP, csp_header
from tests.auth.test_access import PUBLIC, ROLES, ROUTES, USERNAMES, seeded_template  # noqa: F401  (a fixture)
from tests.conftest import make_test_app
from tests.factories import make_world, nomination_data
from tests.honourboard.test_honour_board import PRIVATE, add_exemplars
from tests.web.test_inline_code import problems

#: The policy every answer but the desk page carries, as the browser reads it.
POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
          "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
          "frame-ancestors 'none'")


def directives(header: str) -> dict[str, str]:
    """{"script-src": "'self'", ...} of a Content-Security-Policy header."""
    parts = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {part[0]: (part[1] if len(part) > 1 else "") for part in parts}


def not_stored(response) -> bool:
    """Whether the answer's Cache-Control holds `no-store`."""
    return "no-store" in {part.strip() for part in response.headers.get("Cache-Control", "").split(",")}


@pytest.fixture
def world(app):
    with app.app_context():
        world = make_world()
        guest = add_guest(world.conference_id, {"full_name": "Trần Văn Khách", "position": "Khách mời"})
        png = io.BytesIO()
        Image.new("RGB", (60, 80), "white").save(png, "PNG")
        nomination = create_nomination(world.conference_id, world.unit_ids[0], nomination_data(),
                                       Actor(world.organizer_id, is_organizer=True), date(2025, 3, 1),
                                       photo=reencode_photo(png.getvalue()))
        db.session.commit()
        world.guest_id, world.nomination_id = guest.id, nomination.id
        return world


def answers(client, auth, world) -> dict[str, object]:
    """An organizer's answers of each kind: page, print page, API, xlsx export, badge PNG/SVG, QR PNG, photo,
    error."""
    auth.login("organizer")
    cid, gid = world.conference_id, world.guest_id
    return {
        "page": client.get(f"/conferences/{cid}/delegates"),
        "print page": client.get(f"/conferences/{cid}/checkin/absentees"),
        "badge sheet": client.get(f"/conferences/{cid}/badges"),
        "api": client.get(f"/api/conferences/{cid}/board"),
        "xlsx export": client.get(f"/conferences/{cid}/exports/delegates.xlsx"),
        "badge png": client.get(f"/conferences/{cid}/delegates/{gid}/badge.png"),
        "badge svg": client.get(f"/conferences/{cid}/delegates/{gid}/badge.svg"),
        "qr png": client.get(f"/conferences/{cid}/delegates/{gid}/qr.png"),
        "photo": client.get(f"/nominations/{world.nomination_id}/photo.jpg"),  # the view says max-age: overruled
        "not found": client.get(f"/conferences/{cid}/no-such-page"),
    }


def test_every_kind_of_answer_carries_the_policy_and_its_companions(client, auth, world):
    for kind, response in answers(client, auth, world).items():
        assert response.status_code == (404 if kind == "not found" else 200), kind
        headers = response.headers
        assert headers["Content-Security-Policy"] == POLICY, kind
        assert headers["X-Content-Type-Options"] == "nosniff", kind
        assert headers["X-Frame-Options"] == "DENY", kind
        assert headers["Referrer-Policy"] == "same-origin", kind
        assert "camera=()" in headers["Permissions-Policy"].split(", "), kind
        assert not_stored(response), kind  # names, birth years, phones: never kept


def test_the_policy_allows_nothing_inline_nor_from_elsewhere():
    for policy in (CSP, CAMERA_CSP):
        text = " ".join(policy.values())
        assert "'unsafe-inline'" not in text and "'unsafe-eval'" not in text and "*" not in text
        assert "http" not in text  # no other host
        assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert CAMERA_CSP["script-src"] == "'self' 'wasm-unsafe-eval'"  # zxing's WebAssembly, nothing else
    assert CSP["script-src"] == "'self'"


def test_the_camera_is_granted_on_the_desk_page_only(app, client, auth, world):
    auth.login("checkin")
    cid = world.conference_id

    desk = client.get(f"/conferences/{cid}/checkin")
    board_api = client.get(f"/api/conferences/{cid}/ping")
    auth.logout()
    auth.login("organizer")
    dashboard = client.get(f"/conferences/{cid}")

    assert desk.status_code == 200
    assert "camera=(self)" in desk.headers["Permissions-Policy"].split(", ")
    assert directives(desk.headers["Content-Security-Policy"])["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert not_stored(desk)
    for other in (board_api, dashboard):
        assert other.status_code == 200
        assert "camera=()" in other.headers["Permissions-Policy"].split(", ")
        assert directives(other.headers["Content-Security-Policy"])["script-src"] == "'self'"


def test_the_desk_urls_refusals_and_redirects_do_not_grant_the_camera(client, auth, world):
    """Only the desk page itself opens the camera: the 403 page a unit gets at its URL, the redirect to the login
    form and a 404 for another conference carry the policy of every other page."""
    desk = f"/conferences/{world.conference_id}/checkin"
    anonymous = client.get(desk)
    auth.login("unit1")
    refused = client.get(desk)
    auth.logout()
    auth.login("checkin")
    missing = client.get("/conferences/999999/checkin")

    assert (anonymous.status_code, refused.status_code, missing.status_code) == (302, 403, 404)
    for response in (anonymous, refused, missing):
        assert "camera=()" in response.headers["Permissions-Policy"].split(", "), response.status_code
        assert response.headers["Content-Security-Policy"] == POLICY, response.status_code


def test_static_files_keep_their_caching_and_the_login_page_is_not_stored(client):
    static = client.get("/static/js/ui.js")
    static.close()  # a file sent as is: its handle closes here, whatever the asserts say
    login = client.get("/login")

    assert static.status_code == 200
    assert not not_stored(static)
    assert static.headers["X-Content-Type-Options"] == "nosniff"
    assert not_stored(login)


def test_plain_http_has_no_hsts_no_secure_cookie_and_no_redirect(app, client, auth, world):
    login = auth.login("organizer")

    assert login.status_code == 302 and not login.headers["Location"].startswith("https://")
    assert "Strict-Transport-Security" not in login.headers
    cookie = login.headers["Set-Cookie"]
    assert "session=" in cookie and "Secure" not in cookie and "HttpOnly" in cookie
    assert client.get("/login").status_code == 200  # no redirect to https
    # A forged X-Forwarded-Proto does not switch HSTS on for plain http.
    assert "Strict-Transport-Security" not in client.get("/login", headers={"X-Forwarded-Proto": "https"}).headers


@pytest.fixture
def https_app(tmp_path, sqlite_template):
    """The app with HTTPS on (the hall mode), on its own copy of the empty schema."""
    target = tmp_path / "https.db"
    shutil.copyfile(sqlite_template, target)
    app = make_test_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{target}", "HTTPS": True})
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_under_https_the_session_cookie_is_secure_and_answers_carry_hsts(https_app):
    with https_app.app_context():
        make_world()
    client = https_app.test_client()

    login = client.post("https://hoinghi.lan/login", data={"username": "organizer", "password": "secret"})
    page = client.get("https://hoinghi.lan/")
    on_this_machine = client.get("https://localhost:5000/login")

    assert login.status_code == 302
    cookie = login.headers["Set-Cookie"]
    assert "session=" in cookie and "; Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert page.status_code == 200
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert page.headers["Content-Security-Policy"] == POLICY
    # Not for `localhost`: the browser would refuse http://localhost (`make run`) for a year afterwards.
    assert on_this_machine.status_code == 200 and "Strict-Transport-Security" not in on_this_machine.headers


@pytest.fixture
def honour_board(app):
    """(world, slug): the world with three exemplars (photo and every personal field filled in) on a board switched
    on with one field published, the position."""
    with app.app_context():
        world = make_world(quotas=(20, 20, 20))
        world.exemplar_ids = add_exemplars(world, 3)
        board = save_board(world.conference_id, {"enabled": True, "introduction": "", "show_position": True})
        db.session.commit()
        return world, board.slug


def test_the_public_honour_board_is_the_same_for_every_reader_and_a_cacheable_answer_sets_no_cookie(
        app, client, auth, honour_board):
    """The board is public by the organizer's choice and cacheable (`cacheable_page`): what a cache keeps must be
    the same bytes for everybody, with only the published fields, and never carry a session's cookie. A logged-in
    reader's cookie (organizer, unit, desk) changes nothing in the answer; the page's one session-dependent part,
    the language, is chosen with ?lang=, which sets a cookie and so makes the answer private; `Vary: Cookie` keeps
    readers with a cookie apart in any cache."""
    world, slug = honour_board
    urls = (f"/honour/{slug}", f"/honour/{slug}/preview.png", f"/honour/{slug}/photos/{world.exemplar_ids[0]}.jpg")
    anonymous = {url: app.test_client().get(url) for url in urls}
    readers = {"anonymous": anonymous}
    for username in ("organizer", "unit1", "checkin"):
        auth.login(username)
        readers[username] = {url: client.get(url) for url in urls}
        auth.logout()

    for reader, answers in readers.items():
        for url, response in answers.items():
            assert response.status_code == 200, (reader, url)
            assert {part.strip() for part in response.headers["Cache-Control"].split(",")} == {
                "public", f"max-age={MAX_AGE}"}, (reader, url)
            assert "Set-Cookie" not in response.headers, (reader, url)
            assert "Cookie" in response.headers.get("Vary", ""), (reader, url)
            assert response.get_data() == anonymous[url].get_data(), (reader, url)
            assert response.headers["ETag"] == anonymous[url].headers["ETag"], (reader, url)
            assert response.headers["Content-Security-Policy"] == POLICY, (reader, url)
    page = anonymous[urls[0]].get_data(as_text=True)
    assert PRIVATE["position"] in page
    for key in ("titles", "birth_year", "ethnicity", "phone"):  # not published: in no cached copy
        assert PRIVATE[key] not in page, key
    assert 'name="csrf-token"' not in page

    english = app.test_client().get(f"{urls[0]}?lang=en")
    assert english.status_code == 200 and "Set-Cookie" in english.headers
    assert "public" not in english.headers["Cache-Control"] and "private" in english.headers["Cache-Control"]


# Every GET route, as every role it allows


@pytest.fixture
def seeded_app(seeded_template, tmp_path):  # noqa: F811  (the fixture imported above)
    """The app on a copy of the access table's world (tests/auth/test_access.py `seed`)."""
    target = tmp_path / "seeded.db"
    shutil.copyfile(seeded_template[0], target)
    app = make_test_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{target}"})
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_every_get_route_answers_every_role_it_allows_with_the_headers(seeded_app, seeded_template):  # noqa: F811
    """Each GET endpoint of the access table (so a new page or download is checked as soon as it is listed), opened
    by each role it allows (anonymous for public ones): the policy and its companions, no-store unless a public
    honour board answer, and no inline code in a page as rendered (macros and markup made in Python included)."""
    ids = seeded_template[1]
    with seeded_app.app_context():
        slug = save_board(ids.conference_id, {"enabled": True, "introduction": ""}).slug
        db.session.commit()
    args = {**ids.url_args(), "slug": slug}
    rules = {rule.endpoint: rule for rule in seeded_app.url_map.iter_rules()}
    clients = {role: seeded_app.test_client() for role in (None, *ROLES)}
    for role, client in clients.items():
        if role:
            assert client.post("/login", data={"username": USERNAMES[role], "password": "secret"}).status_code == 302
    checked, kinds = set(), set()

    for endpoint, (methods, allowed) in ROUTES.items():
        if "GET" not in methods:
            continue
        with seeded_app.test_request_context():
            url = url_for(endpoint, **{name: args[name] for name in rules[endpoint].arguments})
        for role in ([None] if allowed is PUBLIC else sorted(allowed)):
            response = clients[role].get(url)
            body = response.get_data()
            where = f"{role} {endpoint} {response.status_code}"
            headers = response.headers
            assert response.status_code < 500, where
            desk = endpoint == "checkin.desk" and response.status_code == 200
            assert directives(headers["Content-Security-Policy"]) == directives(csp_header(CAMERA_CSP if desk else CSP)), where
            assert ("camera=(self)" if desk else "camera=()") in headers["Permissions-Policy"].split(", "), where
            assert headers["X-Content-Type-Options"] == "nosniff", where
            assert headers["X-Frame-Options"] == "DENY", where
            assert headers["Referrer-Policy"] == "same-origin", where
            public = endpoint.startswith("honourboard.") and allowed is PUBLIC and response.status_code == 200
            assert not_stored(response) != public, where
            if response.mimetype == "text/html":
                assert problems(body.decode("utf-8")) == [], where
            checked.add(endpoint)
            kinds.add(response.mimetype)

    assert checked == {endpoint for endpoint, (methods, _allowed) in ROUTES.items() if "GET" in methods}
    assert {"text/html", "application/json", "image/png", "image/svg+xml", "application/pdf",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"} <= kinds, kinds

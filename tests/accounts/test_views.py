"""The accounts pages: who reaches them, the one-time password shown once, the forced change at the first login,
login slips, every user's own password, and an organizer of another federation kept out."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from conference.accounts import services
from conference.auth.models import User, hash_password
from conference.extensions import db
from tests.factories import make_world

ONE_TIME = re.compile(r'data-testid="one-time-password">([^<]+)<')
SLIP_PASSWORD = re.compile(r'data-testid="slip-password">([^<]+)<')


def _world(app):
    with app.app_context():
        return make_world()


def _user(app, username: str) -> User:
    with app.app_context():
        user = db.session.execute(select(User).where(User.username == username)).scalar_one()
        db.session.expunge(user)
        return user


def _path(response) -> str:
    return urlsplit(response.headers["Location"]).path


def test_a_unit_or_a_desk_cannot_reach_the_accounts_pages(app, client, auth):
    _world(app)
    unit2 = _user(app, "unit2")
    for username in ("unit1", "checkin"):
        auth.login(username)
        assert client.get("/accounts").status_code == 403
        assert client.post(f"/accounts/{unit2.id}/reset").status_code == 403
        assert client.post("/accounts/slips", data={"address": "http://x"}).status_code == 403
        auth.logout()
    assert _user(app, "unit2").check_password("secret")


def test_the_organizer_sees_its_desks_and_units_accounts_only(app, client, auth):
    _world(app)
    auth.login("organizer")

    html = client.get("/accounts").get_data(as_text=True)

    for username in ("organizer", "checkin", "unit1", "unit2", "unit3"):
        assert f'data-username="{username}"' in html
    assert "other_organizer" not in html


def test_an_organizer_of_another_federation_gets_404_and_changes_nothing(app, client, auth):
    _world(app)
    unit1, desk = _user(app, "unit1"), _user(app, "checkin")
    auth.login("other_organizer")

    assert client.post(f"/accounts/{unit1.id}/reset").status_code == 404
    assert client.post(f"/accounts/{desk.id}/deactivate").status_code == 404
    assert client.post(f"/accounts/{desk.id}/reactivate").status_code == 404
    slips = client.post("/accounts/slips", data={"address": "https://10.0.0.1:5000"})
    assert slips.status_code == 302  # it has no unit accounts: nothing reset
    html = client.get("/accounts").get_data(as_text=True)
    assert "unit1" not in html and 'data-username="other_organizer"' in html

    unit1_after, desk_after = _user(app, "unit1"), _user(app, "checkin")
    assert unit1_after.check_password("secret") and not unit1_after.must_change_password
    assert desk_after.active


def test_a_reset_shows_the_one_time_password_once_and_the_unit_must_change_it_at_login(app, client, auth):
    world = _world(app)
    unit1 = _user(app, "unit1")
    auth.login("organizer")

    response = client.post(f"/accounts/{unit1.id}/reset")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    password = ONE_TIME.search(response.get_data(as_text=True))[1]
    accounts_page = client.get("/accounts").get_data(as_text=True)
    assert password not in accounts_page
    assert re.search(r"<td>organizer</td><td>Đặt lại mật khẩu</td><td[^>]*>unit1</td>", accounts_page)  # the log
    auth.logout()

    assert _path(auth.login("unit1", password)) == "/"
    home = client.get("/")
    assert _path(home) == "/account/password"
    assert _path(client.get(f"/conferences/{world.conference_id}/nominations")) == "/account/password"
    page = client.get("/account/password")
    assert page.status_code == 200 and "mật khẩu một lần" in page.get_data(as_text=True)

    refused = client.post("/account/password", data={"current_password": password, "new_password": "password123",
                                                      "confirm_password": "password123"})
    assert "danh sách mật khẩu phổ biến" in refused.get_data(as_text=True)
    changed = client.post("/account/password", data={"current_password": password, "new_password": "Sen hồng 2025",
                                                      "confirm_password": "Sen hồng 2025"})
    assert _path(changed) == "/"
    assert client.get("/").status_code == 200  # still signed in, nothing forced any more
    assert not _user(app, "unit1").must_change_password


def test_the_api_answers_403_json_while_the_password_must_change(app, client, auth):
    world = _world(app)
    desk = _user(app, "checkin")
    auth.login("organizer")
    password = ONE_TIME.search(client.post(f"/accounts/{desk.id}/reset").get_data(as_text=True))[1]
    auth.logout()
    auth.login("checkin", password)

    response = client.get(f"/api/conferences/{world.conference_id}/delegates?q=Lan")

    assert response.status_code == 403
    assert "mật khẩu một lần" in response.get_json()["message"]


def test_creating_an_account_on_the_page_shows_its_password_and_the_new_account_logs_in_with_it(app, client, auth):
    world = _world(app)
    auth.login("organizer")

    response = client.post("/accounts/new", data={"role": "unit", "unit_id": world.unit_ids[1],
                                                  "username": "DonVi02b", "full_name": ""})

    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert "donvi02b" in html
    password = ONE_TIME.search(html)[1]
    auth.logout()
    assert _path(auth.login("donvi02b", password)) == "/"
    assert _path(client.get("/")) == "/account/password"


def test_creating_an_account_with_a_taken_username_shows_the_form_again_with_the_reason(app, client, auth):
    world = _world(app)
    auth.login("organizer")

    response = client.post("/accounts/new", data={"role": "unit", "unit_id": world.unit_ids[1],
                                                  "username": "unit1"})

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "đã có người dùng" in html and 'data-testid="one-time-password"' not in html


def test_a_unit_account_needs_a_unit(app, client, auth):
    _world(app)
    auth.login("organizer")

    html = client.post("/accounts/new", data={"role": "unit", "unit_id": 0, "username": "donvi99"}).get_data(
        as_text=True)

    assert "Chọn đơn vị của tài khoản." in html


def test_deactivating_on_the_page_ends_the_desks_session_and_its_logins(app, auth):
    _world(app)
    desk = app.test_client()
    desk.post("/login", data={"username": "checkin", "password": "secret"})
    assert desk.get("/").status_code == 200
    organizer = app.test_client()
    organizer.post("/login", data={"username": "organizer", "password": "secret"})
    desk_id = _user(app, "checkin").id

    assert _path(organizer.post(f"/accounts/{desk_id}/deactivate")) == "/accounts"

    assert _path(desk.get("/")) == "/login"
    assert _path(organizer.post(f"/accounts/{desk_id}/reactivate")) == "/accounts"
    assert _user(app, "checkin").active
    assert _path(desk.get("/")) == "/login"  # reopening the account does not bring a lost phone's session back


def test_bulk_reset_prints_a_slip_per_unit_with_the_address_and_working_passwords(app, client, auth):
    _world(app)
    auth.login("organizer")

    response = client.post("/accounts/slips", data={"address": "https://192.168.1.20:5000/"})

    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert html.count('data-testid="slip"') == 3
    assert "https://192.168.1.20:5000/" in html and "PHIẾU ĐĂNG NHẬP" in html
    passwords = SLIP_PASSWORD.findall(html)
    for username, password in zip(("unit1", "unit2", "unit3"), passwords, strict=True):
        user = _user(app, username)
        assert user.check_password(password) and user.must_change_password


def test_bulk_reset_refuses_an_address_that_is_not_a_web_address(app, client, auth):
    _world(app)
    auth.login("organizer")

    response = client.post("/accounts/slips", data={"address": "192.168.1.20"}, follow_redirects=True)

    assert "http:// hoặc https://" in response.get_data(as_text=True)
    assert _user(app, "unit1").check_password("secret")


def test_bulk_reset_refuses_an_address_too_long_for_the_slip_to_print_the_password(app, client, auth):
    _world(app)
    auth.login("organizer")
    fits = "https://thiduakhenthuong.ldldkiengiang.org.vn:5000/xxxxxxxxx"  # 60 characters: three lines

    too_long = client.post("/accounts/slips", data={"address": fits + "x"}, follow_redirects=True)
    assert "dài quá 60 ký tự" in too_long.get_data(as_text=True)
    assert _user(app, "unit1").check_password("secret")
    assert client.post("/accounts/slips", data={"address": fits}).status_code == 200


def test_every_user_changes_their_own_password_and_other_browsers_are_signed_out(app, auth):
    _world(app)
    here, elsewhere = app.test_client(), app.test_client()
    for client in (here, elsewhere):
        client.post("/login", data={"username": "checkin", "password": "secret"})

    mismatch = here.post("/account/password", data={"current_password": "secret", "new_password": "Bàn đón tiếp 1",
                                                    "confirm_password": "Bàn đón tiếp 2"})
    assert "không giống nhau" in mismatch.get_data(as_text=True)
    wrong = here.post("/account/password", data={"current_password": "nope", "new_password": "Bàn đón tiếp 1",
                                                 "confirm_password": "Bàn đón tiếp 1"})
    assert "Mật khẩu hiện tại không đúng." in wrong.get_data(as_text=True)
    short = here.post("/account/password", data={"current_password": "secret", "new_password": "ngan2025",
                                                 "confirm_password": "ngan2025"})
    assert "ít nhất 10 ký tự" in short.get_data(as_text=True)
    assert _user(app, "checkin").check_password("secret")

    done = here.post("/account/password", data={"current_password": "secret", "new_password": "Bàn đón tiếp 1",
                                                "confirm_password": "Bàn đón tiếp 1"})

    assert _path(done) == "/"
    assert here.get("/").status_code == 200
    assert _path(elsewhere.get("/")) == "/login"
    assert _user(app, "checkin").check_password("Bàn đón tiếp 1")


def test_the_organizer_menu_links_to_the_accounts_page(app, client, auth):
    world = _world(app)
    auth.login("organizer")

    html = client.get(f"/conferences/{world.conference_id}/units").get_data(as_text=True)

    assert '<a class="nav-link" href="/accounts">Tài khoản</a>' in html


def test_every_page_links_the_users_name_to_the_change_password_page(app, client, auth):
    _world(app)
    auth.login("unit1")

    html = client.get("/").get_data(as_text=True)

    assert re.search(r'<a [^>]*href="/account/password"[^>]*data-testid="account-link">unit1</a>', html)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_bulk_reset_hashes_the_passwords_before_it_takes_sqlites_write_lock(app, client, auth, backend, monkeypatch):
    """Hashing 30 passwords takes seconds; meanwhile another writer (a desk's scan) must still get the lock."""
    _world(app)
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    free_while_hashing = []

    def hash_and_try_to_write(password: str) -> str:
        other = sqlite3.connect(path, timeout=0)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            free_while_hashing.append(True)
        except sqlite3.OperationalError:
            free_while_hashing.append(False)
        finally:
            other.close()
        return hash_password(password)

    monkeypatch.setattr(services, "hash_password", hash_and_try_to_write)
    auth.login("organizer")

    with app.app_context():
        response = client.post("/accounts/slips", data={"address": "https://192.168.1.20:5000"})

    assert response.status_code == 200
    assert free_while_hashing == [True, True, True]


def test_a_password_with_vietnamese_tones_works_however_the_keyboard_composes_them(app, client, auth):
    _world(app)
    chosen = unicodedata.normalize("NFC", "Sen hồng Vĩnh Thuận")  # Unikey's "Unicode dựng sẵn"
    typed_elsewhere = unicodedata.normalize("NFD", chosen)  # "Unicode tổ hợp": letters and combining marks
    auth.login("unit1")
    client.post("/account/password", data={"current_password": "secret", "new_password": chosen,
                                           "confirm_password": chosen})
    auth.logout()

    assert _path(auth.login("unit1", typed_elsewhere)) == "/"
    auth.logout()
    assert _path(auth.login("unit1", chosen)) == "/"

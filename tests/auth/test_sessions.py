"""Sessions end on the server (conference.auth.sessions): a cookie copied before logout signs nobody in after it;
"sign out everywhere" ends every session of the user; the password stamp still signs a user out everywhere."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select, update

from conference.auth.models import User
from conference.auth.sessions import SESSION_KEY, UserSession, start_session
from conference.core.clock import utcnow
from conference.extensions import db
from tests.factories import PASSWORD, make_world

pytestmark = pytest.mark.parametrize("backend", ["sqlite", "postgresql"])


@pytest.fixture
def world(app):
    with app.app_context():
        return make_world()


def log_in(app, username: str = "organizer", user_agent: str = "Trình duyệt thử"):
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD},
                           headers={"User-Agent": user_agent})
    assert response.status_code == 302
    return client


def signed_in(client) -> bool:
    response = client.get("/")
    if response.status_code == 302:
        assert urlsplit(response.headers["Location"]).path == "/login"
        return False
    assert response.status_code == 200
    return True


def session_count(app, username: str = "organizer") -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(UserSession).join(User)
                                  .where(User.username == username)).scalar_one()


def copy_of(app, client):
    """Another browser holding a copy of `client`'s session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_cookie_copied_before_logout_no_longer_signs_in_after_it(app, world):
    client = log_in(app)
    thief = copy_of(app, client)
    assert signed_in(thief)  # the copy works while the session lasts

    client.post("/logout")

    assert not signed_in(thief)
    assert not signed_in(client)
    assert thief.post("/api/checkin", json={"code": "x"}).status_code == 401


def test_logout_ends_only_its_own_session(app, world):
    laptop, phone = log_in(app), log_in(app)

    laptop.post("/logout")

    assert not signed_in(laptop)
    assert signed_in(phone)
    assert session_count(app) == 1


def test_each_login_writes_one_session_and_logout_deletes_it(app, world):
    client = log_in(app)
    assert session_count(app) == 1
    with client.session_transaction() as cookie:
        session_id = cookie[SESSION_KEY]
    with app.app_context():
        row = db.session.get(UserSession, session_id)
        assert row.user_agent == "Trình duyệt thử" and len(session_id) == 43

    client.post("/logout")

    assert session_count(app) == 0


def test_sign_out_everywhere_ends_every_session_of_the_user_and_no_other(app, world):
    laptop, phone, other = log_in(app), log_in(app), log_in(app, "unit1")
    thief = copy_of(app, phone)

    response = laptop.post("/account/sessions/end-all")

    assert urlsplit(response.headers["Location"]).path == "/login"
    assert not signed_in(laptop) and not signed_in(phone) and not signed_in(thief)
    assert signed_in(other)
    assert session_count(app) == 0 and session_count(app, "unit1") == 1


def test_the_sessions_page_lists_the_users_own_sessions_and_marks_this_one(app, world):
    log_in(app, user_agent="Điện thoại bàn đón tiếp")
    log_in(app, "unit1", user_agent="Máy của đơn vị")
    client = log_in(app, user_agent="Máy tính Ban Tổ chức")

    page = client.get("/account/sessions").get_data(as_text=True)

    assert "Điện thoại bàn đón tiếp" in page and "Máy tính Ban Tổ chức" in page
    assert "Máy của đơn vị" not in page
    assert page.count("Phiên này") == 1
    assert "Đăng xuất mọi nơi" in page


def test_a_new_password_still_signs_the_user_out_everywhere(app, world):
    client = log_in(app)
    with app.app_context():
        user = db.session.execute(select(User).where(User.username == "organizer")).scalar_one()
        user.set_password("mật-khẩu-mới-dài")
        db.session.commit()

    assert not signed_in(client)


def test_a_session_older_than_the_session_lifetime_signs_nobody_in(app, world):
    client = log_in(app)
    with app.app_context():
        db.session.execute(update(UserSession).values(
            created_at=utcnow() - app.permanent_session_lifetime - timedelta(minutes=1)))
        db.session.commit()

    assert not signed_in(client)


def test_a_login_deletes_the_users_expired_sessions(app, world):
    with app.app_context():
        user_id = db.session.execute(select(User.id).where(User.username == "organizer")).scalar_one()
        lifetime = app.permanent_session_lifetime
        start_session(db.session, user_id, now=utcnow() - lifetime - timedelta(days=1), lifetime=lifetime)
        start_session(db.session, user_id, now=utcnow() - timedelta(days=1), lifetime=lifetime)
        db.session.commit()

    log_in(app)

    assert session_count(app) == 2  # the one of yesterday and the new one


def test_a_cookie_naming_the_user_without_a_session_signs_nobody_in(app, world):
    """A cookie from before sessions were kept (Flask-Login's user id alone) means: log in again."""
    client = log_in(app)
    with client.session_transaction() as cookie:
        cookie.pop(SESSION_KEY)

    assert not signed_in(client)


def test_a_session_of_another_user_does_not_sign_this_one_in(app, world):
    """The session row must belong to the user the cookie names."""
    organizer, unit = log_in(app), log_in(app, "unit1")
    with unit.session_transaction() as cookie:
        unit_session = cookie[SESSION_KEY]
    with organizer.session_transaction() as cookie:
        cookie[SESSION_KEY] = unit_session

    assert not signed_in(organizer)


def test_a_user_agent_with_control_characters_or_of_any_length_is_stored_printable_and_cut(app, world):
    log_in(app, user_agent="Trình\x01 duyệt " + "x" * 500)

    with app.app_context():
        stored = db.session.execute(select(UserSession.user_agent)).scalar_one()
    assert stored == ("Trình duyệt " + "x" * 500)[:200]


def test_a_login_over_another_in_the_same_browser_ends_the_earlier_session(app, world):
    client = log_in(app)
    thief = copy_of(app, client)

    assert client.post("/login", data={"username": "unit1", "password": PASSWORD}).status_code == 302

    assert session_count(app) == 0 and session_count(app, "unit1") == 1
    assert not signed_in(thief)

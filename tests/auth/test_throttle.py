"""Login throttling (conference.auth.throttle): failed logins are counted per username and per client address;
past either limit every attempt is refused with the login page, status 429, the right password included."""

from __future__ import annotations

import pytest

from conference.extensions import db
from tests.conftest import make_test_app
from tests.factories import PASSWORD, make_world

REFUSED = "Đăng nhập sai quá nhiều lần"
WRONG = "Sai tên đăng nhập hoặc mật khẩu."


@pytest.fixture
def world(app):
    with app.app_context():
        return make_world()


def attempt(client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post("/login", data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def signed_in(client) -> bool:
    return client.get("/").status_code == 200


def test_five_wrong_passwords_then_even_the_right_one_is_refused_with_429(client, world):
    for _ in range(5):
        response = attempt(client, "organizer", "wrong")
        assert response.status_code == 200
        assert WRONG in response.get_data(as_text=True)

    response = attempt(client, "organizer", PASSWORD)

    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert REFUSED in page and "15 phút" in page
    assert 'name="username"' in page  # the login page, not a bare error
    assert 14 * 60 < int(response.headers["Retry-After"]) <= 15 * 60 + 1  # the store counts whole seconds
    assert not signed_in(client)


def test_fifty_wrong_passwords_get_five_answers_and_the_fifty_first_right_one_is_refused(client, world):
    statuses = [attempt(client, "organizer", f"guess-{i}").status_code for i in range(50)]

    assert statuses == [200] * 5 + [429] * 45
    assert attempt(client, "organizer", PASSWORD).status_code == 429
    assert not signed_in(client)


def test_successful_logins_do_not_count_against_the_throttle(client, world):
    for _ in range(4):
        attempt(client, "organizer", "wrong")
    for _ in range(10):
        assert attempt(client, "organizer", PASSWORD).status_code == 302
        client.post("/logout")

    assert attempt(client, "organizer", PASSWORD).status_code == 302
    assert signed_in(client)


def test_an_unknown_username_is_throttled_like_a_known_one(client, world):
    for _ in range(5):
        assert attempt(client, "nobody", "wrong").status_code == 200

    assert attempt(client, "nobody", "wrong").status_code == 429


def test_the_username_counter_ignores_case_and_surrounding_spaces(client, world):
    for name in ("Organizer", " ORGANIZER", "organizer\u00a0", "organizer ", "OrGaNiZeR"):  # phones, pasting
        attempt(client, name, "wrong")

    assert attempt(client, "organizer", PASSWORD).status_code == 429


def test_a_throttled_username_is_refused_from_every_address_and_others_still_log_in(client, world):
    for i in range(5):
        attempt(client, "organizer", "wrong", address=f"10.0.0.{i + 1}")

    assert attempt(client, "organizer", PASSWORD, address="10.9.9.9").status_code == 429
    assert attempt(client, "unit1", PASSWORD, address="10.0.0.1").status_code == 302


def test_twenty_failures_from_one_address_refuse_every_username_from_it(client, world):
    for i in range(20):  # four usernames, five failures each: each username at its limit, the address too
        attempt(client, f"guess{i % 4}", "wrong")

    assert attempt(client, "unit1", PASSWORD).status_code == 429
    assert attempt(client, "unit1", PASSWORD, address="10.0.0.2").status_code == 302


def test_a_forwarded_for_header_does_not_give_an_attacker_a_new_address(client, world):
    for i in range(20):  # the app trusts no proxy header: the address is the connection's
        client.post("/login", data={"username": f"guess{i % 4}", "password": "wrong"},
                    environ_base={"REMOTE_ADDR": "10.0.0.1"}, headers={"X-Forwarded-For": f"192.0.2.{i}"})

    assert attempt(client, "unit1", PASSWORD).status_code == 429


def test_behind_the_proxies_named_in_the_settings_each_client_counts_by_its_own_forwarded_address(app):
    proxied = make_test_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "PROXY_HOPS": 1})
    with proxied.app_context():
        make_world()
        db.session.remove()
    client = proxied.test_client()

    def through_proxy(username, password, client_address):  # every request comes from the proxy's address
        return client.post("/login", data={"username": username, "password": password},
                           environ_base={"REMOTE_ADDR": "127.0.0.1"}, headers={"X-Forwarded-For": client_address})

    for i in range(20):  # one client in the hall guessing: its own address reaches the limit
        through_proxy(f"guess{i % 4}", "wrong", "192.168.1.66")

    assert through_proxy("unit1", PASSWORD, "192.168.1.66").status_code == 429
    assert through_proxy("unit1", PASSWORD, "192.168.1.20").status_code == 302  # another desk still logs in


def test_a_get_of_the_login_page_is_never_throttled(client, world):
    for _ in range(5):
        attempt(client, "organizer", "wrong")

    assert client.get("/login", environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 200


def test_the_limits_come_from_the_settings(app):
    strict = make_test_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                            "LOGIN_FAILURES_PER_USERNAME": "2 per 15 minutes",
                            "LOGIN_FAILURES_PER_ADDRESS": "3 per hour"})
    with strict.app_context():
        make_world()
        db.session.remove()
    client = strict.test_client()

    attempt(client, "organizer", "wrong")
    attempt(client, "organizer", "wrong")
    assert attempt(client, "organizer", PASSWORD).status_code == 429
    attempt(client, "unit1", "wrong")
    assert attempt(client, "unit2", PASSWORD).status_code == 429  # the address's third failure was its last
    with strict.app_context():
        db.engine.dispose()


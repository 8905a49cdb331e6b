"""Accounts of the 2025 union structure made with the command line (`flask create-organization`, `flask
create-user`, which goes through `conference.accounts.services.create_user`), then used on the accounts pages: a
commune union's organizer manages its own desks and grassroots unions, and the province's organizer cannot."""

from __future__ import annotations

import re

from sqlalchemy import select

from conference.auth.models import User
from conference.extensions import db

STRONG = "Hoa sen nở 2025"
ONE_TIME = re.compile(r'data-testid="one-time-password">([^<]+)<')


def _invoke(runner, *args: str, password: str | None = None):
    return runner.invoke(args=list(args), input=f"{password}\n{password}\n" if password else None)


def _created_id(result) -> str:
    assert result.exit_code == 0, result.output
    return re.search(r"\(id (\d+)\)", result.output)[1]


def _user(app, username: str) -> User | None:
    with app.app_context():
        return db.session.execute(select(User).where(User.username == username)).scalar_one_or_none()


def test_a_commune_organizer_made_on_the_command_line_manages_its_accounts_and_the_province_cannot(app, client,
                                                                                                    auth):
    runner = app.test_cli_runner()
    province = _created_id(_invoke(runner, "create-organization", "Liên đoàn Lao động tỉnh An Giang",
                                   "--level", "province"))
    commune = _created_id(_invoke(runner, "create-organization", "Công đoàn phường Rạch Giá", "--level", "commune",
                                  "--parent-id", province))
    school = _created_id(_invoke(runner, "create-organization", "Công đoàn cơ sở Trường THCS Rạch Giá",
                                 "--level", "grassroots", "--parent-id", commune))

    weak = _invoke(runner, "create-user", "phuong", "--role", "organizer", "--organization-id", commune,
                   password="1234567890")
    unit_without_host = _invoke(runner, "create-user", "tinh_donvi", "--role", "unit", "--organization-id",
                                province, password=STRONG)
    assert weak.exit_code == 1 and "phổ biến" in weak.output
    assert unit_without_host.exit_code == 1 and "có cấp trên" in unit_without_host.output
    assert _user(app, "phuong") is None and _user(app, "tinh_donvi") is None
    for username, role, organization in (("tinh", "organizer", province), ("phuong", "organizer", commune),
                                         ("phuong_dontiep", "checkin", commune)):
        made = _invoke(runner, "create-user", username, "--role", role, "--organization-id", organization,
                       password=STRONG)
        assert made.exit_code == 0, made.output
    assert not _user(app, "phuong").must_change_password
    desk_id = _user(app, "phuong_dontiep").id

    auth.login("phuong", STRONG)
    created = client.post("/accounts/new", data={"role": "unit", "unit_id": school, "username": "truong"})
    one_time = ONE_TIME.search(created.get_data(as_text=True))[1]
    assert client.post(f"/accounts/{desk_id}/reset").status_code == 200
    auth.logout()
    assert auth.login("truong", one_time).status_code == 302
    auth.logout()

    auth.login("tinh", STRONG)
    assert client.post(f"/accounts/{desk_id}/reset").status_code == 404
    assert client.post(f"/accounts/{_user(app, 'truong').id}/deactivate").status_code == 404
    assert client.post(f"/accounts/{_user(app, 'phuong').id}/deactivate").status_code == 404
    made = client.post("/accounts/new", data={"role": "unit", "unit_id": commune, "username": "phuong_donvi"})
    assert ONE_TIME.search(made.get_data(as_text=True))  # the commune union as a unit of the province's conference
    page = client.get("/accounts").get_data(as_text=True)
    assert 'data-username="phuong_donvi"' in page and 'data-username="phuong"' not in page
    assert "công đoàn cơ sở" not in page.lower()  # the province's units are commune unions, not grassroots ones
    assert _user(app, "truong").active and _user(app, "phuong").active

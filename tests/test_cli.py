"""Commands an organizer runs before opening the app to the hall's network: check-passwords refuses while any
account, a locked one too, still has the demo password; set-password and create-user keep the password policy."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from conference.audit.models import AuditEntry
from conference.auth.models import User
from conference.demo.loader import DEMO_PASSWORD
from conference.extensions import db
from tests.factories import make_world

NEW_PASSWORD = "Hoa sen nở tháng tư"


def set_demo_password(app, *usernames: str) -> None:
    with app.app_context():
        for user in db.session.execute(select(User).where(User.username.in_(usernames))).scalars():
            user.set_password(DEMO_PASSWORD)
        db.session.commit()


def _user(app, username: str) -> User:
    with app.app_context():
        user = db.session.execute(select(User).where(User.username == username)).scalar_one()
        db.session.expunge(user)
        return user


def test_check_passwords_refuses_while_the_organizer_has_the_demo_password_and_set_password_fixes_it(app):
    with app.app_context():
        make_world()
    set_demo_password(app, "organizer")
    runner = app.test_cli_runner()

    refused = runner.invoke(args=["check-passwords"])

    assert refused.exit_code == 1
    assert "1 tài khoản còn dùng mật khẩu mẫu demo1234 (organizer)" in refused.output
    assert "set-password" in refused.output

    changed = runner.invoke(args=["set-password", "organizer"], input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    assert changed.exit_code == 0, changed.output
    passed = runner.invoke(args=["check-passwords"])
    assert passed.exit_code == 0, passed.output
    user = _user(app, "organizer")
    assert user.check_password(NEW_PASSWORD) and not user.check_password(DEMO_PASSWORD)


@pytest.mark.parametrize("username", ["unit1", "checkin"])
def test_check_passwords_refuses_while_a_unit_or_desk_account_has_the_demo_password(app, username):
    with app.app_context():
        make_world()
    set_demo_password(app, username)

    refused = app.test_cli_runner().invoke(args=["check-passwords"])

    assert refused.exit_code == 1
    assert f"1 tài khoản còn dùng mật khẩu mẫu demo1234 ({username})" in refused.output
    assert "Tài khoản" in refused.output  # where the organizer resets them


def test_check_passwords_passes_once_every_unit_password_is_reset_a_locked_account_included(app):
    from conference.accounts.services import reset_password, reset_unit_passwords

    with app.app_context():
        world = make_world()
    set_demo_password(app, "unit1", "unit2", "unit3")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["check-passwords"]).exit_code == 1

    with app.app_context():
        reset_unit_passwords(world.host_id)
        db.session.commit()
    set_demo_password(app, "unit3")
    with app.app_context():
        db.session.execute(select(User).where(User.username == "unit3")).scalar_one().active = False
        db.session.commit()

    # A locked account can be reopened from the accounts page while the app is on the hall's network.
    locked = runner.invoke(args=["check-passwords"])
    assert locked.exit_code == 1 and "(unit3)" in locked.output

    with app.app_context():
        reset_password(world.host_id, _user(app, "unit3").id)
        db.session.commit()
    passed = runner.invoke(args=["check-passwords"])
    assert passed.exit_code == 0, passed.output


def test_check_passwords_lists_at_most_ten_names(app):
    with app.app_context():
        make_world(units=12, quotas=None)
    set_demo_password(app, *[f"unit{i}" for i in range(1, 13)])

    refused = app.test_cli_runner().invoke(args=["check-passwords"])

    assert refused.exit_code == 1
    assert "12 tài khoản còn dùng mật khẩu mẫu" in refused.output and ", …)" in refused.output


@pytest.mark.parametrize(("password", "message"), [
    ("short", "ít nhất 10 ký tự"),
    ("demo12345", "ít nhất 10 ký tự"),
    ("password123", "danh sách mật khẩu phổ biến"),
    ("organizer", "ít nhất 10 ký tự"),
    ("Qwertyuiop", "phổ biến"),
])
def test_set_password_refuses_a_password_the_policy_refuses_and_changes_nothing(app, password, message):
    with app.app_context():
        make_world()

    result = app.test_cli_runner().invoke(args=["set-password", "organizer"], input=f"{password}\n{password}\n")

    assert result.exit_code == 1 and message in result.output
    assert _user(app, "organizer").check_password("secret")


def test_set_password_refuses_an_unknown_user(app):
    with app.app_context():
        make_world()

    result = app.test_cli_runner().invoke(args=["set-password", "nobody"], input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")

    assert result.exit_code == 1 and "Không có tài khoản nobody" in result.output


def test_set_password_clears_a_pending_one_time_password_and_is_logged(app):
    with app.app_context():
        make_world()
        db.session.execute(select(User).where(User.username == "checkin")).scalar_one().must_change_password = True
        db.session.commit()

    result = app.test_cli_runner().invoke(args=["set-password", "checkin"], input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")

    assert result.exit_code == 0, result.output
    user = _user(app, "checkin")
    assert not user.must_change_password
    with app.app_context():
        entry = db.session.execute(select(AuditEntry).where(AuditEntry.entity == "account")).scalar_one()
        assert (entry.entity_id, entry.action) == (user.id, "set_password")


def test_create_user_keeps_the_policy_and_refuses_a_taken_username(app):
    with app.app_context():
        world = make_world()
    runner = app.test_cli_runner()
    args = ["create-user", "--role", "checkin", "--organization-id", str(world.host_id)]

    weak = runner.invoke(args=[*args, "dontiep2"], input="1234567890\n1234567890\n")
    taken = runner.invoke(args=[*args, "checkin"], input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")
    made = runner.invoke(args=[*args, "dontiep2"], input=f"{NEW_PASSWORD}\n{NEW_PASSWORD}\n")

    assert weak.exit_code == 1 and "phổ biến" in weak.output
    assert taken.exit_code == 1 and "Đã có tài khoản checkin" in taken.output
    assert made.exit_code == 0, made.output
    user = _user(app, "dontiep2")
    assert user.check_password(NEW_PASSWORD) and user.organization_id == world.host_id


def test_load_demo_adds_nothing_to_a_database_in_real_use(app):
    runner = app.test_cli_runner()
    with app.app_context():
        make_world()
        accounts = db.session.execute(select(User.username)).scalars().all()

    refused = runner.invoke(args=["load-demo"])

    assert refused.exit_code == 0 and "không nạp hội nghị mẫu" in refused.output
    with app.app_context():
        assert sorted(db.session.execute(select(User.username)).scalars().all()) == sorted(accounts)

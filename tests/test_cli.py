"""Commands an organizer runs before opening the app to the hall's network."""

from __future__ import annotations

from sqlalchemy import select

from conference.auth.models import User
from conference.demo.loader import DEMO_PASSWORD
from conference.extensions import db
from tests.factories import make_world


def set_demo_password(app, *usernames: str) -> None:
    with app.app_context():
        for user in db.session.execute(select(User).where(User.username.in_(usernames))).scalars():
            user.set_password(DEMO_PASSWORD)
        db.session.commit()


def test_check_passwords_refuses_while_the_organizer_has_the_demo_password_and_set_password_fixes_it(app):
    with app.app_context():
        make_world()
    set_demo_password(app, "organizer", "unit1")
    runner = app.test_cli_runner()

    refused = runner.invoke(args=["check-passwords"])

    assert refused.exit_code == 1
    assert "organizer" in refused.output and "set-password organizer" in refused.output
    assert "1 tài khoản đơn vị còn dùng mật khẩu mẫu (unit1)" in refused.output

    changed = runner.invoke(args=["set-password", "organizer"], input="a-long-new-password\na-long-new-password\n")
    assert changed.exit_code == 0, changed.output
    passed = runner.invoke(args=["check-passwords"])
    assert passed.exit_code == 0, passed.output
    with app.app_context():
        user = db.session.execute(select(User).where(User.username == "organizer")).scalar_one()
        assert user.check_password("a-long-new-password") and not user.check_password(DEMO_PASSWORD)


def test_set_password_refuses_a_short_password_or_an_unknown_user_and_changes_nothing(app):
    with app.app_context():
        make_world()
    runner = app.test_cli_runner()

    short = runner.invoke(args=["set-password", "organizer"], input="short\nshort\n")
    unknown = runner.invoke(args=["set-password", "nobody"], input="a-long-new-password\na-long-new-password\n")

    assert short.exit_code == 1 and "ít nhất 8 ký tự" in short.output
    assert unknown.exit_code == 1 and "Không có tài khoản nobody" in unknown.output
    with app.app_context():
        user = db.session.execute(select(User).where(User.username == "organizer")).scalar_one()
        assert user.check_password("secret")

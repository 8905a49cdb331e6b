"""`flask` commands: init-db, load-demo, create-user."""

from __future__ import annotations

import click
from flask import Flask
from flask_migrate import upgrade

from conference.extensions import db


def register(app: Flask) -> None:
    """Attach the commands to `app`."""

    @app.cli.command("init-db")
    def init_db() -> None:
        """Create or upgrade the database schema (Alembic migrations)."""
        upgrade()
        click.echo("Cơ sở dữ liệu đã sẵn sàng.")

    @app.cli.command("load-demo")
    def load_demo_command() -> None:
        """Load the demo conference of Kế hoạch 65/KH-LĐLĐ (idempotent)."""
        from conference.demo.loader import DEMO_PASSWORD, load_demo

        conference, created = load_demo()
        click.echo(("Đã tạo" if created else "Đã có sẵn") + f" hội nghị mẫu (id {conference.id}).")
        click.echo(f"Đăng nhập mẫu (mật khẩu {DEMO_PASSWORD}): bantochuc (Ban Tổ chức), "
                   "donvi01…donvi30 (công đoàn cơ sở), dontiep (bàn đón tiếp).")

    @app.cli.command("create-user")
    @click.argument("username")
    @click.option("--role", type=click.Choice(["organizer", "unit", "checkin"]), required=True)
    @click.option("--organization-id", type=int, required=True)
    @click.password_option()
    def create_user(username: str, role: str, organization_id: int, password: str) -> None:
        """Create a user with a role in an organization."""
        from conference.auth.models import User

        user = User(username=username, role=role, organization_id=organization_id, full_name=username)
        user.set_password(password)
        db.session.add(user)
        db.session.commit()
        click.echo(f"Đã tạo người dùng {username}.")

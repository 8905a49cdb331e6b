"""`flask` commands: init-db, load-demo, create-user, make-cert."""

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

    @app.cli.command("make-cert")
    @click.option("--port", type=int, default=5000, help="The port the addresses are printed with.")
    def make_cert(port: int) -> None:
        """Make (or keep) instance/tls-cert.pem and tls-key.pem for HTTPS on the local network; print the addresses."""
        from pathlib import Path

        from conference.tls import ensure_certificate, lan_addresses

        instance = Path(app.instance_path)
        addresses = lan_addresses()
        made = ensure_certificate(instance / "tls-cert.pem", instance / "tls-key.pem", addresses)
        click.echo(("Đã tạo" if made else "Dùng lại") + " chứng chỉ tự ký cho HTTPS trong mạng nội bộ.")
        for address in ["localhost", *addresses]:
            click.echo(f"  https://{address}:{port}")
        click.echo("Lần đầu mở trên mỗi máy/điện thoại, trình duyệt cảnh báo chứng chỉ tự ký: chọn tiếp tục "
                   "(Nâng cao → Tiếp tục). Sau đó camera và chế độ ngoại tuyến của bàn đón tiếp dùng được.")

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

"""`flask` commands: init-db, load-demo, create-user, set-password, check-passwords, make-cert."""

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
                   "(Nâng cao → Tiếp tục). Sau đó camera của bàn đón tiếp dùng được. Với chứng chỉ tự ký, trình "
                   "duyệt không lưu trang để mở lại khi mất mạng: khi mất mạng, đừng tải lại trang bàn đón tiếp "
                   "(vẫn quét và đồng bộ bình thường).")

    @app.cli.command("check-passwords")
    def check_passwords() -> None:
        """Exit 1 while an organizer or check-in account still has the demo password (printed by `make run`):
        run before opening the app to the hall's network (`HTTPS=1 make run` does). Unit accounts with it are
        listed as a warning."""
        from conference.auth.models import User
        from conference.demo.loader import DEMO_PASSWORD

        users = db.session.execute(db.select(User).where(User.active.is_(True)).order_by(User.username)).scalars()
        weak = [u for u in users if u.check_password(DEMO_PASSWORD)]
        strong_roles = [u.username for u in weak if u.role in ("organizer", "checkin")]
        units = [u.username for u in weak if u.role == "unit"]
        if units:
            click.echo(f"Cảnh báo: {len(units)} tài khoản đơn vị còn dùng mật khẩu mẫu ({', '.join(units[:5])}"
                       f"{', …' if len(units) > 5 else ''}).")
        if strong_roles:
            click.echo("Không mở cho mạng nội bộ: tài khoản " + ", ".join(strong_roles) + " còn dùng mật khẩu mẫu "
                       f"{DEMO_PASSWORD}, ai trong mạng cũng đăng nhập được. Đổi mật khẩu trước:", err=True)
            for username in strong_roles:
                click.echo(f"  .venv/bin/flask --app wsgi set-password {username}", err=True)
            raise SystemExit(1)
        click.echo("Mật khẩu các tài khoản Ban Tổ chức và bàn đón tiếp không còn là mật khẩu mẫu.")

    @app.cli.command("set-password")
    @click.argument("username")
    @click.password_option(prompt="Mật khẩu mới")
    def set_password(username: str, password: str) -> None:
        """Set a user's password (at least 8 characters)."""
        from conference.auth.models import User

        user = db.session.execute(db.select(User).where(User.username == username)).scalar_one_or_none()
        if user is None:
            raise click.ClickException(f"Không có tài khoản {username}.")
        if len(password) < 8:
            raise click.ClickException("Mật khẩu cần ít nhất 8 ký tự.")
        user.set_password(password)
        db.session.commit()
        click.echo(f"Đã đổi mật khẩu của {username}.")

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

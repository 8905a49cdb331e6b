"""`flask` commands: init-db, load-demo, create-organization, create-user, set-password, check-passwords, make-cert, backup, restore."""

from __future__ import annotations

from pathlib import Path

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
        """Load the demo conference of Kế hoạch 65/KH-LĐLĐ (idempotent); nothing on a database with accounts of its
        own and no demo (`holds_real_data`)."""
        from conference.demo.loader import DEMO_PASSWORD, holds_real_data, load_demo

        if holds_real_data():
            click.echo("Cơ sở dữ liệu đã có tài khoản thật: không nạp hội nghị mẫu.")
            return
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

    @app.cli.command("backup")
    @click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="Where to write the copy (default: instance/backups/conference-<time>.db, .dump on PostgreSQL).")
    def backup_command(output: Path | None) -> None:
        """Write a consistent copy of the database, also while the app serves (SQLite's online backup API;
        pg_dump for PostgreSQL). Exit 1, writing nothing, when it cannot."""
        from conference.backups import BackupError, backup, backup_folder, backup_name, local_now, prune

        url = app.config["SQLALCHEMY_DATABASE_URI"]
        try:
            target = output or backup_folder(app) / backup_name(url, local_now())
            written = backup(url, target)
        except BackupError as error:
            raise click.ClickException(str(error)) from error
        if output is None:
            prune(written.parent)
        click.echo(f"Đã sao lưu cơ sở dữ liệu vào {written}. Hãy chép thêm một bản ra ngoài máy này "
                   "(USB, ổ mạng của cơ quan).")

    @app.cli.command("restore")
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--yes", is_flag=True, help="Do not ask before replacing the data.")
    def restore_command(file: Path, yes: bool) -> None:
        """Replace the whole database with the backup FILE, all or nothing, after copying the current database
        to instance/backups/before-restore-<time>. Refuses (exit 1, nothing changed) a damaged or truncated file,
        a file that is not a backup of this app, a backup of a newer version, or the database itself."""
        from conference.backups import BackupError, backup_folder, known_revisions, restore

        if not yes:
            click.confirm(f"Thay TOÀN BỘ dữ liệu hiện tại bằng bản sao lưu {file}?", abort=True)
        db.session.remove()
        db.engine.dispose()  # no connection of this command holds the file while it is replaced
        tables = [table.name for table in db.metadata.sorted_tables]
        try:
            safety = restore(app.config["SQLALCHEMY_DATABASE_URI"], file, tables, backup_folder(app),
                             known_revisions(app))
        except BackupError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Đã khôi phục dữ liệu từ {file}.")
        if safety is not None:
            click.echo(f"Dữ liệu trước khi khôi phục được giữ ở {safety}.")
        click.echo("Nếu bản sao lưu được tạo bởi phiên bản cũ hơn của ứng dụng, chạy tiếp: flask --app wsgi init-db")

    @app.cli.command("check-passwords")
    def check_passwords() -> None:
        """Exit 1 while any account (organizers', desks' and units' alike, locked ones too: an organizer can reopen
        them from the accounts page) still has the demo password printed by `make run`: run before opening the app
        to the hall's network (`HTTPS=1 make run` does)."""
        from conference.auth.models import User
        from conference.demo.loader import DEMO_PASSWORD

        users = db.session.execute(db.select(User).order_by(User.username)).scalars()
        weak = [u.username for u in users if u.check_password(DEMO_PASSWORD)]
        if weak:
            shown = ", ".join(weak[:10]) + (", …" if len(weak) > 10 else "")
            click.echo(f"Không mở cho mạng nội bộ: {len(weak)} tài khoản còn dùng mật khẩu mẫu {DEMO_PASSWORD} "
                       f"({shown}), ai trong mạng cũng đăng nhập được. Đổi mật khẩu trước:", err=True)
            click.echo("  Ban Tổ chức: .venv/bin/flask --app wsgi set-password <tên đăng nhập>", err=True)
            click.echo("  Đơn vị và bàn đón tiếp: mở ứng dụng trên máy này (make run, không HTTPS), đăng nhập Ban Tổ "
                       "chức, trang “Tài khoản”: “Đặt lại mật khẩu các đơn vị và in phiếu”, “Đặt lại mật khẩu” "
                       "từng tài khoản (kể cả tài khoản đã khoá).", err=True)
            raise SystemExit(1)
        click.echo("Không tài khoản nào còn mật khẩu mẫu.")

    @app.cli.command("set-password")
    @click.argument("username")
    @click.password_option(prompt="Mật khẩu mới")
    def set_password(username: str, password: str) -> None:
        """Set a user's password; it must keep the password policy (conference.accounts.rules: at least 10
        characters, not a common password). The account need not change it at its next login."""
        from conference.accounts.rules import check_new_password
        from conference.audit.services import record
        from conference.auth.models import User
        from conference.core.errors import RuleViolation

        user = db.session.execute(db.select(User).where(User.username == username)).scalar_one_or_none()
        if user is None:
            raise click.ClickException(f"Không có tài khoản {username}.")
        try:
            check_new_password(password, username)
        except RuleViolation as error:
            raise click.ClickException(str(error)) from error
        user.set_password(password)
        user.must_change_password = False
        record("account", user.id, "set_password", after={"must_change_password": False})
        db.session.commit()
        click.echo(f"Đã đổi mật khẩu của {username}.")

    @app.cli.command("create-organization")
    @click.argument("name")
    @click.option("--level", "level_code", required=True,
                  help="A level code of conference/organizations/data/levels.json (commune, sector, province, ...).")
    @click.option("--parent-id", type=int, default=None, help="The id of the body above (cấp trên).")
    @click.option("--place", default=None, help="The place its documents print in the date line (default: from its name).")
    def create_organization_command(name: str, level_code: str, parent_id: int | None, place: str | None) -> None:
        """Add an organization (a host of conferences, or the body above one) and print its id for create-user."""
        from conference.core.errors import RuleViolation
        from conference.organizations.services import create_organization

        try:
            organization = create_organization(name, level_code, parent_id, place)
        except RuleViolation as error:
            raise click.ClickException(str(error)) from error
        db.session.commit()
        click.echo(f"Đã tạo {organization.name} (id {organization.id}).")

    @app.cli.command("create-user")
    @click.argument("username")
    @click.option("--role", type=click.Choice(["organizer", "unit", "checkin"]), required=True)
    @click.option("--organization-id", type=int, required=True)
    @click.password_option()
    def create_user(username: str, role: str, organization_id: int, password: str) -> None:
        """Create a user with a role in an organization (`conference.accounts.services.create_user`); the
        password must keep the password policy (conference.accounts.rules)."""
        from conference.accounts.services import create_user as create_account_with_password
        from conference.core.errors import RuleViolation

        try:
            create_account_with_password(username, role, organization_id, password)
        except RuleViolation as error:
            raise click.ClickException(str(error)) from error
        db.session.commit()
        click.echo(f"Đã tạo người dùng {username}.")

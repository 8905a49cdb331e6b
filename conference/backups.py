"""Backups of the database: a consistent copy taken while the app serves, bringing one back, and the copies the
conference day takes by itself.

- SQLite: the online backup API (`sqlite3.Connection.backup`, https://www.sqlite.org/backup.html) copies every
  page in one step, inside one read transaction: the copy is the database as of one commit, and writers go on
  meanwhile (WAL). The copy is one self-contained file (journal mode DELETE), readable by its owner only (0600).
  Restoring runs the same API the other way: the live database is replaced in one write transaction, so the
  app's connections see the old or the new content, never a mix.
- PostgreSQL: `pg_dump --format=custom` (one consistent snapshot, PostgreSQL's own) and `pg_restore --clean
  --if-exists --single-transaction`. Both must be on PATH (PostgreSQL's client tools); without them the command
  says so and writes nothing.

On the conference day (a conference of this instance is held today, Vietnam's calendar), a request of a check-in
desk takes a copy into `instance/backups/` (the BACKUP_FOLDER setting) when the newest copy there is missing or
older than BACKUP_EVERY, and keeps the newest KEEP_BACKUPS copies. A copy's time is the one its name carries.
The check is one `stat` of the folder's stamp file `.newest-backup`, whose modification time is set to the
newest copy's time whenever the folder is listed or a copy is taken: the folder is listed only when the stamp is
missing or an hour old, i.e. when a copy may be due, and the listing stays the truth (it corrects the stamp). The
copy is taken after the desk's answer has been sent (`response.call_on_close`), with no thread of ours. Two
requests due at once claim the copy's file name with an exclusive create: one of them takes it.

Layer: just below the CLI (pyproject.toml), since the automatic copies read the conferences' dates.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Collection, Iterable
from datetime import datetime, timedelta
from pathlib import Path

from alembic.script import ScriptDirectory
from flask import Flask, request
from flask_login import current_user
from sqlalchemy import exists, select
from sqlalchemy.engine import make_url

from conference.conferences.models import Conference
from conference.core.clock import LOCAL_TZ, local_today
from conference.extensions import db

#: How old the newest copy may get on the conference day before a desk's request takes another.
BACKUP_EVERY = timedelta(hours=1)
#: How many copies named `conference-*` the backup folder keeps (the oldest are deleted).
KEEP_BACKUPS = 10
#: The names of the copies `backup` and the conference day make (pruned); others in the folder are left alone.
PREFIX = "conference-"
SUFFIXES = {"sqlite": ".db", "postgresql": ".dump"}
#: The empty file of the backup folder whose modification time is the newest copy's (`backup_due`).
STAMP = ".newest-backup"


class BackupError(Exception):
    """A backup or a restore cannot be done; the message (Vietnamese, for the operator) says why. Nothing was
    written to the database."""


def database_kind(url: str) -> str:
    """"sqlite" or "postgresql" for a SQLAlchemy URL.

    Raises:
        BackupError: another database.
    """
    backend = make_url(url).get_backend_name()
    if backend not in SUFFIXES:
        raise BackupError(f"Không sao lưu được cơ sở dữ liệu loại {backend}: chỉ SQLite và PostgreSQL.")
    return backend


def sqlite_file(url: str) -> Path:
    """The file of a `sqlite:///…` URL.

    Raises:
        BackupError: an in-memory database.
    """
    name = make_url(url).database
    if not name or name == ":memory:":
        raise BackupError("Cơ sở dữ liệu SQLite trong bộ nhớ không sao lưu được.")
    return Path(name)


def backup_name(url: str, now: datetime) -> str:
    """The file name of a copy taken at `now` (local time, to the second): `conference-20250410-073000.db`
    (`.dump` for PostgreSQL). Names sort in time order."""
    return f"{PREFIX}{now:%Y%m%d-%H%M%S}{SUFFIXES[database_kind(url)]}"


def local_now() -> datetime:
    """The current time in Vietnam, naive (the backups' names and ages)."""
    return datetime.now(LOCAL_TZ).replace(tzinfo=None)


def _private_folder(folder: Path) -> None:
    """Make `folder` (and its parents) when missing, the folder itself readable by its owner only; an existing
    folder is left as it is (it may be the operator's, e.g. a USB stick)."""
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def backup(url: str, target: Path) -> Path:
    """Write a consistent copy of the database at `url` to `target` (replaced whole, mode 0600); returns `target`.

    Safe while the app serves and writes: the copy is one committed state. The file appears only when complete
    (written under a temporary name in the same folder, then renamed).

    Raises:
        BackupError: no such SQLite file; pg_dump missing or failing; not SQLite nor PostgreSQL.
    """
    kind = database_kind(url)
    target = Path(target)
    _private_folder(target.parent)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-")  # mode 0600
    os.close(descriptor)
    try:
        if kind == "sqlite":
            _backup_sqlite(sqlite_file(url), Path(temporary))
        else:
            _pg_tool("pg_dump", url, ["--format=custom", "--no-owner", "--no-privileges", f"--file={temporary}"])
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _backup_sqlite(source_file: Path, target: Path) -> None:
    if not source_file.exists():
        raise BackupError(f"Không có tệp cơ sở dữ liệu {source_file}.")
    source = sqlite3.connect(source_file, timeout=30)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # every page in one step: one read transaction, one committed state
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        copy.close()
        source.close()


def _pg_tool(tool: str, url: str, arguments: list[str]) -> None:
    """Run PostgreSQL's `tool` (pg_dump, pg_restore) on the database of `url`; the password goes by PGPASSWORD,
    never on the command line."""
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(f"Không tìm thấy {tool}: cài bộ công cụ khách của PostgreSQL (gói postgresql-client) "
                          f"và để {tool} trong PATH. Chưa sao lưu hay khôi phục gì.")
    parsed = make_url(url)
    conninfo = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    env = {**os.environ, **({"PGPASSWORD": parsed.password} if parsed.password else {})}
    result = subprocess.run([executable, *arguments, f"--dbname={conninfo}"], env=env, capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{tool} báo lỗi: {result.stderr.strip()}")


def known_revisions(app: Flask) -> set[str]:
    """The schema versions (Alembic revisions of migrations/) this code knows, any of which a backup may carry."""
    return {script.revision for script in ScriptDirectory(app.extensions["migrate"].directory).walk_revisions()}


def check_backup(url: str, source: Path, required_tables: Iterable[str],
                 revisions: Collection[str] | None = None) -> None:
    """Refuse a file that is not a whole backup of this app's database, before anything is changed.

    SQLite: an SQLite file that passes `PRAGMA integrity_check`. PostgreSQL: a `pg_dump --format=custom` file that
    `pg_restore` reads to its end. Either way it holds every table of `required_tables`, and its schema version
    (the row of `alembic_version`, when it has that table) is one of `revisions` (None: not checked).

    Raises:
        BackupError: the file is missing, damaged or truncated, not such a backup, a backup of another
            application, or of a schema version this code does not know (a newer version of the app).
    """
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"Không có tệp {source}.")
    if database_kind(url) == "sqlite":
        tables, revision = _read_sqlite_backup(source)
    else:
        tables, revision = _read_pg_backup(source)
    if revision is not None and revisions is not None and revision not in revisions:
        raise BackupError(f"Tệp {source} là bản sao lưu của một phiên bản khác (mới hơn) của ứng dụng (phiên bản "
                          f"cơ sở dữ liệu {revision}): cập nhật ứng dụng rồi khôi phục lại. Chưa thay đổi gì.")
    missing = sorted(set(required_tables) - tables)
    if missing:
        named = ", ".join(missing[:5]) + (f" và {len(missing) - 5} bảng khác" if len(missing) > 5 else "")
        raise BackupError(f"Tệp {source} không phải bản sao lưu của ứng dụng này (thiếu bảng {named}); "
                          "nếu đó là bản sao lưu của một phiên bản cũ, hãy khôi phục bằng phiên bản đó rồi cập nhật. "
                          "Chưa thay đổi gì.")


def _read_sqlite_backup(source: Path) -> tuple[set[str], str | None]:
    """The tables and the schema version of an SQLite backup, after its integrity check."""
    try:
        connection = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"Tệp {source} bị hỏng hoặc không phải bản sao lưu SQLite ({error}). "
                          "Chưa thay đổi gì.") from error
    if integrity != "ok":
        raise BackupError(f"Tệp {source} bị hỏng ({integrity}). Chưa thay đổi gì.")
    return tables, revision


def _read_pg_backup(source: Path) -> tuple[set[str], str | None]:
    """The tables and the schema version of a pg_dump file, after `pg_restore` read the whole of it (a truncated
    file's table of contents may still be whole)."""
    listing = _pg_read(source, ["--list"])
    _pg_read(source, [f"--file={os.devnull}"])
    tables = {match.group(1) for match in re.finditer(r"^\d+; \d+ \d+ TABLE (?!DATA )\S+ (\S+) ", listing, re.MULTILINE)}
    revision = None
    if "alembic_version" in tables:
        rows = _pg_read(source, ["--data-only", "--table=alembic_version", "--file=-"]).split("\n")
        start = next((i for i, line in enumerate(rows) if line.startswith("COPY ")), None)
        if start is not None and start + 1 < len(rows) and rows[start + 1] != "\\.":
            revision = rows[start + 1].strip()
    return tables, revision


def _pg_read(source: Path, arguments: list[str]) -> str:
    """Run `pg_restore` on the file `source` alone (no database); its standard output."""
    executable = shutil.which("pg_restore")
    if executable is None:
        raise BackupError("Không tìm thấy pg_restore: cài bộ công cụ khách của PostgreSQL và để nó trong PATH.")
    result = subprocess.run([executable, *arguments, str(source)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"Tệp {source} bị hỏng hoặc không phải bản sao lưu pg_dump ({result.stderr.strip()}). "
                          "Chưa thay đổi gì.")
    return result.stdout


def restore(url: str, source: Path, required_tables: Iterable[str], safety_folder: Path,
            revisions: Collection[str] | None = None) -> Path | None:
    """Bring the backup `source` back into the database at `url`, after copying the current database to
    `safety_folder` (`before-restore-….db`, or `.dump`), so a wrong restore can be undone.

    SQLite: the backup API writes the copy into the live file in one write transaction (it waits for the write
    lock like any writer); PostgreSQL: `pg_restore --clean --if-exists --single-transaction`. Either way all of it
    or nothing.

    Returns:
        the safety copy of the database as it was, or None when there was no database file yet (SQLite).

    Raises:
        BackupError: `source` is not a whole backup of a known schema version (`check_backup`, `revisions` as
            there), is the database itself, or the tools fail.
            The database is unchanged then.
    """
    kind = database_kind(url)
    source = Path(source)
    check_backup(url, source, required_tables, revisions)
    safety_copy = Path(safety_folder) / f"before-restore-{local_now():%Y%m%d-%H%M%S}{SUFFIXES[kind]}"
    if kind == "postgresql":
        safety = backup(url, safety_copy)
        _pg_tool("pg_restore", url, ["--clean", "--if-exists", "--no-owner", "--no-privileges",
                                     "--single-transaction", str(source)])
        return safety
    live = sqlite_file(url)
    if live.exists() and live.resolve() == source.resolve():
        raise BackupError("Tệp khôi phục chính là cơ sở dữ liệu đang dùng.")
    safety = None
    if live.exists():
        safety = backup(url, safety_copy)
    copy = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(live, timeout=30)
    try:
        copy.backup(target)
    finally:
        target.close()
        copy.close()
    if os.name != "nt":
        os.chmod(live, 0o600)
    return safety


def backups_in(folder: Path) -> list[Path]:
    """The copies named `conference-*` in `folder`, oldest first (by name, which is the time taken)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.name.startswith(PREFIX) and p.suffix in SUFFIXES.values() and p.is_file())


def prune(folder: Path, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Delete all but the newest `keep` copies named `conference-*` in `folder`; returns the deleted paths."""
    old = backups_in(folder)[:-keep] if keep > 0 else backups_in(folder)
    for path in old:
        path.unlink(missing_ok=True)
    return old


def copy_time(path: Path) -> datetime:
    """When the copy `path` was taken, naive local time: from its name (`conference-20250410-073000.db`), which
    survives copying the folder elsewhere and back; from its modification time when the name carries none."""
    try:
        return datetime.strptime(path.stem.removeprefix(PREFIX), "%Y%m%d-%H%M%S")
    except ValueError:
        return datetime.fromtimestamp(path.stat().st_mtime, LOCAL_TZ).replace(tzinfo=None)


def _set_stamp(folder: Path, moment: datetime) -> None:
    """Set the modification time of `folder`'s stamp file (made when missing, empty, 0600) to `moment` (naive
    local time)."""
    stamp = folder / STAMP
    if not stamp.exists():
        os.close(os.open(stamp, os.O_CREAT | os.O_WRONLY, 0o600))
    seconds = moment.replace(tzinfo=LOCAL_TZ).timestamp()
    os.utime(stamp, (seconds, seconds))


def recently_backed_up(folder: Path, now: datetime, every: timedelta = BACKUP_EVERY) -> bool:
    """Whether `folder`'s stamp file says a copy was taken less than `every` before `now` (naive local time): one
    `stat`, no listing. False when the stamp is missing, `every` old or in the future (then ask `backup_due`)."""
    try:
        stamped = datetime.fromtimestamp((folder / STAMP).stat().st_mtime, LOCAL_TZ).replace(tzinfo=None)
    except FileNotFoundError:
        return False
    return stamped <= now < stamped + every


def backup_due(folder: Path, now: datetime, every: timedelta = BACKUP_EVERY) -> bool:
    """Whether the newest copy in `folder` is missing or `every` old at `now` (naive local time).

    Cheap while a copy is recent: one `stat` of the stamp file (`recently_backed_up`). Only when the stamp is
    missing or `every` old is the folder listed; a recent copy found then (taken by `flask backup`, or put there
    by hand) resets the stamp, so the next checks are one `stat` again.
    """
    if recently_backed_up(folder, now, every):
        return False
    copies = backups_in(folder)
    if not copies:
        return True
    newest = max(copy_time(path) for path in copies)
    if now - newest >= every:
        return True
    _set_stamp(folder, newest)
    return False


def take_due_backup(url: str, folder: Path, now: datetime | None = None, keep: int = KEEP_BACKUPS) -> Path | None:
    """Take a copy into `folder` unless another process or thread is taking the one of this second (its name is
    claimed by an exclusive create); prune to `keep`. Returns the copy, or None when another took it.

    Raises:
        BackupError, OSError: as `backup`.
    """
    now = now or local_now()
    _private_folder(folder)
    target = folder / backup_name(url, now)
    try:
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return None
    try:
        backup(url, target)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    _set_stamp(folder, now)
    prune(folder, keep)
    return target


def conference_held_today() -> bool:
    """Whether a conference of this instance is held today (Vietnam's calendar): one query."""
    return db.session.execute(select(exists().where(Conference.held_on == local_today()))).scalar_one()


def backup_folder(app: Flask) -> Path:
    """Where the automatic copies and the `backup` command's default copies go: BACKUP_FOLDER, else
    `instance/backups`."""
    return Path(app.config.get("BACKUP_FOLDER") or Path(app.instance_path) / "backups")


def register_automatic_backups(app: Flask) -> None:
    """On the conference day, a check-in desk's request takes a copy when the newest is older than BACKUP_EVERY
    (see the module's docstring); only after an answer below 400. A failed copy, or a folder that cannot be read,
    is logged; the desk's answer never depends on it. The AUTOMATIC_BACKUPS setting switches them on or off; by default they are on except
    under TESTING (a test that wants them sets it, with BACKUP_FOLDER)."""

    @app.after_request
    def take_backup_when_due(response):
        if (not app.config.get("AUTOMATIC_BACKUPS", not app.testing) or request.endpoint in (None, "static")
                or response.status_code >= 400):
            return response
        if not (current_user and current_user.is_authenticated and current_user.role == "checkin"):
            return response
        folder, now = backup_folder(app), local_now()
        try:
            if recently_backed_up(folder, now) or not conference_held_today() or not backup_due(folder, now):
                return response  # on the conference day one `stat`; on another day one `stat` and one query
        except OSError as error:  # the folder unreadable (a USB stick pulled out, no permission): the desk goes on
            app.logger.error("automatic backup: cannot read %s: %s", folder, error)
            return response
        url = app.config["SQLALCHEMY_DATABASE_URI"]

        def take() -> None:
            try:
                taken = take_due_backup(url, folder)
            except (BackupError, OSError, sqlite3.Error) as error:
                app.logger.error("automatic backup failed: %s", error)
                return
            if taken is not None:
                app.logger.info("automatic backup: %s", taken)

        response.call_on_close(take)
        return response

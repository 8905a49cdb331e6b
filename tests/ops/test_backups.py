"""`flask backup` takes one committed state while requests write; `flask restore` brings it back whole, every
table, and refuses a hostile file changing nothing; the conference day keeps hourly copies by itself, the newest
ten, without listing the backup folder on every check-in."""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import CheckConstraint, MetaData, create_engine, func, insert, select, text, types, update
from sqlalchemy.exc import IntegrityError

from conference import backups, create_app
from conference.audit.models import AuditEntry
from conference.backups import KEEP_BACKUPS, backup_due, backups_in, local_now, prune
from conference.badges.services import badge_code
from conference.conferences.models import Conference, Quota
from conference.core.clock import local_today
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.services import Actor, approve_nomination, submit_nomination
from tests.factories import PASSWORD, make_world, nomination_data
from tests.ops.servers import SECRET, Browser, start_server, stop_server

BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"])


@pytest.fixture(autouse=True)
def _apps(tmp_path):
    """Apps made here put their backups under tmp_path unless told otherwise (never in the repository's
    instance/), and have their connections closed at the end (a PostgreSQL database is dropped after)."""
    made.clear()
    defaults["BACKUP_FOLDER"] = str(tmp_path / "default-backups")
    yield
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


made: list = []
defaults: dict = {}


def _app(url: str, **settings):
    app = create_app({"TESTING": True, "SECRET_KEY": SECRET, "WTF_CSRF_ENABLED": False,
                      "SQLALCHEMY_DATABASE_URI": url, **defaults, **settings})
    made.append(app)
    return app


def every_row(url: str) -> dict[str, list[tuple]]:
    """Every row of every table in the database at `url`, read from the database's own catalogue (so a table
    the models do not name, say alembic_version, is compared too), each table in primary-key order (all its
    columns when it has none)."""
    engine = create_engine(url)
    try:
        tables = MetaData()
        tables.reflect(engine)
        with engine.connect() as connection:
            return {table.name: [tuple(row) for row in connection.execute(
                        select(table).order_by(*(table.primary_key.columns or table.columns)))]
                    for table in tables.tables.values()}
    finally:
        engine.dispose()


#: Values the tables' CHECK constraints want that `_any_value` cannot read from them.
CHECKED_VALUES = {("badge_categories", "colour"): "#1f6f3a"}


def _any_value(table, column, connection):
    """A value `column` of `table` accepts: the first row's key of the table a foreign key names; the first
    choice of an `IN (...)` or the length of a `length(...) = N` check; else one of the column's type."""
    if (table.name, column.name) in CHECKED_VALUES:
        return CHECKED_VALUES[(table.name, column.name)]
    for key in column.foreign_keys:
        return connection.execute(select(key.column).limit(1)).scalar()
    for constraint in table.constraints:
        if isinstance(constraint, CheckConstraint):
            rule = str(constraint.sqltext)
            if choice := re.search(rf"\b{column.name} IN \('([^']*)'", rule):
                return choice.group(1)
            if length := re.search(rf"length\({column.name}\) = (\d+)", rule):
                return "k" * int(length.group(1))
            if bounds := re.search(rf"\b{column.name} BETWEEN (-?\d+) AND (-?\d+)", rule):
                return max(int(bounds.group(1)), min(1, int(bounds.group(2))))
    kind = column.type
    if isinstance(kind, types.Boolean):
        return True
    if isinstance(kind, types.Integer | types.Numeric | types.Float):
        return 1
    if isinstance(kind, types.DateTime):
        return datetime(2099, 12, 31, 7, 30)
    if isinstance(kind, types.Date):
        return date(2099, 12, 31)  # a deadline not yet passed
    if isinstance(kind, types.Time):
        return datetime(2025, 4, 10, 7, 30).time()
    if isinstance(kind, types.LargeBinary):
        return b"\x89PNG\r\n"
    if isinstance(kind, types.JSON):
        return {"k": 1}
    return "Dữ liệu mẫu"[:kind.length or None]


def fill_every_table(url: str) -> list[str]:
    """Give every table of the models that has no row one row (every column set, the foreign keys to the first
    row of their table; only the required columns when a check across columns refuses them all set), so a
    comparison of the tables compares something in each; returns the tables filled.
    A new table whose CHECK constraints `_any_value` cannot satisfy fails here: add it to CHECKED_VALUES."""
    engine = create_engine(url)
    filled = []
    try:
        for table in db.metadata.sorted_tables:
            with engine.begin() as connection:
                if connection.execute(select(func.count()).select_from(table)).scalar_one():
                    continue
                generated = [c for c in table.primary_key.columns if c.autoincrement is True
                             or (c.autoincrement == "auto" and isinstance(c.type, types.Integer) and not c.foreign_keys)]
                row = {column.name: _any_value(table, column, connection)
                       for column in table.columns if column not in generated}
                try:
                    with connection.begin_nested():
                        connection.execute(insert(table).values(row))
                except IntegrityError:  # CHECK constraints across columns: the optional ones left empty
                    connection.execute(insert(table).values({name: value for name, value in row.items()
                                                             if not table.columns[name].nullable}))
                filled.append(table.name)
    finally:
        engine.dispose()
    return filled


def _fresh_database(backend: str, tmp_path, request) -> str:
    """An empty database without tables (a new SQLite path; a new database on the suite's cluster, dropped after)."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.db'}"
    cluster = request.getfixturevalue("postgres_url")
    name = f"restored_{uuid.uuid4().hex[:12]}"
    admin = create_engine(cluster, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()

    request.addfinalizer(drop)
    return cluster.rsplit("/", 1)[0] + "/" + name


class Writer(threading.Thread):
    """A unit submitting nominations through the app, one request after another, until stopped; each request
    writes a nomination and its audit entry in one transaction."""

    def __init__(self, app, conference_id: int):
        super().__init__(daemon=True)
        self.client = app.test_client()
        self.path = f"/conferences/{conference_id}/nominations/new"
        self.done = 0
        self.failures: list[int] = []
        self.stop = threading.Event()

    def run(self) -> None:
        self.client.post("/login", data={"username": "unit1", "password": PASSWORD})
        while not self.stop.is_set():
            form = {**nomination_data(f"Người thứ {self.done}"), "direct_worker": "y", "action": "submit"}
            form.pop("party_member")
            form.pop("titles")
            status = self.client.post(self.path, data=form).status_code
            if status != 302:
                self.failures.append(status)
            self.done += 1


def _wait(predicate, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@BOTH
def test_a_backup_taken_while_requests_write_is_one_committed_state_and_restores_row_by_row(
        backend, served_database, tmp_path, request):
    app = _app(served_database)
    with app.app_context():
        world = make_world(units=2, quotas=(50_000, 1), cap=100_000)
        db.session.remove()
    fill_every_table(served_database)
    filled_nominations = {row[0] for row in every_row(served_database)["nominations"]}
    writer = Writer(app, world.conference_id)
    writer.start()
    try:
        _wait(lambda: writer.done >= 20)
        copy = tmp_path / f"copy{'.db' if backend == 'sqlite' else '.dump'}"
        for _attempt in range(10):  # until a request of the writer completed while a backup ran
            before = writer.done
            result = app.test_cli_runner().invoke(args=["backup", "--output", str(copy)])
            after = writer.done
            if after > before or result.exit_code != 0:
                break
        _wait(lambda: writer.done >= after + 20)  # writes go on after the copy
    finally:
        writer.stop.set()
        writer.join(60)
    assert result.exit_code == 0, result.output
    assert writer.failures == []
    assert after > before, "no request wrote while the backup ran"

    restored_url = _fresh_database(backend, tmp_path, request)
    restored = _app(restored_url, BACKUP_FOLDER=str(tmp_path / "backups"))
    result = restored.test_cli_runner().invoke(args=["restore", str(copy), "--yes"])
    assert result.exit_code == 0, result.output

    live, back = every_row(served_database), every_row(restored_url)
    assert set(back) == set(live) >= {table.name for table in db.metadata.sorted_tables}
    assert [table for table in db.metadata.sorted_tables if not back[table.name]] == []  # each compares rows
    nominations = back["nominations"]
    assert before <= len(nominations) < len(live["nominations"])  # the copy is a state between the writes
    columns = [column.name for column in AuditEntry.__table__.columns]
    entity, entity_id = columns.index("entity"), columns.index("entity_id")
    audited = {row[entity_id] for row in back["audit_log"] if row[entity] == "nomination"}
    assert audited == {row[0] for row in nominations} - filled_nominations  # each with its audit entry: no torn write
    for table, rows in back.items():  # the copy equals the live database as of that commit, row by row
        if table in ("nominations", "audit_log"):
            assert rows == live[table][:len(rows)], table
        else:
            assert rows == live[table], table


def test_restore_brings_the_copy_back_and_keeps_the_replaced_data_aside(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    app = _app(url, BACKUP_FOLDER=str(tmp_path / "backups"))
    with app.app_context():
        db.create_all()
        make_world()
    runner = app.test_cli_runner()
    assert runner.invoke(args=["backup", "--output", str(tmp_path / "copy.db")]).exit_code == 0
    kept = every_row(url)
    with app.app_context():
        db.session.add(Conference(host_id=1, name="Hội nghị thêm sau khi sao lưu", level="district",
                                  held_on=date(2025, 5, 1)))
        db.session.commit()

    refused = runner.invoke(args=["restore", str(tmp_path / "copy.db")], input="n\n")
    assert refused.exit_code == 1 and len(every_row(url)["conferences"]) == 3  # asked, answered no: unchanged
    result = runner.invoke(args=["restore", str(tmp_path / "copy.db")], input="y\n")

    assert result.exit_code == 0, result.output
    assert every_row(url) == kept
    aside = list((tmp_path / "backups").glob("before-restore-*.db"))
    assert len(aside) == 1 and f"Dữ liệu trước khi khôi phục được giữ ở {aside[0]}" in result.output
    assert len(every_row(f"sqlite:///{aside[0]}")["conferences"]) == 3
    with sqlite3.connect(tmp_path / "live.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _set_revision(url: str, revision: str) -> None:
    """Give the database at `url` the schema version `revision` (its alembic_version row, as migrations keep it)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) PRIMARY KEY)"))
        connection.execute(text("DELETE FROM alembic_version"))
        connection.execute(text("INSERT INTO alembic_version VALUES (:revision)"), {"revision": revision})
    engine.dispose()


@BOTH
def test_restore_refuses_a_hostile_file_with_a_clear_message_and_replaces_nothing(
        backend, served_database, tmp_path, request):
    """Not a backup at all, a backup of another application, a truncated backup (its table of contents whole),
    a backup of a newer version of this app, the database itself: exit 1, a message saying which, the database
    unchanged and nothing set aside."""
    app = _app(served_database, BACKUP_FOLDER=str(tmp_path / "backups"))
    with app.app_context():
        make_world()
        db.session.remove()
        db.engine.dispose()
        head = ScriptDirectory(app.extensions["migrate"].directory).get_current_head()
    suffix = ".db" if backend == "sqlite" else ".dump"
    _set_revision(served_database, "ffffffffffff")  # a version of the schema this code does not know
    newer = backups.backup(served_database, tmp_path / f"newer{suffix}")
    _set_revision(served_database, head)
    good = backups.backup(served_database, tmp_path / f"good{suffix}")
    truncated = tmp_path / f"truncated{suffix}"
    truncated.write_bytes(good.read_bytes()[:-100])  # its last page, or the end of the last table's data
    garbage = tmp_path / f"garbage{suffix}"
    garbage.write_bytes(b"not a database " * 100)
    foreign_url = _fresh_database(backend, tmp_path, request)
    engine = create_engine(foreign_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
        connection.execute(text("INSERT INTO notes VALUES (1, 'ghi chú')"))
    engine.dispose()
    foreign = backups.backup(foreign_url, tmp_path / f"foreign{suffix}")
    hostile = {"garbage": garbage, "foreign": foreign, "truncated": truncated, "newer": newer}
    if backend == "sqlite":
        hostile["itself"] = Path(served_database.removeprefix("sqlite:///"))
    kept = every_row(served_database)
    runner = app.test_cli_runner()

    results = {name: runner.invoke(args=["restore", str(path), "--yes"]) for name, path in hostile.items()}

    assert {name: result.exit_code for name, result in results.items()} == dict.fromkeys(hostile, 1)
    kind = "SQLite" if backend == "sqlite" else "pg_dump"
    assert f"bị hỏng hoặc không phải bản sao lưu {kind}" in results["garbage"].output
    assert "bị hỏng" in results["truncated"].output
    assert "không phải bản sao lưu của ứng dụng này (thiếu bảng agenda_items" in results["foreign"].output
    assert "phiên bản khác (mới hơn) của ứng dụng (phiên bản cơ sở dữ liệu ffffffffffff)" in results["newer"].output
    if backend == "sqlite":
        assert "chính là cơ sở dữ liệu đang dùng" in results["itself"].output
    assert every_row(served_database) == kept
    assert not (tmp_path / "backups").exists()  # nothing set aside either: refused before anything

    restored = runner.invoke(args=["restore", str(good), "--yes"])  # the whole backup of this version is taken
    assert restored.exit_code == 0, restored.output
    assert every_row(served_database) == kept


def test_backup_on_postgresql_without_pg_dump_says_so_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump on it
    app = _app("postgresql://conference@127.0.0.1:1/conference")
    target = tmp_path / "copy.dump"

    result = app.test_cli_runner().invoke(args=["backup", "--output", str(target)])

    assert result.exit_code == 1
    assert "Không tìm thấy pg_dump" in result.output and "postgresql-client" in result.output
    assert list(tmp_path.iterdir()) == []


def test_the_default_backup_goes_to_the_backup_folder_which_keeps_the_newest_ten(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    folder = tmp_path / "backups"
    folder.mkdir()
    old = [folder / f"conference-2025041{i // 10}-0{i % 10}0000.db" for i in range(12)]
    for path in old:
        path.write_bytes(b"")
    other = folder / "before-restore-20250101-000000.db"
    other.write_bytes(b"")
    app = _app(url, BACKUP_FOLDER=str(folder))
    with app.app_context():
        db.create_all()

    result = app.test_cli_runner().invoke(args=["backup"])

    assert result.exit_code == 0, result.output
    copies = backups_in(folder)
    assert len(copies) == KEEP_BACKUPS and copies[:-1] == old[-(KEEP_BACKUPS - 1):]
    assert copies[-1].name.startswith(f"conference-{local_now():%Y%m%d}") and str(copies[-1]) in result.output
    assert other.exists()  # not a copy of ours: never pruned


def test_prune_keeps_the_newest_copies_by_their_names(tmp_path):
    names = [f"conference-20250410-{h:02d}0000.db" for h in range(7, 20)]
    for name in reversed(names):
        (tmp_path / name).write_bytes(b"")

    deleted = prune(tmp_path, keep=10)

    assert [p.name for p in deleted] == names[:3]
    assert [p.name for p in backups_in(tmp_path)] == names[3:]


# The conference day's automatic copies


@pytest.fixture
def day(tmp_path):
    """An app with automatic backups into tmp_path/backups and a conference held today; yields (app, folder).

    The copy is taken when the response is closed (after it was sent): the test client's responses are closed
    by hand, as a server closes them."""
    folder = tmp_path / "backups"
    app = _app(f"sqlite:///{tmp_path / 'live.db'}", AUTOMATIC_BACKUPS=True, BACKUP_FOLDER=str(folder))
    with app.app_context():
        db.create_all()
        world = make_world()
        db.session.get(Conference, world.conference_id).held_on = local_today()
        db.session.commit()
    return app, folder


@pytest.fixture
def clock(monkeypatch):
    """The backups' clock (Vietnam's local time), moved on by `clock.advance(hours)`."""

    class Clock:
        offset = timedelta()

        def advance(self, hours: float) -> None:
            self.offset += timedelta(hours=hours)

    moved = Clock()
    real = backups.local_now
    monkeypatch.setattr(backups, "local_now", lambda: real() + moved.offset)
    return moved


def test_the_first_desk_to_sign_in_on_the_day_takes_a_copy_then_one_an_hour(day, clock):
    app, folder = day
    desk = app.test_client()

    desk.post("/login", data={"username": "checkin", "password": PASSWORD}).close()
    first = backups_in(folder)
    desk.get("/").close()
    assert backups_in(folder) == first and len(first) == 1  # within the hour: no second copy
    clock.advance(0.9)
    desk.get("/").close()
    assert len(backups_in(folder)) == 1
    clock.advance(0.2)
    desk.get("/").close()

    assert len(backups_in(folder)) == 2
    with app.app_context():
        people = db.session.execute(select(func.count()).select_from(Conference)).scalar_one()
    assert len(every_row(f"sqlite:///{backups_in(folder)[-1]}")["conferences"]) == people


def _count_listings(folder, monkeypatch) -> list:
    """A list that gets an item each time `folder` is listed (os.listdir, os.scandir: what pathlib and glob use)."""
    listings = []
    for name in ("listdir", "scandir"):
        real = getattr(os, name)

        def counted(path=".", real=real):
            if Path(path) == folder:
                listings.append(path)
            return real(path)

        monkeypatch.setattr(os, name, counted)
    return listings


def test_a_check_in_does_not_list_the_backup_folder_while_the_newest_copy_is_recent(day, clock, monkeypatch):
    """The desk's hot path: one `stat` of the stamp per request; the folder is listed only when a copy may be
    due (once an hour), and a copy that `flask backup` put there costs one listing, not one per scan."""
    app, folder = day
    with app.app_context():
        conference_id = db.session.execute(select(Conference.id).where(Conference.held_on == local_today())
                                           ).scalar_one()
        unit = db.session.execute(select(Quota.unit_id).where(Quota.conference_id == conference_id)).scalars().first()
        db.session.execute(update(Quota).where(Quota.unit_id == unit).values(seats=30))
        codes = []
        for i in range(30):
            nomination = submit_nomination(conference_id, unit, nomination_data(f"Người thứ {i}"), Actor(None),
                                           local_today())
            approve_nomination(nomination.id)
            db.session.flush()
            delegate = db.session.execute(select(Delegate).where(Delegate.nomination_id == nomination.id)
                                          ).scalar_one()
            codes.append(badge_code(app.config["SECRET_KEY"], delegate))
        db.session.commit()
    listings = _count_listings(folder, monkeypatch)
    desk = app.test_client()
    desk.post("/login", data={"username": "checkin", "password": PASSWORD}).close()  # the day's first copy
    desk.post("/api/checkin/desk", json={"desk": "Bàn 1"}).close()
    assert len(backups_in(folder)) == 1
    listings.clear()

    def scan(code: str) -> str:
        response = desk.post("/api/checkin", json={"code": code, "conference_id": conference_id})
        response.close()
        return response.get_json()["result"]

    assert [scan(code) for code in codes[:10]] == ["checked_in"] * 10
    assert listings == []  # ten check-ins within the hour: not one listing

    clock.advance(0.5)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["backup"]).exit_code == 0  # the operator's copy, half an hour later
    listings.clear()
    clock.advance(0.7)  # an hour after the first copy, half an hour after the operator's
    assert [scan(code) for code in codes[10:20]] == ["checked_in"] * 10
    assert len(listings) == 1 and len(backups_in(folder)) == 2  # listed once, found the operator's copy recent

    clock.advance(0.6)  # an hour after the operator's copy: due
    listings.clear()
    assert [scan(code) for code in codes[20:]] == ["checked_in"] * 10
    assert len(listings) == 2  # ten check-ins: the one that found the copy due, and its copy's pruning
    assert len(backups_in(folder)) == 3


def test_no_automatic_copy_for_other_roles_nor_on_another_day_nor_when_switched_off(day, tmp_path, monkeypatch):
    app, folder = day
    listings = _count_listings(folder, monkeypatch)
    organizer, unit = app.test_client(), app.test_client()
    organizer.post("/login", data={"username": "organizer", "password": PASSWORD}).close()
    unit.post("/login", data={"username": "unit1", "password": PASSWORD}).close()
    organizer.get("/").close()
    unit.get("/").close()
    assert backups_in(folder) == []

    with app.app_context():
        for conference in db.session.execute(select(Conference)).scalars():
            conference.held_on = local_today() + timedelta(days=1)
        db.session.commit()
    folder.mkdir()
    old = folder / f"conference-{local_now() - timedelta(hours=2):%Y%m%d-%H%M%S}.db"  # a copy would be due
    old.write_bytes(b"")
    desk = app.test_client()
    desk.post("/login", data={"username": "checkin", "password": PASSWORD}).close()
    desk.get("/").close()
    assert listings == []  # another day: a desk's request does not even list the folder
    assert backups_in(folder) == [old]

    off = _app(app.config["SQLALCHEMY_DATABASE_URI"], BACKUP_FOLDER=str(folder))  # TESTING: off by default
    with off.app_context():
        db.session.execute(select(Conference)).scalars().first().held_on = local_today()
        db.session.commit()
    desk = off.test_client()
    desk.post("/login", data={"username": "checkin", "password": PASSWORD}).close()
    desk.get("/").close()
    assert backups_in(folder) == [old]


def test_a_backup_folder_that_cannot_be_read_is_logged_and_the_desk_goes_on(tmp_path, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    app = _app(f"sqlite:///{tmp_path / 'live.db'}", AUTOMATIC_BACKUPS=True, BACKUP_FOLDER=str(blocker / "backups"))
    with app.app_context():
        db.create_all()
        world = make_world()
        db.session.get(Conference, world.conference_id).held_on = local_today()
        db.session.commit()
    desk = app.test_client()

    signed_in = desk.post("/login", data={"username": "checkin", "password": PASSWORD})
    signed_in.close()
    page = desk.get("/")
    page.close()

    assert (signed_in.status_code, page.status_code) == (302, 200)
    assert f"automatic backup: cannot read {blocker / 'backups'}" in caplog.text


def test_the_automatic_copy_keeps_the_newest_ten(day):
    app, folder = day
    folder.mkdir()
    for hour in range(12):
        path = folder / f"conference-20250410-{hour:02d}0000.db"
        path.write_bytes(b"")
        os.utime(path, (0, datetime(2025, 4, 10, hour).timestamp()))
    desk = app.test_client()

    desk.post("/login", data={"username": "checkin", "password": PASSWORD}).close()

    copies = backups_in(folder)
    assert len(copies) == KEEP_BACKUPS and copies[0].name == "conference-20250410-030000.db"
    assert copies[-1].stat().st_size > 0


def test_backup_due_reads_the_newest_copy_of_the_folder_by_its_name(tmp_path):
    now = datetime(2025, 4, 10, 7, 30)
    assert backup_due(tmp_path / "missing", now)
    (tmp_path / "conference-20250410-070000.db").write_bytes(b"")  # written now; its name says 7:00
    (tmp_path / "conference-20250410-050000.db").write_bytes(b"")
    assert not backup_due(tmp_path, now)
    assert not backup_due(tmp_path, datetime(2025, 4, 10, 7, 59, 59))
    assert backup_due(tmp_path, datetime(2025, 4, 10, 8, 0))


def test_served_by_gunicorn_the_first_desk_signing_in_on_the_day_leaves_one_copy(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    folder = tmp_path / "backups"
    app = _app(url)
    with app.app_context():
        db.create_all()
        world = make_world()
        db.session.get(Conference, world.conference_id).held_on = local_today()
        db.session.commit()
    server = start_server("gunicorn", url, tmp_path / "gunicorn.log", env={"BACKUP_FOLDER": str(folder)})
    try:
        desk = Browser(server, "checkin", PASSWORD)
        desk.request("GET", "/")
        _wait(lambda: backups_in(folder) and backups_in(folder)[-1].stat().st_size > 0, timeout=30)
    finally:
        stop_server(server)

    assert len(backups_in(folder)) == 1
    assert every_row(f"sqlite:///{backups_in(folder)[0]}")["users"] == every_row(url)["users"]

"""`flask backup` takes one committed state while requests write; `flask restore` brings it back whole; the
conference day keeps hourly copies by itself, the newest ten."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import uuid
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import create_engine, func, select, text

from conference import create_app
from conference.audit.models import AuditEntry
from conference.backups import KEEP_BACKUPS, backup_due, backups_in, local_now, prune
from conference.conferences.models import Conference
from conference.core.clock import local_today
from conference.extensions import db
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
    """Every row of every table of the models at `url`, each table in primary-key order."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {table.name: [tuple(row) for row in connection.execute(
                        select(table).order_by(*table.primary_key.columns))]
                    for table in db.metadata.sorted_tables}
    finally:
        engine.dispose()


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
    assert set(back) == set(live)
    nominations = back["nominations"]
    assert before <= len(nominations) < len(live["nominations"])  # the copy is a state between the writes
    columns = [column.name for column in AuditEntry.__table__.columns]
    entity, entity_id = columns.index("entity"), columns.index("entity_id")
    audited = {row[entity_id] for row in back["audit_log"] if row[entity] == "nomination"}
    assert audited == {row[0] for row in nominations}  # every copied nomination with its audit entry: no torn write
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


def test_restore_refuses_a_damaged_file_a_foreign_database_or_the_database_itself_and_changes_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    app = _app(url, BACKUP_FOLDER=str(tmp_path / "backups"))
    with app.app_context():
        db.create_all()
        make_world()
    kept = every_row(url)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database " * 100)
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
    runner = app.test_cli_runner()

    results = {name: runner.invoke(args=["restore", str(path), "--yes"])
               for name, path in (("garbage", garbage), ("foreign", foreign), ("itself", tmp_path / "live.db"))}

    assert {name: r.exit_code for name, r in results.items()} == {"garbage": 1, "foreign": 1, "itself": 1}
    assert "không phải bản sao lưu SQLite" in results["garbage"].output
    assert "không phải bản sao lưu của ứng dụng này (thiếu bảng" in results["foreign"].output
    assert "chính là cơ sở dữ liệu đang dùng" in results["itself"].output
    assert every_row(url) == kept
    assert not (tmp_path / "backups").exists()  # nothing set aside either: refused before anything


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


def _age(folder, hours: float) -> None:
    """Make the copies in `folder` as if taken `hours` earlier: their time and their names (which carry it)."""
    for path in backups_in(folder):
        stamp = datetime.strptime(path.stem.removeprefix("conference-"), "%Y%m%d-%H%M%S") - timedelta(hours=hours)
        older = path.with_name(f"conference-{stamp:%Y%m%d-%H%M%S}{path.suffix}")
        path.rename(older)
        moment = os.stat(older).st_mtime - hours * 3600
        os.utime(older, (moment, moment))


def test_the_first_desk_to_sign_in_on_the_day_takes_a_copy_then_one_an_hour(day):
    app, folder = day
    desk = app.test_client()

    desk.post("/login", data={"username": "checkin", "password": PASSWORD}).close()
    first = backups_in(folder)
    desk.get("/").close()
    assert backups_in(folder) == first and len(first) == 1  # within the hour: no second copy
    _age(folder, 0.9)
    desk.get("/").close()
    assert len(backups_in(folder)) == 1
    _age(folder, 0.2)
    desk.get("/").close()

    assert len(backups_in(folder)) == 2
    with app.app_context():
        people = db.session.execute(select(func.count()).select_from(Conference)).scalar_one()
    assert len(every_row(f"sqlite:///{backups_in(folder)[-1]}")["conferences"]) == people


def test_no_automatic_copy_for_other_roles_nor_on_another_day_nor_when_switched_off(day, tmp_path):
    app, folder = day
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
    desk = app.test_client()
    desk.post("/login", data={"username": "checkin", "password": PASSWORD}).close()
    desk.get("/").close()
    assert backups_in(folder) == []

    off = _app(app.config["SQLALCHEMY_DATABASE_URI"], BACKUP_FOLDER=str(folder))  # TESTING: off by default
    with off.app_context():
        db.session.execute(select(Conference)).scalars().first().held_on = local_today()
        db.session.commit()
    desk = off.test_client()
    desk.post("/login", data={"username": "checkin", "password": PASSWORD}).close()
    desk.get("/").close()
    assert backups_in(folder) == []


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


def test_backup_due_reads_the_newest_copy_of_the_folder(tmp_path):
    assert backup_due(tmp_path / "missing", local_now())
    (tmp_path / "conference-20250410-070000.db").write_bytes(b"")
    assert not backup_due(tmp_path, local_now())
    assert backup_due(tmp_path, local_now() + timedelta(hours=1, seconds=1))


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

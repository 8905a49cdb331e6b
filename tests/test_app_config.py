"""Settings create_app derives from the database URL."""

from __future__ import annotations

from pathlib import Path

from conference import create_app
from conference.config import Config


def test_sqlite_pool_skips_the_ping_and_a_server_database_keeps_it(tmp_path):
    sqlite_app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'a.db'}"})
    server_app = create_app({"SQLALCHEMY_DATABASE_URI": "postgresql://u:p@127.0.0.1:1/conference"})

    assert sqlite_app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is False
    assert server_app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True
    assert server_app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")
    assert Config.SQLALCHEMY_ENGINE_OPTIONS == {"pool_pre_ping": True}  # the shared default is not changed


def test_a_run_without_secret_key_uses_its_own_random_key_kept_in_instance(tmp_path):
    import stat
    import threading

    from conference.config import DEFAULT_SECRET_KEY, local_secret_key

    path = tmp_path / "instance" / "secret_key"
    keys: list[str] = []
    threads = [threading.Thread(target=lambda: keys.append(local_secret_key(path))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(set(keys)) == 1 and len(keys[0]) == 64  # workers starting together agree on one key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert local_secret_key(path) == keys[0]  # kept across restarts
    assert list(path.parent.iterdir()) == [path]  # no temporary file left

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'a.db'}", "SECRET_KEY": DEFAULT_SECRET_KEY})
    assert app.config["SECRET_KEY"] not in (DEFAULT_SECRET_KEY, "")
    assert app.config["SECRET_KEY"] == local_secret_key(Path(app.instance_path) / "secret_key")


def test_the_background_checkpointer_empties_the_wal_so_commits_do_not_wait_for_checkpoints(tmp_path):
    import time

    from sqlalchemy import create_engine

    from conference.db import WAL_AUTOCHECKPOINT_PAGES, start_wal_checkpointer

    database = tmp_path / "wal.db"
    engine = create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == WAL_AUTOCHECKPOINT_PAGES
        connection.exec_driver_sql("CREATE TABLE t (x TEXT)")
    for _ in range(50):
        with engine.begin() as connection:
            connection.exec_driver_sql("INSERT INTO t VALUES (?)", ("x" * 4000,))
    assert database.with_name("wal.db-wal").stat().st_size > 50 * 4000  # the rows are in the WAL
    assert database.stat().st_size < 50 * 4000  # and not yet in the database file: no commit checkpointed

    thread = start_wal_checkpointer(engine, 0.05)
    assert start_wal_checkpointer(engine, 0.05) is thread  # one per process and database

    deadline = time.monotonic() + 5
    while database.stat().st_size < 50 * 4000 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert database.stat().st_size > 50 * 4000  # the thread copied the rows into the database file
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM t").scalar() == 50
    engine.dispose()


def test_a_served_sqlite_app_starts_the_checkpointer_and_a_test_app_does_not(tmp_path):
    from conference.db import _checkpointers
    from conference.extensions import db

    served = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 's.db'}", "SQLITE_CHECKPOINT_SECONDS": 30})
    testing = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 't.db'}", "TESTING": True})
    served.test_client().get("/login")
    testing.test_client().get("/login")

    with served.app_context():
        served_file = db.engine.url.database
    with testing.app_context():
        testing_file = db.engine.url.database
    files = {database for _pid, database in _checkpointers}
    assert served_file in files and testing_file not in files


def test_one_process_at_a_time_runs_the_checkpoints_and_another_takes_over_when_it_exits(tmp_path):
    import fcntl
    import os
    import subprocess
    import sys

    from conference.db import _elect_checkpointer

    database = str(tmp_path / "c.db")
    script = ("import sys; from conference.db import _elect_checkpointer as e; "
              "print(e(sys.argv[1]), flush=True); sys.stdin.read()")
    holder = subprocess.Popen(  # another gunicorn worker, elected first
        [sys.executable, "-c", script, database],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=os.getcwd())
    assert holder.stdout.readline().strip() == "True"

    assert _elect_checkpointer(database) is False  # this worker leaves the checkpoints to the holder

    holder.stdin.close()
    holder.wait(10)
    holder.stdout.close()
    assert _elect_checkpointer(database) is True  # the holder is gone: the kernel freed its lock
    probe = os.open(f"{database}.checkpoint", os.O_RDWR)
    try:
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
            taken = True
        except BlockingIOError:
            taken = False
        assert taken is False  # and this process now keeps it
    finally:
        os.close(probe)


def test_a_checkpointer_started_again_in_the_elected_process_keeps_the_election(tmp_path):
    from conference.db import _elect_checkpointer

    database = str(tmp_path / "again.db")
    assert _elect_checkpointer(database) is True
    assert _elect_checkpointer(database) is True  # a new thread of the same process: still the one checkpointing

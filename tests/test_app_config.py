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


"""Settings create_app derives from the database URL."""

from __future__ import annotations

from conference import create_app
from conference.config import Config


def test_sqlite_pool_skips_the_ping_and_a_server_database_keeps_it(tmp_path):
    sqlite_app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'a.db'}"})
    server_app = create_app({"SQLALCHEMY_DATABASE_URI": "postgresql://u:p@127.0.0.1:1/conference"})

    assert sqlite_app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is False
    assert server_app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True
    assert server_app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")
    assert Config.SQLALCHEMY_ENGINE_OPTIONS == {"pool_pre_ping": True}  # the shared default is not changed

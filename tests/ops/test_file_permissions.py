"""The SQLite database and its -wal and -shm files hold people's names, birth years and phones: readable by their
owner only (0600), from their creation, whatever the umask; backups too."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from conference import create_app
from conference.backups import backup
from conference.extensions import db
from conference.organizations.models import Organization

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    """A umask that lets everybody read new files (0022, the usual default)."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _write_something(path: Path) -> dict[str, int]:
    """Open the app on the SQLite file `path`, write a row; the modes of the files in its folder while open."""
    app = create_app({"TESTING": True, "SECRET_KEY": "k", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        db.create_all()
        db.session.add(Organization(name="Công đoàn A", level="grassroots", member_count=10))
        db.session.commit()
        modes = {p.name: _mode(p) for p in path.parent.iterdir() if p.name.startswith(path.name)}
        db.engine.dispose()
    return modes


def test_a_new_database_and_its_wal_and_shm_are_readable_by_the_owner_only(tmp_path, open_umask):
    modes = _write_something(tmp_path / "new.db")

    assert set(modes) == {"new.db", "new.db-wal", "new.db-shm"}  # open while the app runs: WAL in use
    assert set(modes.values()) == {0o600}


def test_an_existing_database_readable_by_others_is_made_private_when_the_app_opens_it(tmp_path, open_umask):
    path = tmp_path / "old.db"
    _write_something(path)
    os.chmod(path, 0o644)
    assert _mode(path) == 0o644

    modes = _write_something(path)

    assert set(modes.values()) == {0o600}


def test_a_backup_is_readable_by_the_owner_only_in_a_private_folder(tmp_path, open_umask):
    _write_something(tmp_path / "live.db")

    copy = backup(f"sqlite:///{tmp_path / 'live.db'}", tmp_path / "backups" / "copy.db")

    assert _mode(copy) == 0o600 and _mode(copy.parent) == 0o700

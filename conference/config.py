"""Settings: defaults here, environment variables override (SECRET_KEY, DATABASE_URL, ...)."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path
from typing import ClassVar

DEFAULT_SECRET_KEY = "dev-only-change-me"
ROOT = Path(__file__).resolve().parent.parent


class Config:
    """Defaults for a development run: embedded SQLite in `instance/`, Vietnamese UI."""

    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{ROOT / 'instance' / 'conference.db'}"
    )
    #: A server database may close idle connections: test each before use (off for SQLite, see create_app).
    SQLALCHEMY_ENGINE_OPTIONS: ClassVar[dict] = {"pool_pre_ping": True}
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    BABEL_DEFAULT_LOCALE = "vi"
    BABEL_DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    LANGUAGES = ("vi", "en")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    PRODUCTION = os.environ.get("CONFERENCE_ENV", "development") == "production"
    #: How new password hashes are made (werkzeug's `generate_password_hash` method). scrypt is slow on purpose;
    #: the test suite sets a cheap one so its logins do not spend its time hashing. Stored hashes name their own
    #: method, so changing this never locks anybody out.
    PASSWORD_HASH_METHOD = "scrypt"


class TestConfig(Config):
    """Settings for the test suite: the database URL is given per test by the fixture."""

    TESTING = True
    SECRET_KEY = "test-secret-key"
    PRODUCTION = False
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"  # one iteration: test users' passwords protect nothing


def local_secret_key(path: Path) -> str:
    """The secret key kept in `path` (64 hex characters), made on first use: a run without SECRET_KEY (`make run`,
    `HTTPS=1 make run` in the hall) signs sessions, CSRF tokens and badge codes with a key nobody else knows,
    instead of the default written in this repository.

    Safe when several processes start at once (gunicorn workers): the file is written whole under a temporary
    name and linked into place only if no other process did it first; everybody then reads the one that won.
    The file is readable by its owner only (0600).

    Raises:
        OSError: the folder cannot be written or the file read.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret_key-")
        try:
            with os.fdopen(descriptor, "w") as handle:  # mkstemp: mode 0600
                handle.write(secrets.token_hex(32))
            try:
                os.link(temporary, path)  # atomic, and fails if another process linked its key first
            except FileExistsError:
                pass
        finally:
            os.unlink(temporary)
    key = path.read_text().strip()
    if len(key) < 32:
        raise OSError(f"{path}: the secret key is too short; delete the file to make a new one")
    return key


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
    #: Served over HTTPS (hall mode `HTTPS=1 make run`, or behind a TLS proxy): the session cookie is Secure and
    #: answers carry HSTS (conference.web.headers). Off for plain http on this machine (`make run`, the tests).
    HTTPS = os.environ.get("HTTPS", "0") == "1"
    #: How new password hashes are made (werkzeug's `generate_password_hash` method). scrypt is slow on purpose;
    #: the test suite sets a cheap one so its logins do not spend its time hashing. Stored hashes name their own
    #: method, so changing this never locks anybody out.
    PASSWORD_HASH_METHOD = "scrypt"
    #: Where `flask backup` and the conference day's automatic copies go (conference.backups); unset:
    #: instance/backups. Keep copies off this machine too (SECURITY.md).
    BACKUP_FOLDER = os.environ.get("BACKUP_FOLDER")
    #: Failed logins allowed per username and per client address (Flask-Limiter's notation); past either, the login
    #: form refuses every attempt, the right password included, until the window has slid on.
    LOGIN_FAILURES_PER_USERNAME = os.environ.get("LOGIN_FAILURES_PER_USERNAME", "5 per 15 minutes")
    LOGIN_FAILURES_PER_ADDRESS = os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "20 per 15 minutes")
    #: Where the failure counters live: "memory://" counts inside one process; several processes (gunicorn
    #: workers, machines) must share one store, e.g. "redis://127.0.0.1:6379" (pip install redis).
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    #: "moving-window" counts the failures of exactly the last 15 minutes (memory and redis keep it); memcached
    #: cannot: with "memcached://..." set "fixed-window" (then up to twice the limit across a window's edge).
    RATELIMIT_STRATEGY = os.environ.get("RATELIMIT_STRATEGY", "moving-window")
    #: A shared store that cannot be reached never makes the login page fail: each process counts in its own
    #: memory meanwhile, and goes back to the store when it answers again.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    #: How many reverse proxies (a TLS proxy such as Caddy or nginx) stand in front of the app: their
    #: X-Forwarded-For and X-Forwarded-Proto are trusted (werkzeug's ProxyFix), so the login throttle counts each
    #: client's own address and HTTPS is seen. 0 (default): no proxy; the headers are ignored, as a client could
    #: forge them.
    PROXY_HOPS = int(os.environ.get("PROXY_HOPS", "0") or 0)
    RATELIMIT_ENABLED = True


class TestConfig(Config):
    """Settings for the test suite: the database URL is given per test by the fixture."""

    TESTING = True
    SECRET_KEY = "test-secret-key"
    PRODUCTION = False
    HTTPS = False
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


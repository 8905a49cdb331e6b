"""Settings: defaults here, environment variables override (SECRET_KEY, DATABASE_URL, ...)."""

from __future__ import annotations

import os
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


class TestConfig(Config):
    """Settings for the test suite: the database URL is given per test by the fixture."""

    TESTING = True
    SECRET_KEY = "test-secret-key"
    PRODUCTION = False

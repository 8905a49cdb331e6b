"""Browser fixtures: the app with the demo conference served on 127.0.0.1, Debian's Chromium via Playwright.

Everything runs offline: the server is started here, Chromium is /usr/bin/chromium (never `playwright install`).
Set SCREENSHOTS=1 to save screenshots of the main pages to /tmp/shots (the `shot` fixture).
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
from pathlib import Path

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from conference.demo.loader import load_demo
from conference.extensions import db
from tests.conftest import make_test_app

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
SHOTS_DIR = Path("/tmp/shots")
DEMO_PASSWORD = "demo1234"


#: What browser tests' apps change in the suite's settings (`TEST_SETTINGS`, which hash passwords cheaply):
#: CSRF protection on, as in production.
BROWSER_SETTINGS = {"SECRET_KEY": "browser-test-secret-key", "WTF_CSRF_ENABLED": True}


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory) -> Path:
    """An SQLite file with the schema made by the Alembic migrations (as in production) and the demo conference
    loaded, made once per session: each browser test serves a copy (`demo_copy`)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    app = make_test_app({**BROWSER_SETTINGS, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        upgrade()
        load_demo()
        db.session.remove()
        db.engine.dispose()  # the last connection to close folds the WAL into the file
    assert not Path(f"{path}-wal").exists(), "the demo database's WAL was not checkpointed into its file"
    return path


@pytest.fixture
def demo_copy(demo_database, tmp_path) -> Path:
    """A fresh copy of the session's demo database for this test; its path."""
    target = tmp_path / "browser.db"
    shutil.copyfile(demo_database, target)
    return target


def _closing(app):
    """`app` with each response read whole and closed before it is sent.

    Werkzeug's development server leaves a file response (a static script) open when the browser drops the
    connection in the middle of sending it, as the offline tests do; the unclosed file then fails the test that
    happens to be running when it is collected.
    """

    def wsgi(environ, start_response):
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()

    return wsgi


@pytest.fixture
def live_server(demo_copy):
    """The app on a copy of the demo database (`demo_database`), served in a daemon thread; yields the base URL."""
    # The server thread shares the suite's "warnings are errors" filter: a deprecation in a view is a 500.
    app = make_test_app({**BROWSER_SETTINGS, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{demo_copy}"})
    werkzeug_logger = logging.getLogger("werkzeug")
    werkzeug_level = werkzeug_logger.level
    werkzeug_logger.setLevel(logging.WARNING)  # no line per request in the output
    server = make_server("127.0.0.1", 0, _closing(app), threaded=True)
    # A short poll: `shutdown()` waits for the serving loop to notice, up to one poll_interval (0.5 s by default).
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="live-server",
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        werkzeug_logger.setLevel(werkzeug_level)
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, one per session."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: run `make test-deps` (installs Debian's chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Factory for fresh browser contexts (own cookies), all closed after the test."""
    contexts = []

    def make(**options):
        settings = {"locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh", "viewport": {"width": 1280, "height": 900},
                    "accept_downloads": True}
        settings.update(options)
        context = browser.new_context(**settings)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a fresh context (desktop size)."""
    return new_context().new_page()


@pytest.fixture
def shot():
    """`shot(page, name)` saves /tmp/shots/<name>.png (full page) when SCREENSHOTS=1; otherwise does nothing."""
    enabled = os.environ.get("SCREENSHOTS") == "1"
    if enabled:
        SHOTS_DIR.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, full_page: bool = True) -> Path | None:
        if not enabled:
            return None
        path = SHOTS_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    take.enabled = enabled
    take.dir = SHOTS_DIR
    return take


def login(page, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Open the start page (which asks to log in) and log in through the form."""
    page.goto(base_url + "/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/login" not in url)
    page.locator("form[action$='/logout']").wait_for(state="attached")  # hidden in the phone's collapsed menu


def open_menu(page, label: str) -> None:
    """Click the menu link `label`, opening its drop-down first when it sits in one."""
    page.wait_for_load_state("load")  # Bootstrap's script, which opens the drop-downs, has run
    bar = page.locator("#mainnav")
    link = bar.get_by_role("link", name=label, exact=True)
    if not link.is_visible():
        bar.locator(".nav-item.dropdown", has=page.get_by_role("link", name=label, exact=True, include_hidden=True)).locator(
            ".dropdown-toggle").click()
    link.click()
    page.wait_for_load_state()


def logout(page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_text("Đã đăng xuất.").wait_for()

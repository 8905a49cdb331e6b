"""conference: runs a trade union's commendation conference from plan to provincial report.

`create_app()` reads as a list: settings, extensions, blueprints, error handlers, commands.
"""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, request, session
from werkzeug.middleware.proxy_fix import ProxyFix

from conference.config import DEFAULT_SECRET_KEY, ROOT, Config, local_secret_key


def create_app(config: type[Config] | dict | None = None) -> Flask:
    """Build the Flask application.

    Args:
        config: a Config class, or a dict of overrides applied on top of `Config`.

    Without SECRET_KEY (and outside tests) the key is `instance/secret_key`, made on first use
    (`config.local_secret_key`), never the default written in the repository.

    Raises:
        RuntimeError: a production start (CONFERENCE_ENV=production) with the default secret key.
    """
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    if isinstance(config, dict):
        app.config.from_object(Config)
        app.config.update(config)
    else:
        app.config.from_object(config or Config)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalize_database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # A file on this machine never drops a pooled connection: no "SELECT 1" before every request's first query.
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            **app.config["SQLALCHEMY_ENGINE_OPTIONS"], "pool_pre_ping": False}
    if app.config.get("PRODUCTION") and app.config["SECRET_KEY"] == DEFAULT_SECRET_KEY:
        raise RuntimeError("SECRET_KEY must be set for a production start (CONFERENCE_ENV=production).")
    os.makedirs(app.instance_path, exist_ok=True)
    if app.config["SECRET_KEY"] == DEFAULT_SECRET_KEY and not app.config.get("TESTING"):
        app.config["SECRET_KEY"] = local_secret_key(Path(app.instance_path) / "secret_key")

    if app.config.get("PROXY_HOPS"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=app.config["PROXY_HOPS"], x_proto=app.config["PROXY_HOPS"])
    register_transactions(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    register_backups(app)
    return app


def normalize_database_url(url: str) -> str:
    """Map `postgres://` and `postgresql://` URLs to the psycopg 3 driver SQLAlchemy should use."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _select_locale() -> str:
    """Vietnamese by default; `?lang=en` (kept in the session) switches to English."""
    from flask import current_app

    lang = request.args.get("lang")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    return session.get("lang") or current_app.config["BABEL_DEFAULT_LOCALE"]


def register_extensions(app: Flask) -> None:
    """Bind db, migrations, login, CSRF and Babel to `app`."""
    from conference import models  # noqa: F401  (every model registered before use)
    from conference.auth.throttle import limiter as login_throttle
    from conference.extensions import babel, csrf, db, login_manager, migrate
    from conference.web.headers import init_headers

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    csrf.init_app(app)
    babel.init_app(app, locale_selector=_select_locale)
    login_throttle.init_app(app)  # failed logins per username and address (conference.auth.throttle)
    init_headers(app)  # CSP, camera on the desk only, no-store, Secure cookie and HSTS under HTTPS

    @login_manager.unauthorized_handler
    def unauthorized():
        """Pages redirect to the login form; the JSON API answers 401 so the desk can say so."""
        from flask import jsonify, redirect, url_for
        from flask_babel import gettext as _

        if request.path.startswith("/api/"):
            return jsonify({"result": "error", "message": _("Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.")}), 401
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))

    @login_manager.user_loader
    def load_user(user_id: str):
        """One prebuilt select per request; an inactive user is signed out (conference.auth.identity)."""
        from conference.auth.identity import load_signed_in_user

        return load_signed_in_user(db.session, user_id)


#: Methods that never write: their SQLite transactions begin deferred (readers do not queue for the write lock).
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def register_transactions(app: Flask) -> None:
    """One transaction per request, all or nothing (DESIGN.md, "Transactions and load").

    A writing request (any method but GET, HEAD, OPTIONS) begins its SQLite transaction IMMEDIATE, so it holds
    the write lock before it reads anything it counts (`conference.db.lock`); a view marked
    `conference.db.begins_deferred` takes the lock itself, with `lock()`, before it writes. The request commits once, when
    the view answered below 400; an error status or an uncaught exception rolls everything back. A commit that fails
    also drops the messages the view flashed (they announced what was not saved), so the error page shows only the
    error. Registered
    first: its before_request runs before any other touches the database, its after_request runs last.
    """
    from flask import g

    from conference.db import BEGIN_IMMEDIATE
    from conference.extensions import db

    @app.before_request
    def begin() -> None:
        view = app.view_functions.get(request.endpoint)
        deferred = request.method in READ_METHODS or getattr(view, "begins_deferred", False)
        g.begin_immediate = BEGIN_IMMEDIATE.set(not deferred)

    @app.after_request
    def commit_or_roll_back(response):
        if response.status_code < 400:
            try:
                db.session.commit()  # a failing commit becomes a 500, whose after_request rolls back
            except Exception:
                session.pop("_flashes", None)  # the error page must not say "Đã lưu": nothing was saved
                raise
        else:
            db.session.rollback()
        return response

    @app.teardown_request
    def end(error) -> None:
        if error is not None:
            db.session.rollback()
        token = g.pop("begin_immediate", None)
        if token is not None:
            BEGIN_IMMEDIATE.reset(token)


def register_blueprints(app: Flask) -> None:
    """Register one blueprint per capability, and what every page's layout reads."""
    from conference.accounts.views import bp as accounts_bp
    from conference.agenda.views import bp as agenda_bp
    from conference.auditlog.views import bp as auditlog_bp
    from conference.auth.views import bp as auth_bp
    from conference.badges.views import bp as badges_bp
    from conference.ceremony.views import bp as ceremony_bp
    from conference.certificates.views import bp as certificates_bp
    from conference.checkin.views import bp as checkin_bp
    from conference.conferences.letterhead import letterhead_of
    from conference.core.vocabulary import word
    from conference.dashboard.views import bp as dashboard_bp
    from conference.delegates.guest_views import bp as guests_bp
    from conference.delegates.views import bp as delegates_bp
    from conference.dossier.views import bp as dossier_bp
    from conference.honourboard.views import bp as honourboard_bp
    from conference.invitations.views import bp as invitations_bp
    from conference.nominations.labels import status_label
    from conference.nominations.views import bp as nominations_bp
    from conference.organizations.labels import level_label
    from conference.quotas.views import bp as quotas_bp
    from conference.seating.views import bp as seating_bp
    from conference.units.views import bp as units_bp
    from conference.web.errors import translated
    from conference.web.navigation import inject_navigation
    from conference.web.urls import RowIdConverter

    app.url_map.converters["int"] = RowIdConverter  # ids the database can hold; larger ones are 404
    for bp in (auth_bp, dashboard_bp, units_bp, quotas_bp, nominations_bp, delegates_bp, guests_bp, invitations_bp,
               agenda_bp, badges_bp, checkin_bp, dossier_bp, auditlog_bp, accounts_bp, honourboard_bp,
               ceremony_bp, certificates_bp, seating_bp):
        app.register_blueprint(bp)
    app.context_processor(inject_navigation)
    app.jinja_env.globals["status_label"] = status_label  # a global: macros imported without context see it
    app.jinja_env.globals["word"] = word  # the vocabulary's words: `{{ word("category", "guest") }}`
    app.jinja_env.globals["letterhead_of"] = letterhead_of  # the documents' header: `letterhead_of(conference)`
    app.jinja_env.filters["translated"] = translated  # messages services return: `{{ problem|translated }}`
    app.jinja_env.filters["level_label"] = level_label  # a level code in the page's language (data: levels.json)


def register_errorhandlers(app: Flask) -> None:
    """Friendly pages in the UI language for 400/403/404/413/500, CSRF failures and refused changes; JSON for
    /api/. The messages are lazy: translated for each request's locale, not once at start."""
    from flask import jsonify, render_template
    from flask_babel import lazy_gettext as _
    from flask_wtf.csrf import CSRFError

    from conference.core.errors import RuleViolation

    messages = {
        400: _("Yêu cầu không hợp lệ."),
        403: _("Bạn không có quyền truy cập trang này."),
        404: _("Không tìm thấy trang."),
        413: _("Tệp tải lên quá lớn."),
        500: _("Đã có lỗi xảy ra. Không có gì được lưu; vui lòng thử lại."),
    }

    def handle(error):
        code = getattr(error, "code", 500) or 500
        if isinstance(error, CSRFError):
            message = _("Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang và thử lại.")
        else:
            message = messages.get(code, _("Đã có lỗi xảy ra."))
        if request.path.startswith("/api/"):
            return jsonify({"result": "error", "message": str(message)}), code
        return render_template("error.html", code=code, message=message), code

    for code in (400, 403, 404, 413, 500):
        app.register_error_handler(code, handle)
    app.register_error_handler(CSRFError, handle)
    app.register_error_handler(RuleViolation, refused)


def refused(error):
    """A RuleViolation no view caught: nothing of the request is written; the reason is shown.

    Under /api/ the answer is JSON {"result": "error", "message"} with 409. A page goes back where the user was
    (the referring page of this site, else the same URL as a GET) with the reason flashed; a GET with nowhere
    else to go shows the error page, since redirecting to itself would loop.
    """
    from urllib.parse import urlsplit

    from flask import jsonify, redirect, render_template

    from conference.web.errors import refusal_message, show_refusal

    if request.path.startswith("/api/"):
        return jsonify({"result": "error", "message": refusal_message(error)}), 409
    referrer = request.referrer
    parts = urlsplit(referrer or "")
    if parts.scheme in ("http", "https") and parts.netloc == request.host and referrer != request.url:
        target = referrer
    elif request.method not in READ_METHODS:
        target = request.url
    else:
        return render_template("error.html", code=409, message=refusal_message(error)), 409
    show_refusal(error)
    return redirect(target)


def register_commands(app: Flask) -> None:
    """Register the `flask` commands (init-db, load-demo, create-user)."""
    from conference.cli import register

    register(app)


def register_backups(app: Flask) -> None:
    """On the conference day, check-in desks' requests keep hourly copies of the database (conference.backups)."""
    from conference.backups import register_automatic_backups

    register_automatic_backups(app)

"""Log in and out; the user's own sessions and "sign out everywhere"."""

from __future__ import annotations

import math
import time

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from conference.auth.forms import LoginForm
from conference.auth.identity import authenticate
from conference.auth.models import User
from conference.auth.sessions import SESSION_KEY, end_all_sessions, end_session, sessions_of, start_session
from conference.auth.throttle import count_failure, limit_failed_logins
from conference.core.clock import to_local, utcnow
from conference.db import begins_deferred, lock
from conference.extensions import db
from conference.web.forms import CSRFForm
from conference.web.urls import safe_local_url

bp = Blueprint("auth", __name__)


def throttled(request_limit):
    """The refusal of a login attempt past the throttle (`auth.throttle`): the login form again, status 429,
    saying how many minutes to wait (also in Retry-After, seconds)."""
    seconds = max(1, math.ceil(request_limit.reset_at - time.time()))
    message = _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút.",
                minutes=max(1, round(seconds / 60)))
    response = current_app.make_response(
        (render_template("auth/login.html", form=LoginForm(), refusal=message), 429))
    response.headers["Retry-After"] = str(seconds)
    return response


@bp.route("/login", methods=["GET", "POST"])
@begins_deferred  # the password check reads only (other desks' scans go on); lock() before the session is written
@limit_failed_logins(on_breach=throttled)
def login():
    """Show the login form; on success write the session (`auth.sessions`) and go to `next` or the home page.

    A wrong password or unknown username counts against the throttle (`auth.throttle`); past it the attempt is
    refused before this view runs."""
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(db.session, form.username.data, form.password.data)
        if user is None:
            count_failure()
            flash(_("Sai tên đăng nhập hoặc mật khẩu."), "danger")
        else:
            lock(db.session, select(User.id).where(User.id == user.id))  # SQLite: the write lock, from here on
            end_session(db.session, session.get(SESSION_KEY))  # a login over another one ends the other
            session[SESSION_KEY] = start_session(
                db.session, user.id, now=utcnow(), lifetime=current_app.permanent_session_lifetime,
                user_agent=request.user_agent.string, address=request.remote_addr or "")
            login_user(user)
            return redirect(safe_local_url(request.args.get("next")) or url_for("dashboard.home"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Log out (POST with CSRF token): the session ends on the server too, and the login page follows."""
    end_session(db.session, session.pop(SESSION_KEY, None))
    logout_user()
    flash(_("Đã đăng xuất."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/sessions")
@login_required
def sessions():
    """The user's own signed-in sessions (when, which browser, from which address), and a button that ends them
    all."""
    since = utcnow() - current_app.permanent_session_lifetime
    rows = [
        {"started": to_local(row.created_at).strftime("%H:%M %d/%m/%Y"), "browser": row.user_agent,
         "address": row.address, "current": row.id == session.get(SESSION_KEY)}
        for row in sessions_of(db.session, current_user.id, since=since)
    ]
    return render_template("auth/sessions.html", rows=rows, form=CSRFForm())


@bp.route("/account/sessions/end-all", methods=["POST"])
@login_required
def end_all():
    """Sign out everywhere (POST with CSRF token): every session of the user ends, this one included."""
    form = CSRFForm()
    if not form.validate_on_submit():
        return redirect(url_for("auth.sessions"))
    end_all_sessions(db.session, current_user.id)
    session.pop(SESSION_KEY, None)
    logout_user()
    flash(_("Đã đăng xuất khỏi mọi nơi. Vui lòng đăng nhập lại."), "info")
    return redirect(url_for("auth.login"))

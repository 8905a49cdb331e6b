"""Log in and out."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user

from conference.auth.forms import LoginForm
from conference.auth.models import User
from conference.db import begins_deferred
from conference.extensions import db
from conference.web.urls import safe_local_url

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
@begins_deferred  # the password check writes nothing: other desks' scans are not held back meanwhile
def login():
    """Show the login form; on success go to `next` or the home page."""
    form = LoginForm()
    if form.validate_on_submit():
        user = db.session.execute(
            db.select(User).where(User.username == form.username.data.strip())
        ).scalar_one_or_none()
        if user is None or not user.active or not user.check_password(form.password.data):
            flash(_("Sai tên đăng nhập hoặc mật khẩu."), "danger")
        else:
            login_user(user)
            return redirect(safe_local_url(request.args.get("next")) or url_for("dashboard.home"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Log out (POST with CSRF token) and return to the login page."""
    logout_user()
    flash(_("Đã đăng xuất."), "info")
    return redirect(url_for("auth.login"))

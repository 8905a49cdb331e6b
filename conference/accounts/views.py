"""The organizer's accounts page (its desks' and units' accounts), login slips, and every user's own password.

A one-time password is shown once, in the answer to the POST that made it (never flashed: the session cookie is
signed, not encrypted), with `Cache-Control: no-store` so the browser keeps no copy of the page.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user

from conference.accounts import services
from conference.accounts.forms import AccountForm, ChangePasswordForm, SlipsForm
from conference.accounts.labels import ACTION_LABELS, ROLE_LABELS
from conference.accounts.rules import MIN_PASSWORD_LENGTH
from conference.db import begins_deferred
from conference.web.access import roles_required
from conference.web.forms import CSRFForm
from conference.web.refusals import refusal_shown

bp = Blueprint("accounts", __name__)

#: Endpoints a user who must choose a new password may still reach (besides static files).
OPEN_WHILE_PASSWORD_MUST_CHANGE = frozenset({"accounts.change_password", "auth.logout", "auth.login", "static",
                                             "checkin.desk_worker"})


@bp.before_app_request
def require_new_password():
    """While the signed-in user still has a one-time password, every page leads to the change-password page
    (a JSON answer 403 under /api/); logout, login and static files stay open."""
    if request.endpoint in OPEN_WHILE_PASSWORD_MUST_CHANGE or request.endpoint is None:
        return None
    if not current_user.is_authenticated or not current_user.must_change_password:
        return None
    message = _("Bạn đang dùng mật khẩu một lần. Hãy đặt mật khẩu mới trước khi tiếp tục.")
    if request.path.startswith("/api/"):
        return jsonify({"result": "error", "message": message}), 403
    flash(message, "warning")
    return redirect(url_for("accounts.change_password"))


def _no_store(html: str):
    """A page holding a one-time password: the browser must not keep it (history, cache)."""
    response = make_response(html)
    response.headers["Cache-Control"] = "no-store"
    return response


def _managed_or_404(user_id: int):
    """The host's account `user_id` (404 for an account of another organization: its existence is not told)."""
    user = services.account_of(current_user.organization_id, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/accounts")
@roles_required("organizer")
def index():
    """The accounts of the organizer's organization and of its units, with their actions."""
    return render_template("accounts/index.html", accounts=services.accounts_of(current_user.organization_id),
                           role_labels=ROLE_LABELS, log=services.account_log(current_user.organization_id),
                           action_labels=ACTION_LABELS, form=CSRFForm(), slips_form=SlipsForm(data={"address": request.url_root}))


@bp.route("/accounts/new", methods=["GET", "POST"])
@roles_required("organizer")
def create():
    """Create a unit or desk account; the answer shows its one-time password once."""
    form = AccountForm(services.units_of_host(current_user.organization_id))
    if form.validate_on_submit():
        with refusal_shown():
            user, password = services.create_account(current_user.organization_id, form.data)
            return _no_store(render_template("accounts/one_time.html", user=user, password=password, created=True))
    return render_template("accounts/form.html", form=form)


@bp.route("/accounts/<int:user_id>/deactivate", methods=["POST"])
@roles_required("organizer")
def deactivate(user_id: int):
    """Deactivate a unit or desk account: it can no longer log in, and its sessions end."""
    return _set_active(user_id, False)


@bp.route("/accounts/<int:user_id>/reactivate", methods=["POST"])
@roles_required("organizer")
def reactivate(user_id: int):
    """Let a deactivated unit or desk account log in again."""
    return _set_active(user_id, True)


def _set_active(user_id: int, active: bool):
    """Deactivate or reactivate (`active`) the host's account `user_id` (CSRF-checked), then the accounts page."""
    user = _managed_or_404(user_id)
    if CSRFForm().validate_on_submit():
        services.set_active(current_user.organization_id, user.id, active)
        if active:
            flash(_("Đã mở lại tài khoản %(name)s.", name=user.username), "success")
        else:
            flash(_("Đã khoá tài khoản %(name)s.", name=user.username), "success")
    return redirect(url_for("accounts.index"))


@bp.route("/accounts/<int:user_id>/reset", methods=["POST"])
@roles_required("organizer")
def reset(user_id: int):
    """Give a unit or desk account a new one-time password, shown once in the answer."""
    user = _managed_or_404(user_id)
    if not CSRFForm().validate_on_submit():
        return redirect(url_for("accounts.index"))
    password = services.reset_password(current_user.organization_id, user.id)
    return _no_store(render_template("accounts/one_time.html", user=user, password=password, created=False))


@bp.route("/accounts/slips", methods=["POST"])
@roles_required("organizer")
@begins_deferred  # the passwords are hashed before the write lock is taken (services.reset_unit_passwords)
def slips():
    """Reset every active unit account's password and answer with their login slips to print (A4, 8 a page).

    Passwords are stored only hashed, so slips can be printed only at the moment the passwords are made."""
    form = SlipsForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "danger")
        return redirect(url_for("accounts.index"))
    made = services.reset_unit_passwords(current_user.organization_id)
    if not made:
        flash(_("Chưa có tài khoản đơn vị nào đang hoạt động."), "warning")
        return redirect(url_for("accounts.index"))
    return _no_store(render_template("accounts/slips.html", slips=made, address=form.address.data.strip(),
                                     host=current_user.organization, min_length=MIN_PASSWORD_LENGTH))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    """Every user changes their own password (current one, new one twice); the other browsers signed in with the
    old password are signed out, this one stays signed in."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        with refusal_shown():
            user = services.change_own_password(current_user.id, form.current_password.data,
                                                form.new_password.data)
            login_user(user)  # the session names the new password's stamp (`User.get_id`)
            flash(_("Đã đổi mật khẩu."), "success")
            return redirect(url_for("dashboard.home"))
    return render_template("accounts/password.html", form=form, forced=current_user.must_change_password,
                           min_length=MIN_PASSWORD_LENGTH)

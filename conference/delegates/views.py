"""Delegates list, guests and the presidium."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from conference.conferences.access import get_conference_or_403
from conference.core.errors import RuleViolation
from conference.delegates import services
from conference.delegates.forms import DeleteForm, GuestForm, PresidiumForm
from conference.delegates.models import Delegate
from conference.delegates.queries import delegates_in_order
from conference.extensions import db
from conference.web.access import roles_required

bp = Blueprint("delegates", __name__, url_prefix="/conferences/<int:conference_id>")


@bp.route("/delegates")
@roles_required("organizer")
def index(conference_id: int):
    """Every delegate with category, unit and presidium seat."""
    conference = g.conference = get_conference_or_403(conference_id)
    category = request.args.get("category")
    delegates = delegates_in_order(conference.id)
    if category in ("exemplar", "guest"):
        delegates = [d for d in delegates if d.category == category]
    return render_template("delegates/index.html", conference=conference, delegates=delegates,
                           category=category, counts=services.delegate_counts(conference.id),
                           delete_form=DeleteForm())


@bp.route("/guests/new", methods=["GET", "POST"])
@roles_required("organizer")
def add_guest(conference_id: int):
    """Add a guest, within the guest seats and the cap."""
    conference = g.conference = get_conference_or_403(conference_id)
    form = GuestForm()
    if form.validate_on_submit():
        try:
            services.add_guest(conference.id, form.service_data())
        except RuleViolation as error:
            flash(str(error), "danger")
        else:
            flash(_("Đã thêm đại biểu khách mời %(name)s.", name=form.full_name.data.strip()), "success")
            return redirect(url_for("delegates.index", conference_id=conference.id, category="guest"))
    return render_template("delegates/guest_form.html", conference=conference, form=form)


@bp.route("/delegates/<int:delegate_id>/delete", methods=["POST"])
@roles_required("organizer")
def delete(conference_id: int, delegate_id: int):
    """Remove a guest who will not attend."""
    conference = get_conference_or_403(conference_id)
    delegate = db.get_or_404(Delegate, delegate_id)
    if delegate.conference_id != conference.id:
        abort(404)
    if DeleteForm().validate_on_submit():
        try:
            services.remove_guest(delegate)
        except RuleViolation as error:
            flash(str(error), "danger")
        else:
            flash(_("Đã xoá đại biểu."), "success")
    return redirect(url_for("delegates.index", conference_id=conference.id))


@bp.route("/presidium", methods=["GET", "POST"])
@roles_required("organizer")
def presidium(conference_id: int):
    """Choose the presidium (Đoàn Chủ tịch), in order, from the delegates."""
    conference = g.conference = get_conference_or_403(conference_id)
    form = PresidiumForm()
    delegates = delegates_in_order(conference.id)
    if form.validate_on_submit():
        chosen = []
        for seat in range(1, conference.presidium_max + 1):
            value = request.form.get(f"seat-{seat}", "")
            if value.isdigit():
                chosen.append(int(value))
        try:
            services.set_presidium(conference.id, chosen)
        except RuleViolation as error:
            flash(str(error), "danger")
        else:
            flash(_("Đã lưu Đoàn Chủ tịch."), "success")
            return redirect(url_for("delegates.presidium", conference_id=conference.id))
    current = {d.presidium_order: d.id for d in delegates if d.presidium_order}
    return render_template("delegates/presidium.html", conference=conference, form=form, delegates=delegates,
                           current=current, seats=range(1, conference.presidium_max + 1))

"""Delegates list, guests and the presidium."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from conference.conferences.access import conference_view
from conference.conferences.models import Conference
from conference.delegates import services
from conference.delegates.forms import GuestForm, chosen_groups, chosen_seats
from conference.delegates.models import Delegate
from conference.delegates.queries import delegates_in_order, presidium_of, seating_chart, table_line
from conference.delegates.rules import PRESIDIUM_GROUPS, presidium_composition
from conference.extensions import db
from conference.web.forms import CSRFForm
from conference.web.refusals import refusal_shown

bp = Blueprint("delegates", __name__, url_prefix="/conferences/<int:conference_id>")


@bp.route("/delegates")
@conference_view("organizer")
def index(conference: Conference):
    """Every delegate with category, unit and presidium seat."""
    category = request.args.get("category")
    delegates = delegates_in_order(conference.id)
    if category in ("exemplar", "guest"):
        delegates = [d for d in delegates if d.category == category]
    return render_template("delegates/index.html", conference=conference, delegates=delegates,
                           category=category, counts=services.delegate_counts(conference.id),
                           delete_form=CSRFForm())


@bp.route("/guests/new", methods=["GET", "POST"])
@conference_view("organizer")
def add_guest(conference: Conference):
    """Add a guest, within the guest seats and the cap; a refused guest shows the form as typed."""
    form = GuestForm()
    if form.validate_on_submit():
        with refusal_shown():
            services.add_guest(conference.id, form.service_data())
            flash(_("Đã thêm đại biểu khách mời %(name)s.", name=form.full_name.data.strip()), "success")
            return redirect(url_for("delegates.index", conference_id=conference.id, category="guest"))
    return render_template("delegates/guest_form.html", conference=conference, form=form)


@bp.route("/delegates/<int:delegate_id>/delete", methods=["POST"])
@conference_view("organizer")
def delete(conference: Conference, delegate_id: int):
    """Remove a guest who will not attend."""
    delegate = db.get_or_404(Delegate, delegate_id)
    if delegate.conference_id != conference.id:
        abort(404)
    if CSRFForm().validate_on_submit():
        with refusal_shown():
            services.remove_guest(delegate)
            flash(_("Đã xoá đại biểu."), "success")
    return redirect(url_for("delegates.index", conference_id=conference.id))


@bp.route("/presidium", methods=["GET", "POST"])
@conference_view("organizer")
def presidium(conference: Conference):
    """Choose the presidium (Đoàn Chủ tịch), in order, each member with their part of the plan's composition; a
    refused choice is shown as made. The page shows the composition checklist of what is saved."""
    form = CSRFForm()
    seats = range(1, conference.presidium_max + 1)
    chosen = groups = None
    if form.validate_on_submit():
        chosen = chosen_seats(request.form)
        groups = dict(zip(chosen, chosen_groups(request.form, chosen), strict=True))
        with refusal_shown():
            services.set_presidium(conference.id, list(chosen.values()), list(groups.values()))
            flash(_("Đã lưu Đoàn Chủ tịch."), "success")
            return redirect(url_for("delegates.presidium", conference_id=conference.id))
    delegates = delegates_in_order(conference.id)
    members = [d for d in delegates if d.presidium_order]
    if chosen is None:
        chosen = {d.presidium_order: d.id for d in members}
        groups = {d.presidium_order: d.presidium_group for d in members}
    return render_template("delegates/presidium.html", conference=conference, form=form, delegates=delegates,
                           current=chosen, current_groups=groups, seats=seats, group_words=PRESIDIUM_GROUPS,
                           table_line=table_line,
                           composition=presidium_composition(d.presidium_group for d in members))


@bp.route("/presidium/print")
@conference_view("organizer")
def presidium_print(conference: Conference):
    """The presidium's seating chart and the order of its name tents, as a printable A4 page."""
    members = presidium_of(conference.id)
    return render_template("delegates/presidium_print.html", conference=conference, members=members,
                           seats=seating_chart(members), group_words=PRESIDIUM_GROUPS, table_line=table_line,
                           composition=presidium_composition(d.presidium_group for d in members))

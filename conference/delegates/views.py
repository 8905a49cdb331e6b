"""Delegates list, guests and the presidium."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from conference.auth.access import get_conference_or_403, roles_required
from conference.delegates import services
from conference.delegates.forms import DeleteForm, GuestForm, PresidiumForm, UpperChoiceForm, UpperQuotaForm
from conference.delegates.models import Delegate
from conference.delegates.upper import parse_order, priority_shares, set_upper_delegates, set_upper_quota
from conference.events.rules import RuleViolation
from conference.exports.collation import name_sort_key
from conference.exports.queries import get_dossier
from conference.extensions import db

bp = Blueprint("delegates", __name__, url_prefix="/conferences/<int:conference_id>")


def _delegates(conference_id: int) -> list[Delegate]:
    """All delegates of a conference, presidium first (by order), then by Vietnamese name order."""
    rows = db.session.execute(select(Delegate).where(Delegate.conference_id == conference_id)).scalars().all()
    return sorted(rows, key=lambda d: (d.presidium_order or 999, name_sort_key(d.full_name)))


@bp.route("/delegates")
@roles_required("organizer")
def index(conference_id: int):
    """Every delegate with category, unit and presidium seat."""
    conference = g.conference = get_conference_or_403(conference_id)
    category = request.args.get("category")
    delegates = _delegates(conference.id)
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
    delegates = _delegates(conference.id)
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


@bp.route("/upper-delegates", methods=["GET", "POST"])
@roles_required("organizer")
def upper(conference_id: int):
    """Choose, in order, the exemplars who go to the upper-level conference, within the upper quota."""
    conference = g.conference = get_conference_or_403(conference_id)
    dossier = get_dossier(conference.id)
    quota_form = UpperQuotaForm(obj=dossier, prefix="quota")
    form = UpperChoiceForm()
    exemplars = [d for d in _delegates(conference.id) if d.category == "exemplar"]
    if form.validate_on_submit():
        try:
            chosen = parse_order({d.id: request.form.get(f"order-{d.id}", "") for d in exemplars})
            set_upper_delegates(conference.id, chosen)
        except RuleViolation as error:
            flash(str(error), "danger")
        else:
            flash(_("Đã lưu danh sách %(n)s đại biểu dự Hội nghị cấp trên.", n=len(chosen)), "success")
            return redirect(url_for("delegates.upper", conference_id=conference.id))
    chosen = sorted((d for d in exemplars if d.upper_order), key=lambda d: d.upper_order)
    others = [d for d in exemplars if not d.upper_order]
    return render_template("delegates/upper.html", conference=conference, dossier=dossier, form=form,
                           quota_form=quota_form, chosen=chosen, others=others,
                           shares=priority_shares(chosen, exemplars))


@bp.route("/upper-delegates/quota", methods=["POST"])
@roles_required("organizer")
def upper_quota(conference_id: int):
    """Save the upper level's quota and the upper conference's code."""
    conference = get_conference_or_403(conference_id)
    form = UpperQuotaForm(prefix="quota")
    if form.validate_on_submit():
        try:
            set_upper_quota(conference.id, form.upper_quota.data, form.upper_code.data)
        except RuleViolation as error:
            flash(str(error), "danger")
        else:
            flash(_("Đã lưu số lượng cấp trên phân bổ."), "success")
    else:
        flash(_("Số lượng phải là số nguyên từ 0 đến 10000."), "danger")
    return redirect(url_for("delegates.upper", conference_id=conference.id))

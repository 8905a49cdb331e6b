"""Units nominate their exemplars; the organizer reviews them."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from conference.auth.access import get_conference_or_403, roles_required
from conference.events.rules import RuleViolation
from conference.extensions import db
from conference.nominations import services
from conference.nominations.forms import ApproveForm, NominationForm, ReturnForm
from conference.nominations.models import NOMINATION_STATUSES, Nomination
from conference.quotas.models import Quota
from conference.quotas.services import units_of, used_seats_by_unit
from conference.views_common import local_today, safe_local_url

bp = Blueprint("nominations", __name__)


def _actor():
    return services.Actor(user_id=current_user.id, is_organizer=current_user.role == "organizer")


def _get_nomination_or_403(nomination_id: int) -> Nomination:
    """Load a nomination the current user may see: its own unit's, or any of the organizer's conference."""
    nomination = db.get_or_404(Nomination, nomination_id)
    conference = get_conference_or_403(nomination.conference_id)
    if current_user.role == "unit" and nomination.unit_id != current_user.organization_id:
        abort(403)
    if current_user.role == "checkin":
        abort(403)
    g.conference = conference
    return nomination


@bp.route("/conferences/<int:conference_id>/nominations")
@roles_required("organizer", "unit")
def index(conference_id: int):
    """Unit: its nominations, quota and deadline. Organizer: the review list, filtered by status and unit."""
    conference = g.conference = get_conference_or_403(conference_id)
    query = select(Nomination).where(Nomination.conference_id == conference.id)
    if current_user.role == "unit":
        unit_id = current_user.organization_id
        nominations = db.session.execute(query.where(Nomination.unit_id == unit_id).order_by(Nomination.id)).scalars()
        quota = db.session.execute(
            select(Quota.seats).where(Quota.conference_id == conference.id, Quota.unit_id == unit_id)
        ).scalar_one_or_none() or 0
        used = used_seats_by_unit(conference.id).get(unit_id, 0)
        today = local_today()
        deadline = conference.nomination_deadline
        return render_template(
            "nominations/unit_index.html", conference=conference, nominations=list(nominations), quota=quota,
            used=used, deadline=deadline, days_left=(deadline - today).days if deadline else None,
            closed=bool(deadline and today > deadline),
        )
    status = request.args.get("status", "submitted")
    unit_id = request.args.get("unit", type=int)
    if status in NOMINATION_STATUSES:
        query = query.where(Nomination.status == status)
    if unit_id:
        query = query.where(Nomination.unit_id == unit_id)
    nominations = db.session.execute(query.order_by(Nomination.submitted_at, Nomination.id)).scalars().all()
    return render_template(
        "nominations/review.html", conference=conference, nominations=nominations, status=status,
        unit_id=unit_id, units=units_of(conference), approve_form=ApproveForm(), return_form=ReturnForm(),
        back=request.full_path.rstrip("?"),
    )


@bp.route("/conferences/<int:conference_id>/nominations/new", methods=["GET", "POST"])
@roles_required("unit")
def create(conference_id: int):
    """A unit submits one exemplar; refused past its quota or its deadline, with the reason."""
    conference = g.conference = get_conference_or_403(conference_id)
    form = NominationForm()
    if form.validate_on_submit():
        try:
            services.submit_nomination(conference.id, current_user.organization_id, form.service_data(), _actor(),
                                       local_today())
        except RuleViolation as error:
            flash(str(error), "danger")
        else:
            flash(_("Đã gửi hồ sơ. Ban Tổ chức sẽ xem xét."), "success")
            return redirect(url_for("nominations.index", conference_id=conference.id))
    return render_template("nominations/form.html", conference=conference, form=form, nomination=None)


@bp.route("/nominations/<int:nomination_id>")
@roles_required("organizer", "unit")
def show(nomination_id: int):
    """One nomination in full, with the review actions for the organizer."""
    nomination = _get_nomination_or_403(nomination_id)
    return render_template("nominations/show.html", conference=g.conference, nomination=nomination,
                           approve_form=ApproveForm(), return_form=ReturnForm())


@bp.route("/nominations/<int:nomination_id>/edit", methods=["GET", "POST"])
@roles_required("unit")
def edit(nomination_id: int):
    """The unit fixes a submitted or returned nomination; a returned one is submitted again."""
    nomination = _get_nomination_or_403(nomination_id)
    if nomination.status == "approved":
        flash(_("Hồ sơ đã được duyệt, không thể sửa."), "warning")
        return redirect(url_for("nominations.show", nomination_id=nomination.id))
    form = NominationForm(obj=nomination)
    if form.validate_on_submit():
        try:
            services.update_nomination(nomination.id, form.service_data(), _actor(), local_today())
        except RuleViolation as error:
            flash(str(error), "danger")
        else:
            flash(_("Đã gửi lại hồ sơ."), "success")
            return redirect(url_for("nominations.index", conference_id=nomination.conference_id))
    return render_template("nominations/form.html", conference=g.conference, form=form, nomination=nomination)


@bp.route("/nominations/<int:nomination_id>/approve", methods=["POST"])
@roles_required("organizer")
def approve(nomination_id: int):
    """Approve: the nomination becomes an exemplar delegate."""
    nomination = _get_nomination_or_403(nomination_id)
    if ApproveForm().validate_on_submit():
        try:
            services.approve_nomination(nomination.id)
        except RuleViolation as error:
            flash(str(error), "danger")
        else:
            flash(_("Đã duyệt hồ sơ của %(name)s.", name=nomination.full_name), "success")
    return redirect(safe_local_url(request.form.get("back"))
                    or url_for("nominations.index", conference_id=nomination.conference_id))


@bp.route("/nominations/<int:nomination_id>/return", methods=["POST"])
@roles_required("organizer")
def return_(nomination_id: int):
    """Return to the unit with a reason."""
    nomination = _get_nomination_or_403(nomination_id)
    form = ReturnForm()
    if form.validate_on_submit():
        try:
            services.return_nomination(nomination.id, form.reason.data)
        except RuleViolation as error:
            flash(str(error), "danger")
        else:
            flash(_("Đã trả lại hồ sơ của %(name)s.", name=nomination.full_name), "success")
    else:
        flash(_("Nhập lý do trả lại."), "danger")
    return redirect(safe_local_url(request.form.get("back"))
                    or url_for("nominations.index", conference_id=nomination.conference_id))


"""Quota table: edit by hand or allocate proportionally."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from conference.conferences.access import conference_view
from conference.conferences.models import Conference, Quota
from conference.extensions import db
from conference.organizations.queries import units_of
from conference.quotas import services
from conference.quotas.forms import AllocateForm, parse_seats
from conference.web.forms import CSRFForm
from conference.web.refusals import refusal_shown

bp = Blueprint("quotas", __name__, url_prefix="/conferences/<int:conference_id>/quotas")


@bp.route("", methods=["GET", "POST"])
@conference_view("organizer")
def index(conference: Conference):
    """Show units with member counts, quotas and used seats; POST saves the typed quotas."""
    form = CSRFForm()  # the per-unit inputs are named `seats-<unit_id>`
    if form.validate_on_submit():
        with refusal_shown():
            services.save_quotas(conference, parse_seats(request.form, units_of(conference)))
            flash(_("Đã lưu số lượng phân bổ."), "success")
            return redirect(url_for("quotas.index", conference_id=conference.id))
    units = units_of(conference)
    quotas = {
        q.unit_id: q.seats
        for q in db.session.execute(select(Quota).where(Quota.conference_id == conference.id)).scalars()
    }
    # After a refused POST the table shows what was typed, so nothing the organizer typed is lost.
    shown = {
        u.id: request.form.get(f"seats-{u.id}", "") if request.method == "POST" else quotas.get(u.id, 0)
        for u in units
    }
    return render_template(
        "quotas/index.html",
        conference=conference,
        units=units,
        shown=shown,
        used=services.used_seats_by_unit(conference.id),
        allocated=sum(quotas.values()),
        members=sum(u.member_count for u in units),
        form=form,
        allocate_form=AllocateForm(),
    )


@bp.route("/allocate", methods=["POST"])
@conference_view("organizer")
def allocate(conference: Conference):
    """Allocate all exemplar seats proportionally to member counts (largest remainder)."""
    form = AllocateForm()
    if not form.validate_on_submit():
        flash(_("Số tối thiểu mỗi đơn vị phải là số nguyên từ 0 đến 1000."), "danger")
    else:
        with refusal_shown():
            services.allocate_proportionally(conference, minimum=form.minimum.data)
            flash(_("Đã phân bổ theo tỷ lệ số đoàn viên. Có thể điều chỉnh từng đơn vị rồi lưu."), "success")
    return redirect(url_for("quotas.index", conference_id=conference.id))

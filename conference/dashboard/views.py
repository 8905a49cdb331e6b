"""Home, conference settings and the organizer's dashboard."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from conference.conferences.access import conference_view, conferences_of
from conference.conferences.models import Conference
from conference.conferences.rules import DEFAULT_DURATION
from conference.dashboard import queries, services
from conference.dashboard.charts import dashboard_charts
from conference.dashboard.forms import ConferenceForm
from conference.web.access import roles_required
from conference.web.refusals import refusal_shown

bp = Blueprint("dashboard", __name__)


@bp.route("/")
@login_required
def home():
    """The conferences this user works on, with the next step for their role."""
    return render_template("dashboard/home.html", conferences=conferences_of(current_user))


@bp.route("/conferences/new", methods=["GET", "POST"])
@roles_required("organizer")
def create():
    """Create a conference hosted by the organizer's organization."""
    form = ConferenceForm()
    if form.validate_on_submit():
        conference = services.create_conference(current_user.organization_id, _form_data(form))
        flash(_("Đã tạo hội nghị."), "success")
        return redirect(url_for("dashboard.dashboard", conference_id=conference.id))
    return render_template("dashboard/form.html", form=form, conference=None)


@bp.route("/conferences/<int:conference_id>/edit", methods=["GET", "POST"])
@conference_view("organizer")
def edit(conference: Conference):
    """Edit the conference's settings (name, date, seats, deadlines); a refused change shows the form as typed."""
    form = ConferenceForm(obj=conference)
    if form.validate_on_submit():
        with refusal_shown():
            services.update_conference(conference.id, _form_data(form))
            flash(_("Đã lưu thông tin hội nghị."), "success")
            return redirect(url_for("dashboard.dashboard", conference_id=conference.id))
    return render_template("dashboard/form.html", form=form, conference=conference)


@bp.route("/conferences/<int:conference_id>")
@conference_view("organizer", "unit", "checkin")
def dashboard(conference: Conference):
    """Organizer: seat figures and the charts (each with its table). Unit users go to their nominations, check-in users to the desk."""
    if current_user.role == "unit":
        return redirect(url_for("nominations.index", conference_id=conference.id))
    if current_user.role == "checkin":
        return redirect(url_for("checkin.desk", conference_id=conference.id))
    figures = queries.dashboard(conference)
    charts = dashboard_charts(figures, queries.unit_seats(conference.id), queries.arrivals(conference.id))
    return render_template("dashboard/dashboard.html", conference=conference, figures=figures, charts=charts)


def _form_data(form: ConferenceForm) -> dict:
    """The form's values keyed by model field, text trimmed."""
    data = {name: form[name].data for name in services.CONFERENCE_FIELDS}
    for key, value in data.items():
        if isinstance(value, str):
            data[key] = value.strip() or None
    data["name"] = data["name"] or ""
    data["duration"] = data["duration"] or DEFAULT_DURATION
    return data

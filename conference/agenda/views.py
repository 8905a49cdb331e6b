"""The agenda: list with times, add, edit, reorder, delete, the programme's clock, the printed programme; the hall
screen for the projector, its control page for a phone and the JSON every open screen polls.

Who: the organizer edits, shows and controls; the printed programme is also for the check-in desk. The hall
screen is the organizer's too: it runs on the organizer's logged-in laptop at the projector, and the same
account moves it on from a phone (`control`); nobody else needs it, and it carries the conference's programme
only.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from conference.agenda import services
from conference.agenda.forms import AgendaClockForm, AgendaItemForm, ShowForm
from conference.agenda.models import AgendaItem
from conference.agenda.rules import day_text
from conference.conferences.access import conference_view
from conference.conferences.letterhead import letterhead_of
from conference.conferences.models import Conference
from conference.extensions import db
from conference.web.forms import CSRFForm

bp = Blueprint("agenda", __name__)
PREFIX = "/conferences/<int:conference_id>/agenda"


def _item(conference: Conference, item_id: int) -> AgendaItem:
    """An item of `conference`, else 404."""
    item = db.get_or_404(AgendaItem, item_id)
    if item.conference_id != conference.id:
        abort(404)
    return item


def _clock_form(table: services.Timetable) -> AgendaClockForm:
    return AgendaClockForm(formdata=None, day_start=table.schedule.starts_at, ends_by=table.schedule.ends_by)


@bp.route(PREFIX, methods=["GET", "POST"])
@conference_view("organizer")
def index(conference: Conference):
    """The agenda with its computed times, the clock form above it and an add form below it."""
    form = AgendaItemForm()
    if form.validate_on_submit():
        services.add_item(conference.id, form.service_data())
        flash(_("Đã thêm nội dung vào chương trình."), "success")
        return redirect(url_for("agenda.index", conference_id=conference.id))
    table = services.timetable(conference.id)
    return render_template("agenda/index.html", conference=conference, table=table, form=form,
                           clock_form=_clock_form(table), move_form=CSRFForm())


@bp.route(PREFIX + "/clock", methods=["POST"])
@conference_view("organizer")
def clock(conference: Conference):
    """Save when the programme starts and by when it must end; the times of the items follow."""
    form = AgendaClockForm()
    if form.validate_on_submit():
        services.set_clock(conference.id, form.day_start.data, form.ends_by.data)
        flash(_("Đã lưu giờ của chương trình."), "success")
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(error, "danger")
    return redirect(url_for("agenda.index", conference_id=conference.id))


@bp.route(PREFIX + "/<int:item_id>/edit", methods=["GET", "POST"])
@conference_view("organizer")
def edit(conference: Conference, item_id: int):
    """Edit one item."""
    item = _item(conference, item_id)
    form = AgendaItemForm(obj=item)
    if form.validate_on_submit():
        services.update_item(item, form.service_data())
        flash(_("Đã lưu."), "success")
        return redirect(url_for("agenda.index", conference_id=conference.id))
    return render_template("agenda/edit.html", conference=conference, form=form, item=item)


@bp.route(PREFIX + "/<int:item_id>/move", methods=["POST"])
@conference_view("organizer")
def move(conference: Conference, item_id: int):
    """Move an item up or down (`direction` = up|down)."""
    item = _item(conference, item_id)
    if CSRFForm().validate_on_submit():
        services.move_item(item, -1 if request.form.get("direction") == "up" else 1)
    return redirect(url_for("agenda.index", conference_id=conference.id))


@bp.route(PREFIX + "/<int:item_id>/delete", methods=["POST"])
@conference_view("organizer")
def delete(conference: Conference, item_id: int):
    """Delete an item."""
    item = _item(conference, item_id)
    if CSRFForm().validate_on_submit():
        services.delete_item(item)
        flash(_("Đã xoá nội dung khỏi chương trình."), "success")
    return redirect(url_for("agenda.index", conference_id=conference.id))


@bp.route(PREFIX + "/print")
@conference_view("organizer", "checkin")
def printable(conference: Conference):
    """The programme as a printable A4 page: the letterhead, times, items, presenters."""
    return render_template("agenda/print.html", conference=conference, table=services.timetable(conference.id),
                           letterhead=letterhead_of(conference), held_on=day_text(conference.held_on))


def _hall_context(conference: Conference) -> dict:
    table = services.timetable(conference.id)
    return {"conference": conference, "table": table, "state": services.hall_state(table), "form": ShowForm()}


@bp.route(PREFIX + "/hall")
@conference_view("organizer")
def hall(conference: Conference):
    """The hall screen for the projector: the current item in large type, the next one below; it follows every
    change within about two seconds (static/js/hall.js polls `api_hall`)."""
    return render_template("agenda/hall.html", **_hall_context(conference))


@bp.route(PREFIX + "/hall/control")
@conference_view("organizer")
def control(conference: Conference):
    """The hall screen's remote control for a phone: previous / next, or show any item."""
    return render_template("agenda/control.html", **_hall_context(conference))


@bp.route(PREFIX + "/hall/show", methods=["POST"])
@conference_view("organizer")
def show(conference: Conference):
    """Put an item on the hall screen (`item_id`; empty: the opening screen); back to the page it came from
    (`back` = control, else the hall screen)."""
    form = ShowForm()
    if form.validate_on_submit():
        try:
            services.show_item(conference.id, form.item())
        except LookupError:
            abort(404)
    target = "agenda.control" if request.form.get("back") == "control" else "agenda.hall"
    return redirect(url_for(target, conference_id=conference.id))


def _row_json(row: services.Row | None) -> dict | None:
    if row is None:
        return None
    return {"id": row.item.id, "title": row.item.title, "presenter": row.item.presenter or "",
            "start": row.start, "end": row.end}


@bp.route("/api/conferences/<int:conference_id>/agenda/hall")
@conference_view("organizer")
def api_hall(conference: Conference):
    """What the hall screen shows, as JSON (two queries): {"current": item | null (the opening screen), "next":
    item | null, "previous_id", "next_id" (the buttons' targets; null: the opening screen), "at_end"}; an item is
    {"id", "title", "presenter", "start", "end"} with times "HH:MM"."""
    state = services.hall_state(services.timetable(conference.id))
    return jsonify({
        "current": _row_json(state.current), "next": _row_json(state.following),
        "previous_id": state.previous_id, "next_id": state.next_id, "at_end": state.at_end,
    })

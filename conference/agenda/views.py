"""The agenda: list, add, edit, reorder, delete, print."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from conference.agenda import services
from conference.agenda.forms import AgendaItemForm, MoveForm
from conference.agenda.models import AgendaItem
from conference.conferences.access import get_conference_or_403
from conference.extensions import db
from conference.web.access import roles_required

bp = Blueprint("agenda", __name__, url_prefix="/conferences/<int:conference_id>/agenda")


def _item(conference_id: int, item_id: int) -> AgendaItem:
    item = db.get_or_404(AgendaItem, item_id)
    if item.conference_id != conference_id:
        abort(404)
    return item


@bp.route("", methods=["GET", "POST"])
@roles_required("organizer")
def index(conference_id: int):
    """The agenda with an add form below it."""
    conference = g.conference = get_conference_or_403(conference_id)
    form = AgendaItemForm()
    if form.validate_on_submit():
        services.add_item(conference.id, form.service_data())
        flash(_("Đã thêm nội dung vào chương trình."), "success")
        return redirect(url_for("agenda.index", conference_id=conference.id))
    return render_template("agenda/index.html", conference=conference, items=services.items_of(conference.id),
                           form=form, move_form=MoveForm())


@bp.route("/<int:item_id>/edit", methods=["GET", "POST"])
@roles_required("organizer")
def edit(conference_id: int, item_id: int):
    """Edit one item."""
    conference = g.conference = get_conference_or_403(conference_id)
    item = _item(conference.id, item_id)
    form = AgendaItemForm(obj=item)
    if form.validate_on_submit():
        services.update_item(item, form.service_data())
        flash(_("Đã lưu."), "success")
        return redirect(url_for("agenda.index", conference_id=conference.id))
    return render_template("agenda/edit.html", conference=conference, form=form, item=item)


@bp.route("/<int:item_id>/move", methods=["POST"])
@roles_required("organizer")
def move(conference_id: int, item_id: int):
    """Move an item up or down (`direction` = up|down)."""
    conference = get_conference_or_403(conference_id)
    item = _item(conference.id, item_id)
    if MoveForm().validate_on_submit():
        services.move_item(item, -1 if request.form.get("direction") == "up" else 1)
    return redirect(url_for("agenda.index", conference_id=conference.id))


@bp.route("/<int:item_id>/delete", methods=["POST"])
@roles_required("organizer")
def delete(conference_id: int, item_id: int):
    """Delete an item."""
    conference = get_conference_or_403(conference_id)
    item = _item(conference.id, item_id)
    if MoveForm().validate_on_submit():
        services.delete_item(item)
        flash(_("Đã xoá nội dung khỏi chương trình."), "success")
    return redirect(url_for("agenda.index", conference_id=conference.id))


@bp.route("/print")
@roles_required("organizer", "checkin")
def printable(conference_id: int):
    """The agenda as a printable A4 page."""
    conference = get_conference_or_403(conference_id)
    return render_template("agenda/print.html", conference=conference, items=services.items_of(conference.id))

"""The agenda: list, add, edit, reorder, delete, print."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from conference.agenda import services
from conference.agenda.forms import AgendaItemForm
from conference.agenda.models import AgendaItem
from conference.conferences.access import conference_view
from conference.conferences.models import Conference
from conference.extensions import db
from conference.web.forms import CSRFForm

bp = Blueprint("agenda", __name__, url_prefix="/conferences/<int:conference_id>/agenda")


def _item(conference: Conference, item_id: int) -> AgendaItem:
    """An item of `conference`, else 404."""
    item = db.get_or_404(AgendaItem, item_id)
    if item.conference_id != conference.id:
        abort(404)
    return item


@bp.route("", methods=["GET", "POST"])
@conference_view("organizer")
def index(conference: Conference):
    """The agenda with an add form below it."""
    form = AgendaItemForm()
    if form.validate_on_submit():
        services.add_item(conference.id, form.service_data())
        flash(_("Đã thêm nội dung vào chương trình."), "success")
        return redirect(url_for("agenda.index", conference_id=conference.id))
    return render_template("agenda/index.html", conference=conference, items=services.items_of(conference.id),
                           form=form, move_form=CSRFForm())


@bp.route("/<int:item_id>/edit", methods=["GET", "POST"])
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


@bp.route("/<int:item_id>/move", methods=["POST"])
@conference_view("organizer")
def move(conference: Conference, item_id: int):
    """Move an item up or down (`direction` = up|down)."""
    item = _item(conference, item_id)
    if CSRFForm().validate_on_submit():
        services.move_item(item, -1 if request.form.get("direction") == "up" else 1)
    return redirect(url_for("agenda.index", conference_id=conference.id))


@bp.route("/<int:item_id>/delete", methods=["POST"])
@conference_view("organizer")
def delete(conference: Conference, item_id: int):
    """Delete an item."""
    item = _item(conference, item_id)
    if CSRFForm().validate_on_submit():
        services.delete_item(item)
        flash(_("Đã xoá nội dung khỏi chương trình."), "success")
    return redirect(url_for("agenda.index", conference_id=conference.id))


@bp.route("/print")
@conference_view("organizer", "checkin")
def printable(conference: Conference):
    """The agenda as a printable A4 page."""
    return render_template("agenda/print.html", conference=conference, items=services.items_of(conference.id))

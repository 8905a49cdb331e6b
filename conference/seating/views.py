"""The seating plan's pages: the plan, the hall's layout, automatic seating, moving a delegate, the print."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from conference.conferences.access import conference_view
from conference.conferences.letterhead import letterhead_of
from conference.conferences.models import Conference
from conference.core.clock import local_today
from conference.seating import queries, services
from conference.seating.forms import HallForm, MoveForm
from conference.seating.models import HallLayout
from conference.seating.rules import STAGE_PREFIX
from conference.web.forms import CSRFForm
from conference.web.refusals import refusal_shown

bp = Blueprint("seating", __name__, url_prefix="/conferences/<int:conference_id>/seating")

PAPERS = ("a4", "a3")


@bp.route("")
@conference_view("organizer")
def index(conference: Conference):
    """The plan on screen: the stage and the blocks with names, who has no seat, the automatic seating."""
    plan = queries.plan(conference.id)
    return render_template("seating/index.html", conference=conference, plan=plan, form=CSRFForm())


@bp.route("/hall", methods=["GET", "POST"])
@conference_view("organizer")
def hall(conference: Conference):
    """Set the hall: blocks, rows a block, seats a row, seats at the presidium table."""
    current = HallLayout.of(conference.id)
    data = ({"blocks": current.blocks, "rows": current.rows_per_block, "seats": current.seats_per_row,
             "stage_seats": current.stage_seats} if current is not None
            else {"stage_seats": conference.presidium_max})
    form = HallForm(data=data)
    if form.validate_on_submit():
        with refusal_shown():
            freed = services.save_layout(conference.id, form.blocks.data, form.rows.data, form.seats.data,
                                         form.stage_seats.data)
            flash(_("Đã lưu sơ đồ hội trường."), "success")
            if freed:
                flash(_("%(n)s đại biểu ngồi ở ghế không còn trong sơ đồ mới: nay chưa có ghế. Hãy xếp chỗ lại.",
                        n=freed), "warning")
            return redirect(url_for("seating.index", conference_id=conference.id))
    return render_template("seating/hall.html", conference=conference, form=form, stage_prefix=STAGE_PREFIX)


@bp.route("/assign", methods=["POST"])
@conference_view("organizer")
def assign(conference: Conference):
    """Seat everyone automatically; `hand` = keep | reset says what becomes of the seats placed by hand (asked
    on the page when there are some)."""
    if not CSRFForm().validate_on_submit():
        abort(400)
    keep = {"keep": True, "reset": False}.get(request.form.get("hand", ""))
    done = services.seat_automatically(conference.id, keep)
    if done.kept:
        flash(_("Đã xếp chỗ cho %(n)s đại biểu (giữ nguyên %(kept)s chỗ đã xếp tay).", n=done.seated,
                kept=done.kept), "success")
    else:
        flash(_("Đã xếp chỗ cho %(n)s đại biểu.", n=done.seated), "success")
    return redirect(url_for("seating.index", conference_id=conference.id))


@bp.route("/move", methods=["GET", "POST"])
@conference_view("organizer")
def move(conference: Conference):
    """Move one delegate to a seat, or swap two (a page that fits a phone). `?delegate=<id>` and `?seat=B-03-07`
    fill the form in (the plan's seats link here)."""
    plan = queries.plan(conference.id)
    choices = [(person.delegate_id, _("%(name)s — %(seat)s", name=person.name,
                                      seat=plan.seat_of[person.delegate_id].label
                                      if person.delegate_id in plan.seat_of else _("chưa có ghế")))
               for person in plan.in_order()]
    form = MoveForm(choices, data={"delegate": request.args.get("delegate", type=int),
                                   "seat": request.args.get("seat", "")[:20]})
    if form.validate_on_submit():
        with refusal_shown():
            moved = services.move_delegate(conference.id, form.delegate.data, form.seat.data, form.swap.data)
            if moved.other and moved.other_seat:
                flash(_("Đã đổi chỗ: %(name)s ngồi ghế %(seat)s, %(other)s ngồi ghế %(other_seat)s.",
                        name=moved.name, seat=moved.seat, other=moved.other, other_seat=moved.other_seat), "success")
            elif moved.other:
                flash(_("Đã xếp %(name)s vào ghế %(seat)s; %(other)s nay chưa có ghế.", name=moved.name,
                        seat=moved.seat, other=moved.other), "success")
            else:
                flash(_("Đã xếp %(name)s vào ghế %(seat)s.", name=moved.name, seat=moved.seat), "success")
            return redirect(url_for("seating.move", conference_id=conference.id))
    return render_template("seating/move.html", conference=conference, form=form, plan=plan)


@bp.route("/print")
@conference_view("organizer", "checkin")
def printable(conference: Conference):
    """The plan with names to print, landscape, on A4 (`?paper=a4`, the default) or A3 (`?paper=a3`)."""
    paper = request.args.get("paper", "a4")
    paper = paper if paper in PAPERS else "a4"
    letterhead = letterhead_of(conference)
    return render_template("seating/print.html", conference=conference, plan=queries.plan(conference.id),
                           paper=paper, papers=PAPERS, letterhead=letterhead,
                           place_date=letterhead.place_date(local_today()))

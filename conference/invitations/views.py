"""Invitations (giấy mời): the guests with their answers, the letter's settings, the letters as one PDF, and one
person's letter as PDF or PNG."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from conference.conferences.access import conference_view
from conference.conferences.models import Conference
from conference.core.clock import local_today
from conference.delegates.models import Delegate
from conference.delegates.rules import DECLINED, INVITATION_ANSWERS
from conference.extensions import db
from conference.invitations import queries, services
from conference.invitations.forms import AnswerForm, SettingsForm
from conference.invitations.letters import first_page_png, letters_pdf
from conference.invitations.rules import PLACEHOLDERS
from conference.seating.queries import seat_labels
from conference.web.forms import CSRFForm
from conference.web.refusals import refusal_shown

bp = Blueprint("invitations", __name__, url_prefix="/conferences/<int:conference_id>/invitations")


def _delegate(conference: Conference, delegate_id: int) -> Delegate:
    """A delegate of `conference`, else 404."""
    delegate = db.get_or_404(Delegate, delegate_id)
    if delegate.conference_id != conference.id:
        abort(404)
    return delegate


def _file_name(delegate: Delegate, extension: str) -> str:
    return f"giay-moi-{delegate.id}.{extension}"


@bp.route("/")
@conference_view("organizer")
def index(conference: Conference):
    """The guests with their answers and seats, and the letters to download; ?category=exemplar lists the
    exemplars instead (a letter per exemplar is optional: no answers are recorded for them)."""
    category = request.args.get("category", "guest")
    if category not in queries.AUDIENCES:
        category = "guest"
    people = queries.invitees(conference.id, category)
    guests = people if category == "guest" else queries.invitees(conference.id, "guest")
    answers = {code: sum(1 for g in guests if g.invitation_answer == code) for code in INVITATION_ANSWERS}
    return render_template("invitations/index.html", conference=conference, people=people, category=category,
                           guest_count=len(guests), seats=seat_labels(conference.id), answers=answers,
                           unanswered=sum(1 for g in guests if not g.invitation_answer), form=CSRFForm())


@bp.route("/settings", methods=["GET", "POST"])
@conference_view("organizer")
def settings(conference: Conference):
    """The letter's number, date, body template (with placeholders) and recipients."""
    current = queries.settings_of(conference.id)
    form = SettingsForm(obj=current)
    if form.validate_on_submit():
        with refusal_shown():
            services.save_settings(conference.id, number=form.number.data, signed_on=form.signed_on.data,
                                   body=form.body.data, recipients=form.recipients.data)
            flash(_("Đã lưu nội dung giấy mời."), "success")
            return redirect(url_for("invitations.index", conference_id=conference.id))
    return render_template("invitations/settings.html", conference=conference, form=form, placeholders=PLACEHOLDERS,
                           today=local_today())


@bp.route("/letters.pdf")
@conference_view("organizer")
def letters(conference: Conference):
    """Every letter in one PDF: the guests who have not declined (default), or the exemplars (?category=exemplar)."""
    category = request.args.get("category", "guest")
    if category not in queries.AUDIENCES:
        abort(404)
    people = [d for d in queries.invitees(conference.id, category) if d.invitation_answer != DECLINED]
    pdf = letters_pdf(queries.letter_settings(conference, local_today()),
                      queries.letters_for(current_app.config["SECRET_KEY"], people))
    name = "giay-moi-khach-moi" if category == "guest" else "giay-moi-dien-hinh"
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f"inline; filename={name}-{conference.id}.pdf"})


def _one_letter(conference: Conference, delegate: Delegate) -> bytes:
    return letters_pdf(queries.letter_settings(conference, local_today()),
                       queries.letters_for(current_app.config["SECRET_KEY"], [delegate]))


@bp.route("/<int:delegate_id>.pdf")
@conference_view("organizer")
def letter_pdf(conference: Conference, delegate_id: int):
    """One person's letter as PDF (to send by mail)."""
    delegate = _delegate(conference, delegate_id)
    return Response(_one_letter(conference, delegate), mimetype="application/pdf",
                    headers={"Content-Disposition": f"attachment; filename={_file_name(delegate, 'pdf')}"})


@bp.route("/<int:delegate_id>.png")
@conference_view("organizer")
def letter_png(conference: Conference, delegate_id: int):
    """One person's letter as a PNG image (to send by Zalo)."""
    delegate = _delegate(conference, delegate_id)
    return Response(first_page_png(_one_letter(conference, delegate)), mimetype="image/png",
                    headers={"Content-Disposition": f"attachment; filename={_file_name(delegate, 'png')}"})


@bp.route("/<int:delegate_id>/answer", methods=["GET", "POST"])
@conference_view("organizer")
def answer(conference: Conference, delegate_id: int):
    """Record a guest's answer; a deputy's details replace the guest's on the seat, with a new badge."""
    delegate = _delegate(conference, delegate_id)
    if delegate.category != "guest":
        flash(_("Chỉ ghi nhận trả lời giấy mời của đại biểu khách mời."), "warning")
        return redirect(url_for("invitations.index", conference_id=conference.id))
    form = AnswerForm(data={"answer": delegate.invitation_answer})
    if form.validate_on_submit():
        with refusal_shown():
            name = delegate.full_name
            services.record_answer(conference.id, delegate.id, form.answer.data, form.deputy())
            if form.answer.data == "deputy":
                flash(_("Đã ghi nhận: %(deputy)s dự thay %(name)s; đã cấp thẻ mới, thẻ và giấy mời cũ không còn giá "
                        "trị.", deputy=delegate.full_name, name=name), "success")
            else:
                flash(_("Đã ghi nhận trả lời của %(name)s.", name=name), "success")
            return redirect(url_for("invitations.index", conference_id=conference.id))
    return render_template("invitations/answer.html", conference=conference, delegate=delegate, form=form)

"""The honouring ceremony's pages: the batches, one batch (usable on a phone during the ceremony), the MC's script
(texts, print, .docx)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from conference.agenda.services import timetable
from conference.ceremony import documents, rules, services
from conference.ceremony.forms import BatchForm, GenerateForm, StatusForm, posted_texts
from conference.ceremony.models import HonouringBatch, HonouringEntry
from conference.ceremony.queries import batch_rows, presenter_choices, unbatched
from conference.ceremony.script import build_script, person_line, script_texts
from conference.conferences.access import conference_view
from conference.conferences.models import Conference
from conference.core import docx as word_doc
from conference.extensions import db
from conference.web.forms import CSRFForm
from conference.web.refusals import refusal_shown

bp = Blueprint("ceremony", __name__, url_prefix="/conferences/<int:conference_id>/ceremony")


def _batch(conference: Conference, batch_id: int) -> HonouringBatch:
    batch = db.get_or_404(HonouringBatch, batch_id)
    if batch.conference_id != conference.id:
        abort(404)
    return batch


def _entry(conference: Conference, delegate_id: int) -> HonouringEntry:
    entry = db.session.execute(
        db.select(HonouringEntry).join(HonouringBatch)
        .where(HonouringEntry.delegate_id == delegate_id, HonouringBatch.conference_id == conference.id)
    ).scalar_one_or_none()
    if entry is None:
        abort(404)
    return entry


def _step() -> int:
    return -1 if request.form.get("direction") == "up" else 1


@bp.route("", methods=["GET", "POST"])
@conference_view("organizer")
def index(conference: Conference):
    """The batches in ceremony order, with the form that makes them (again)."""
    settings = services.settings_of(conference.id)
    form = GenerateForm(obj=settings)
    if form.validate_on_submit():
        with refusal_shown():
            services.save_settings(conference.id, form.batch_size.data, form.collective_form.data,
                                   form.individual_form.data)
            batches = services.generate_batches(conference.id, overwrite=form.overwrite.data)
            flash(_("Đã tạo %(n)s đợt trao thưởng.", n=len(batches)), "success")
            return redirect(url_for("ceremony.index", conference_id=conference.id))
    forms = services.forms_of(conference, settings)
    rows = batch_rows(conference.id)
    return render_template("ceremony/index.html", conference=conference, form=form, rows=rows,
                           edited=any(row.batch.edited for row in rows), unbatched=unbatched(conference.id),
                           default_forms=forms, move_form=CSRFForm())


@bp.route("/batches/<int:batch_id>", methods=["GET", "POST"])
@conference_view("organizer")
def batch(conference: Conference, batch_id: int):
    """One batch: its presenter and form, its awardees in calling order with who has not checked in, and what to do
    with them during the ceremony."""
    item = _batch(conference, batch_id)
    presenters = presenter_choices(conference.id)
    form = BatchForm(presenters, data={"presenter": str(item.presenter_id or ""), "form": item.form}
                     if request.method == "GET" else None)
    if form.validate_on_submit():
        with refusal_shown():
            services.update_batch(item, form.presenter_id(), form.form.data)
            flash(_("Đã lưu đợt %(n)s.", n=item.position), "success")
            return redirect(url_for("ceremony.batch", conference_id=conference.id, batch_id=item.id))
    row = batch_rows(conference.id, item.id)[0]
    return render_template("ceremony/batch.html", conference=conference, row=row, form=form,
                           move_form=CSRFForm(), status_form=StatusForm(), statuses=rules.ENTRY_STATUSES)


@bp.route("/batches/<int:batch_id>/move", methods=["POST"])
@conference_view("organizer")
def move_batch(conference: Conference, batch_id: int):
    """Move a batch up or down in the ceremony (`direction` = up|down)."""
    item = _batch(conference, batch_id)
    if CSRFForm().validate_on_submit():
        services.move_batch(item, _step())
    return redirect(url_for("ceremony.index", conference_id=conference.id))


@bp.route("/awardees/<int:delegate_id>/move", methods=["POST"])
@conference_view("organizer")
def move_awardee(conference: Conference, delegate_id: int):
    """Move an awardee up or down in their batch's calling order."""
    entry = _entry(conference, delegate_id)
    if CSRFForm().validate_on_submit():
        services.move_entry(entry, _step())
    return redirect(url_for("ceremony.batch", conference_id=conference.id, batch_id=entry.batch_id,
                            _anchor=f"awardee-{delegate_id}"))


@bp.route("/awardees/<int:delegate_id>/status", methods=["POST"])
@conference_view("organizer")
def awardee_status(conference: Conference, delegate_id: int):
    """Call an awardee, skip them, or name who receives in their place."""
    entry = _entry(conference, delegate_id)
    form = StatusForm()
    if form.validate_on_submit():
        with refusal_shown():
            services.set_entry_status(entry, form.status.data, form.representative.data)
            flash(_("Đã cập nhật: %(name)s.", name=entry.delegate.full_name), "success")
    return redirect(url_for("ceremony.batch", conference_id=conference.id, batch_id=entry.batch_id,
                            _anchor=f"awardee-{delegate_id}"))


def _defaults(rows) -> dict[int, str]:
    return {row.item.id: rules.default_script(row.item.title, _) for row in rows}


@bp.route("/script", methods=["GET", "POST"])
@conference_view("organizer")
def script(conference: Conference):
    """The MC's texts per programme item (a blank text follows the default), with links to the script."""
    rows = timetable(conference.id).rows
    defaults = _defaults(rows)
    form = CSRFForm()
    if form.validate_on_submit():
        services.save_script_texts(conference.id, posted_texts(request.form), defaults)
        flash(_("Đã lưu lời dẫn."), "success")
        return redirect(url_for("ceremony.script", conference_id=conference.id))
    saved = script_texts(conference.id)
    return render_template("ceremony/script.html", conference=conference, rows=rows, form=form,
                           texts={item_id: saved.get(item_id, text) for item_id, text in defaults.items()},
                           customised=set(saved), placeholders=rules.PLACEHOLDERS, marks=rules.MARKS)


@bp.route("/script/print")
@conference_view("organizer")
def script_print(conference: Conference):
    """The MC's script as a printable A4 page, made now from the latest check-ins."""
    return render_template("ceremony/script_print.html", conference=conference, script=build_script(conference, _),
                           person_line=person_line, batch_heading=documents.batch_heading,
                           presenter_line=documents.presenter_line, note=documents.awardee_note)


@bp.route("/script.docx")
@conference_view("organizer")
def script_docx(conference: Conference):
    """The MC's script as a .docx the MC can edit, made now from the latest check-ins."""
    content = documents.script_docx(build_script(conference, _))
    return content, 200, {
        "Content-Type": word_doc.MIME_TYPE,
        "Content-Disposition": "attachment; filename=kich-ban-dan-chuong-trinh.docx",
        "Cache-Control": "no-store",
    }

"""The guest list from Excel: the template, the upload with its row-by-row preview, and the import (all or none)."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from conference.conferences.access import conference_view
from conference.conferences.models import Conference
from conference.delegates import guest_import
from conference.web.forms import CSRFForm, UploadForm
from conference.web.refusals import refusal_shown

bp = Blueprint("guests", __name__, url_prefix="/conferences/<int:conference_id>/guests")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/template.xlsx")
@conference_view("organizer")
def template(conference: Conference):
    """The guest template of this conference (dropdowns, instructions, the guest seats left)."""
    return Response(guest_import.template_bytes(conference), mimetype=XLSX, headers={
        "Content-Disposition": f"attachment; filename=mau-khach-moi-hoi-nghi-{conference.id}.xlsx"})


@bp.route("/import", methods=["GET", "POST"])
@conference_view("organizer")
def upload(conference: Conference):
    """Upload a filled guest template; the page then previews every row with its problems."""
    form = UploadForm()
    if form.validate_on_submit():
        upload_file = form.file.data
        with refusal_shown():
            guest_import.prepare_import(conference, current_user.id, upload_file.filename or "", upload_file.read())
        return redirect(url_for("guests.upload", conference_id=conference.id))
    batch = guest_import.pending_import(conference.id, current_user.id)
    rows = guest_import.batch_rows(batch) if batch else []
    return render_template("delegates/guest_import.html", conference=conference, form=form, batch=batch, rows=rows,
                           bad=sum(1 for r in rows if r.problems), confirm_form=CSRFForm(),
                           seats_left=guest_import.guest_seats_left(conference))


@bp.route("/import/confirm", methods=["POST"])
@conference_view("organizer")
def confirm_upload(conference: Conference):
    """Seat every guest of the previewed file, or none."""
    batch = guest_import.pending_import(conference.id, current_user.id)
    if not CSRFForm().validate_on_submit() or batch is None:
        flash(_("Chưa có tệp nào để nhập; hãy tải tệp lên."), "warning")
        return redirect(url_for("guests.upload", conference_id=conference.id))
    with refusal_shown():
        count = guest_import.confirm_import(batch.id, current_user.id)
        flash(_("Đã nhập %(n)s đại biểu khách mời.", n=count), "success")
        return redirect(url_for("delegates.index", conference_id=conference.id, category="guest"))
    return redirect(url_for("guests.upload", conference_id=conference.id))

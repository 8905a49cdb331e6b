"""The organizer's units page: units with their blocks, block deadlines, editing a unit, importing the list."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from conference.conferences.access import conference_view
from conference.conferences.models import Conference
from conference.extensions import db
from conference.organizations import services
from conference.organizations.models import Organization
from conference.organizations.queries import units_of
from conference.units import services as unit_services
from conference.units.forms import UnitForm
from conference.web.forms import CSRFForm, UploadForm
from conference.web.refusals import refusal_shown

bp = Blueprint("units", __name__)


@bp.route("/conferences/<int:conference_id>/units", methods=["GET", "POST"])
@conference_view("organizer")
def index(conference: Conference):
    """Units with block, member count, contact; each block's nomination deadline at this conference (POST; a
    refused one shows the dates as typed)."""
    form = CSRFForm()
    typed = None
    if form.validate_on_submit():
        blocks = services.blocks_of(conference.host_id)
        typed = {block.id: (request.form.get(f"deadline-{block.id}") or "").strip() for block in blocks}
        try:
            deadlines = {block_id: date.fromisoformat(raw) if raw else None for block_id, raw in typed.items()}
        except ValueError:
            flash(_("Ngày không hợp lệ."), "danger")
        else:
            with refusal_shown():
                unit_services.save_deadlines(conference, deadlines)
                flash(_("Đã lưu thời hạn của các khối."), "success")
                return redirect(url_for("units.index", conference_id=conference.id))
    return _units_page(conference, form=form, upload_form=UploadForm(), typed_deadlines=typed)


@bp.route("/conferences/<int:conference_id>/units/import", methods=["POST"])
@conference_view("organizer")
def import_list(conference: Conference):
    """Import the unit list (xlsx or CSV): every row or none; the rows' problems are shown."""
    upload_form = UploadForm()
    result = None
    if upload_form.validate_on_submit():
        with refusal_shown():
            result = services.import_units(conference.host_id, upload_form.file.data.filename or "",
                                           upload_form.file.data.read(), conference.id)
            if not any(r.problems for r in result.rows):
                flash(_("Đã nhập danh sách đơn vị: %(c)s đơn vị mới, %(u)s đơn vị cập nhật.",
                        c=result.created, u=result.updated), "success")
                return redirect(url_for("units.index", conference_id=conference.id))
            flash(_("Tệp có dòng lỗi; chưa nhập đơn vị nào. Sửa các dòng dưới đây rồi tải lên lại."), "danger")
    else:
        for error in upload_form.file.errors:
            flash(error, "danger")
    return _units_page(conference, form=CSRFForm(), upload_form=upload_form, result=result)


def _units_page(conference: Conference, *, form, upload_form, result=None, typed_deadlines=None) -> str:
    """The units page: the units, the blocks with their deadlines (as typed after a refused POST), the forms and
    the problems of an uploaded list."""
    blocks = services.blocks_of(conference.host_id)
    if typed_deadlines is None:
        saved = services.block_deadlines(conference.id)
        typed_deadlines = {block.id: saved[block.id].isoformat() if block.id in saved else "" for block in blocks}
    return render_template("units/index.html", conference=conference, units=units_of(conference), blocks=blocks,
                           deadlines=typed_deadlines, form=form, upload_form=upload_form, result=result)


@bp.route("/conferences/<int:conference_id>/units/<int:unit_id>/edit", methods=["GET", "POST"])
@conference_view("organizer")
def edit(conference: Conference, unit_id: int):
    """Edit one unit of the host; a refused change shows the form as typed."""
    unit = db.get_or_404(Organization, unit_id)
    if unit.parent_id != conference.host_id:
        abort(403)
    form = UnitForm(data={"name": unit.name, "block_name": unit.block.name if unit.block else None,
                          "member_count": unit.member_count, "contact": unit.contact})
    if form.validate_on_submit():
        with refusal_shown():
            services.update_unit(conference.host_id, unit.id, form.data, conference.id)
            flash(_("Đã lưu đơn vị."), "success")
            return redirect(url_for("units.index", conference_id=conference.id))
    return render_template("units/unit_form.html", conference=conference, unit=unit, form=form,
                           blocks=services.blocks_of(conference.host_id))

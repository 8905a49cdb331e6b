"""The organizer's units page: units with their blocks, block deadlines, editing a unit, importing the list."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from conference.conferences.access import get_conference_or_403
from conference.core.errors import RuleViolation
from conference.extensions import db
from conference.organizations import services
from conference.organizations.models import Organization
from conference.organizations.queries import units_of
from conference.units.forms import UnitForm
from conference.web.access import roles_required
from conference.web.forms import CSRFForm as ActionForm
from conference.web.forms import UploadForm

bp = Blueprint("units", __name__)


@bp.route("/conferences/<int:conference_id>/units", methods=["GET", "POST"])
@roles_required("organizer")
def index(conference_id: int):
    """Units with block, member count, contact; each block's nomination deadline at this conference (POST)."""
    conference = g.conference = get_conference_or_403(conference_id)
    blocks = services.blocks_of(conference.host_id)
    form = ActionForm()
    if form.validate_on_submit():
        deadlines: dict[int, date | None] = {}
        try:
            for block in blocks:
                raw = (request.form.get(f"deadline-{block.id}") or "").strip()
                deadlines[block.id] = date.fromisoformat(raw) if raw else None
        except ValueError:
            flash(_("Ngày không hợp lệ."), "danger")
        else:
            try:
                services.save_block_deadlines(conference.id, conference.host_id, deadlines)
            except RuleViolation as error:
                flash(str(error), "danger")
            else:
                flash(_("Đã lưu thời hạn của các khối."), "success")
                return redirect(url_for("units.index", conference_id=conference.id))
    return render_template("units/index.html", conference=conference, units=units_of(conference),
                           blocks=blocks, deadlines=services.block_deadlines(conference.id), form=form,
                           upload_form=UploadForm(), result=None)


@bp.route("/conferences/<int:conference_id>/units/import", methods=["POST"])
@roles_required("organizer")
def import_list(conference_id: int):
    """Import the unit list (xlsx or CSV): every row or none; the rows' problems are shown."""
    conference = g.conference = get_conference_or_403(conference_id)
    upload_form = UploadForm()
    result = None
    if upload_form.validate_on_submit():
        try:
            result = services.import_units(conference.host_id, upload_form.file.data.filename or "",
                                           upload_form.file.data.read(), conference.id)
        except RuleViolation as error:
            flash(str(error), "danger")
        else:
            if any(r.problems for r in result.rows):
                flash(_("Tệp có dòng lỗi; chưa nhập đơn vị nào. Sửa các dòng dưới đây rồi tải lên lại."), "danger")
            else:
                flash(_("Đã nhập danh sách đơn vị: %(c)s đơn vị mới, %(u)s đơn vị cập nhật.",
                        c=result.created, u=result.updated), "success")
                return redirect(url_for("units.index", conference_id=conference.id))
    else:
        for error in upload_form.file.errors:
            flash(error, "danger")
    return render_template("units/index.html", conference=conference, units=units_of(conference),
                           blocks=services.blocks_of(conference.host_id),
                           deadlines=services.block_deadlines(conference.id), form=ActionForm(),
                           upload_form=upload_form, result=result)


@bp.route("/conferences/<int:conference_id>/units/<int:unit_id>/edit", methods=["GET", "POST"])
@roles_required("organizer")
def edit(conference_id: int, unit_id: int):
    """Edit one unit of the host."""
    conference = g.conference = get_conference_or_403(conference_id)
    unit = db.get_or_404(Organization, unit_id)
    if unit.parent_id != conference.host_id:
        abort(403)
    form = UnitForm(data={"name": unit.name, "block_name": unit.block.name if unit.block else None,
                          "member_count": unit.member_count, "contact": unit.contact})
    if form.validate_on_submit():
        try:
            services.update_unit(conference.host_id, unit.id, form.data, conference.id)
        except RuleViolation as error:
            flash(str(error), "danger")
        else:
            flash(_("Đã lưu đơn vị."), "success")
            return redirect(url_for("units.index", conference_id=conference.id))
    return render_template("units/unit_form.html", conference=conference, unit=unit, form=form,
                           blocks=services.blocks_of(conference.host_id))

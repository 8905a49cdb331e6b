"""The dossier to the upper level: settings, the three xlsx downloads, and the import one level up."""

from __future__ import annotations

import base64
import binascii

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from conference.conferences.access import conference_view
from conference.conferences.models import Conference
from conference.core.clock import local_today
from conference.core.xlsx import write_report
from conference.db import begins_deferred
from conference.delegates.queries import delegates_in_order
from conference.dossier import columns as cols
from conference.dossier import queries
from conference.dossier.forms import ConfirmForm, DossierForm, UpperQuotaForm, chosen_columns
from conference.dossier.importing import import_file, preview_import
from conference.dossier.models import ImportedFile
from conference.dossier.plain import KIND_ALL, KIND_UPPER
from conference.dossier.queries import get_dossier
from conference.dossier.reports import delegate_list_report, quota_report
from conference.dossier.rules import parse_lower_codes
from conference.dossier.services import SETTINGS_FIELDS, save_lower_codes, save_settings
from conference.dossier.upper import parse_order, priority_shares, set_upper_delegates, set_upper_quota
from conference.extensions import db
from conference.organizations.models import Organization
from conference.web.forms import CSRFForm, UploadForm
from conference.web.refusals import refusal_shown

bp = Blueprint("dossier", __name__, url_prefix="/conferences/<int:conference_id>")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, filename: str) -> Response:
    return Response(content, mimetype=XLSX, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/exports")
@conference_view("organizer")
def index(conference: Conference):
    """The dossier page: downloads, this conference's code, the layout settings and the columns."""
    dossier = queries.get_dossier(conference.id)
    form = DossierForm(obj=dossier)
    keys = queries.chosen_keys(dossier)
    imports = db.session.execute(
        select(ImportedFile, Organization.name).join(Organization, Organization.id == ImportedFile.unit_id)
        .where(ImportedFile.conference_id == conference.id).order_by(ImportedFile.imported_at)
    ).all()
    return render_template("dossier/index.html", conference=conference, dossier=dossier, form=form,
                           fields=cols.FIELDS, positions={key: i for i, key in enumerate(keys, start=1)},
                           imports=imports)


@bp.route("/exports/settings", methods=["POST"])
@conference_view("organizer")
def settings(conference: Conference):
    """Save the layout fields and the chosen columns of this conference's lists."""
    dossier = queries.get_dossier(conference.id)
    form = DossierForm()
    if not form.validate_on_submit():
        flash(_("Thông tin không hợp lệ; chưa lưu."), "danger")
        return redirect(url_for("dossier.index", conference_id=conference.id))
    with refusal_shown():
        save_settings(dossier, {name: form[name].data for name in SETTINGS_FIELDS}, chosen_columns(request.form))
        flash(_("Đã lưu thông tin văn bản và các cột của danh sách."), "success")
    return redirect(url_for("dossier.index", conference_id=conference.id))


def _delegate_list(conference: Conference, kind: str) -> Response:
    """The delegate summary list (`kind`: every delegate, or those chosen for the upper level) as xlsx."""
    dossier = queries.get_dossier(conference.id)
    records = queries.delegate_records(conference.id, upper_only=kind == KIND_UPPER)
    info = queries.document_info(conference, dossier, local_today())
    report = delegate_list_report(info, records, queries.chosen_keys(dossier), kind)
    name = "danh-sach-dai-bieu-cap-tren" if kind == KIND_UPPER else "danh-sach-trich-ngang-dai-bieu"
    return _xlsx(write_report(report), f"{name}-{dossier.code}.xlsx")


@bp.route("/exports/delegates.xlsx")
@conference_view("organizer")
def delegates_xlsx(conference: Conference):
    """The delegate summary list of every delegate of the conference."""
    return _delegate_list(conference, KIND_ALL)


@bp.route("/exports/upper-delegates.xlsx")
@conference_view("organizer")
def upper_xlsx(conference: Conference):
    """The delegate summary list of the delegates chosen for the upper-level conference."""
    return _delegate_list(conference, KIND_UPPER)


@bp.route("/exports/quotas.xlsx")
@conference_view("organizer")
def quotas_xlsx(conference: Conference):
    """The quota allocation notice (seats allocated to each unit)."""
    dossier = queries.get_dossier(conference.id)
    seats = conference.seats
    report = quota_report(queries.document_info(conference, dossier, local_today()),
                          queries.quota_records(conference), seats.cap, seats.exemplar, seats.guest)
    return _xlsx(write_report(report), f"thong-bao-phan-bo-{dossier.code}.xlsx")


@bp.route("/exports/import", methods=["GET", "POST"])
@begins_deferred  # the preview writes nothing: the desks' scans are not held back while a file is read
@conference_view("organizer")
def import_upload(conference: Conference):
    """Upload a lower level's exported list and see, row by row, what would be imported and what is wrong."""
    dossier = queries.get_dossier(conference.id)
    form = UploadForm()
    preview = confirm = None
    if form.validate_on_submit():
        content = form.file.data.read()
        preview = preview_import(conference, content, dossier.code)
        confirm = ConfirmForm(content=base64.b64encode(content).decode("ascii"),
                              filename=form.file.data.filename or "")
    return render_template("dossier/import.html", conference=conference, dossier=dossier, form=form,
                           preview=preview, confirm=confirm, codes=queries.lower_codes(conference),
                           codes_form=CSRFForm(prefix="codes"))


@bp.route("/exports/import/codes", methods=["POST"])
@conference_view("organizer")
def lower_codes(conference: Conference):
    """Save the conference code each unit gave (posted as `code-<unit id>`): the import knows a sender by it."""
    if CSRFForm(prefix="codes").validate_on_submit():
        typed = {unit.id: request.form.get(f"code-{unit.id}", "") for unit, _code in queries.lower_codes(conference)}
        with refusal_shown():
            save_lower_codes(conference.id, parse_lower_codes(typed))
            flash(_("Đã lưu mã hội nghị của các đơn vị cấp dưới."), "success")
    return redirect(url_for("dossier.import_upload", conference_id=conference.id))


@bp.route("/exports/import/confirm", methods=["POST"])
@conference_view("organizer")
def import_confirm(conference: Conference):
    """Import the previewed file: all its rows or nothing."""
    dossier = queries.get_dossier(conference.id)
    form = ConfirmForm()
    try:
        content = base64.b64decode(form.content.data or "", validate=True) if form.validate_on_submit() else b""
    except (binascii.Error, ValueError):
        content = b""
    if not content:
        flash(_("Không có tệp để nhập. Vui lòng chọn tệp lại."), "danger")
        return redirect(url_for("dossier.import_upload", conference_id=conference.id))
    with refusal_shown():
        record = import_file(conference.id, content, form.filename.data, dossier.code, current_user.id)
        flash(_("Đã nhập %(n)s hồ sơ. Các hồ sơ đang chờ duyệt.", n=record.row_count), "success")
        return redirect(url_for("nominations.index", conference_id=conference.id, unit=record.unit_id))
    return redirect(url_for("dossier.import_upload", conference_id=conference.id))


@bp.route("/upper-delegates", methods=["GET", "POST"])
@conference_view("organizer")
def upper(conference: Conference):
    """Choose, in order, the exemplars who go to the upper-level conference, within the upper quota; a refused
    choice shows the numbers as typed."""
    form = CSRFForm()  # the order is posted as `order-<delegate id>`
    typed = None
    if form.validate_on_submit():
        typed = {d.id: request.form.get(f"order-{d.id}", "") for d in _exemplars(conference)}
        with refusal_shown():
            chosen = parse_order(typed)
            set_upper_delegates(conference.id, chosen)
            flash(_("Đã lưu danh sách %(n)s đại biểu dự Hội nghị cấp trên.", n=len(chosen)), "success")
            return redirect(url_for("dossier.upper", conference_id=conference.id))
    dossier = get_dossier(conference.id)
    exemplars = _exemplars(conference)
    chosen = sorted((d for d in exemplars if d.upper_order), key=lambda d: d.upper_order)
    others = [d for d in exemplars if not d.upper_order]
    orders = typed or {d.id: d.upper_order or "" for d in exemplars}
    return render_template("dossier/upper.html", conference=conference, dossier=dossier, form=form,
                           quota_form=UpperQuotaForm(obj=dossier, prefix="quota"), chosen=chosen, others=others,
                           orders=orders, shares=priority_shares(chosen, exemplars))


def _exemplars(conference: Conference) -> list:
    """The conference's exemplar delegates, in list order."""
    return [d for d in delegates_in_order(conference.id) if d.category == "exemplar"]


@bp.route("/upper-delegates/quota", methods=["POST"])
@conference_view("organizer")
def upper_quota(conference: Conference):
    """Save the upper level's quota and the upper conference's code."""
    form = UpperQuotaForm(prefix="quota")
    if form.validate_on_submit():
        with refusal_shown():
            set_upper_quota(conference.id, form.upper_quota.data, form.upper_code.data)
            flash(_("Đã lưu số lượng cấp trên phân bổ."), "success")
    else:
        flash(_("Số lượng phải là số nguyên từ 0 đến 10000."), "danger")
    return redirect(url_for("dossier.upper", conference_id=conference.id))

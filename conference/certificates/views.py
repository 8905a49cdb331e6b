"""The certificates page (template, printers), the certificates and calibration PDFs, and the draft decision."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from conference.certificates import queries, rules, services
from conference.certificates.decision import Header, decision_docx
from conference.certificates.forms import (
    OffsetForm,
    PrinterForm,
    SettingsForm,
    fill_positions,
    positions_of,
)
from conference.certificates.printing import CertificateText, Layout, calibration_pdf, certificates_pdf
from conference.conferences.access import conference_view
from conference.conferences.letterhead import letterhead_of
from conference.conferences.models import Conference
from conference.core.clock import local_today
from conference.core.docx import MIME_TYPE
from conference.core.errors import N_, RuleViolation
from conference.core.text import whole_number
from conference.web.forms import CSRFForm
from conference.web.refusals import refusal_shown

bp = Blueprint("certificates", __name__, url_prefix="/conferences/<int:conference_id>/certificates")

PDF = "application/pdf"


def _file(content: bytes, mimetype: str, filename: str, *, inline: bool = False) -> Response:
    disposition = "inline" if inline else "attachment"
    return Response(content, mimetype=mimetype, headers={"Content-Disposition": f'{disposition}; filename="{filename}"'})


def _template(conference: Conference) -> rules.Template:
    return queries.template_of(conference, queries.get_settings(conference.id))


def _page(conference: Conference, form: SettingsForm, template: rules.Template):
    collectives, individuals = rules.ordered(queries.honoured(conference.id), template.list_order)
    return render_template("certificates/index.html", conference=conference, form=form, template=template,
                           collectives=len(collectives), individuals=len(individuals),
                           honoured=[*collectives, *individuals],
                           printers=queries.printers(conference.id), printer_form=PrinterForm(prefix="new"),
                           offset_form=OffsetForm(), button=CSRFForm(), fields=rules.FIELDS)


@bp.route("", methods=["GET"])
@conference_view("organizer")
def index(conference: Conference):
    """The certificate template and the decision's texts (defaults filled in), the printers, the downloads."""
    template = _template(conference)
    form = SettingsForm(data={
        "title": template.title, "awarding_body": template.awarding_body, "citation_source":
        template.citation_source, "citation_text": template.citation_text, "paper": template.paper,
        "list_order": template.list_order, "decision_number": template.decision_number,
        "decision_subject": template.decision_subject, "legal_bases": rules.as_text_lines(template.legal_bases),
        "award_collective": template.award_collective, "award_individual": template.award_individual,
        "recipients": rules.as_text_lines(template.recipients)})
    fill_positions(form, template.positions)
    return _page(conference, form, template)


@bp.route("/settings", methods=["POST"])
@conference_view("organizer")
def save(conference: Conference):
    """Save the template and the decision's texts; an invalid form is shown again with its messages."""
    form = SettingsForm()
    if form.validate_on_submit():
        with refusal_shown():
            data = {name: form[name].data for name in (*services.TEXT_FIELDS, *services.CHOICE_FIELDS)}
            data["positions"] = positions_of(form)
            services.save_settings(queries.get_settings(conference.id), data)
            flash(_("Đã lưu mẫu giấy khen và quyết định."), "success")
            return redirect(url_for("certificates.index", conference_id=conference.id))
    return _page(conference, form, _template(conference))


@bp.route("/printers", methods=["POST"])
@conference_view("organizer")
def add_printer(conference: Conference):
    """Add a printer with its offset."""
    form = PrinterForm(prefix="new")
    if form.validate_on_submit():
        with refusal_shown():
            services.add_printer(conference.id, form.name.data, form.offset_x.data, form.offset_y.data)
            flash(_("Đã thêm máy in."), "success")
    else:
        _flash_errors(form)
    return redirect(url_for("certificates.index", conference_id=conference.id))


@bp.route("/printers/offset", methods=["POST"])
@conference_view("organizer")
def set_offset(conference: Conference):
    """Set a printer's offset (the printer's id posted with it)."""
    form = OffsetForm()
    if form.validate_on_submit():
        with refusal_shown():
            services.set_offset(conference.id, form.printer(), form.offset_x.data, form.offset_y.data)
            flash(_("Đã lưu độ lệch của máy in."), "success")
    else:
        _flash_errors(form)
    return redirect(url_for("certificates.index", conference_id=conference.id))


@bp.route("/printers/delete", methods=["POST"])
@conference_view("organizer")
def delete_printer(conference: Conference):
    """Remove a printer (the printer's id posted as `printer_id`)."""
    form = CSRFForm()
    if form.validate_on_submit():
        with refusal_shown():
            services.delete_printer(conference.id, whole_number(request.form.get("printer_id")))
            flash(_("Đã xoá máy in."), "success")
    return redirect(url_for("certificates.index", conference_id=conference.id))


@bp.route("/certificates.pdf")
@conference_view("organizer")
def certificates(conference: Conference):
    """Every honoured exemplar's certificate (PDF, one page each, collectives first), or only that of
    `?delegate=<id>` (a reprint), moved by the offset of the printer chosen (`?printer=<id>`; none: no offset).

    Raises:
        RuleViolation: no exemplar has been approved yet.
    """
    template = _template(conference)
    collectives, individuals = rules.ordered(queries.honoured(conference.id), template.list_order)
    people = [*collectives, *individuals]
    only = whole_number(request.args.get("delegate"))
    if only is not None:
        people = [person for person in people if person.delegate_id == only]
    if not people:
        raise RuleViolation(N_("Chưa có điển hình tiên tiến nào được duyệt: chưa có giấy khen để in."))
    letterhead = letterhead_of(conference)
    chosen = queries.printer(conference.id, whole_number(request.args.get("printer")))
    layout = Layout(title=template.title, awarding_body=template.awarding_body,
                    place_date=letterhead.place_date(conference.held_on), signature_for=letterhead.signature_for,
                    signer_title=letterhead.signer_title, signer_name=letterhead.signer_name, paper=template.paper,
                    positions=template.positions, offset_x_mm=chosen.offset_x_mm if chosen else 0.0,
                    offset_y_mm=chosen.offset_y_mm if chosen else 0.0)
    texts = [CertificateText(name=rules.name_line(p), unit=rules.unit_line(p),
                             citation=rules.citation(p, template.citation_source, template.citation_text))
             for p in people]
    return _file(certificates_pdf(layout, texts), PDF, "giay-khen.pdf", inline=True)


@bp.route("/calibration.pdf")
@conference_view("organizer")
def calibration(conference: Conference):
    """The calibration page of the printer chosen (`?printer=<id>`), printed with its current offset."""
    chosen = queries.printer(conference.id, whole_number(request.args.get("printer")))
    content = calibration_pdf(printer_name=chosen.name if chosen else _("(chưa chọn máy in)"),
                              offset_x_mm=chosen.offset_x_mm if chosen else 0.0,
                              offset_y_mm=chosen.offset_y_mm if chosen else 0.0)
    return _file(content, PDF, "trang-can-chinh-may-in.pdf", inline=True)


@bp.route("/decision.docx")
@conference_view("organizer")
def decision(conference: Conference):
    """The draft commendation decision with its accompanying list (.docx, official layout)."""
    template = _template(conference)
    collectives, individuals = rules.ordered(queries.honoured(conference.id), template.list_order)
    letterhead = letterhead_of(conference)
    header = Header(upper_body=letterhead.upper_body, issuer=letterhead.issuer,
                    place_date=letterhead.place_date(local_today()), signature_for=letterhead.signature_for,
                    signer_title=letterhead.signer_title, signer_name=letterhead.signer_name,
                    conference_name=conference.name)
    return _file(decision_docx(header, template, collectives, individuals), MIME_TYPE, "du-thao-quyet-dinh-khen-thuong.docx")


def _flash_errors(form) -> None:
    for field in form:
        for error in field.errors:
            flash(f"{field.label.text}: {error}", "danger")

"""Saving the certificate settings and the printers' offsets (rows changed and flushed; the request commits)."""

from __future__ import annotations

from sqlalchemy import select

from conference.audit.services import record
from conference.certificates import rules
from conference.certificates.models import CertificatePrinter, CertificateSettings
from conference.conferences.models import Conference
from conference.core.errors import N_, RuleViolation
from conference.db import lock
from conference.extensions import db

#: The settings a form saves as text (trimmed; empty → None, the default of `rules.effective`).
TEXT_FIELDS = ("title", "awarding_body", "citation_text", "decision_number", "decision_subject", "legal_bases",
               "award_collective", "award_individual", "recipients")
CHOICE_FIELDS = {"citation_source": rules.CITATION_SOURCES, "paper": rules.PAPERS, "list_order": rules.LIST_ORDERS}


def stored_settings(settings: CertificateSettings) -> CertificateSettings:
    """The settings' row, for a change: `settings` once stored; else, under the conference's lock, the row
    another request stored meanwhile, or `settings` added now."""
    if settings.id is not None:
        return settings
    lock(db.session, select(Conference.id).where(Conference.id == settings.conference_id))
    stored = db.session.execute(select(CertificateSettings).where(
        CertificateSettings.conference_id == settings.conference_id)).scalar_one_or_none()
    if stored is not None:
        return stored
    settings.citation_source = settings.citation_source or "common"
    settings.paper = settings.paper or "blank"
    settings.list_order = settings.list_order or "unit"
    db.session.add(settings)
    db.session.flush()
    return settings


def save_settings(settings: CertificateSettings, data: dict) -> CertificateSettings:
    """Store the template and decision texts: `data` holds `TEXT_FIELDS` (str or None), `CHOICE_FIELDS` and
    `positions` ({field: [x_mm, y_mm]}, kept through `rules.merged_positions`). Logged with the changed fields.

    Raises:
        RuleViolation: a choice outside its list.
    """
    for name, choices in CHOICE_FIELDS.items():
        if data.get(name) not in choices:
            raise RuleViolation(N_("Lựa chọn không hợp lệ."))
    settings = stored_settings(settings)
    names = (*TEXT_FIELDS, *CHOICE_FIELDS, "positions")
    before = {name: getattr(settings, name) for name in names}
    for name in TEXT_FIELDS:
        value = (data.get(name) or "").strip()
        setattr(settings, name, value or None)
    for name in CHOICE_FIELDS:
        setattr(settings, name, data[name])
    settings.positions = rules.merged_positions(data.get("positions"))
    after = {name: getattr(settings, name) for name in names}
    changed = [name for name in names if before[name] != after[name]]
    if changed:
        record("certificate_settings", settings.id, "settings", conference_id=settings.conference_id,
               before={k: before[k] for k in changed}, after={k: after[k] for k in changed})
    db.session.flush()
    return settings


def add_printer(conference_id: int, name: str, offset_x_mm: float | None, offset_y_mm: float | None
                ) -> CertificatePrinter:
    """Add a printer with its offset (mm, `rules.check_offset`).

    Raises:
        RuleViolation: no name, a name the conference already has, or an offset out of range.
    """
    name = " ".join((name or "").split())
    if not name:
        raise RuleViolation(N_("Hãy đặt tên cho máy in."))
    x, y = rules.check_offset(offset_x_mm), rules.check_offset(offset_y_mm)
    lock(db.session, select(Conference.id).where(Conference.id == conference_id))
    taken = db.session.execute(select(CertificatePrinter.id).where(
        CertificatePrinter.conference_id == conference_id, CertificatePrinter.name == name)).first()
    if taken is not None:
        raise RuleViolation(N_("Đã có máy in tên “%(name)s”."), name=name)
    printer = CertificatePrinter(conference_id=conference_id, name=name, offset_x_mm=x, offset_y_mm=y)
    db.session.add(printer)
    db.session.flush()
    record("certificate_printer", printer.id, "create", conference_id=conference_id,
           after={"name": name, "offset_x_mm": x, "offset_y_mm": y})
    return printer


def _printer(conference_id: int, printer_id: int | None) -> CertificatePrinter:
    printer = db.session.execute(select(CertificatePrinter).where(
        CertificatePrinter.conference_id == conference_id, CertificatePrinter.id == printer_id)
    ).scalar_one_or_none() if printer_id is not None else None
    if printer is None:
        raise RuleViolation(N_("Không tìm thấy máy in này."))
    return printer


def set_offset(conference_id: int, printer_id: int | None, offset_x_mm: float | None,
               offset_y_mm: float | None) -> CertificatePrinter:
    """Set a printer's offset (mm). Raises `RuleViolation`: no such printer here, or an offset out of range."""
    printer = _printer(conference_id, printer_id)
    x, y = rules.check_offset(offset_x_mm), rules.check_offset(offset_y_mm)
    before = {"offset_x_mm": printer.offset_x_mm, "offset_y_mm": printer.offset_y_mm}
    printer.offset_x_mm, printer.offset_y_mm = x, y
    record("certificate_printer", printer.id, "update", conference_id=conference_id, before=before,
           after={"offset_x_mm": x, "offset_y_mm": y})
    db.session.flush()
    return printer


def delete_printer(conference_id: int, printer_id: int | None) -> None:
    """Remove a printer. Raises `RuleViolation` when the conference has no such printer."""
    printer = _printer(conference_id, printer_id)
    record("certificate_printer", printer.id, "delete", conference_id=conference_id,
           before={"name": printer.name, "offset_x_mm": printer.offset_x_mm, "offset_y_mm": printer.offset_y_mm})
    db.session.delete(printer)
    db.session.flush()

"""Reading what the certificates and the decision print: the honoured exemplars, the settings, the printers."""

from __future__ import annotations

from sqlalchemy import select

from conference.certificates import rules
from conference.certificates.models import CertificatePrinter, CertificateSettings
from conference.conferences.letterhead import letterhead_of
from conference.conferences.models import Conference
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.models import Nomination
from conference.organizations.models import Organization

#: The stored settings columns `rules.effective` reads.
SETTINGS_COLUMNS = ("title", "awarding_body", "citation_source", "citation_text", "paper", "positions", "list_order",
                    "decision_number", "decision_subject", "legal_bases", "award_collective", "award_individual",
                    "recipients")


def honoured(conference_id: int) -> list[rules.Honoured]:
    """The conference's exemplar delegates (each from an approved nomination) as `rules.Honoured`, unordered
    (one query: the delegate, its unit's name and its nomination's review time)."""
    rows = db.session.execute(
        select(Delegate.id, Delegate.kind, Delegate.full_name, Delegate.gender, Delegate.position,
               Organization.name, Delegate.achievements, Nomination.reviewed_at, Delegate.achievements_summary)
        .outerjoin(Organization, Organization.id == Delegate.unit_id)
        .outerjoin(Nomination, Nomination.id == Delegate.nomination_id)
        .where(Delegate.conference_id == conference_id, Delegate.category == "exemplar")
    ).all()
    return [rules.Honoured(delegate_id=r[0], kind=r[1], full_name=r[2], gender=r[3], position=r[4],
                           unit_name=r[5], achievements=r[6], approved_at=r[7], achievements_summary=r[8])
            for r in rows]


def get_settings(conference_id: int) -> CertificateSettings:
    """The certificate settings of a conference: its stored row, else a new one kept out of the session (a GET
    never writes; `services.save_settings` stores it). One query."""
    stored = db.session.execute(
        select(CertificateSettings).where(CertificateSettings.conference_id == conference_id)).scalar_one_or_none()
    return stored if stored is not None else CertificateSettings(conference_id=conference_id)


def template_of(conference: Conference, settings: CertificateSettings) -> rules.Template:
    """The effective `rules.Template` of a conference's settings: its letterhead fills the defaults."""
    letterhead = letterhead_of(conference)
    return rules.effective({name: getattr(settings, name) for name in SETTINGS_COLUMNS},
                           signature_for=letterhead.signature_for, issuer=letterhead.issuer,
                           plan_reference=conference.plan_reference, conference_name=conference.name)


def printers(conference_id: int) -> list[CertificatePrinter]:
    """The conference's printers, by name (one query)."""
    return list(db.session.execute(
        select(CertificatePrinter).where(CertificatePrinter.conference_id == conference_id)
        .order_by(CertificatePrinter.name)).scalars())


def printer(conference_id: int, printer_id: int | None) -> CertificatePrinter | None:
    """The conference's printer `printer_id`, or None (no id, or not this conference's)."""
    if printer_id is None:
        return None
    return db.session.execute(
        select(CertificatePrinter).where(CertificatePrinter.conference_id == conference_id,
                                         CertificatePrinter.id == printer_id)).scalar_one_or_none()

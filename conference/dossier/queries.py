"""Reading what the exports print: delegate and quota records, the dossier settings (one query each)."""

from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import select

from conference.conferences.letterhead import letterhead_of
from conference.conferences.models import Conference, Quota
from conference.core.collation import vietnamese_key
from conference.delegates.models import Delegate
from conference.delegates.rules import affiliation
from conference.dossier import columns as cols
from conference.dossier.models import Dossier, LowerConference
from conference.dossier.reports import DelegateRecord, DocumentInfo, QuotaRecord
from conference.dossier.rules import conference_code
from conference.extensions import db
from conference.nominations.models import Nomination
from conference.organizations.models import Organization


def get_dossier(conference_id: int) -> Dossier:
    """The dossier settings of a conference: its stored row, else the defaults (one query).

    A GET never writes: the defaults are a new `Dossier` kept out of the session, with the conference's code
    (`rules.conference_code`, the same on every read); the first save stores it (`services.stored_dossier`).
    """
    query = select(Dossier).where(Dossier.conference_id == conference_id)
    dossier = db.session.execute(query).scalar_one_or_none()
    if dossier is not None:
        return dossier
    code = conference_code(current_app.config["SECRET_KEY"], conference_id)
    # The conference is already loaded by the page (the session's identity map): no query.
    return Dossier(conference_id=conference_id, code=code, conference=db.session.get(Conference, conference_id))


def delegate_records(conference_id: int, *, upper_only: bool = False) -> list[DelegateRecord]:
    """Every delegate of a conference (or only those chosen for the upper level) as `DelegateRecord`s.

    One query: the delegate's columns (the summary of achievements among them), its unit's name and its
    nomination's phone, birth date, education and emulation movements.
    """
    query = (
        select(Delegate.full_name, Delegate.kind, Delegate.gender, Delegate.birth_year, Delegate.ethnicity,
               Delegate.position, Delegate.workplace, Organization.name, Delegate.category, Delegate.direct_worker,
               Delegate.party_member, Delegate.titles, Delegate.achievements, Nomination.phone, Delegate.notes,
               Delegate.presidium_order, Delegate.upper_order, Nomination.birth_date, Nomination.education,
               Nomination.movements, Delegate.achievements_summary)
        .select_from(Delegate)
        .outerjoin(Organization, Organization.id == Delegate.unit_id)
        .outerjoin(Nomination, Nomination.id == Delegate.nomination_id)
        .where(Delegate.conference_id == conference_id)
    )
    if upper_only:
        query = query.where(Delegate.upper_order.is_not(None))
    records = []
    for (name, kind, gender, year, ethnicity, position, workplace, unit_name, category, direct, party, titles,
         achievements, phone, notes, presidium, upper, birth_date, education, movements,
         summary) in db.session.execute(query):
        records.append(DelegateRecord(
            full_name=name, kind=kind, gender=gender, birth_year=year, ethnicity=ethnicity, position=position,
            # A guest has no unit: the list shows their organisation there, as the delegates page (`affiliation`).
            unit_name=affiliation(unit_name, position, workplace), category=category,
            direct_worker=bool(direct), party_member=bool(party), titles=titles, achievements=achievements,
            phone=phone, notes=notes, presidium_order=presidium, upper_order=upper, birth_date=birth_date,
            education=education, movements=movements, achievements_summary=summary,
        ))
    return records


def quota_records(conference: Conference) -> list[QuotaRecord]:
    """Every unit of the conference's host with its block, member count and seats (0 without a quota row)."""
    rows = db.session.execute(
        select(Organization, Quota.seats)
        .outerjoin(Quota, (Quota.unit_id == Organization.id) & (Quota.conference_id == conference.id))
        .where(Organization.parent_id == conference.host_id)
    )
    return [QuotaRecord(unit_name=unit.name, block=str(unit.block) if unit.block is not None else None,
                        member_count=unit.member_count or 0, seats=seats or 0)
            for unit, seats in rows]


def document_info(conference: Conference, dossier: Dossier, signed_on: date) -> DocumentInfo:
    """The official layout's fields for a conference: issuer, upper body, place, signer and the words for the level
    above from its letterhead (`conference.conferences.letterhead.letterhead_of`); number, recipients and a place
    typed in the dossier settings from the dossier."""
    recipients = [line.strip() for line in (dossier.recipients or "").splitlines() if line.strip()]
    return DocumentInfo(
        letterhead=letterhead_of(conference), conference_name=conference.name, held_on=conference.held_on,
        signed_on=signed_on, venue=conference.venue, place=dossier.place or None, number=dossier.document_number,
        recipients=recipients, code=dossier.code, upper_code=dossier.upper_code,
    )


def chosen_keys(dossier: Dossier) -> list[str]:
    """The organizer's saved columns (the default set when none are saved)."""
    return cols.parse_keys(dossier.columns)


def lower_codes(conference: Conference) -> list[tuple[Organization, str]]:
    """The conference's units in Vietnamese order of their names, each with the conference code it gave ("" when
    none): the import one level up knows a sender by it (`importing.sender_of`). One query."""
    rows = db.session.execute(
        select(Organization, LowerConference.code)
        .outerjoin(LowerConference, (LowerConference.unit_id == Organization.id)
                   & (LowerConference.conference_id == conference.id))
        .where(Organization.parent_id == conference.host_id)
    ).all()
    return sorted(((unit, code or "") for unit, code in rows), key=lambda pair: vietnamese_key(pair[0].name))

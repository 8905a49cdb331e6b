"""Saving the dossier settings (the official layout's fields and the chosen columns)."""

from __future__ import annotations

from sqlalchemy import select

from conference.audit.services import record
from conference.conferences.models import Conference
from conference.db import lock
from conference.dossier import columns as cols
from conference.dossier.models import Dossier, LowerConference
from conference.extensions import db
from conference.organizations.models import Organization

SETTINGS_FIELDS = ("document_number", "place", "signer_title", "signer_name", "recipients")


def stored_dossier(dossier: Dossier) -> Dossier:
    """The dossier's row, for a change: `dossier` itself once stored; else, under the conference's lock, the
    row another request stored meanwhile or `dossier` (the defaults `queries.get_dossier` read) added now.
    Pages read the defaults without writing; the first save stores them, with the code they showed."""
    if dossier.id is not None:
        return dossier
    lock(db.session, select(Conference.id).where(Conference.id == dossier.conference_id))
    stored = db.session.execute(
        select(Dossier).where(Dossier.conference_id == dossier.conference_id)).scalar_one_or_none()
    if stored is not None:
        return stored
    db.session.add(dossier)
    db.session.flush()
    return dossier


def save_settings(dossier: Dossier, data: dict, keys: list[str]) -> None:
    """Store the layout fields (trimmed, empty → None) and the columns of a conference's lists; the first save
    stores the dossier's row (`stored_dossier`).

    Raises:
        RuleViolation: the columns break `columns.validate_keys`; nothing is saved.
    """
    keys = cols.validate_keys(keys)
    dossier = stored_dossier(dossier)
    names = (*SETTINGS_FIELDS, "columns")
    before = {name: getattr(dossier, name) for name in names}
    for name in SETTINGS_FIELDS:
        value = (data.get(name) or "").strip()
        setattr(dossier, name, value or None)
    dossier.columns = ",".join(keys)
    after = {name: getattr(dossier, name) for name in names}
    changed = [name for name in names if before[name] != after[name]]
    if changed:
        record("dossier", dossier.id, "settings", conference_id=dossier.conference_id,
               before={k: before[k] for k in changed}, after={k: after[k] for k in changed})
    db.session.flush()


def save_lower_codes(conference_id: int, codes: dict[int, str]) -> None:
    """Store the conference codes the units gave (`rules.parse_lower_codes`' result: {unit id: code}); a unit
    left out has none. Written to the audit log ("unit name: code" lines) when something changed.

    The codes come checked (`rules.parse_lower_codes`: their form, no code twice); the database keeps each code
    and each unit once per conference.
    """
    lock(db.session, select(Conference.id).where(Conference.id == conference_id))
    stored = {row.unit_id: row for row in db.session.execute(
        select(LowerConference).where(LowerConference.conference_id == conference_id)).scalars()}
    before = {unit_id: row.code for unit_id, row in stored.items()}
    for unit_id, row in stored.items():
        if codes.get(unit_id) != row.code:
            db.session.delete(row)
    db.session.flush()
    for unit_id, code in codes.items():
        if before.get(unit_id) != code:
            db.session.add(LowerConference(conference_id=conference_id, unit_id=unit_id, code=code))
    if before != codes:
        names = dict(db.session.execute(
            select(Organization.id, Organization.name).where(Organization.id.in_([*before, *codes]))).all())
        record("dossier", None, "lower_codes", conference_id=conference_id,
               before={"lower_codes": [f"{names.get(k, k)}: {v}" for k, v in sorted(before.items())]},
               after={"lower_codes": [f"{names.get(k, k)}: {v}" for k, v in sorted(codes.items())]})
    db.session.flush()

"""Saving the dossier settings (the official layout's fields and the chosen columns)."""

from __future__ import annotations

from sqlalchemy import select

from conference.audit.services import record
from conference.conferences.models import Conference
from conference.db import lock
from conference.dossier import columns as cols
from conference.dossier.models import Dossier
from conference.extensions import db

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

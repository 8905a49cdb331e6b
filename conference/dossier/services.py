"""Saving the dossier settings (the official layout's fields and the chosen columns)."""

from __future__ import annotations

from conference.audit.services import record
from conference.dossier import columns as cols
from conference.dossier.models import Dossier
from conference.extensions import db

SETTINGS_FIELDS = ("document_number", "place", "signer_title", "signer_name", "recipients")


def save_settings(dossier: Dossier, data: dict, keys: list[str]) -> None:
    """Store the layout fields (trimmed, empty → None) and the columns of a conference's lists. Commits.

    Raises:
        ValueError: the columns break `columns.validate_keys` (Vietnamese message); nothing is saved.
    """
    keys = cols.validate_keys(keys)
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
    db.session.commit()

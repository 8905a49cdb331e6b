"""Importing a filled template: preview (every row with its problems) then all rows or none, in one
locked transaction that checks the rules again (quotas, duplicates, deadline) before writing."""

from __future__ import annotations

from datetime import date

from sqlalchemy import delete, select

from conference.audit.services import record
from conference.conferences.models import Conference, Quota
from conference.core.errors import N_, RuleViolation
from conference.core.sheetrows import ensure_all_rows_ok
from conference.core.spreadsheet import read_table
from conference.core.text import clean_text
from conference.db import lock
from conference.extensions import db
from conference.nominations.importing import (
    DATA_SHEET,
    SHEETS,
    ImportContext,
    RowResult,
    check_against_database,
    parse_rows,
)
from conference.nominations.models import Nomination, NominationImport
from conference.nominations.references import reference_lists
from conference.nominations.rules import ensure_before_deadline, person_key
from conference.nominations.services import Actor, unit_deadline
from conference.organizations.models import Organization


def import_context(conference: Conference, own_unit: Organization | None) -> ImportContext:
    """Units of the conference by name, the uploader's own unit (None: organizer), the reference lists."""
    units = db.session.execute(
        select(Organization.id, Organization.name).where(Organization.parent_id == conference.host_id)
    ).all()
    lists = reference_lists(conference.host_id)
    return ImportContext(
        units={(clean_text(name) or "").casefold(): uid for uid, name in units},
        own_unit_id=own_unit.id if own_unit else None, own_unit_name=own_unit.name if own_unit else None,
        movements=tuple(lists["movement"]), titles=tuple(lists["title"]),
    )


def _database_facts(conference_id: int, unit_ids: set[int]):
    """({unit: person keys}, {unit: seats held}, {unit: quota}) for the units of an import (3 queries)."""
    existing: dict[int, set] = {uid: set() for uid in unit_ids}
    for uid, name, year in db.session.execute(
        select(Nomination.unit_id, Nomination.full_name, Nomination.birth_year).where(
            Nomination.conference_id == conference_id, Nomination.unit_id.in_(unit_ids),
            Nomination.status != "withdrawn")
    ):
        existing[uid].add(person_key(name, year))
    used = Nomination.seats_used_by_unit(conference_id, unit_ids)
    quotas = dict(db.session.execute(
        select(Quota.unit_id, Quota.seats).where(Quota.conference_id == conference_id, Quota.unit_id.in_(unit_ids))
    ).all())
    return existing, used, quotas


def check_rows(conference: Conference, results: list[RowResult]) -> list[RowResult]:
    """Add the database problems (duplicates, quota) to parsed rows."""
    unit_ids = {r.unit_id for r in results if r.unit_id is not None}
    existing, used, quotas = _database_facts(conference.id, unit_ids)
    check_against_database(results, existing, used, quotas)
    return results


def prepare_import(conference: Conference, own_unit: Organization | None, user_id: int | None, filename: str,
                   data: bytes) -> NominationImport:
    """Read and check an uploaded template; keep the checked rows for the preview.

    Raises:
        ImportFileError (a RuleViolation): the file as a whole is unreadable or not our template.
    """
    table = read_table(filename, data, sheet_names=SHEETS, data_sheet=DATA_SHEET)
    results = check_rows(conference, parse_rows(table, import_context(conference, own_unit)))
    db.session.execute(delete(NominationImport).where(NominationImport.conference_id == conference.id,
                                                      NominationImport.user_id == user_id))
    batch = NominationImport(conference_id=conference.id, user_id=user_id, filename=filename[:255],
                             rows=[r.as_json() for r in results])
    db.session.add(batch)
    db.session.flush()
    return batch


def batch_rows(batch: NominationImport) -> list[RowResult]:
    return [RowResult.from_json(value) for value in batch.rows]


def confirm_import(batch_id: int, actor: Actor, today: date) -> int:
    """Import every row of a previewed upload, or none: in one transaction holding the units' quota locks,
    after checking the deadline, duplicates and quotas again (they may have changed since the preview).

    Returns:
        the number of nominations created (all submitted).

    Raises:
        RuleViolation: a row has a problem (now or at preview), or a unit's deadline has passed (unit
            users). Nothing is imported.
    """
    batch = db.session.get(NominationImport, batch_id)
    if batch is None:
        raise RuleViolation(N_("Không tìm thấy tệp đã tải lên; hãy tải lên lại."))
    conference_id = batch.conference_id
    rows = batch_rows(batch)
    unit_ids = sorted({r.unit_id for r in rows if r.unit_id is not None})
    guard = select(Quota.id).where(Quota.conference_id == conference_id, Quota.unit_id.in_(unit_ids)).order_by(Quota.id)
    lock(db.session, guard)
    conference = db.session.get(Conference, conference_id)
    if not any(r.problems or r.unit_id is None for r in rows):
        # the file was fine at preview: check quotas and duplicates again, now under the lock
        rows = check_rows(conference, [RowResult(r.line, r.data, r.unit_id, r.unit_name, []) for r in rows])
    ensure_all_rows_ok(rows)  # (a row without a unit always has a problem: `importing.parse_row`)
    if not actor.is_organizer:
        for unit_id in unit_ids:
            ensure_before_deadline(unit_deadline(conference, unit_id), today)
    nominations = []
    for row in rows:
        nomination = Nomination(conference_id=conference_id, unit_id=row.unit_id, status="submitted",
                                submitted_by_id=actor.user_id, **row.data)
        nominations.append(nomination)
    db.session.add_all(nominations)
    db.session.flush()
    for nomination, row in zip(nominations, rows, strict=True):
        record("nomination", nomination.id, "import", conference_id=conference_id, unit_id=row.unit_id,
               after={"status": "submitted", "full_name": nomination.full_name, "line": row.line,
                      "file": batch.filename}, user_id=actor.user_id)
    db.session.execute(delete(NominationImport).where(NominationImport.id == batch_id))
    db.session.flush()
    return len(rows)

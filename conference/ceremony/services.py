"""Changing the ceremony: settings, generating the honouring batches, reordering them and their awardees, choosing
presenters, marking who is skipped or represented, and the MC's texts. Services flush; the request commits."""

from __future__ import annotations

from sqlalchemy import delete, select

from conference.agenda.models import AgendaItem
from conference.audit.services import record
from conference.ceremony import rules
from conference.ceremony.models import CeremonySettings, HonouringBatch, HonouringEntry, ScriptText
from conference.conferences.models import Conference
from conference.core.errors import N_, RuleViolation
from conference.core.text import check_plain_text, clean_text
from conference.db import lock
from conference.delegates.models import Delegate
from conference.extensions import db


def settings_of(conference_id: int) -> CeremonySettings:
    """The ceremony settings of a conference: the stored row, else an unsaved one with the defaults."""
    settings = db.session.get(CeremonySettings, conference_id)
    return settings if settings is not None else CeremonySettings(conference_id=conference_id,
                                                                  batch_size=rules.DEFAULT_BATCH_SIZE)


def forms_of(conference: Conference, settings: CeremonySettings) -> dict[str, str]:
    """{kind: the form of commendation handed to it}: the settings' forms, else `rules.default_form`."""
    default = rules.default_form(conference.host.name)
    return {"collective": settings.collective_form or default, "individual": settings.individual_form or default}


def save_settings(conference_id: int, batch_size: int, collective_form: str | None,
                  individual_form: str | None) -> CeremonySettings:
    """Store the batch size and the forms of commendation (blank: the default).

    Raises:
        RuleViolation: `batch_size` outside 1..`rules.BATCH_SIZE_MAX`.
    """
    rules.ensure_batch_size(batch_size)
    settings = db.session.get(CeremonySettings, conference_id)
    if settings is None:
        settings = CeremonySettings(conference_id=conference_id)
        db.session.add(settings)
    settings.batch_size = batch_size
    settings.collective_form = clean_text(collective_form) or None
    settings.individual_form = clean_text(individual_form) or None
    db.session.flush()
    return settings


def _batches(conference_id: int) -> list[HonouringBatch]:
    return list(db.session.execute(
        select(HonouringBatch).where(HonouringBatch.conference_id == conference_id).order_by(HonouringBatch.position)
    ).scalars())


def _entries(batch: HonouringBatch) -> list[HonouringEntry]:
    return list(db.session.execute(
        select(HonouringEntry).where(HonouringEntry.batch_id == batch.id).order_by(HonouringEntry.position)
    ).scalars())


def generate_batches(conference_id: int, *, overwrite: bool = False) -> list[HonouringBatch]:
    """Replace the batches of a conference with new ones made from its exemplar delegates (`rules.plan_batches`:
    by kind, form of commendation, unit, name; `settings_of(...).batch_size` each at most).

    Raises:
        RuleViolation: the batches were changed by hand and `overwrite` is false (`rules.ensure_may_regenerate`).
    """
    lock(db.session, select(Conference.id).where(Conference.id == conference_id))
    conference = db.session.get(Conference, conference_id)
    existing = _batches(conference_id)
    rules.ensure_may_regenerate(any(b.edited for b in existing), overwrite)
    settings = settings_of(conference_id)
    forms = forms_of(conference, settings)
    exemplars = db.session.execute(
        select(Delegate).where(Delegate.conference_id == conference_id, Delegate.category == "exemplar")
    ).scalars().all()
    planned = rules.plan_batches(
        (rules.Awardee(d.id, d.kind, forms.get(d.kind, forms["individual"]), d.unit.name if d.unit else None,
                       d.full_name) for d in exemplars),
        settings.batch_size)
    if existing:
        db.session.execute(delete(HonouringBatch).where(HonouringBatch.conference_id == conference_id))
        db.session.flush()
    batches = []
    for position, plan in enumerate(planned, start=1):
        batch = HonouringBatch(conference_id=conference_id, position=position, kind=plan.kind, form=plan.form)
        db.session.add(batch)
        db.session.flush()
        db.session.add_all(HonouringEntry(batch_id=batch.id, delegate_id=delegate_id, position=index)
                           for index, delegate_id in enumerate(plan.delegate_ids, start=1))
        batches.append(batch)
    db.session.flush()
    record("honouring_batch", None, "generate", conference_id=conference_id,
           after={"batches": len(batches), "awardees": sum(len(p.delegate_ids) for p in planned)})
    return batches


def move_batch(batch: HonouringBatch, step: int) -> None:
    """Move a batch one place up (`step` -1) or down (+1) in the ceremony; nothing at either end."""
    batches = _batches(batch.conference_id)
    reordered = rules.moved(batches, batches.index(batch), step)
    for position, item in enumerate(reordered, start=1):
        item.position = position
    if reordered != batches:
        batch.edited = True
        record("honouring_batch", batch.id, "move", conference_id=batch.conference_id, after={"position": batch.position})
    db.session.flush()


def update_batch(batch: HonouringBatch, presenter_id: int | None, form: str) -> None:
    """Set a batch's presenter (người trao thưởng; None: none yet) and form of commendation.

    Raises:
        RuleViolation: the presenter is neither a presidium member nor a guest of the batch's conference, or the
            form is empty.
    """
    if presenter_id is not None:
        presenter = db.session.get(Delegate, presenter_id)
        if presenter is None or presenter.conference_id != batch.conference_id or not (
                presenter.presidium_order is not None or presenter.category == "guest"):
            raise RuleViolation(N_("Người trao thưởng phải là thành viên Đoàn Chủ tịch hoặc đại biểu khách mời."))
    form = clean_text(form)
    if not form:
        raise RuleViolation(N_("Nhập hình thức khen thưởng của đợt."))
    before = {"presenter": batch.presenter_id, "form": batch.form}
    batch.presenter_id, batch.form, batch.edited = presenter_id, form, True
    record("honouring_batch", batch.id, "update", conference_id=batch.conference_id, before=before,
           after={"presenter": presenter_id, "form": form})
    db.session.flush()


def move_entry(entry: HonouringEntry, step: int) -> None:
    """Move an awardee one place up (-1) or down (+1) in their batch's calling order; nothing at either end."""
    batch = db.session.get(HonouringBatch, entry.batch_id)
    entries = _entries(batch)
    reordered = rules.moved(entries, entries.index(entry), step)
    for position, item in enumerate(reordered, start=1):
        item.position = position
    if reordered != entries:
        batch.edited = True
    db.session.flush()


def set_entry_status(entry: HonouringEntry, status: str, representative: str | None = None) -> None:
    """Decide, during the ceremony, what happens to an awardee: 'called' (by name), 'skipped' (left out) or
    'represented' by `representative` (the name typed). Logged.

    Raises:
        RuleViolation: an unknown status, or 'represented' without a name (`rules.ensure_representative`).
    """
    rules.ensure_representative(status, representative)
    batch = db.session.get(HonouringBatch, entry.batch_id)
    before = {"entry_status": entry.status, "representative": entry.representative}
    entry.status = status
    entry.representative = clean_text(representative) if status == "represented" else None
    batch.edited = True
    record("honouring_entry", entry.id, "update", conference_id=batch.conference_id, before=before,
           after={"delegate_id": entry.delegate_id, "entry_status": status,
                  "representative": entry.representative})
    db.session.flush()


#: Longest MC text for one programme item (characters): a few minutes of reading.
SCRIPT_TEXT_MAX = 4000


def save_script_texts(conference_id: int, texts: dict[int, str], defaults: dict[int, str]) -> None:
    """Store the MC's words per agenda item (`texts` {item id: text}); a text equal to the item's default
    (`defaults`, `rules.same_text`) or blank is not kept, so the item follows the default. Items of other
    conferences are ignored.

    Raises:
        RuleViolation: a text longer than SCRIPT_TEXT_MAX characters or holding a control character
            (`conference.core.text.check_plain_text`); nothing is stored.
    """
    items = set(db.session.execute(
        select(AgendaItem.id).where(AgendaItem.conference_id == conference_id)).scalars())
    stored = {row.agenda_item_id: row for row in db.session.execute(
        select(ScriptText).where(ScriptText.conference_id == conference_id)).scalars()}
    for item_id, text in texts.items():
        if item_id not in items:
            continue
        text = check_plain_text((text or "").replace("\r\n", "\n").strip(), max_length=SCRIPT_TEXT_MAX)
        row = stored.get(item_id)
        if not text or rules.same_text(text, defaults.get(item_id)):
            if row is not None:
                db.session.delete(row)
        elif row is None:
            db.session.add(ScriptText(conference_id=conference_id, agenda_item_id=item_id, text=text))
        else:
            row.text = text
    record("script", None, "update", conference_id=conference_id, after={"items": sorted(texts)})
    db.session.flush()

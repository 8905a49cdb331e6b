"""What the ceremony pages and the MC's script read: the batches with their awardees and who has arrived (a fixed
number of queries, whatever the number of batches), the presenters to choose from, the delegates to introduce."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from conference.ceremony import rules
from conference.ceremony.models import HonouringBatch, HonouringEntry
from conference.checkin.models import CheckIn
from conference.delegates.models import Delegate
from conference.extensions import db


def arrived_ids(conference_id: int) -> set[int]:
    """The ids of the delegates of a conference checked in at the desk (one query)."""
    return set(db.session.execute(select(CheckIn.delegate_id).where(CheckIn.conference_id == conference_id)).scalars())


@dataclass(frozen=True)
class AwardeeRow:
    """An awardee as the pages show them: the entry, and whether the desk has checked them in."""

    entry: HonouringEntry
    arrived: bool

    @property
    def delegate(self) -> Delegate:
        return self.entry.delegate

    @property
    def call(self) -> str:
        """'called', 'absent', 'skipped' or 'represented' (`rules.called_status`)."""
        return rules.called_status(self.entry.status, self.arrived)

    @property
    def citation(self) -> str:
        """The one line the MC reads (`rules.citation`)."""
        return rules.citation(self.delegate.achievements_summary, self.delegate.achievements)


@dataclass(frozen=True)
class BatchRow:
    """A batch with its awardees in calling order, and whether its presenter has arrived."""

    batch: HonouringBatch
    awardees: list[AwardeeRow]
    presenter_arrived: bool

    @property
    def absent(self) -> int:
        """Awardees not checked in whom nobody has decided about yet (`AwardeeRow.call` 'absent')."""
        return sum(1 for a in self.awardees if a.call == "absent")

    @property
    def called(self) -> list[AwardeeRow]:
        """The awardees the MC calls, in calling order: all but the skipped (the script lists those apart)."""
        return [a for a in self.awardees if a.call != "skipped"]

    @property
    def skipped(self) -> list[AwardeeRow]:
        """The awardees left out ('skipped'), in calling order."""
        return [a for a in self.awardees if a.call == "skipped"]

    @property
    def not_checked_in(self) -> int:
        """Awardees the desk has not checked in, decided about or not."""
        return sum(1 for a in self.awardees if not a.arrived)


def batch_rows(conference_id: int, batch_id: int | None = None) -> list[BatchRow]:
    """The batches of a conference in ceremony order (or only `batch_id`'s), each with its awardees in calling
    order and their arrival: three queries."""
    query = select(HonouringBatch).where(HonouringBatch.conference_id == conference_id)
    if batch_id is not None:
        query = query.where(HonouringBatch.id == batch_id)
    batches = list(db.session.execute(query.order_by(HonouringBatch.position)).scalars())
    entries: dict[int, list[HonouringEntry]] = {b.id: [] for b in batches}
    if batches:
        for entry in db.session.execute(
                select(HonouringEntry).where(HonouringEntry.batch_id.in_(list(entries)))
                .order_by(HonouringEntry.batch_id, HonouringEntry.position)).scalars():
            entries[entry.batch_id].append(entry)
    arrived = arrived_ids(conference_id)
    return [BatchRow(b, [AwardeeRow(e, e.delegate_id in arrived) for e in entries[b.id]],
                     b.presenter_id in arrived) for b in batches]


def presenter_choices(conference_id: int) -> list[Delegate]:
    """Who may hand a batch its awards, and whom the MC introduces (giới thiệu đại biểu, those checked in): the
    presidium by order, then the guests in the order they were added (the organizer adds them by protocol rank)."""
    rows = db.session.execute(
        select(Delegate).where(Delegate.conference_id == conference_id,
                               (Delegate.presidium_order.is_not(None)) | (Delegate.category == "guest"))
    ).scalars().all()
    return sorted(rows, key=lambda d: (d.presidium_order is None, d.presidium_order or 0, d.id))


def unbatched(conference_id: int) -> int:
    """How many exemplar delegates of the conference are in no batch (approved after the batches were made)."""
    return db.session.execute(
        select(func.count()).select_from(Delegate).outerjoin(HonouringEntry, HonouringEntry.delegate_id == Delegate.id)
        .where(Delegate.conference_id == conference_id, Delegate.category == "exemplar", HonouringEntry.id.is_(None))
    ).scalar_one()


"""The honouring ceremony's rows: its settings, the honouring batches (đợt trao thưởng) with their awardees, and
the MC's texts per agenda item."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.ceremony import rules
from conference.delegates.models import Delegate
from conference.extensions import db


class CeremonySettings(db.Model):
    """How a conference's batches are made: `batch_size` awardees per batch at most, and the form of commendation
    (hình thức khen thưởng) handed to collectives and to individuals (None: `rules.default_form`)."""

    __tablename__ = "ceremony_settings"
    __table_args__ = (CheckConstraint(f"batch_size BETWEEN 1 AND {rules.BATCH_SIZE_MAX}", name="batch_size_range"),)

    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), primary_key=True)
    batch_size: Mapped[int] = mapped_column(default=rules.DEFAULT_BATCH_SIZE)
    collective_form: Mapped[str | None] = mapped_column(String(300))
    individual_form: Mapped[str | None] = mapped_column(String(300))


class HonouringBatch(db.Model):
    """One honouring batch (đợt trao thưởng): the awardees called on stage together, `position` 1..n in the
    ceremony, `form` the form of commendation they receive, `presenter` the leader who hands the awards (a
    presidium member or a guest). `edited`: changed by hand since the batches were generated (generating again
    then asks first)."""

    __tablename__ = "honouring_batches"
    __table_args__ = (
        CheckConstraint("position >= 1", name="position_positive"),
        CheckConstraint("kind IN ('individual', 'collective')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column()
    kind: Mapped[str] = mapped_column(String(20))
    form: Mapped[str] = mapped_column(String(300))
    presenter_id: Mapped[int | None] = mapped_column(ForeignKey("delegates.id", ondelete="SET NULL"), index=True)
    edited: Mapped[bool] = mapped_column(default=False)

    presenter: Mapped[Delegate | None] = relationship(lazy="joined")
    entries: Mapped[list[HonouringEntry]] = relationship(
        back_populates="batch", order_by="HonouringEntry.position", cascade="all, delete-orphan", lazy="raise")


class HonouringEntry(db.Model):
    """An awardee in a batch: `position` is the calling order within the batch; a delegate is in one batch at
    most. `status`: 'called' (called by name), 'skipped' (not called: absent) or 'represented' (`representative`
    receives the award in their place), set by the organizer during the ceremony (`rules.ENTRY_STATUSES`)."""

    __tablename__ = "honouring_entries"
    __table_args__ = (
        CheckConstraint("position >= 1", name="position_positive"),
        CheckConstraint("status IN ('called', 'skipped', 'represented')", name="status_known"),
        CheckConstraint("status <> 'represented' OR representative IS NOT NULL", name="representative_named"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("honouring_batches.id", ondelete="CASCADE"), index=True)
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegates.id", ondelete="CASCADE"), unique=True)
    position: Mapped[int] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default="called")
    representative: Mapped[str | None] = mapped_column(String(200))

    batch: Mapped[HonouringBatch] = relationship(back_populates="entries", lazy="raise")
    delegate: Mapped[Delegate] = relationship(lazy="joined")


class ScriptText(db.Model):
    """The MC's words for one agenda item, as the organizer edited them (an item without a row reads the default
    of `rules.default_script`). Placeholders in brackets are filled when the script is made (`rules.PLACEHOLDERS`)."""

    __tablename__ = "script_texts"

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), unique=True)
    text: Mapped[str] = mapped_column(Text)

"""The hall's layout per conference and who sits on which seat (`rules` says how seats are numbered)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from conference.extensions import db
from conference.seating import rules


class HallLayout(db.Model):
    """The hall of one conference: `blocks` × `rows_per_block` × `seats_per_row`, and `stage_seats` at the
    presidium table (`rules.Layout`; bounds in `rules.check_layout`, kept by the database too)."""

    __tablename__ = "hall_layouts"
    __table_args__ = (
        CheckConstraint(f"blocks BETWEEN 1 AND {rules.MAX_BLOCKS}", name="blocks_range"),
        CheckConstraint(f"rows_per_block BETWEEN 1 AND {rules.MAX_ROWS}", name="rows_per_block_range"),
        CheckConstraint(f"seats_per_row BETWEEN 1 AND {rules.MAX_SEATS_PER_ROW}", name="seats_per_row_range"),
        CheckConstraint(f"stage_seats BETWEEN 0 AND {rules.MAX_STAGE_SEATS}", name="stage_seats_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), unique=True)
    blocks: Mapped[int] = mapped_column()
    rows_per_block: Mapped[int] = mapped_column()
    seats_per_row: Mapped[int] = mapped_column()
    stage_seats: Mapped[int] = mapped_column()

    @property
    def layout(self) -> rules.Layout:
        return rules.Layout(self.blocks, self.rows_per_block, self.seats_per_row, self.stage_seats)

    @classmethod
    def of(cls, conference_id: int) -> HallLayout | None:
        """The conference's hall, None before the organizer sets one. One statement."""
        return db.session.execute(select(cls).where(cls.conference_id == conference_id)).scalar_one_or_none()


class SeatAssignment(db.Model):
    """One delegate on one seat: `block` (0: the presidium table), `row_no`, `seat_no` (`rules.Seat`).

    Two unique constraints keep the plan whole: a delegate has at most one seat (`delegate_id`), and a seat of
    a conference holds at most one delegate (`uq_seat_assignments_seat`). `by_hand`: placed by the organizer on
    the move page, which the automatic seating keeps unless told otherwise. A removed delegate's seat goes with
    the row (ON DELETE CASCADE).
    """

    __tablename__ = "seat_assignments"
    __table_args__ = (
        UniqueConstraint("conference_id", "block", "row_no", "seat_no", name="uq_seat_assignments_seat"),
        CheckConstraint(f"block BETWEEN 0 AND {rules.MAX_BLOCKS}", name="block_range"),
        CheckConstraint("row_no >= 1 AND seat_no >= 1", name="row_seat_positive"),
        CheckConstraint("block <> 0 OR row_no = 1", name="stage_one_row"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegates.id", ondelete="CASCADE"), unique=True)
    block: Mapped[int] = mapped_column()
    row_no: Mapped[int] = mapped_column()
    seat_no: Mapped[int] = mapped_column()
    by_hand: Mapped[bool] = mapped_column(default=False)

    @property
    def seat(self) -> rules.Seat:
        return rules.Seat(self.block, self.row_no, self.seat_no)

"""Organizations form one tree: Tổng LĐLĐ → LĐLĐ tỉnh, thành phố → the union directly above the grassroots →
công đoàn cơ sở (DESIGN.md). The levels and their names are data (`conference.organizations.levels`).

A host organization groups its units into blocks (khối, e.g. "Giáo dục", "Xã, thị trấn"); each block can
have its own nomination deadline per conference (seed 002: "riêng CĐCS khối Giáo dục trước ngày …").
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.organizations.levels import LEVEL_CODES, in_check

#: The level codes an organization may have (`data/levels.json`).
ORGANIZATION_LEVELS = LEVEL_CODES


class Block(db.Model):
    """A unit block (khối) of one host organization; names are unique within the host."""

    __tablename__ = "blocks"
    __table_args__ = (UniqueConstraint("organization_id", "name", name="uq_blocks_organization_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"<Block {self.id} {self.name!r}>"


class BlockDeadline(db.Model):
    """The nomination deadline of one block at one conference (the day itself is still open)."""

    __tablename__ = "block_deadlines"
    __table_args__ = (UniqueConstraint("conference_id", "block_id", name="uq_block_deadlines_conference_block"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    block_id: Mapped[int] = mapped_column(ForeignKey("blocks.id", ondelete="CASCADE"), index=True)
    deadline: Mapped[date] = mapped_column()


class Organization(db.Model):
    """A trade-union body. A conference is hosted by one; its units are the host's children.

    `level`: a code of `conference.organizations.levels` (CHECK constraint in the database); `parent`: the body
    above ("cấp trên"); `place_name`: the administrative unit where it sits, as the date line of its documents
    prints it ("Rạch Giá"; None: read from its name, see `conference.conferences.rules.place_of`).
    `member_count` (số đoàn viên) is the basis of proportional allocation; `block` (khối) groups units
    (a `Block` of the parent organization; `str(unit.block)` is its name).
    """

    __tablename__ = "organizations"
    __table_args__ = (
        CheckConstraint("member_count >= 0", name="member_count_non_negative"),
        CheckConstraint(in_check("level", LEVEL_CODES), name="level_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20), default="grassroots")
    block_id: Mapped[int | None] = mapped_column(
        ForeignKey("blocks.id", ondelete="SET NULL", use_alter=True), index=True
    )
    member_count: Mapped[int] = mapped_column(default=0)
    contact: Mapped[str | None] = mapped_column(String(200))
    place_name: Mapped[str | None] = mapped_column(String(100))

    parent: Mapped[Organization | None] = relationship(remote_side="Organization.id", lazy="joined")
    block: Mapped[Block | None] = relationship(foreign_keys=[block_id], lazy="joined")

    def __repr__(self) -> str:
        return f"<Organization {self.id} {self.name!r}>"

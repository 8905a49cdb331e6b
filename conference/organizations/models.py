"""Organizations form one tree: Tổng LĐLĐ → LĐLĐ tỉnh → LĐLĐ huyện → công đoàn cơ sở (DESIGN.md)."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db

ORGANIZATION_LEVELS = ("national", "province", "district", "grassroots")


class Organization(db.Model):
    """A trade-union body. A conference is hosted by one; its units are the host's children.

    `member_count` (số đoàn viên) is the basis of proportional allocation; `block` (khối) groups units.
    """

    __tablename__ = "organizations"
    __table_args__ = (
        CheckConstraint("member_count >= 0", name="member_count_non_negative"),
        CheckConstraint(
            "level IN ('national', 'province', 'district', 'grassroots')", name="level_known"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20), default="grassroots")
    block: Mapped[str | None] = mapped_column(String(120))
    member_count: Mapped[int] = mapped_column(default=0)
    contact: Mapped[str | None] = mapped_column(String(200))

    parent: Mapped[Organization | None] = relationship(remote_side="Organization.id", lazy="joined")

    def __repr__(self) -> str:
        return f"<Organization {self.id} {self.name!r}>"

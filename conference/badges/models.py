"""Badge categories (loại thẻ): the label and colour printed on a badge, editable by the organizer."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from conference.extensions import db

#: The kinds of badge a conference prints: the presidium, the two delegate categories, and two optional
#: kinds for people who are not delegates (press, staff). Order = display order.
BADGE_KINDS = ("presidium", "exemplar", "guest", "press", "staff")


class BadgeCategory(db.Model):
    """One badge kind of a conference with its printed label and colour (`#rrggbb`)."""

    __tablename__ = "badge_categories"
    __table_args__ = (
        UniqueConstraint("conference_id", "kind", name="uq_badge_categories_conference_kind"),
        CheckConstraint("kind IN ('presidium', 'exemplar', 'guest', 'press', 'staff')", name="kind_known"),
        CheckConstraint("length(colour) = 7 AND substr(colour, 1, 1) = '#'", name="colour_hex"),
        CheckConstraint("length(label) BETWEEN 1 AND 60", name="label_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(60))
    colour: Mapped[str] = mapped_column(String(7))
    enabled: Mapped[bool] = mapped_column(default=True)

"""The certificates' settings of a conference (template, paper, field positions, the decision's texts) and the
printers the organizer calibrated (each with its offset)."""

from __future__ import annotations

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from conference.certificates import rules
from conference.extensions import db


class CertificateSettings(db.Model):
    """One conference's certificate template and draft decision texts (one row, stored on the first save).

    Every text column may be None, which means the default of `rules` (`rules.effective_settings` fills them in),
    so the page can show a conference that never saved them without writing.
    `paper`: 'blank' (plain A4: border, issuer header, signature block printed) or 'preprinted' (only the fields,
    at `positions`: {field: [x_mm, y_mm]} of `rules.FIELDS`, the centre of the line from the page's left edge and
    its baseline from the top edge). `citation_source`: 'common' (`citation_text` for everyone) or 'achievements'
    (each exemplar's own achievement, `rules.citation`). `list_order`: how the decision's list and the
    certificates are ordered within collectives and within individuals (`rules.LIST_ORDERS`).
    """

    __tablename__ = "certificate_settings"
    __table_args__ = (
        CheckConstraint("paper IN ('blank', 'preprinted')", name="paper_known"),
        CheckConstraint("citation_source IN ('common', 'achievements')", name="citation_source_known"),
        CheckConstraint("list_order IN ('unit', 'name', 'approval')", name="list_order_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), unique=True)
    title: Mapped[str | None] = mapped_column(String(60))
    awarding_body: Mapped[str | None] = mapped_column(String(300))
    citation_source: Mapped[str] = mapped_column(String(20), default="common")
    citation_text: Mapped[str | None] = mapped_column(Text)
    paper: Mapped[str] = mapped_column(String(20), default="blank")
    positions: Mapped[dict | None] = mapped_column(JSON)
    list_order: Mapped[str] = mapped_column(String(20), default="unit")
    decision_number: Mapped[str | None] = mapped_column(String(60))
    decision_subject: Mapped[str | None] = mapped_column(Text)
    legal_bases: Mapped[str | None] = mapped_column(Text)
    award_collective: Mapped[str | None] = mapped_column(String(200))
    award_individual: Mapped[str | None] = mapped_column(String(200))
    recipients: Mapped[str | None] = mapped_column(Text)


class CertificatePrinter(db.Model):
    """A printer the certificates are printed on, with the offset measured on its calibration page: the whole
    print is moved `offset_x_mm` to the right and `offset_y_mm` down (negative: left, up). Names are unique per
    conference."""

    __tablename__ = "certificate_printers"
    __table_args__ = (
        UniqueConstraint("conference_id", "name", name="uq_certificate_printers_conference_name"),
        CheckConstraint(f"offset_x_mm BETWEEN -{rules.MAX_OFFSET_MM} AND {rules.MAX_OFFSET_MM}",
                        name="offset_x_range"),
        CheckConstraint(f"offset_y_mm BETWEEN -{rules.MAX_OFFSET_MM} AND {rules.MAX_OFFSET_MM}",
                        name="offset_y_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    offset_x_mm: Mapped[float] = mapped_column(Float, default=0.0)
    offset_y_mm: Mapped[float] = mapped_column(Float, default=0.0)

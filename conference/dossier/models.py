"""The dossier to the upper level (hồ sơ gửi cấp trên) and the lists imported from the level below."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from conference.core.clock import utcnow
from conference.extensions import db


class Dossier(db.Model):
    """Per-conference settings of the documents sent up (one row per conference, made on first use).

    `code` identifies the conference to other instances (written into every exported file; a lower level
    enters the upper conference's code as `upper_code`, so the upper level can refuse a file meant for
    another conference). `upper_quota`: delegates the upper level allows this conference to send.
    `columns`: the organizer's chosen columns of the delegate lists, comma-separated keys of
    `conference.dossier.columns.COLUMNS`, in order (None = the default set). The rest fills the official
    layout (Nghị định 30/2020/NĐ-CP, Phụ lục I): number/symbol, place, signer and recipients (Nơi nhận).
    """

    __tablename__ = "dossiers"
    __table_args__ = (
        CheckConstraint("upper_quota IS NULL OR upper_quota BETWEEN 0 AND 10000", name="upper_quota_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), unique=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    upper_code: Mapped[str | None] = mapped_column(String(40))
    upper_quota: Mapped[int | None] = mapped_column()
    columns: Mapped[str | None] = mapped_column(Text)
    document_number: Mapped[str | None] = mapped_column(String(60))
    place: Mapped[str | None] = mapped_column(String(100))
    signer_name: Mapped[str | None] = mapped_column(String(120))
    signer_title: Mapped[str | None] = mapped_column(String(120))
    recipients: Mapped[str | None] = mapped_column(Text)


class ImportedFile(db.Model):
    """A lower level's delegate list imported into this conference (one row per file).

    `fingerprint` is the file's own check code (see `conference.dossier.plain.fingerprint`); unique per
    conference, so the same file is never imported twice. `source_code` is the lower conference's code.
    """

    __tablename__ = "imported_files"
    __table_args__ = (
        UniqueConstraint("conference_id", "fingerprint", name="uq_imported_files_conference_fingerprint"),
        CheckConstraint("row_count >= 1", name="row_count_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    source_code: Mapped[str] = mapped_column(String(40))
    fingerprint: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str | None] = mapped_column(String(255))
    row_count: Mapped[int] = mapped_column()
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)

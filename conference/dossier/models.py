"""The dossier to the upper level (hồ sơ gửi cấp trên) and the lists imported from the level below."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.conferences.models import Conference
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
    recipients: Mapped[str | None] = mapped_column(Text)

    conference: Mapped[Conference] = relationship(lazy="joined")

    # The signer is the conference's (`Conference.signer_title`, `signer_name`: the signature block of every
    # document, `conference.conferences.letterhead`); the dossier settings read and write it there.
    @property
    def signer_title(self) -> str | None:
        return self.conference.signer_title if self.conference is not None else None

    @signer_title.setter
    def signer_title(self, value: str | None) -> None:
        self.conference.signer_title = value

    @property
    def signer_name(self) -> str | None:
        return self.conference.signer_name if self.conference is not None else None

    @signer_name.setter
    def signer_name(self, value: str | None) -> None:
        self.conference.signer_name = value


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


class LowerConference(db.Model):
    """The code of a unit's own conference (`Dossier.code` of a lower level that sends its list up), as the unit
    gave it to the organizer: the import one level up knows the sender by this code, not by its name, so a unit
    renamed since is still recognised and a file from a conference no unit has named is refused. A unit hosted in
    the same database needs none (`importing.sender_of` finds its conference).
    """

    __tablename__ = "lower_conferences"
    __table_args__ = (
        UniqueConstraint("conference_id", "unit_id", name="uq_lower_conferences_conference_unit"),
        UniqueConstraint("conference_id", "code", name="uq_lower_conferences_conference_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    conference_id: Mapped[int] = mapped_column(ForeignKey("conferences.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))

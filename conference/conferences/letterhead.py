"""The letterhead of the conference's documents: who issues them, under whom, where, and who signs (no Flask).

Every document the organizer prints or downloads (programme, MC's script, decision, certificates, invitations,
seating plan, the lists) takes its header and signature block from `letterhead_of`, so the names are written once.
Layout source: Nghị định 30/2020/NĐ-CP, Phụ lục I (mục II.3: tên cơ quan ban hành, with the body above it; mục
II.5: địa danh và thời gian; mục II.8: chức vụ, họ tên người ký).

Everything follows the organizer (the conference's host organization) as the database holds it: its own name, its
level (`conference.organizations.levels`, data) and its parent, the body above ("cấp trên"); no level or place
name is written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from conference.core.xlsx import place_date_line
from conference.organizations.levels import level, place_in_name

#: "Thay mặt" line of a union executive committee's signature (Nghị định 30/2020, Phụ lục I, mục II.8.b), when the
#: conference sets none (`Conference.signature_for`).
SIGNATURE_FOR = "TM. BAN THƯỜNG VỤ"
DEFAULT_SIGNER_TITLE = "CHỦ TỊCH"
#: The words for the level above when neither the host's parent nor its level says which ("Hội nghị cấp trên").
UPPER_LEVEL_WORDS = "cấp trên"
#: The issuer's short form in a document's symbol when its level names none (Nghị định 30/2020, Phụ lục I, mục II.4).
DEFAULT_ABBREVIATION = "LĐLĐ"


@dataclass(frozen=True)
class Letterhead:
    """The header and signature block of one conference's documents (plain strings, as printed).

    `upper_body`: the body above the issuer ("" when none); `issuer`: the host organization's name; `place`: the
    place name of the date line; `signer_name` may be None (the clerk writes it in). `level_name`: what the issuer
    is ("Công đoàn xã, phường, đặc khu"; "" for an unknown level); `upper_level`: the words naming the level above
    after "Hội nghị" ("cấp tỉnh"; "cấp trên" when unknown); `abbreviation`: the issuer's short form in a document's
    symbol ("Số: 12/DS-LĐLĐ"; a commune union's "CĐ"), from its level's data.
    """

    upper_body: str
    issuer: str
    place: str
    signature_for: str = SIGNATURE_FOR
    signer_title: str = DEFAULT_SIGNER_TITLE
    signer_name: str | None = None
    level_name: str = ""
    upper_level: str = UPPER_LEVEL_WORDS
    abbreviation: str = DEFAULT_ABBREVIATION

    def place_date(self, day: date) -> str:
        """"Vĩnh Thuận, ngày 05 tháng 4 năm 2025" for `day` (`conference.core.xlsx.place_date_line`)."""
        return place_date_line(self.place, day)


class Headed:
    """Mixin of a document's header data that holds a `letterhead` (`Letterhead`): the issuer and the body above it,
    as the official layout prints them (`upper_body` None when there is none)."""

    letterhead: Letterhead

    @property
    def issuer(self) -> str:
        return self.letterhead.issuer

    @property
    def upper_body(self) -> str | None:
        return self.letterhead.upper_body or None


def place_of_organization(organization) -> str:
    """Where an `Organization` sits, for the date line of its documents.

    Its stored place (`place_name`), else the place in its name (`levels.place_in_name`: "Công đoàn phường Rạch
    Giá" → "Rạch Giá"); a name holding none (a sector union: "Công đoàn ngành Giáo dục") takes its parent's place,
    the province where it sits; with no parent place either, the whole name (as `rules.place_of`).
    """
    own = organization.place_name or place_in_name(organization.name)
    if own:
        return own
    parent = organization.parent
    if parent is not None:
        return parent.place_name or place_in_name(parent.name) or organization.name
    return organization.name


def upper_level_words(organization, conference_level: str | None = None) -> str:
    """The words for the level above an `Organization` after "Hội nghị": its parent's level ("cấp tỉnh"), else the
    usual parent of its own level (or of `conference_level`) in `data/levels.json`, else "cấp trên"."""
    parent = organization.parent
    above = level(parent.level) if parent is not None else None
    if above is None:
        own = level(organization.level) or level(conference_level)
        above = level(own.parent_level) if own is not None else None
    return above.conference_of if above is not None else UPPER_LEVEL_WORDS


def letterhead_of(conference) -> Letterhead:
    """The `Letterhead` of a `Conference`: its host organization, the host's parent and the conference's signer.

    `upper_body` is the parent's name; for a host without a parent in the database, the conference's own
    `upper_body` (typed in its settings). Signature lines default to `SIGNATURE_FOR` / `DEFAULT_SIGNER_TITLE`.
    """
    host = conference.host
    parent = host.parent
    own_level = level(host.level) or level(conference.level)
    return Letterhead(
        upper_body=parent.name if parent is not None else (conference.upper_body or ""),
        issuer=host.name,
        place=place_of_organization(host),
        signature_for=conference.signature_for or SIGNATURE_FOR,
        signer_title=conference.signer_title or DEFAULT_SIGNER_TITLE,
        signer_name=conference.signer_name or None,
        level_name=own_level.name if own_level is not None else "",
        upper_level=upper_level_words(host, conference.level),
        abbreviation=own_level.abbreviation if own_level is not None else DEFAULT_ABBREVIATION,
    )

"""The letterhead of the conference's documents: who issues them, under whom, where, and who signs (no Flask).

Every document the organizer prints or downloads (programme, MC's script, decision, certificates, invitations,
seating plan, the lists) takes its header and signature block from `letterhead_of`, so the names are written once.
Layout source: Nghị định 30/2020/NĐ-CP, Phụ lục I (mục II.3: tên cơ quan ban hành, with the body above it; mục
II.5: địa danh và thời gian; mục II.8: chức vụ, họ tên người ký).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from conference.conferences.rules import place_of
from conference.core.xlsx import place_date_line

#: "Thay mặt" line of a union executive committee's signature (Nghị định 30/2020, Phụ lục I, mục II.8.b).
SIGNATURE_FOR = "TM. BAN THƯỜNG VỤ"
DEFAULT_SIGNER_TITLE = "CHỦ TỊCH"


@dataclass(frozen=True)
class Letterhead:
    """The header and signature block of one conference's documents (plain strings, as printed).

    `upper_body`: the body above the issuer ("" when none); `issuer`: the host organization's name; `place`: the
    place name of the date line; `signer_name` may be None (the clerk writes it in).
    """

    upper_body: str
    issuer: str
    place: str
    signature_for: str = SIGNATURE_FOR
    signer_title: str = DEFAULT_SIGNER_TITLE
    signer_name: str | None = None

    def place_date(self, day: date) -> str:
        """"Vĩnh Thuận, ngày 05 tháng 4 năm 2025" for `day` (`conference.core.xlsx.place_date_line`)."""
        return place_date_line(self.place, day)


def letterhead_of(conference) -> Letterhead:
    """The `Letterhead` of a `Conference` (its host organization and the body above it)."""
    issuer = conference.host.name
    return Letterhead(upper_body=conference.upper_body or "", issuer=issuer, place=place_of(issuer))

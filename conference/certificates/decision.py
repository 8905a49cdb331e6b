"""The draft commendation decision (quyết định khen thưởng) and its accompanying list, as .docx (no Flask).

Official layout (`conference.core.docx`, Nghị định 30/2020/NĐ-CP, Phụ lục I; the decision's parts follow its
mẫu 1.4 "Quyết định (quy định trực tiếp)"): letterhead with the number, "QUYẾT ĐỊNH" and its summary, the
authority that decides, the legal bases in italics, "QUYẾT ĐỊNH:", Điều 1 (who is awarded, with the count of
collectives and of individuals), Điều 2 (the award), Điều 3 (who carries it out), "Nơi nhận" and the signature;
then, on a new page, the list that goes with it (danh sách kèm theo): the collectives, then the individuals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from conference.certificates import rules
from conference.core import docx as official

#: Columns of the accompanying list (mm; the page's text is 165 mm wide).
LIST_WIDTHS_MM = (12, 68, 85)


@dataclass(frozen=True)
class Header:
    """The letterhead and signature strings (from `conference.conferences.letterhead.letterhead_of`) and the
    conference's name (Điều 1 names it)."""

    upper_body: str
    issuer: str
    place_date: str
    signature_for: str
    signer_title: str
    signer_name: str | None
    conference_name: str


def decision_docx(header: Header, template: rules.Template, collectives: Sequence[rules.Honoured],
                  individuals: Sequence[rules.Honoured]) -> bytes:
    """The decision and its list as .docx bytes; `collectives` and `individuals` in the order they are listed
    (`rules.ordered`)."""
    doc = official.new_document()
    number = template.decision_number or "        /QĐ"
    official.add_letterhead(doc, upper_body=header.upper_body, issuer=header.issuer, number=number,
                            place_date=header.place_date)
    official.add_title(doc, "QUYẾT ĐỊNH", [template.decision_subject])
    official.add_paragraph(doc, template.awarding_body, bold=True, align="center", indent=False)
    for basis in template.legal_bases:
        official.add_paragraph(doc, basis, italic=True)
    official.add_paragraph(doc, "QUYẾT ĐỊNH:", bold=True, align="center", indent=False)
    for label, text in (
        ("Điều 1. ", rules.article_one(template, len(collectives), len(individuals), header.conference_name)),
        ("Điều 2. ", rules.article_two(template, len(collectives), len(individuals))),
        ("Điều 3. ", rules.ARTICLE_THREE),
    ):
        paragraph = official.add_paragraph(doc, label, bold=True)
        paragraph.add_run(text)
    official.add_signature(doc, recipients=template.recipients, signature_for=header.signature_for,
                           signer_title=header.signer_title, signer_name=header.signer_name)

    official.add_title(doc, f"DANH SÁCH CÁC TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG {template.title.upper()}", [], new_page=True)
    official.add_paragraph(doc, f"(Kèm theo Quyết định số {number} ngày ..... tháng ..... năm ....... của "
                                f"{header.issuer})",
                           italic=True, align="center", indent=False)
    if collectives:
        official.add_paragraph(doc, f"I. TẬP THỂ ({len(collectives)})", bold=True, indent=False)
        official.add_table(doc, ["TT", "Tên tập thể", "Đơn vị"],
                           [(i, p.full_name, p.unit_name or "") for i, p in enumerate(collectives, start=1)],
                           LIST_WIDTHS_MM, centered=[0])
    if individuals:
        numeral = "II" if collectives else "I"
        official.add_paragraph(doc, f"{numeral}. CÁ NHÂN ({len(individuals)})", bold=True, indent=False)
        official.add_table(doc, ["TT", "Họ và tên", "Chức vụ, đơn vị"],
                           [(i, rules.name_line(p), _position_and_unit(p))
                            for i, p in enumerate(individuals, start=1)],
                           LIST_WIDTHS_MM, centered=[0])
    official.add_paragraph(doc, f"Danh sách có {len(collectives)} tập thể và {len(individuals)} cá nhân./.",
                           italic=True, indent=False)
    return official.to_bytes(doc)


def _position_and_unit(person: rules.Honoured) -> str:
    """The list's "Chức vụ, đơn vị" cell: the certificate's line under the name (`rules.unit_line`: "Giáo viên,
    Trường THCS A", else the unit), and on a second line the unit when that line does not already name it."""
    line = rules.unit_line(person)
    unit = (person.unit_name or "").strip()
    if line and unit and unit.casefold() not in line.casefold():
        return f"{line}\n{unit}"
    return line

"""The MC's script as a Word document (.docx) the MC can edit, in the official layout of `conference.core.docx`."""

from __future__ import annotations

from conference.ceremony.queries import BatchRow
from conference.ceremony.script import Script, person_line
from conference.conferences.letterhead import letterhead_of
from conference.core import docx as word_doc
from conference.core.vocabulary import vietnamese

TITLE = "KỊCH BẢN DẪN CHƯƠNG TRÌNH"
#: The awardees' table: number, name, unit, citation, note; widths in mm (the text is 165 mm wide).
HONOURS_HEADERS = ("STT", "Họ và tên", "Đơn vị", "Thành tích", "Ghi chú")
HONOURS_WIDTHS_MM = (13, 40, 40, 50, 22)
#: The note of an awardee the desk has not checked in (the MC skips or waits for the organizer's word).
ABSENT_NOTE = "VẮNG (chưa điểm danh)"


def awardee_note(call: str, representative: str | None) -> str:
    """The "Ghi chú" cell of an awardee by their `AwardeeRow.call`: absent, or who receives in their place."""
    if call == "absent":
        return ABSENT_NOTE
    if call == "represented":
        return f"{representative} nhận thay"
    return ""


def presenter_line(row: BatchRow) -> str:
    """"Kính mời đồng chí … lên trao thưởng." for a batch; a presenter not checked in is marked."""
    presenter = row.batch.presenter
    if presenter is None:
        return "Người trao thưởng: (chưa chọn)"
    mark = "" if row.presenter_arrived else f" [{ABSENT_NOTE}]"
    return f"Trân trọng kính mời đồng chí {person_line(presenter)} lên trao thưởng.{mark}"


def batch_heading(row: BatchRow) -> str:
    """"Đợt 1: Giấy khen của … — Tập thể (8)"."""
    batch = row.batch
    return f"Đợt {batch.position}: {batch.form} — {vietnamese('kind', batch.kind)} ({len(row.awardees)})"


def script_docx(script: Script) -> bytes:
    """The .docx of `script`: the letterhead, the title, then each item with its time, title and presenter and the
    MC's words; the delegates introduced (present only); the batches with their presenter and a table of the
    awardees in calling order (absent ones marked, skipped ones left out and named below the table)."""
    conference = script.conference
    letterhead = letterhead_of(conference)
    doc = word_doc.new_document()
    word_doc.add_letterhead(doc, upper_body=letterhead.upper_body, issuer=letterhead.issuer, number=None,
                            place_date=letterhead.place_date(conference.held_on))
    word_doc.add_title(doc, TITLE, [conference.name])
    for item in script.items:
        heading = word_doc.add_paragraph(doc, f"{item.number}. {item.start} — {item.title}", bold=True,
                                         align="left", indent=False)
        if item.presenter:
            heading.add_run(f" ({item.presenter})").italic = True
        for block in item.blocks:
            if block.kind == "text":
                word_doc.add_paragraph(doc, block.text)
            elif block.kind == "introduction":
                _introduction(doc, script)
            else:
                _honours(doc, script)
    return word_doc.to_bytes(doc)


def _introduction(doc, script: Script) -> None:
    if not script.introduced:
        word_doc.add_paragraph(doc, "(Chưa có đại biểu nào được điểm danh.)", italic=True)
    for index, delegate in enumerate(script.introduced):
        end = "." if index == len(script.introduced) - 1 else ";"
        word_doc.add_paragraph(doc, f"- Đồng chí {person_line(delegate)}{end}")


def _honours(doc, script: Script) -> None:
    if not script.batches:
        word_doc.add_paragraph(doc, "(Chưa tạo các đợt trao thưởng.)", italic=True)
    for row in script.batches:
        word_doc.add_paragraph(doc, batch_heading(row), bold=True, align="left", indent=False)
        word_doc.add_paragraph(doc, presenter_line(row))
        word_doc.add_table(doc, HONOURS_HEADERS, [
            (number, a.delegate.full_name, a.delegate.affiliation, a.citation,
             awardee_note(a.call, a.entry.representative))
            for number, a in enumerate(row.called, start=1)], HONOURS_WIDTHS_MM, centered=(0,))
        if row.skipped:
            word_doc.add_paragraph(doc, "Không gọi tên (vắng): " + "; ".join(a.delegate.full_name for a in row.skipped)
                                   + ".", italic=True)

"""The attendance report (báo cáo điểm danh, GLOSSARY.md): who arrived when and at which desk, who was absent.

A pure builder from `conference.checkin.queries.Attendance` to a `conference.core.xlsx.Report`, written by the
one xlsx writer in the official layout of the delegate summary list (Nghị định 30/2020/NĐ-CP, Phụ lục I: issuing
body and national motto, number, place and date, title, the table with a totals row, "Nơi nhận" and the
signature block). The document is filed in Vietnamese, as the dossier's lists are (`vietnamese()` words).

Sheets: the official list (every delegate once, in the board's order: presidium, guests, then each unit; arrived
with their time and desk, absent marked; the notes column says who declined beforehand and for whom a deputy
came), "Theo đơn vị" (totals per unit) and "Theo loại đại biểu" (totals per
badge kind: presidium, exemplars, guests).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from conference.conferences.letterhead import Headed, Letterhead, letterhead_of
from conference.conferences.rules import place_of
from conference.core.clock import to_local
from conference.core.collation import compact_key, vietnamese_key
from conference.core.vocabulary import vietnamese
from conference.core.xlsx import Column, OfficialDocument, Report, Table, place_date_line

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = ("presidium", "exemplar", "guest")
MARK = "x"
#: The organizing committee signs on behalf of itself, its head below (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục
#: II.8.b: "TM." the collective, then the signer's position).
SIGNATURE = ["TM. BAN TỔ CHỨC", "TRƯỞNG BAN"]
#: The notes column of a guest who declined the invitation and did not come (absent, having said so beforehand).
DECLINED_NOTE = "Báo không dự"


@dataclass(frozen=True)
class ReportInfo(Headed):
    """What the document's header needs: the conference's `Letterhead` (issuer, the body above it, place), its
    name, day and venue; `as_of` (naive UTC) is when the desks closed, or the moment of the download while they
    are open. `ReportInfo.of(conference, …)` fills them from the conference (`letterhead_of`)."""

    letterhead: Letterhead
    conference_name: str
    held_on: date
    as_of: datetime
    closed: bool
    venue: str | None = None

    @classmethod
    def of(cls, conference, as_of: datetime, closed: bool) -> ReportInfo:
        """The header of a `Conference`'s report from its letterhead (`letterhead_of`: the host's name, its parent,
        its place)."""
        return cls(letterhead=letterhead_of(conference), conference_name=conference.name,
                   held_on=conference.held_on, as_of=as_of, closed=closed, venue=conference.venue)

    @property
    def place(self) -> str:
        """The date line's place: the letterhead's, else read from the issuer's name (`place_of`)."""
        return self.letterhead.place or place_of(self.letterhead.issuer)


def _time(moment: datetime | None) -> str:
    return to_local(moment).strftime("%H:%M") if moment is not None else ""


def _kind_word(kind: str) -> str:
    """A row's kind in the column headed "Loại đại biểu": "Đoàn Chủ tịch", "Điển hình tiên tiến", "Khách mời" (the
    category's word, without the "Đại biểu" the header already says)."""
    return vietnamese("badge_kind", kind) if kind == "presidium" else vietnamese("category", kind)


def _note(person) -> str:
    """The notes column: a guest who declined and did not come, or the guest a deputy stood in for."""
    if person.excused:
        return DECLINED_NOTE
    return f"Dự thay: {person.deputy_of}" if person.deputy_of else ""


def _rows(groups):
    index = 0
    for group in groups:
        for person in group.people:
            index += 1
            yield [index, person.name, person.affiliation, _kind_word(person.kind),
                   MARK if person.arrived else "", "" if person.arrived else MARK,
                   _time(person.checked_in_at), person.desk or "", _note(person)]


def unit_totals(groups, guests_label: str) -> list[tuple[str, int, int]]:
    """(unit, delegates, arrived) per unit in Vietnamese order, then the delegates without a unit under
    `guests_label`; presidium members count with their unit."""
    expected, arrived = Counter(), Counter()
    for group in groups:
        for person in group.people:
            expected[person.unit] += 1
            arrived[person.unit] += person.arrived
    units = sorted((u for u in expected if u is not None), key=lambda u: compact_key(vietnamese_key(u)))
    result = [(u, expected[u], arrived[u]) for u in units]
    if None in expected:
        result.append((guests_label, expected[None], arrived[None]))
    return result


def kind_totals(groups) -> list[tuple[str, int, int]]:
    """(badge kind, delegates, arrived) for the presidium, exemplars and guests (kinds without anyone left out)."""
    expected, arrived = Counter(), Counter()
    for group in groups:
        for person in group.people:
            expected[person.kind] += 1
            arrived[person.kind] += person.arrived
    return [(kind, expected[kind], arrived[kind]) for kind in KINDS if expected[kind]]


def attendance_report(info: ReportInfo, attendance) -> Report:
    """The attendance report of `attendance` (`queries.Attendance`) as a three-sheet `Report`.

    Everyone on the list counts (guests who declined among the absent, with a note and apart in the summary
    sentence), as in the usual "triệu tập / có mặt / vắng" of minutes."""
    groups = attendance.groups
    expected, arrived = attendance.expected, attendance.arrived
    excused = len(attendance.excused)
    local = to_local(info.as_of)
    when = local.strftime("%H:%M ngày %d/%m/%Y")
    where = f", tại {info.venue}" if info.venue else ""
    subtitle = [info.conference_name, f"Ngày {info.held_on:%d/%m/%Y}{where}",
                f"(Đóng bàn đón tiếp lúc {when})" if info.closed
                else f"(Số liệu tính đến {when}; bàn đón tiếp chưa đóng)"]
    # The writer scales the widths to the A4 landscape page (about 5 points a unit here): a usual name, a usual
    # unit or organisation and the kind's short word fit one line each, so most delegates take one line.
    columns = [Column("STT", 5.6, centered=True), Column("Họ và tên", 21), Column("Đơn vị / chức vụ, nơi công tác", 46),
               Column("Loại đại biểu", 18.4), Column("Có mặt", 7.6, group="Điểm danh", centered=True),
               Column("Vắng", 7.6, group="Điểm danh", centered=True), Column("Giờ đến", 8.8, centered=True),
               Column("Bàn đón tiếp", 11.6), Column("Ghi chú", 14.6)]
    totals = ["", f"Tổng cộng: {expected} đại biểu", "", "", arrived, expected - arrived, "", "", ""]
    kinds = kind_totals(groups)
    declined = f" (trong đó {excused} khách mời đã báo không dự)" if excused else ""
    summary = [f"Có mặt {arrived}/{expected} đại biểu; vắng {expected - arrived}{declined}.",
               "; ".join(f"{vietnamese('badge_kind', kind)}: có mặt {n_arrived}/{n}, vắng {n - n_arrived}"
                         for kind, n, n_arrived in kinds) + "."]
    document = OfficialDocument(
        upper_body=info.upper_body, issuer=info.issuer, number=f"Số: {' ' * 8}/BC-BTC",
        place_date=place_date_line(info.place, local.date()),
        title="Báo cáo điểm danh đại biểu dự Hội nghị", subtitle_lines=subtitle, columns=columns,
        rows=list(_rows(groups)), totals=totals, summary=summary if expected else [],
        recipients=["- Lưu VT."], signature=SIGNATURE, sheet_name="Điểm danh",
    )
    guests_word = vietnamese("category", "guest")
    by_unit = [(unit, n, n_arrived, n - n_arrived) for unit, n, n_arrived in unit_totals(groups, guests_word)]
    by_unit.append(("Tổng cộng", expected, arrived, expected - arrived))
    by_kind = [(vietnamese("badge_kind", kind), n, n_arrived, n - n_arrived) for kind, n, n_arrived in kinds]
    by_kind.append(("Tổng cộng", expected, arrived, expected - arrived))
    headers = ["Số đại biểu", "Có mặt", "Vắng"]
    return Report(document=document, tables=[
        Table("Theo đơn vị", ["Đơn vị", *headers], by_unit, widths=[48, 12, 10, 10]),
        Table("Theo loại đại biểu", ["Loại đại biểu", *headers], by_kind, widths=[36, 12, 10, 10]),
    ])

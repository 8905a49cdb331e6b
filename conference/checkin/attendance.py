"""The attendance report (báo cáo điểm danh, GLOSSARY.md): who arrived when and at which desk, who was absent.

A pure builder from `conference.checkin.queries.Attendance` to a `conference.core.xlsx.Report`, written by the
one xlsx writer in the official layout of the delegate summary list (Nghị định 30/2020/NĐ-CP, Phụ lục I: issuing
body and national motto, number, place and date, title, the table with a totals row, "Nơi nhận" and the
signature block). The document is filed in Vietnamese, as the dossier's lists are (`vietnamese()` words).

Sheets: the official list (every delegate once, in the board's order: presidium, guests, then each unit; arrived
with their time and desk, absent marked), "Theo đơn vị" (totals per unit) and "Theo loại đại biểu" (totals per
badge kind: presidium, exemplars, guests).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from conference.conferences.letterhead import letterhead_of
from conference.conferences.rules import place_of
from conference.core.clock import to_local
from conference.core.collation import compact_key, vietnamese_key
from conference.core.vocabulary import vietnamese
from conference.core.xlsx import Column, OfficialDocument, Report, Table, place_date_line

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KINDS = ("presidium", "exemplar", "guest")
MARK = "x"
SIGNATURE = ["TM. BAN TỔ CHỨC"]


@dataclass(frozen=True)
class ReportInfo:
    """What the document's header needs, from the conference: issuer (the host), the body above it, name, day,
    venue; `as_of` (naive UTC) is when the desks closed, or the moment of the download while they are open;
    `place` the date line's place (None: read from the issuer's name, `place_of`). `ReportInfo.of(conference, …)`
    fills them from the conference's letterhead."""

    issuer: str
    conference_name: str
    held_on: date
    as_of: datetime
    closed: bool
    upper_body: str | None = None
    venue: str | None = None
    place: str | None = None

    @classmethod
    def of(cls, conference, as_of: datetime, closed: bool) -> ReportInfo:
        """The header of a `Conference`'s report from its letterhead (`letterhead_of`: the host's name, its parent,
        its place)."""
        head = letterhead_of(conference)
        return cls(issuer=head.issuer, conference_name=conference.name, held_on=conference.held_on, as_of=as_of,
                   closed=closed, upper_body=head.upper_body or None, venue=conference.venue, place=head.place)


def _time(moment: datetime | None) -> str:
    return to_local(moment).strftime("%H:%M") if moment is not None else ""


def _rows(groups):
    index = 0
    for group in groups:
        for person in group.people:
            index += 1
            yield [index, person.name, person.affiliation, vietnamese("badge_kind", person.kind),
                   MARK if person.arrived else "", "" if person.arrived else MARK,
                   _time(person.checked_in_at), person.desk or ""]


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
    """The attendance report of `attendance` (`queries.Attendance`) as a three-sheet `Report`."""
    groups = attendance.groups
    expected, arrived = attendance.expected, attendance.arrived
    local = to_local(info.as_of)
    when = local.strftime("%H:%M ngày %d/%m/%Y")
    where = f", tại {info.venue}" if info.venue else ""
    subtitle = [info.conference_name, f"Ngày {info.held_on:%d/%m/%Y}{where}",
                f"(Đóng bàn đón tiếp lúc {when})" if info.closed
                else f"(Số liệu tính đến {when}; bàn đón tiếp chưa đóng)"]
    columns = [Column("STT", 5, centered=True), Column("Họ và tên", 26), Column("Đơn vị / chức vụ, nơi công tác", 40),
               Column("Loại đại biểu", 18), Column("Có mặt", 8, group="Điểm danh", centered=True),
               Column("Vắng", 8, group="Điểm danh", centered=True), Column("Giờ đến", 9, centered=True),
               Column("Bàn đón tiếp", 14)]
    totals = ["", f"Tổng cộng: {expected} đại biểu", "", "", arrived, expected - arrived, "", ""]
    kinds = kind_totals(groups)
    summary = [f"Có mặt {arrived}/{expected} đại biểu; vắng {expected - arrived}.",
               "; ".join(f"{vietnamese('badge_kind', kind)}: có mặt {n_arrived}/{n}, vắng {n - n_arrived}"
                         for kind, n, n_arrived in kinds) + "."]
    document = OfficialDocument(
        upper_body=info.upper_body, issuer=info.issuer, number=f"Số: {' ' * 8}/BC-BTC",
        place_date=place_date_line(info.place or place_of(info.issuer), local.date()),
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

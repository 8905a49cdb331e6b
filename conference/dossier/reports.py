"""Report builders: pure functions from records to a `Report` (no Flask, no database).

Each download has three sheets: the official document (Nghị định 30/2020/NĐ-CP, Phụ lục I), the plain data
sheet that software reads back (`conference.dossier.plain`) and the summary counts. Delegates are listed in
Vietnamese order by given name (DESIGN.md, "Names and order in lists"); units by their whole name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from conference.conferences.letterhead import Headed, Letterhead
from conference.conferences.rules import place_of
from conference.core.collation import compact_key, compact_name_key, vietnamese_key
from conference.core.numbers import percent
from conference.core.vocabulary import CATEGORY, GENDER, KIND, PRIORITY_GROUP, vietnamese
from conference.core.xlsx import Column, OfficialDocument, Report, Table, place_date_line
from conference.delegates.rules import priority_counts
from conference.dossier import columns as cols
from conference.dossier.plain import (
    DELEGATE_HEADERS,
    DELEGATE_WIDTHS,
    KIND_ALL,
    KIND_QUOTA,
    KIND_UPPER,
    QUOTA_HEADERS,
    QUOTA_WIDTHS,
    SHEET_NAME,
    SUMMARY_SHEET_NAME,
    PlainRows,
    delegate_values,
    quota_values,
)


@dataclass(frozen=True)
class DelegateRecord:
    """One delegate as the exports read it (built from a `Delegate` by `conference.dossier.queries`)."""

    full_name: str
    kind: str = "individual"
    gender: str | None = None
    birth_year: int | None = None
    ethnicity: str | None = None
    position: str | None = None
    unit_name: str | None = None
    category: str = "exemplar"
    direct_worker: bool = False
    party_member: bool = False
    titles: str | None = None
    achievements: str | None = None
    phone: str | None = None
    notes: str | None = None
    presidium_order: int | None = None
    upper_order: int | None = None
    birth_date: date | None = None
    education: str | None = None
    movements: str | None = None
    achievements_summary: str | None = None


@dataclass(frozen=True)
class QuotaRecord:
    """One unit's line in the quota allocation notice."""

    unit_name: str
    block: str | None
    member_count: int
    seats: int


@dataclass(frozen=True)
class DocumentInfo(Headed):
    """What the official layout needs to know about the conference and its issuing body.

    `letterhead`: the issuer, the body above it, the place, the signature block, the words for the level above and
    the issuer's short form in the symbols (`conference.conferences.letterhead.letterhead_of`, which fills its
    defaults). `signed_on` is the document's date; `place` a place typed in the dossier settings (None: the
    letterhead's); `number` the upper-level list's number/symbol without "Số:" (the other documents, and None, leave
    a blank for the clerk to write in); `code`/`upper_code` go into the plain sheet (see `conference.dossier.plain`).
    """

    letterhead: Letterhead
    conference_name: str
    held_on: date
    signed_on: date
    venue: str | None = None
    place: str | None = None
    number: str | None = None
    recipients: list[str] = field(default_factory=list)
    code: str = ""
    upper_code: str | None = None

    @property
    def date_place(self) -> str:
        """The date line's place: the dossier's, else the letterhead's, else read from the issuer's name."""
        return self.place or self.letterhead.place or place_of(self.issuer)


def default_recipients(upper_body: str | None, kind: str) -> list[str]:
    """The usual "Nơi nhận" of each list (seed 003's own list ends with "Lưu VT.")."""
    lines = []
    if kind == KIND_QUOTA:
        lines.append("- Các công đoàn cơ sở (thực hiện);")
    elif upper_body:
        lines.append(f"- {upper_body} (b/c);")
    lines.append("- Lưu VT.")
    return lines


def _document(info: DocumentInfo, kind: str, title: str, subtitle: list[str], columns: list[Column], rows,
              totals, summary: list[str], symbol: str) -> OfficialDocument:
    # The saved number/symbol is the upper-level list's (the document sent up); the others leave it blank.
    saved = (info.number or "").strip() if kind == KIND_UPPER else ""
    head = info.letterhead
    number = saved or f"{' ' * 8}/{symbol}-{head.abbreviation}"
    return OfficialDocument(
        upper_body=info.upper_body,
        issuer=info.issuer,
        number=f"Số: {number}",
        place_date=place_date_line(info.date_place, info.signed_on),
        title=title,
        subtitle_lines=subtitle,
        columns=columns,
        rows=rows,
        totals=totals,
        summary=summary,
        recipients=info.recipients or default_recipients(info.upper_body, kind),
        signature=[head.signature_for, head.signer_title.upper()],
        signer_name=head.signer_name or "",
    )


@dataclass(frozen=True)
class DelegateCounts:
    """The summary counts of a delegate list (the totals row, the summary sheet and the sentence)."""

    total: int
    men: int
    women: int
    minorities: int
    party_members: int
    direct_workers: int
    collectives: int
    exemplars: int
    guests: int
    by_unit: list[tuple[str, int]]


def delegate_counts(records: Sequence) -> DelegateCounts:
    """Count a list: men/women (individuals), ethnic minorities, party members, direct production workers.

    Source: the priority groups of Kế hoạch 65/KH-LĐLĐ, mục II.2.3 ("ưu tiên CNVCLĐ trực tiếp lao động sản
    xuất, lao động nữ, lao động là người dân tộc thiểu số"), counted by `conference.delegates.rules.priority_counts`
    as on every page. `by_unit`: the exemplars per unit, sorted by unit name (vi order); guests belong to no unit
    (their list line shows their position and workplace) and are counted apart (`guests`).
    """
    units = Counter(r.unit_name for r in records if r.category == "exemplar" and r.unit_name)
    priority = priority_counts(records)
    return DelegateCounts(
        total=len(records),
        men=sum(1 for r in records if r.gender == "male"),
        women=priority.women,
        minorities=priority.ethnic_minority,
        party_members=sum(1 for r in records if r.party_member),
        direct_workers=priority.direct_worker,
        collectives=sum(1 for r in records if r.kind == "collective"),
        exemplars=sum(1 for r in records if r.category == "exemplar"),
        guests=sum(1 for r in records if r.category == "guest"),
        by_unit=sorted(units.items(), key=lambda item: vietnamese_key(item[0])),
    )


def _summary_table(counts: DelegateCounts) -> Table:
    lines = [
        ("Tổng số đại biểu", counts.total, ""),
        (GENDER["male"], counts.men, percent(counts.men, counts.total)),
        (GENDER["female"], counts.women, percent(counts.women, counts.total)),
        (KIND["collective"], counts.collectives, percent(counts.collectives, counts.total)),
        (PRIORITY_GROUP["ethnic_minority"], counts.minorities, percent(counts.minorities, counts.total)),
        ("Đảng viên", counts.party_members, percent(counts.party_members, counts.total)),
        (PRIORITY_GROUP["direct_worker"], counts.direct_workers, percent(counts.direct_workers, counts.total)),
        (CATEGORY["exemplar"], counts.exemplars, percent(counts.exemplars, counts.total)),
        (CATEGORY["guest"], counts.guests, percent(counts.guests, counts.total)),
    ]
    lines += [(f"Đơn vị: {unit}", n, percent(n, counts.total)) for unit, n in counts.by_unit if unit]
    return Table(SUMMARY_SHEET_NAME, ["Chỉ tiêu", "Số lượng", "Tỷ lệ"], lines, widths=[50, 12, 10])


def summary_sentence(counts: DelegateCounts) -> str:
    """The sentence under the table, e.g. "Tổng số: 20 đại biểu (nam 8, nữ 12; ...)"."""
    minorities = vietnamese("priority_group", "ethnic_minority")
    return (
        f"Tổng số: {counts.total} đại biểu (nam {counts.men}, nữ {counts.women}, tập thể {counts.collectives}); "
        f"{minorities[:1].lower()}{minorities[1:]} {counts.minorities}; đảng viên {counts.party_members}; "
        f"{vietnamese('priority_group', 'direct_worker')} {counts.direct_workers}."
    )


class _PrintedRows:
    """The official sheet's rows, made on the fly (re-iterable)."""

    def __init__(self, records: Sequence, keys: list[str]):
        self._records, self._keys = records, keys

    def __iter__(self):
        for index, record in enumerate(self._records, start=1):
            yield cols.row_for(index, record, self._keys)


def list_order(records: Sequence, kind: str) -> list:
    """The order of a delegate list: the upper-level list in the organizer's order (`upper_order`); any other list
    the individuals by given name (Vietnamese order, `compact_name_key`), then the collectives by their whole
    name (a collective's name has no given name: "Tập thể Tổ sản xuất số 1" is not sorted by "1")."""
    if kind == KIND_UPPER:
        return sorted(records, key=lambda r: (r.upper_order is None, r.upper_order or 0))
    individuals = [r for r in records if r.kind != "collective"]
    collectives = [r for r in records if r.kind == "collective"]
    return (sorted(individuals, key=lambda r: compact_name_key(r.full_name))
            + sorted(collectives, key=lambda r: compact_key(vietnamese_key(r.full_name))))


def delegate_list_report(info: DocumentInfo, records: Sequence, keys: list[str], kind: str = KIND_ALL) -> Report:
    """The delegate summary list (danh sách trích ngang đại biểu) as a three-sheet report.

    Args:
        info: the issuing body, dates and signer (`DocumentInfo`).
        records: `DelegateRecord`-like objects, in any order (put in the list's order here: `list_order`).
        keys: the organizer's columns (`conference.dossier.columns`), already validated.
        kind: KIND_ALL (every delegate of the conference) or KIND_UPPER (those chosen for the upper level).

    Returns:
        A `Report`: the official list with a totals row (men/women, ethnic minorities, party members,
        direct production workers) and signature block; the plain sheet "Dữ liệu" with every field and the
        fingerprint; the summary counts "Tổng hợp".

    Raises:
        ValueError: an unknown kind.
    """
    if kind not in (KIND_ALL, KIND_UPPER):
        raise ValueError(f"unknown delegate list kind {kind!r}")
    ordered = list_order(records, kind)
    counts = delegate_counts(ordered)
    if kind == KIND_UPPER:
        title = f"Danh sách trích ngang đại biểu dự Hội nghị {info.letterhead.upper_level}"
        subtitle = [f"(Được thông qua tại {info.conference_name}, ngày {info.held_on:%d/%m/%Y})"]
    else:
        title = "Danh sách trích ngang đại biểu dự Hội nghị"
        where = f", tại {info.venue}" if info.venue else ""
        subtitle = [info.conference_name, f"Ngày {info.held_on:%d/%m/%Y}{where}"]
    document = _document(info, kind, title, subtitle, cols.columns_for(keys), _PrintedRows(ordered, keys),
                         cols.totals_for(ordered, keys), [summary_sentence(counts)], "DS")
    plain = PlainRows(ordered, delegate_values, DELEGATE_HEADERS, kind=kind, issuer=info.issuer, code=info.code,
                      upper_code=info.upper_code)
    data = Table(SHEET_NAME, plain.headers, plain, widths=DELEGATE_WIDTHS)
    return Report(document=document, tables=[data, _summary_table(counts)])


def quota_report(info: DocumentInfo, records: Sequence[QuotaRecord], cap: int, exemplar_seats: int,
                 guest_seats: int) -> Report:
    """The quota allocation notice (thông báo phân bổ số lượng đại biểu) as a three-sheet report.

    Args:
        records: one `QuotaRecord` per unit (units without a quota row count 0 seats).
        cap, exemplar_seats, guest_seats: the conference's seats (Kế hoạch 65/KH-LĐLĐ, mục II.2.3).

    Returns:
        A `Report`: units in Vietnamese order of their names with member counts and seats, a totals row;
        the plain sheet; the summary (units, members, seats allocated, exemplar and guest seats, cap).
    """
    ordered = sorted(records, key=lambda r: compact_key(vietnamese_key(r.unit_name)))
    members = sum(r.member_count for r in ordered)
    allocated = sum(r.seats for r in ordered)
    columns = [Column("STT", 5, centered=True), Column("Công đoàn cơ sở", 48), Column("Khối", 26),
               Column("Số đoàn viên", 12, centered=True), Column("Số lượng phân bổ", 12, centered=True)]
    rows = [quota_values(i, r) for i, r in enumerate(ordered, start=1)]
    totals = ["", f"Tổng cộng: {len(ordered)} đơn vị", "", members, allocated]
    summary = [
        (f"Tổng số đại biểu tối đa: {cap}, trong đó đại biểu điển hình tiên tiến {exemplar_seats} "
        f"(đã phân bổ {allocated}), đại biểu khách mời {guest_seats}.")
    ]
    title = "Thông báo phân bổ số lượng đại biểu điển hình tiên tiến"
    document = _document(info, KIND_QUOTA, title, [info.conference_name], columns, rows, totals, summary, "TB")
    plain = PlainRows(ordered, quota_values, QUOTA_HEADERS, kind=KIND_QUOTA, issuer=info.issuer, code=info.code,
                      upper_code=info.upper_code)
    data = Table(SHEET_NAME, plain.headers, plain, widths=QUOTA_WIDTHS)
    counts = Table(SUMMARY_SHEET_NAME, ["Chỉ tiêu", "Số lượng"], [
        ("Số đơn vị", len(ordered)), ("Tổng số đoàn viên", members), ("Số lượng đã phân bổ", allocated),
        ("Số chỗ điển hình tiên tiến", exemplar_seats), ("Số chỗ khách mời", guest_seats),
        ("Số đại biểu tối đa", cap),
    ], widths=[40, 12])
    return Report(document=document, tables=[data, counts])

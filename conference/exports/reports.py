"""Report builders: pure functions from delegates to a `Sheet` (no Flask, no database)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from conference.exports.collation import name_sort_key
from conference.exports.xlsx import Sheet

CATEGORY_NAMES = {"exemplar": "Điển hình tiên tiến", "guest": "Khách mời"}
LEVEL_NAMES = {"district": "huyện", "province": "tỉnh", "national": "toàn quốc"}

DELEGATE_HEADERS = [
    "STT", "Họ và tên", "Nam", "Nữ", "Dân tộc", "Chức vụ, nơi công tác", "Đơn vị",
    "Loại đại biểu", "Danh hiệu thi đua, hình thức khen thưởng", "Thành tích tiêu biểu", "Ghi chú",
]
DELEGATE_WIDTHS = [5, 24, 7, 7, 9, 30, 26, 14, 30, 40, 14]


def delegate_summary_sheet(conference, host_name: str, upper_body: str | None,
                           delegates: Iterable) -> Sheet:
    """Build the delegate summary list (danh sách trích ngang đại biểu) of a conference.

    Args:
        conference: has `name`, `held_on` (date), `venue`.
        host_name: the organizer's name (issuing body), e.g. "LĐLĐ huyện Vĩnh Thuận".
        upper_body: the body above it, printed above the organizer (may be None).
        delegates: objects with full_name, gender ('male'/'female'/None), birth_year, ethnicity,
            position, affiliation, category, titles, achievements, notes, presidium_order.

    Returns:
        A `Sheet` with one row per delegate, sorted by given name in Vietnamese order
        (DESIGN.md, "Names and order in lists"); the year of birth goes in the Nam or Nữ column
        (the layout of Kế hoạch 65/KH-LĐLĐ, mục III.1, "danh sách trích ngang").
    """
    ordered = sorted(delegates, key=lambda d: name_sort_key(d.full_name))
    rows = []
    for index, d in enumerate(ordered, start=1):
        notes = [d.notes] if d.notes else []
        if d.presidium_order:
            notes.insert(0, "Đoàn Chủ tịch")
        rows.append([
            index,
            d.full_name,
            d.birth_year if d.gender == "male" else "",
            d.birth_year if d.gender == "female" else "",
            d.ethnicity or "",
            d.position or "",
            d.affiliation,
            CATEGORY_NAMES[d.category],
            d.titles or "",
            d.achievements or "",
            "; ".join(notes),
        ])
    held_on: date = conference.held_on
    title_lines = [
        "DANH SÁCH TRÍCH NGANG ĐẠI BIỂU",
        conference.name,
        f"Ngày {held_on:%d/%m/%Y}" + (f", tại {conference.venue}" if conference.venue else ""),
    ]
    issuer = [upper_body.upper()] if upper_body else []
    issuer.append(host_name.upper())
    return Sheet(
        title_lines=title_lines,
        headers=DELEGATE_HEADERS,
        rows=rows,
        widths=DELEGATE_WIDTHS,
        group_headers=[("Năm sinh", 2, 3)],
        issuer_lines=issuer,
    )

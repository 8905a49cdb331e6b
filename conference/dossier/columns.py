"""The fields an organizer can choose as columns of a delegate list (pure, no Flask, no database).

Each field has a key (saved per conference), the header(s) printed in the official list and how to read its
value from a delegate record (any object with the attributes of `DelegateRecord`). "STT" is always first
and is not a choice. The default set is the danh sách trích ngang of Kế hoạch 65/KH-LĐLĐ, mục III.1: a row
a delegate, so it prints the summary of achievements (key "achievements"); the full text is a choice
("achievements_full") and always in the plain data sheet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from conference.core import vocabulary
from conference.core.errors import N_, Message, RuleViolation
from conference.core.xlsx import Column
from conference.delegates.rules import in_priority_group, is_presidium_member
from conference.nominations.rules import first_sentences

#: The printed words of the coded fields (written once, in `conference.core.vocabulary`).
CATEGORY_NAMES = vocabulary.CATEGORY
KIND_NAMES = vocabulary.KIND
GENDER_NAMES = vocabulary.GENDER
MARK = "x"
#: How a birth date is written in the lists (text: it reads back the same in every spreadsheet).
DATE_FORMAT = "%d/%m/%Y"


def notes_of(record) -> str:
    """The Ghi chú cell: "Đoàn Chủ tịch" for presidium members, then the delegate's own notes."""
    notes = [record.notes] if record.notes else []
    if is_presidium_member(record.presidium_order):
        notes.insert(0, vocabulary.vietnamese("badge_kind", "presidium"))
    return "; ".join(notes)


def summary_of(record) -> str:
    """The achievements as the official list prints them: the summary (tóm tắt thành tích), else the first
    sentences of the full text (`conference.nominations.rules.first_sentences`, for a row stored without one)."""
    return record.achievements_summary or first_sentences(record.achievements) or ""


def _priority_mark(group: str):
    """The cell of a priority group's column: the mark when the delegate belongs to it (individuals only:
    `conference.delegates.rules.priority_groups`), so the column's total counts its marks."""
    return lambda r: (MARK if in_priority_group(r, group) else "",)


def _priority_total(group: str):
    return lambda rs: (_count(rs, lambda r: in_priority_group(r, group)),)


@dataclass(frozen=True)
class Field:
    """A choosable field: its key, the label on the settings page (a `Message`: `{{ label|translated }}`), its
    printed columns (Vietnamese: the official list) and values.

    `values(record)` returns one value per column; `totals(records)` one total per column (None = no total).
    """

    key: str
    label: str
    columns: tuple[Column, ...]
    values: Callable[[object], tuple]
    totals: Callable[[list], tuple] | None = None


def _count(records: list, test) -> int:
    return sum(1 for r in records if test(r))


FIELDS: tuple[Field, ...] = (
    Field("name", Message(N_("Họ và tên")), (Column("Họ và tên", 21),), lambda r: (r.full_name,)),
    Field("birth_year_by_gender", Message(N_("Năm sinh (cột Nam / Nữ)")),
          (Column("Nam", 6, group="Năm sinh", centered=True), Column("Nữ", 6, group="Năm sinh", centered=True)),
          lambda r: (r.birth_year if r.gender == "male" else None, r.birth_year if r.gender == "female" else None),
          # what the two columns show: a person whose year of birth is not known (a guest, often) has an empty
          # cell, and is counted in the summary sentence's men and women only
          lambda rs: (_count(rs, lambda r: r.gender == "male" and r.birth_year is not None),
                      _count(rs, lambda r: r.gender == "female" and r.birth_year is not None))),
    Field("gender", Message(N_("Giới tính")), (Column("Giới tính", 8, centered=True),), lambda r: (GENDER_NAMES.get(r.gender, ""),)),
    Field("birth_year", Message(N_("Năm sinh")), (Column("Năm sinh", 8, centered=True),), lambda r: (r.birth_year,)),
    Field("birth_date", Message(N_("Ngày sinh")), (Column("Ngày sinh", 11, centered=True),),
          lambda r: (r.birth_date.strftime(DATE_FORMAT) if r.birth_date else "",)),
    Field("education", Message(N_("Trình độ chuyên môn")), (Column("Trình độ chuyên môn", 12),),
          lambda r: (r.education or "",)),
    Field("kind", Message(N_("Cá nhân / tập thể")), (Column("Cá nhân / tập thể", 10),), lambda r: (vocabulary.vietnamese("kind", r.kind),),
          lambda rs: (f"TT: {_count(rs, lambda r: r.kind == 'collective')}",)),
    Field("ethnicity", Message(N_("Dân tộc")), (Column("Dân tộc", 7, centered=True),), lambda r: (r.ethnicity or "",),
          lambda rs: (f"DTTS: {_count(rs, lambda r: in_priority_group(r, 'ethnic_minority'))}",)),
    Field("position", Message(N_("Chức vụ, nơi công tác")), (Column("Chức vụ, nơi công tác", 22),), lambda r: (r.position or "",)),
    Field("unit", Message(N_("Đơn vị")), (Column("Đơn vị", 20),), lambda r: (r.unit_name or "",)),
    Field("category", Message(N_("Loại đại biểu")), (Column("Loại đại biểu", 13),),
          lambda r: (CATEGORY_NAMES.get(r.category, ""),)),
    Field("party_member", Message(N_("Đảng viên")), (Column("Đảng viên", 7, centered=True),), lambda r: (MARK if r.party_member else "",),
          lambda rs: (_count(rs, lambda r: r.party_member),)),
    Field("direct_worker", vocabulary.vietnamese("priority_group", "direct_worker"), (Column("Trực tiếp sản xuất", 9, centered=True),),
          _priority_mark("direct_worker"), _priority_total("direct_worker")),
    Field("titles", Message(N_("Danh hiệu thi đua, hình thức khen thưởng")),
          (Column("Danh hiệu thi đua, hình thức khen thưởng", 22),), lambda r: (r.titles or "",)),
    Field("movements", Message(N_("Phong trào thi đua")), (Column("Phong trào thi đua", 20),),
          lambda r: (r.movements or "",)),
    Field("achievements", Message(N_("Tóm tắt thành tích")), (Column("Tóm tắt thành tích tiêu biểu", 32),),
          lambda r: (summary_of(r),)),
    Field("achievements_full", Message(N_("Thành tích tiêu biểu (đầy đủ)")),
          (Column("Thành tích tiêu biểu", 40),), lambda r: (r.achievements or "",)),
    Field("phone", Message(N_("Số điện thoại")), (Column("Số điện thoại", 13),), lambda r: (r.phone or "",)),
    Field("upper_order", Message(N_("Thứ tự dự hội nghị cấp trên")), (Column("Thứ tự cấp trên", 8, centered=True),),
          lambda r: (r.upper_order,)),
    Field("notes", Message(N_("Ghi chú")), (Column("Ghi chú", 11),), lambda r: (notes_of(r),)),
)
FIELDS_BY_KEY = {f.key: f for f in FIELDS}
DEFAULT_KEYS = ("name", "birth_year_by_gender", "ethnicity", "position", "unit", "party_member", "direct_worker",
                "titles", "achievements", "notes")


def parse_keys(saved: str | None) -> list[str]:
    """The saved column choice ("name,unit,...") as a list of known keys, in order; the default when empty.

    Unknown keys (a field removed in a later version) are dropped; repeated keys are kept once.
    """
    keys: list[str] = []
    for key in (saved or "").split(","):
        key = key.strip()
        if key in FIELDS_BY_KEY and key not in keys:
            keys.append(key)
    return keys or list(DEFAULT_KEYS)


def validate_keys(keys: Iterable[str]) -> list[str]:
    """Check an organizer's choice of columns. Returns the keys in order.

    Raises:
        RuleViolation (a ValueError): no column chosen, an unknown key, a key twice, or "name" missing (a
            list without names cannot be read).
    """
    keys = list(keys)
    unknown = [k for k in keys if k not in FIELDS_BY_KEY]
    if unknown:
        raise RuleViolation(N_("Cột không có trong danh sách: %(keys)s."), keys=", ".join(unknown))
    if len(set(keys)) != len(keys):
        raise RuleViolation(N_("Một cột được chọn hai lần."))
    if "name" not in keys:
        raise RuleViolation(N_("Danh sách phải có cột Họ và tên."))
    return keys


def columns_for(keys: list[str]) -> list[Column]:
    """STT, then the columns of the chosen fields in order."""
    columns = [Column("STT", 4.5, centered=True)]
    for key in keys:
        columns.extend(FIELDS_BY_KEY[key].columns)
    return columns


def row_for(index: int, record, keys: list[str]) -> list:
    """One printed row: STT, then the chosen fields' values."""
    row: list = [index]
    for key in keys:
        row.extend(FIELDS_BY_KEY[key].values(record))
    return row


def totals_for(records: list, keys: list[str]) -> list:
    """The totals row: "Tổng cộng" under the name, counts under the fields that have one, blank elsewhere."""
    row: list = [""]
    for key in keys:
        field = FIELDS_BY_KEY[key]
        if key == "name":
            row.append(f"Tổng cộng: {len(records)}")
        elif field.totals is not None:
            row.extend(field.totals(records))
        else:
            row.extend([""] * len(field.columns))
    return row

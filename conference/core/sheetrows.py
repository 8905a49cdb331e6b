"""Checking the rows of an uploaded template, cell by cell: what every template import shares (no Flask, no
database).

The nomination template (`conference.nominations.importing`) and the guest list (`conference.delegates.
guest_import`) read their files with `conference.core.spreadsheet.read_table`, check the header row with
`check_header`, then each cell with the functions below, which append the same messages (`Message`, marked
`N_`) to a row's problems: a person's name, gender and year of birth, yes/no columns, text lengths. A checked
row is a `RowResult`, kept as JSON between the preview and the import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from conference.core.errors import N_, Message, RuleViolation
from conference.core.spreadsheet import ImportFileError, Table
from conference.core.text import clean_text, fold, whole_number
from conference.core.vocabulary import code_for

YES, NO = "Có", "Không"
#: What a yes/no cell may hold (folded: `conference.core.text.fold`); "x" is the mark of the exported lists.
YES_NO_VALUES = {"có": True, "không": False, "x": True}
#: Joins the items of a list cell ("Lao động giỏi; Lao động sáng tạo").
SEPARATOR = "; "
#: Longest name of a person or a collective (the forms' and the models' limit).
NAME_MAX = 200


@dataclass(frozen=True)
class Column:
    """A column of a template: its key in the row's data, its header (as printed, matched ignoring case), its
    width in characters and the note shown on its header cell."""

    key: str
    header: str
    width: int
    note: str


@dataclass
class RowResult:
    """One data row: its sheet `line`, the values as the service takes them, the unit (None where the template
    has none, e.g. guests), and its problems."""

    line: int
    data: dict
    unit_id: int | None
    unit_name: str | None
    problems: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict:
        data = dict(self.data)
        if isinstance(data.get("birth_date"), date):
            data["birth_date"] = data["birth_date"].isoformat()
        return {"line": self.line, "data": data, "unit_id": self.unit_id, "unit_name": self.unit_name,
                "problems": [Message.from_json(p).as_json() for p in self.problems]}

    @classmethod
    def from_json(cls, value: dict) -> RowResult:
        data = dict(value["data"])
        if data.get("birth_date"):
            data["birth_date"] = date.fromisoformat(data["birth_date"])
        return cls(value["line"], data, value["unit_id"], value["unit_name"],
                   [Message.from_json(p) for p in value["problems"]])


def header_key(value) -> str:
    """A header cell as compared with the template's header: cleaned (`clean_text`) and case-folded."""
    return (clean_text(str(value)) or "").casefold() if value is not None else ""


def check_header(table: Table, headers: tuple[str, ...]) -> None:
    """The first row must be the template's `headers`, in order, and at least one row must follow.

    Raises:
        ImportFileError: no rows, or a header differs (named) — e.g. a file that is not our template.
    """
    if not table.rows:
        raise ImportFileError(N_("Tệp không có dữ liệu."))
    header = [header_key(v) for v in table.rows[0]] + [""] * len(headers)
    for position, expected in enumerate(headers):
        if header[position] != expected.casefold():
            raise ImportFileError(
                N_("Tệp không đúng mẫu: cột %(column)s phải là “%(header)s”. Hãy tải tệp mẫu và điền vào đó."),
                column=position + 1, header=expected,
            )
    if len(table.rows) == 1:
        raise ImportFileError(N_("Tệp mẫu chưa có dòng hồ sơ nào."))


def text_cell(value) -> str | None:
    """A cell as cleaned text (NFC, trimmed, LF line breaks; None when empty); a whole number without ".0", a
    date as dd/mm/yyyy."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        value = value.strftime("%d/%m/%Y")
    return clean_text(str(value))


def list_cell(value) -> list[str]:
    """A cell holding several items separated by ";", as the cleaned items (empty ones dropped)."""
    return [clean_text(p) for p in str(value).split(";") if clean_text(p)] if value not in (None, "") else []


def yes_no(text: str | None) -> bool | None:
    """A yes/no cell as True or False, ignoring case, spacing and Unicode form; None when it is neither."""
    return YES_NO_VALUES.get(fold(text))


def parse_birth(value) -> tuple[date | None, int | None, Message | None]:
    """A cell as (date of birth, year, problem). Accepts a date cell, a year (number or text) or dd/mm/yyyy."""
    if value is None or value == "":
        return None, None, None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value, value.year, None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return None, value, None
    text = clean_text(str(value)) or ""
    if len(text) == 4 and (year := whole_number(text)) is not None and year > 0:
        return None, year, None
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            parsed = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return parsed, parsed.year, None
    return None, None, Message(
        N_("Ngày/năm sinh “%(value)s” không hợp lệ (ghi năm, ví dụ 1985, hoặc ngày dd/mm/yyyy)."), value=text)


def name_cell(value, problems: list[Message]) -> str | None:
    """The "Họ và tên" cell: required, at most `NAME_MAX` characters (a problem appended otherwise)."""
    full_name = text_cell(value)
    if not full_name:
        problems.append(Message(N_("Thiếu họ và tên.")))
    elif len(full_name) > NAME_MAX:
        problems.append(Message(N_("Họ và tên quá dài (tối đa %(limit)s ký tự)."), limit=NAME_MAX))
    return full_name


def gender_cell(value, problems: list[Message]) -> tuple[str | None, str | None]:
    """The "Giới tính" cell as (code 'male'/'female' or None, the text typed); a word other than Nam/Nữ is a
    problem. Whether an empty cell is one is the caller's rule (required for individuals only)."""
    text = text_cell(value)
    gender = code_for("gender", text) if text else None
    if text and gender is None:
        problems.append(Message(N_("Giới tính “%(value)s” không hợp lệ (Nam hoặc Nữ)."), value=text))
    return gender, text


def birth_cell(value, problems: list[Message], *, first: int,
               last: int) -> tuple[date | None, int | None, bool]:
    """The birth cell as (date, year, unreadable): `parse_birth`, then the year within `first`..`last`
    (`conference.delegates.rules.BIRTH_YEAR_MIN`/`MAX`); each problem appended. `unreadable` is True when the
    cell held something that is no date or year (so "Thiếu năm sinh" is not said as well)."""
    birth_date, birth_year, problem = parse_birth(value)
    if problem:
        problems.append(problem)
    elif birth_year is not None and not first <= birth_year <= last:
        problems.append(Message(N_("Năm sinh %(year)s ngoài khoảng %(first)s–%(last)s."),
                                year=birth_year, first=first, last=last))
    return birth_date, birth_year, problem is not None


def flag_cell(value, label: str, problems: list[Message]) -> bool:
    """A yes/no column ("Có"/"Không", empty = no) as a bool; anything else is a problem (naming `label`) and
    reads as no."""
    text = text_cell(value)
    flag = yes_no(text) if text else False
    if flag is None:
        problems.append(Message(N_("Cột “%(column)s” chỉ ghi Có hoặc Không (đang là “%(value)s”)."),
                                column=label, value=text))
        return False
    return flag


def check_lengths(items: tuple[tuple[str | None, int, str], ...], problems: list[Message]) -> None:
    """Append a problem for each (value, limit, column label) whose value is longer than its limit."""
    for value, limit, label in items:
        if value and len(value) > limit:
            problems.append(Message(N_("%(column)s quá dài (tối đa %(limit)s ký tự)."), column=label, limit=limit))


def ensure_all_rows_ok(rows: list[RowResult]) -> None:
    """An import is all rows or none: refuse one with a row that has a problem (how many, and the first one's line
    and problem), or with no row at all.

    Raises:
        RuleViolation: a row has a problem, or there is no row. Nothing is imported then.
    """
    bad = [r for r in rows if r.problems]
    if bad:
        raise RuleViolation(
            N_("Có %(n)s dòng chưa hợp lệ (ví dụ dòng %(line)s: %(problem)s). Chưa nhập hồ sơ nào."),
            n=len(bad), line=bad[0].line, problem=bad[0].problems[0],
        )
    if not rows:
        raise RuleViolation(N_("Tệp không có dòng hồ sơ nào."))

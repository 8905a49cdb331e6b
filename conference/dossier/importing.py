"""One level up: importing a lower level's exported delegate list (its plain sheet "Dữ liệu").

The province (a conference of level "province", whose units are the districts) receives each district's
file and imports it: every row becomes a nomination of that district, in one transaction, after a
row-by-row preview with errors. Refused as a whole (nothing written) when: it is not such a file; it was
edited after export (its fingerprint no longer matches); it is not an upper-level list; it names another
upper conference; its sender is not a unit of this conference (known by its conference's code, not its name:
`sender_of`); it was imported already; a row has an error; or it holds more rows than the district's quota
has left. A file of the previous format version (without the summary of achievements) still imports: its rows
get the first sentences of their achievements as their summary.

`read_file` and `validate_row` are plain functions (no Flask, no database); `preview_import` and
`import_file` read and write the database. The checks against the database (a person the district already
proposed, rows past its quota) and the row type are the Excel template importer's
(`conference.nominations.imports.check_rows`, `conference.nominations.importing.RowResult`), so both
imports report row problems alike; its file reader (`nominations.spreadsheet.read_table`) refuses any
workbook with merged cells, and the official sheet of our exports has them, so the file is read here with
the same cautions (`core.spreadsheet.check_archive` and `sheet_rows`: size, zip bomb, XML entities, formulas,
unreadable cells, control characters) on the plain sheet only. Each imported nomination is written
to the audit log.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from conference.audit.services import record
from conference.conferences.models import Conference, Quota
from conference.core.errors import N_, Message, RuleViolation
from conference.core.spreadsheet import UnreadableWorkbook, check_archive, open_workbook, sheet_rows
from conference.core.text import whole_number
from conference.core.vocabulary import code_for
from conference.db import lock
from conference.delegates.rules import BIRTH_YEAR_MAX, BIRTH_YEAR_MIN
from conference.dossier.columns import DATE_FORMAT
from conference.dossier.models import Dossier, ImportedFile, LowerConference
from conference.dossier.plain import (
    DELEGATE_HEADERS_BY_VERSION,
    KIND_UPPER,
    META_HEADERS,
    SHEET_NAME,
    fingerprint,
)
from conference.dossier.rules import conference_code
from conference.extensions import db
from conference.nominations.importing import RowResult, yes_no
from conference.nominations.imports import check_rows
from conference.nominations.models import ACHIEVEMENTS_SUMMARY_MAX, EDUCATION_LEVELS, Nomination
from conference.nominations.rules import first_sentences, person_key
from conference.organizations.models import Organization

MAX_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED = 40 * 1024 * 1024
MAX_ROWS = 10_000
#: The sheet's headers in each format version it may carry (`plain.DELEGATE_HEADERS_BY_VERSION`).
HEADERS_BY_VERSION = {version: (*headers, *META_HEADERS) for version, headers in DELEGATE_HEADERS_BY_VERSION.items()}
_WIDEST = max(len(headers) for headers in HEADERS_BY_VERSION.values())
#: Field limits of a nomination (conference/nominations/forms.py and models).
_LIMITS = {"full_name": 200, "ethnicity": 60, "position": 300, "titles": 1000, "achievements": 2000,
           "achievements_summary": ACHIEVEMENTS_SUMMARY_MAX, "phone": 30, "movements": 1000, "notes": 1000}


class ImportRefused(RuleViolation):
    """The file as a whole is refused (a `RuleViolation`: message id and params). Nothing is written."""


@dataclass
class ParsedFile:
    """The plain sheet of an exported file: its meta data and its rows (dicts keyed by header)."""

    kind: str
    issuer: str
    source_code: str
    upper_code: str
    fingerprint: str
    rows: list[dict]
    version: str = ""


@dataclass
class Preview:
    """What an import would do: the district, the rows (`RowResult`, with `problems`), file-level errors."""

    parsed: ParsedFile | None
    unit_id: int | None = None
    unit_name: str | None = None
    rows: list[RowResult] = field(default_factory=list)
    errors: list[Message] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and all(not r.problems for r in self.rows)

    @property
    def error_count(self) -> int:
        return len(self.errors) + sum(len(r.problems) for r in self.rows)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value)).strip()


def read_file(content: bytes) -> ParsedFile:
    """Read the plain sheet "Dữ liệu" of an exported xlsx and check that it is whole.

    Returns:
        A `ParsedFile`; each row is a dict of the sheet's headers to cell values (as openpyxl reads them).

    Raises:
        ImportRefused: not an xlsx; too large; no "Dữ liệu" sheet or other headers; a formula; no rows;
            rows from different files; cells that no longer match the file's fingerprint (edited).
    """
    if not content:
        raise ImportRefused(N_("Tệp trống."))
    if len(content) > MAX_BYTES:
        raise ImportRefused(N_("Tệp quá lớn (tối đa %(mb)s MB)."), mb=MAX_BYTES // (1024 * 1024))
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise ImportRefused(N_("Tệp không phải tệp Excel (.xlsx)."))
    check_archive(content, max_uncompressed=MAX_UNCOMPRESSED, allow_merged=True)  # the official sheet merges
    try:
        book = open_workbook(content)
    except UnreadableWorkbook:
        raise ImportRefused(N_("Tệp Excel bị hỏng, không đọc được.")) from None
    try:
        if SHEET_NAME not in book.sheetnames:
            raise ImportRefused(
                N_("Tệp không có trang “%(sheet)s”: đây không phải tệp danh sách xuất từ phần mềm này."),
                sheet=SHEET_NAME,
            )
        sheet = book[SHEET_NAME]
        rows = []
        version, headers = "", ()
        for line, values in sheet_rows(sheet, _WIDEST + 5):  # formulas, unreadable cells, controls refused
            if line == 1:
                found = tuple(_text(v) for v in values if v is not None)
                version = next((v for v, expected in HEADERS_BY_VERSION.items() if expected == found), "")
                if not version:
                    raise ImportRefused(
                        N_("Trang “%(sheet)s” không đúng mẫu (các cột đã bị đổi): hãy dùng đúng tệp đã xuất."),
                        sheet=SHEET_NAME,
                    )
                headers = HEADERS_BY_VERSION[version]
                continue
            if any(v not in (None, "") for v in values):
                if len(rows) >= MAX_ROWS:
                    raise ImportRefused(N_("Tệp có quá nhiều dòng (tối đa %(rows)s)."), rows=MAX_ROWS)
                values = (values + [None] * len(headers))[: len(headers)]
                rows.append(dict(zip(headers, values)))
    finally:
        book.close()
    if not rows:
        raise ImportRefused(N_("Tệp không có dòng dữ liệu nào."))
    meta = {tuple(_text(r[h]) for h in META_HEADERS) for r in rows}
    if len(meta) != 1:
        raise ImportRefused(N_("Các dòng của tệp thuộc nhiều tệp khác nhau (mã hội nghị hoặc mã tệp khác nhau)."))
    kind, issuer, source_code, upper_code, stated = next(iter(meta))
    actual = fingerprint(headers[:-1], ([r[h] for h in headers[:-1]] for r in rows), version)
    if actual != stated:
        raise ImportRefused(
            N_("Tệp đã bị sửa sau khi xuất (mã tệp không khớp nội dung). Đề nghị đơn vị gửi lại tệp gốc.")
        )
    return ParsedFile(kind=kind, issuer=issuer, source_code=source_code, upper_code=upper_code,
                      fingerprint=stated, rows=rows, version=version)


def _date(value) -> date | None:
    """A birth date cell: the text "dd/mm/yyyy" the export writes (`columns.DATE_FORMAT`), or a date a spreadsheet
    made of it; None when empty or not a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.strptime(_text(value), DATE_FORMAT).date()
    except ValueError:
        return None


def validate_row(row: dict) -> tuple[dict, list[Message]]:
    """The nomination fields of one row and its errors (`Message`s), with the nomination form's rules.

    Rules (conference/nominations/forms.py): a name; an individual has a gender and a year of birth within
    `BIRTH_YEAR_MIN`..`BIRTH_YEAR_MAX`; the achievements are not empty; text lengths within the model's limits.
    Kind, gender and the yes/no columns are read as the Excel template's import reads them; a birth date is
    "dd/mm/yyyy" and agrees with the year of birth; an education level is one of `EDUCATION_LEVELS`; a
    collective keeps no birth date or education level.
    The position becomes "position, unit" so the upper level keeps the grassroots unit's name.
    """
    errors: list[Message] = []
    kind = code_for("kind", _text(row["Cá nhân/Tập thể"]))
    if kind is None:
        errors.append(Message(N_("Cột “Cá nhân/Tập thể” phải là “Cá nhân” hoặc “Tập thể”.")))
        kind = "individual"
    gender_text = _text(row["Giới tính"])
    gender = code_for("gender", gender_text)
    if gender_text and gender is None:
        errors.append(Message(N_("Giới tính phải là “Nam” hoặc “Nữ”.")))
    year_text = _text(row["Năm sinh"])
    year = whole_number(year_text, max_digits=4)
    if year_text and (year is None or not BIRTH_YEAR_MIN <= year <= BIRTH_YEAR_MAX):
        errors.append(Message(N_("Năm sinh phải là số từ %(first)s đến %(last)s."),
                              first=BIRTH_YEAR_MIN, last=BIRTH_YEAR_MAX))
        year = None
    if kind == "individual":
        if gender is None and not gender_text:
            errors.append(Message(N_("Thiếu giới tính.")))
        if not year_text:
            errors.append(Message(N_("Thiếu năm sinh.")))
    birth_date = _date(row.get("Ngày sinh"))
    if _text(row.get("Ngày sinh")) and birth_date is None:
        errors.append(Message(N_("Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 05/04/1985.")))
    elif birth_date is not None and year is not None and birth_date.year != year:
        errors.append(Message(N_("Ngày sinh (%(date)s) không khớp năm sinh (%(year)s)."),
                              date=birth_date.strftime(DATE_FORMAT), year=year))
    education = _text(row.get("Trình độ chuyên môn")) or None
    if education is not None and education not in EDUCATION_LEVELS:
        errors.append(Message(N_("Trình độ chuyên môn “%(value)s” không có trong danh sách."), value=education))
    position, unit = _text(row["Chức vụ, nơi công tác"]), _text(row["Đơn vị"])
    if unit and unit.casefold() not in position.casefold():
        position = f"{position}, {unit}" if position else unit
    data = {
        "kind": kind, "full_name": _text(row["Họ và tên"]), "gender": gender if kind == "individual" else None,
        "birth_year": year if kind == "individual" else None, "ethnicity": _text(row["Dân tộc"]) or None,
        "position": position or None, "direct_worker": bool(yes_no(_text(row["CNVCLĐ trực tiếp sản xuất"]))),
        "party_member": bool(yes_no(_text(row["Đảng viên"]))), "titles": _text(row[
            "Danh hiệu thi đua, hình thức khen thưởng"]) or None,
        "achievements": _text(row["Thành tích tiêu biểu"]) or None,
        "achievements_summary": _text(row.get("Tóm tắt thành tích")) or first_sentences(
            _text(row["Thành tích tiêu biểu"])),
        "phone": _text(row["Số điện thoại"]) or None,
        "birth_date": birth_date if kind == "individual" else None,
        "education": education if kind == "individual" else None,
        "movements": _text(row.get("Phong trào thi đua")) or None, "notes": _text(row.get("Ghi chú")) or None,
    }
    if not data["full_name"]:
        errors.append(Message(N_("Thiếu họ và tên.")))
    if not data["achievements"]:
        errors.append(Message(N_("Thiếu thành tích tiêu biểu.")))
    labels = {"full_name": "Họ và tên", "ethnicity": "Dân tộc", "position": "Chức vụ, nơi công tác",
              "titles": "Danh hiệu thi đua", "achievements": "Thành tích tiêu biểu",
              "achievements_summary": "Tóm tắt thành tích", "phone": "Số điện thoại",
              "movements": "Phong trào thi đua", "notes": "Ghi chú"}
    for key, limit in _LIMITS.items():
        if data[key] and len(data[key]) > limit:
            errors.append(Message(N_("%(column)s dài quá %(limit)s ký tự."), column=labels[key], limit=limit))
    return data, errors


def sender_of(conference: Conference, code: str) -> Organization | None:
    """The unit of `conference` that sent a file, known by the code of its own conference written in the file
    ("Mã hội nghị"), never by its name: a unit renamed since is still recognised, and a body named like a unit
    is not taken for it.

    The code is the one the unit gave the organizer (`LowerConference`), else, when the unit's conference is in
    this database, that conference's code (`Dossier.code`, or `rules.conference_code` before its first save).

    Returns:
        the unit (a child of the conference's host), or None when no unit has that code.
    """
    code = (code or "").strip().upper()
    if not code:
        return None
    units = {u.id: u for u in db.session.execute(
        select(Organization).where(Organization.parent_id == conference.host_id)).scalars()}
    named = db.session.execute(select(LowerConference.unit_id).where(
        LowerConference.conference_id == conference.id, LowerConference.code == code)).scalar_one_or_none()
    if named is not None:
        return units.get(named)
    if not units:
        return None
    secret = current_app.config["SECRET_KEY"]
    for conference_id, host_id, stored in db.session.execute(
            select(Conference.id, Conference.host_id, Dossier.code)
            .outerjoin(Dossier, Dossier.conference_id == Conference.id)
            .where(Conference.host_id.in_(list(units)))):
        if (stored or conference_code(secret, conference_id)) == code:
            return units[host_id]
    return None


def preview_import(conference: Conference, content: bytes, own_code: str) -> Preview:
    """Check a file against this conference without writing anything.

    Args:
        conference: the upper-level conference importing (its units are the lower-level bodies).
        own_code: this conference's code (`Dossier.code`); the file must name it as its upper conference.

    Returns:
        A `Preview`; file-level problems go to `errors`, row problems to each row.
    """
    try:
        parsed = read_file(content)
    except RuleViolation as error:  # ImportRefused, or the spreadsheet reader's ImportFileError
        return Preview(parsed=None, errors=[Message(error.message, **error.params)])
    preview = Preview(parsed=parsed)
    if parsed.kind != KIND_UPPER:
        preview.errors.append(Message(N_(
            "Tệp không phải danh sách đại biểu dự Hội nghị cấp trên (là danh sách khác).")))
    if not parsed.upper_code:
        preview.errors.append(Message(N_(
            "Tệp chưa ghi mã hội nghị cấp trên: đơn vị cần nhập mã hội nghị này rồi xuất lại.")))
    elif parsed.upper_code.upper() != own_code.upper():
        preview.errors.append(Message(
            N_("Tệp được lập cho hội nghị khác (mã %(code)s); mã của hội nghị này là %(own)s."),
            code=parsed.upper_code, own=own_code,
        ))
    unit = sender_of(conference, parsed.source_code)
    if unit is None:
        preview.errors.append(Message(N_(
            "Tệp của hội nghị mã %(code)s (“%(issuer)s”): chưa đơn vị trực thuộc nào của hội nghị này có mã đó. "
            "Ghi mã hội nghị của đơn vị ở mục “Mã hội nghị của cấp dưới” rồi tải tệp lên lại."),
            code=parsed.source_code, issuer=parsed.issuer))
    else:
        preview.unit_id, preview.unit_name = unit.id, unit.name
    done = db.session.execute(
        select(ImportedFile.imported_at).where(ImportedFile.conference_id == conference.id,
                                               ImportedFile.fingerprint == parsed.fingerprint)
    ).scalar_one_or_none()
    if done is not None:
        preview.errors.append(Message(N_("Tệp này đã được nhập ngày %(date)s; không nhập lại lần thứ hai."),
                                      date=f"{done:%d/%m/%Y}"))
    seen = set()
    for line, row in enumerate(parsed.rows, start=2):
        data, errors = validate_row(row)
        person = person_key(data["full_name"], data["birth_year"])
        if person in seen:
            errors.append(Message(N_("Trùng với một dòng phía trên (cùng họ tên và năm sinh).")))
        seen.add(person)
        preview.rows.append(RowResult(line, data, preview.unit_id, preview.unit_name, errors))
    if unit is not None:
        check_rows(conference, preview.rows)  # duplicates of its nominations, rows past its quota
    return preview


def import_file(conference_id: int, content: bytes, filename: str | None, own_code: str,
                user_id: int | None) -> ImportedFile:
    """Import a checked file: one submitted nomination per row for the district, in one transaction.

    The checks of `preview_import` run again inside the lock, so two imports of the same file cannot both
    pass (and the database's unique fingerprint per conference refuses the second).

    Raises:
        ImportRefused: with the first error of the preview; nothing is written.
    """
    lock(db.session, select(Conference.id).where(Conference.id == conference_id))
    # and the units' quota rows, which their own submissions lock (the imported rows take seats)
    lock(db.session, select(Quota.id).where(Quota.conference_id == conference_id).order_by(Quota.id))
    conference = db.session.get(Conference, conference_id)
    preview = preview_import(conference, content, own_code)
    if not preview.ok:
        first = preview.errors[0] if preview.errors else next(
            Message(N_("Dòng %(line)s: %(problem)s"), line=r.line, problem=r.problems[0])
            for r in preview.rows if r.problems)
        raise ImportRefused(N_("Không nhập tệp (%(n)s lỗi). %(first)s"), n=preview.error_count, first=first)
    nominations = [Nomination(conference_id=conference_id, unit_id=preview.unit_id, status="submitted",
                              submitted_by_id=user_id, **row.data) for row in preview.rows]
    db.session.add_all(nominations)
    imported = ImportedFile(conference_id=conference_id, unit_id=preview.unit_id,
                          source_code=preview.parsed.source_code, fingerprint=preview.parsed.fingerprint,
                          filename=(filename or "")[:255] or None, row_count=len(preview.rows),
                          imported_by_id=user_id)
    db.session.add(imported)
    try:
        db.session.flush()
    except IntegrityError:
        raise ImportRefused(N_("Tệp này đã được nhập hoặc có hồ sơ trùng; không nhập lại.")) from None
    for nomination, row in zip(nominations, preview.rows, strict=True):
        record("nomination", nomination.id, "import", conference_id=conference_id, unit_id=preview.unit_id,
               after={"status": "submitted", "full_name": nomination.full_name, "line": row.line,
                      "file": imported.filename, "source_code": imported.source_code}, user_id=user_id)
    db.session.flush()
    return imported

"""The plain data sheet ("Dữ liệu") of every export: what software reads back (pure, no Flask, no database).

One header row, no merged cells, one delegate per row with every field (not only the chosen columns), and
on every row the list kind, the issuing body, the conference's code, the upper conference's code and the file's fingerprint.
The fingerprint is a SHA-256 of the format version, the headers and every other cell, so the upper level
can refuse a second import of the same file, and a file edited after export (its cells no longer match
its fingerprint). Header texts are fixed (not translated): they are the file format.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence

from conference.dossier.columns import CATEGORY_NAMES, DATE_FORMAT, GENDER_NAMES, KIND_NAMES, MARK

#: 2: birth date, education, emulation movements; 3: the summary of achievements.
FORMAT_VERSION = "conference-plain-3"
SHEET_NAME = "Dữ liệu"
SUMMARY_SHEET_NAME = "Tổng hợp"

#: The list kinds written in the "Loại danh sách" column.
KIND_ALL, KIND_UPPER, KIND_QUOTA = "all", "upper", "quota"

DELEGATE_HEADERS = (
    "STT", "Họ và tên", "Cá nhân/Tập thể", "Giới tính", "Năm sinh", "Ngày sinh", "Dân tộc", "Trình độ chuyên môn",
    "Chức vụ, nơi công tác", "Đơn vị", "Loại đại biểu", "CNVCLĐ trực tiếp sản xuất", "Đảng viên",
    "Phong trào thi đua", "Danh hiệu thi đua, hình thức khen thưởng", "Thành tích tiêu biểu", "Tóm tắt thành tích",
    "Số điện thoại", "Ghi chú", "Thứ tự dự hội nghị cấp trên",
)
#: The delegate headers of each format version a file may carry (an older instance's export still imports).
DELEGATE_HEADERS_BY_VERSION = {
    "conference-plain-2": tuple(h for h in DELEGATE_HEADERS if h != "Tóm tắt thành tích"),
    FORMAT_VERSION: DELEGATE_HEADERS,
}
QUOTA_HEADERS = ("STT", "Công đoàn cơ sở", "Khối", "Số đoàn viên", "Số lượng phân bổ")
META_HEADERS = ("Loại danh sách", "Cơ quan gửi", "Mã hội nghị", "Mã hội nghị cấp trên", "Mã tệp")
#: Column widths (Excel characters): the sheet is printed fitted to the page's width, its text wrapped.
DELEGATE_WIDTHS = [5, 20, 9, 6, 6, 10, 7, 10, 22, 20, 11, 8, 6, 22, 24, 40, 28, 11, 12, 7, 7, 20, 14, 14, 17]
QUOTA_WIDTHS = [5, 40, 24, 12, 12, 7, 20, 14, 14, 17]


def delegate_values(index: int, record) -> list:
    """The data cells of one delegate (without the meta columns), in `DELEGATE_HEADERS` order."""
    return [
        index, record.full_name, KIND_NAMES[record.kind], GENDER_NAMES.get(record.gender, ""), record.birth_year,
        record.birth_date.strftime(DATE_FORMAT) if record.birth_date else "", record.ethnicity or "",
        record.education or "", record.position or "", record.unit_name or "",
        CATEGORY_NAMES.get(record.category, ""), MARK if record.direct_worker else "",
        MARK if record.party_member else "", record.movements or "", record.titles or "", record.achievements or "",
        record.achievements_summary or "", record.phone or "", record.notes or "", record.upper_order,
    ]


def quota_values(index: int, record) -> list:
    """The data cells of one unit's quota, in `QUOTA_HEADERS` order."""
    return [index, record.unit_name, record.block or "", record.member_count, record.seats]


def _canonical(value) -> str:
    """A cell as text for the fingerprint: None and "" alike, integral floats as integers (1985.0 → "1985")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # XML readers turn CR LF and CR into LF: what is read back must give the same fingerprint.
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def fingerprint(headers: Sequence[str], rows: Iterable[Sequence], version: str = FORMAT_VERSION) -> str:
    """SHA-256 (hex, 64 characters) of the format version, the headers and every cell of `rows`.

    `rows` are the cells left of "Mã tệp" (data and the first three meta columns). Cells are compared as
    text (`_canonical`), so the value read back by openpyxl gives the same fingerprint as the one written.
    `version`: the file's format (`DELEGATE_HEADERS_BY_VERSION`), this one's when it is written.
    """
    digest = hashlib.sha256(version.encode())
    digest.update(b"\x1d" + "\x1f".join(headers).encode())
    for row in rows:
        digest.update(b"\x1e" + "\x1f".join(_canonical(v) for v in row).encode())
    return digest.hexdigest()


class PlainRows:
    """The rows of the plain sheet, re-iterable, each ending with the meta columns and the fingerprint.

    Values are made on the fly from the records (memory stays flat for long lists); the fingerprint is
    computed once, on construction, from the same values.
    """

    def __init__(self, records: Sequence, values, headers, *, kind: str, issuer: str, code: str,
                 upper_code: str | None):
        self._records = records
        self._values = values
        self._meta = [kind, issuer, code, upper_code or ""]
        self.headers = [*headers, *META_HEADERS]
        self.fingerprint = fingerprint(self.headers[:-1], self._without_fingerprint())

    def _without_fingerprint(self) -> Iterator[list]:
        for index, record in enumerate(self._records, start=1):
            yield self._values(index, record) + self._meta

    def __iter__(self) -> Iterator[list]:
        for row in self._without_fingerprint():
            row.append(self.fingerprint)
            yield row

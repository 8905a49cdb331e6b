"""Reading an uploaded table (xlsx with openpyxl, or CSV) safely, with a translatable message for every way a
file can be malformed. Nothing here touches the database.

What openpyxl does with bad input, and what we answer (each case has a test in tests/nominations/):
- empty file (0 bytes): checked before openpyxl (it would raise `zipfile.BadZipFile`).
- not a zip at all, e.g. a CSV or text renamed to .xlsx: `zipfile.BadZipFile` → "không phải tệp Excel".
- password-protected / encrypted xlsx, or an old .xls: an OLE2 compound file (magic D0 CF 11 E0), also
  `BadZipFile` in openpyxl; recognised by its magic bytes first → "được bảo vệ bằng mật khẩu hoặc .xls".
- a zip that is not a workbook (e.g. a .docx renamed): `KeyError`/`InvalidFileException` → "không phải tệp Excel".
- formulas: openpyxl loaded with data_only=False keeps formulas as strings starting with "=" (cell data
  type 'f'); any such cell is refused (a formula's cached value may be stale, and it can hide content).
- merged cells: read-only worksheets do not report them, so the sheet XML is scanned for <mergeCell>.
- extra sheets: only the template's sheets are accepted.
- too much data: the uncompressed size of the workbook parts (a "zip bomb") and the row count are capped.
openpyxl's own warnings (unsupported extensions, no default style) are silenced: they are not errors here.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from dataclasses import dataclass

from conference.core.errors import N_, RuleViolation

#: Upload size limit of a table (bytes); Flask's MAX_CONTENT_LENGTH caps the whole request too.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: Uncompressed size limit of a workbook's parts: "10 MB of rows" is refused.
MAX_UNCOMPRESSED_BYTES = 8 * 1024 * 1024
#: Data rows accepted in one file.
MAX_ROWS = 10_000
_MAX_ROWS_TEXT = f"{MAX_ROWS:,}".replace(",", ".")  # "10.000", as Vietnamese writes it
MAX_COLUMNS = 40
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ImportFileError(RuleViolation):
    """The file as a whole cannot be read (a `RuleViolation`: message id and params). Nothing is imported."""


@dataclass(frozen=True)
class Table:
    """The non-blank rows of one sheet: `rows[0]` is the header row; cells are str, int, float, datetime or
    None. `lines[i]` is the sheet's row number of `rows[i]` (1-based, as Excel shows it)."""

    sheet: str
    rows: list[list]
    lines: list[int]


def _extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""


def read_table(filename: str, data: bytes, *, sheet_names: tuple[str, ...], data_sheet: str,
               allow_csv: bool = False) -> Table:
    """Read the data sheet of an uploaded xlsx (or a CSV when `allow_csv`) into rows.

    Args:
        filename: the uploaded name (its extension must be .xlsx, or .csv when allowed).
        sheet_names: the sheets the file may have (the template's); any other sheet is refused.
        data_sheet: the sheet holding the rows (the first sheet is used when it is absent).

    Raises:
        ImportFileError: with its message (an id marked `N_`), for each case listed in the module docstring.
    """
    extension = _extension(filename)
    allowed = ("xlsx", "csv") if allow_csv else ("xlsx",)
    if extension not in allowed:
        raise ImportFileError(
            N_("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).") if allow_csv else N_("Chỉ nhận tệp Excel (.xlsx) theo mẫu.")
        )
    if not data:
        raise ImportFileError(N_("Tệp trống (0 byte)."))
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportFileError(N_("Tệp quá lớn (tối đa %(mb)s MB)."), mb=MAX_UPLOAD_BYTES // (1024 * 1024))
    if extension == "csv":
        return _read_csv(data)
    if data.startswith(OLE2_MAGIC):
        raise ImportFileError(N_(
            "Tệp được bảo vệ bằng mật khẩu (mã hoá) hoặc là định dạng .xls cũ. "
            "Hãy bỏ mật khẩu và lưu lại dưới dạng Excel (.xlsx)."
        ))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportFileError(N_("Tệp không phải tệp Excel (.xlsx) (có thể là tệp CSV hoặc văn bản đổi tên)."))
    _check_archive(data)
    return _read_xlsx(data, sheet_names, data_sheet)


def _check_archive(data: bytes) -> None:
    """Refuse a workbook whose parts unpack to too much data, or whose sheets merge cells."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
                raise ImportFileError(N_("Tệp có quá nhiều dữ liệu (tối đa %(rows)s dòng)."), rows=_MAX_ROWS_TEXT)
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    with archive.open(info) as part:
                        tail = b""
                        while chunk := part.read(256 * 1024):
                            if b"<mergeCell " in tail + chunk or b":mergeCell " in tail + chunk:
                                raise ImportFileError(
                                    N_("Tệp có ô gộp (merged cells). Hãy bỏ gộp ô rồi tải lên lại.")
                                )
                            tail = chunk[-32:]
    except zipfile.BadZipFile:
        raise ImportFileError(N_("Tệp Excel bị hỏng, không đọc được.")) from None


class UnreadableWorkbook(ValueError):
    """openpyxl could not open the bytes as an xlsx workbook (corrupt, encrypted, not a workbook)."""


def open_workbook(data: bytes):
    """Open xlsx bytes with openpyxl, read-only, formulas kept as formulas so callers can refuse them.

    Shared by every xlsx upload (nomination template, unit list, a district's exported list).

    Raises:
        UnreadableWorkbook: whatever openpyxl raises for a file it cannot read.
    """
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (KeyError, InvalidFileException, zipfile.BadZipFile, ValueError, TypeError, OSError):
        raise UnreadableWorkbook from None


def _read_xlsx(data: bytes, sheet_names: tuple[str, ...], data_sheet: str) -> Table:
    try:
        workbook = open_workbook(data)
    except UnreadableWorkbook:
        raise ImportFileError(N_("Tệp không phải tệp Excel (.xlsx) hợp lệ.")) from None
    try:
        names = workbook.sheetnames
        extra = [name for name in names if name not in sheet_names]
        if extra:
            raise ImportFileError(
                N_("Tệp có trang tính lạ: %(sheets)s. Chỉ dùng các trang của tệp mẫu."),
                sheets=", ".join(f"“{name}”" for name in extra),
            )
        sheet = workbook[data_sheet] if data_sheet in names else workbook[names[0]]
        rows: list[list] = []
        lines: list[int] = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for index, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS)):
                values = []
                for cell in row:
                    value = getattr(cell, "value", None)
                    if getattr(cell, "data_type", None) == "f" or type(value).__name__ in (
                            "ArrayFormula", "DataTableFormula"):
                        raise ImportFileError(
                            N_("Ô %(cell)s có công thức. Hãy dán giá trị (Paste Special → Values) "
                               "thay cho công thức rồi tải lên lại."),
                            cell=cell.coordinate,
                        )
                    values.append(value)
                if any(v not in (None, "") for v in values):
                    if len(rows) > MAX_ROWS:
                        raise ImportFileError(N_("Tệp có quá nhiều dòng (tối đa %(rows)s dòng)."), rows=_MAX_ROWS_TEXT)
                    rows.append(values)
                    lines.append(index + 1)
                elif index > MAX_ROWS * 3:
                    break
        return Table(sheet.title, rows, lines)
    finally:
        workbook.close()


def _read_csv(data: bytes) -> Table:
    """A CSV in UTF-8 (with or without BOM), comma or semicolon separated (Excel in Vietnamese uses either)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(N_("Tệp CSV phải lưu bằng mã UTF-8 (CSV UTF-8).")) from None
    if "\x00" in text:
        raise ImportFileError(N_("Tệp không phải tệp CSV (có dữ liệu nhị phân)."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    numbered = [(n, row) for n, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1)
                if any(cell.strip() for cell in row)]
    rows = [row for _n, row in numbered]
    if len(rows) > MAX_ROWS + 1:
        raise ImportFileError(N_("Tệp có quá nhiều dòng (tối đa %(rows)s dòng)."), rows=_MAX_ROWS_TEXT)
    for row in rows:
        for cell in row:
            if cell.startswith("=") and len(cell) > 1:
                raise ImportFileError(N_("Tệp có công thức (ô bắt đầu bằng dấu =). Hãy dùng giá trị."))
    return Table("csv", [[cell if cell != "" else None for cell in row] for row in rows], [n for n, _r in numbered])

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
- a DTD or XML entities in any part (the "billion laughs"): an xlsx never declares them, so the file is refused
  before any XML is parsed (Python's expat would stop the expansion too, with a `ParseError`).
- cells openpyxl cannot convert, which it raises as it reads the row: a number of 5,000 digits (`ValueError`
  past Python's 4,300-digit limit), `inf` or `nan` in a number cell, a date cell holding no date, a shared
  string index out of range (`IndexError`), a bad cell reference → "ô không đọc được", naming the row.
- values no person typed: a number that is not finite (`1e400` reads as inf) or beyond 10^15 (Excel keeps 15
  digits), a control character in a text cell (`core.text.control_character`; tab and line breaks allowed).
openpyxl's own warnings (unsupported extensions, no default style) are silenced: they are not errors here.
"""

from __future__ import annotations

import csv
import io
import math
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from conference.core.errors import N_, RuleViolation
from conference.core.text import character_name, control_character

#: Upload size limit of a table (bytes); Flask's MAX_CONTENT_LENGTH caps the whole request too.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: Uncompressed size limit of a workbook's parts: "10 MB of rows" is refused.
MAX_UNCOMPRESSED_BYTES = 8 * 1024 * 1024
#: Data rows accepted in one file.
MAX_ROWS = 10_000
_MAX_ROWS_TEXT = f"{MAX_ROWS:,}".replace(",", ".")  # "10.000", as Vietnamese writes it
MAX_COLUMNS = 40
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Largest number a cell may hold (absolute value): Excel keeps 15 significant digits.
MAX_NUMBER = 10**15
#: What openpyxl (and the zip, zlib and XML layers under it) raise for bytes it cannot read as a workbook.
UNREADABLE_ERRORS = (KeyError, IndexError, ValueError, TypeError, OverflowError, SyntaxError, OSError, EOFError,
                     zipfile.BadZipFile, zlib.error)


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
    check_archive(data)
    return _read_xlsx(data, sheet_names, data_sheet)


def check_archive(data: bytes, *, max_uncompressed: int = MAX_UNCOMPRESSED_BYTES, allow_merged: bool = False) -> None:
    """Refuse a workbook whose parts unpack to more than `max_uncompressed` bytes, whose XML declares a DTD or
    entities, or (unless `allow_merged`) whose sheets merge cells. Reads every part once, in chunks.

    Raises:
        ImportFileError: with its message; also for a corrupt zip (bad CRC, bad compressed data).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > max_uncompressed:
                raise ImportFileError(N_("Tệp có quá nhiều dữ liệu (tối đa %(rows)s dòng)."), rows=_MAX_ROWS_TEXT)
            for info in infos:
                sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
                with archive.open(info) as part:
                    tail = b""
                    while chunk := part.read(256 * 1024):
                        window = tail + chunk
                        if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                            raise ImportFileError(N_(
                                "Tệp có khai báo DTD hoặc thực thể XML, điều mà tệp Excel không bao giờ có: "
                                "không đọc tệp này. Hãy mở tệp bằng Excel và lưu lại."))
                        if sheet and not allow_merged and (b"<mergeCell " in window or b":mergeCell " in window):
                            raise ImportFileError(
                                N_("Tệp có ô gộp (merged cells). Hãy bỏ gộp ô rồi tải lên lại.")
                            )
                        tail = chunk[-32:]
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
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
    except (InvalidFileException, *UNREADABLE_ERRORS):
        raise UnreadableWorkbook from None


def _unreadable(line: int) -> ImportFileError:
    return ImportFileError(N_("Tệp có ô không đọc được ở dòng %(line)s hoặc ngay sau đó (số quá dài, ngày không "
                              "hợp lệ hoặc giá trị sai kiểu). Hãy sửa ô đó trong Excel rồi tải lên lại."),
                           line=line)


def cell_value(cell):
    """The value of a read-only openpyxl cell, checked: None, str, int, float, bool, date or datetime.

    Raises:
        ImportFileError: a formula; a number that is not finite or beyond MAX_NUMBER; a text with a control
            character (tab and line breaks allowed: Alt+Enter in a cell).
    """
    value = getattr(cell, "value", None)
    if value is None:
        return None
    coordinate = getattr(cell, "coordinate", "?")
    if getattr(cell, "data_type", None) == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        raise ImportFileError(
            N_("Ô %(cell)s có công thức. Hãy dán giá trị (Paste Special → Values) "
               "thay cho công thức rồi tải lên lại."),
            cell=coordinate,
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise ImportFileError(N_("Ô %(cell)s có giá trị số không hợp lệ (%(value)s)."), cell=coordinate, value=value)
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= MAX_NUMBER:
        raise ImportFileError(N_("Ô %(cell)s có số quá lớn (Excel chỉ giữ 15 chữ số)."), cell=coordinate)
    if isinstance(value, str) and (char := control_character(value, multiline=True)) is not None:
        raise ImportFileError(N_("Ô %(cell)s có ký tự điều khiển không hợp lệ (%(char)s). Hãy gõ lại ô đó."),
                              cell=coordinate, char=character_name(char))
    return value


def sheet_rows(sheet, max_col: int) -> Iterator[tuple[int, list]]:
    """The rows of a read-only worksheet as (row number, checked values `cell_value`), blank rows included.

    openpyxl converts a row's cells while it reads it; what it cannot convert is refused here, naming the row.

    Raises:
        ImportFileError: a cell openpyxl cannot read (see the module docstring), or one `cell_value` refuses.
    """
    rows = sheet.iter_rows(max_col=max_col)
    line = 0
    while True:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                row = next(rows, None)
        except UNREADABLE_ERRORS:
            raise _unreadable(line + 1) from None
        if row is None:
            return
        line += 1
        yield line, [cell_value(cell) for cell in row]


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
        for line, values in sheet_rows(sheet, MAX_COLUMNS):
            if any(v not in (None, "") for v in values):
                if len(rows) > MAX_ROWS:
                    raise ImportFileError(N_("Tệp có quá nhiều dòng (tối đa %(rows)s dòng)."), rows=_MAX_ROWS_TEXT)
                rows.append(values)
                lines.append(line)
            elif line > MAX_ROWS * 3:
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
    try:
        numbered = [(n, row) for n, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1)
                    if any(cell.strip() for cell in row)]
    except csv.Error:  # a cell past the csv module's field size limit (128 KB), a stray quote in a strict dialect
        raise ImportFileError(N_("Tệp CSV bị hỏng hoặc có ô quá dài, không đọc được.")) from None
    rows = [row for _n, row in numbered]
    if len(rows) > MAX_ROWS + 1:
        raise ImportFileError(N_("Tệp có quá nhiều dòng (tối đa %(rows)s dòng)."), rows=_MAX_ROWS_TEXT)
    for line, row in numbered:
        for cell in row:
            if cell.startswith("=") and len(cell) > 1:
                raise ImportFileError(N_("Tệp có công thức (ô bắt đầu bằng dấu =). Hãy dùng giá trị."))
            if (char := control_character(cell, multiline=True)) is not None:
                raise ImportFileError(N_("Dòng %(line)s có ký tự điều khiển không hợp lệ (%(char)s). Hãy gõ lại ô đó."),
                                      line=line, char=character_name(char))
    return Table("csv", [[cell if cell != "" else None for cell in row] for row in rows], [n for n, _r in numbered])

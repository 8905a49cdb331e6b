"""Building filled templates for the import tests."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from conference.nominations.importing import COLUMNS, DATA_SHEET, HEADERS


def person_row(name: str, year=1985, unit: str | None = None, **overrides) -> list:
    """One data row in the template's column order (`COLUMNS`); a blank summary unless given."""
    row = {
        "unit": unit, "kind": "Cá nhân", "full_name": name, "gender": "Nữ", "birth": year, "ethnicity": "Kinh",
        "education": "Đại học", "party_member": "Có", "direct_worker": "Không", "position": "Giáo viên",
        "movements": "Lao động giỏi, Lao động sáng tạo", "titles": "Lao động tiên tiến",
        "achievements": "Giáo viên dạy giỏi cấp huyện.", "achievements_summary": None, "phone": "0912345678",
    }
    row.update(overrides)
    return [row[column.key] for column in COLUMNS]


def fill_template(template: bytes, rows: list[list], *, data_sheet: str = DATA_SHEET,
                  headers: tuple[str, ...] = HEADERS) -> bytes:
    """Fill the downloaded template's data sheet as a clerk would (openpyxl, as LibreOffice saves it); the
    nomination template unless another template's `data_sheet` and `headers` are given."""
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook[data_sheet]
    assert [c.value for c in sheet[1]][: len(headers)] == list(headers)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            sheet.cell(r, c, value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()

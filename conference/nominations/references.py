"""Reference lists the organizer edits: emulation movements (phong trào thi đua) and commendation titles
and forms (danh hiệu thi đua, hình thức khen thưởng).

The defaults are data, each list in its own file under `data/` citing its sources: `movements.json` (the movements
of the seeds 000–004), `titles.json` (danh hiệu thi đua: Luật Thi đua, khen thưởng số 06/2022/QH15, Chương II and
Điều 80; the trade union's Cờ thi đua) and `commendation_forms.json` (hình thức khen thưởng: the Law's Chương III
and Điều 80, Nghị định 152/2025/NĐ-CP in force since 1 July 2025, and the trade union's own: Bằng khen of the Tổng
Liên đoàn and of the provincial federation, Giấy khen of the union directly above the grassroots). The "title"
list is the titles followed by the forms. A host organization that never edited a list gets the defaults; once
edited, the list is its own (`save_reference_list`).
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import delete, select

from conference.audit.services import record
from conference.core.errors import N_, RuleViolation
from conference.core.text import clean_text
from conference.extensions import db
from conference.nominations.models import ReferenceItem

DATA_FOLDER = Path(__file__).with_name("data")


def load_default_list(filename: str) -> tuple[str, ...]:
    """The names of one data file's list, in order: `{"kind", "label", "sources": [...], "items": [{"name",
    "source"}]}`.

    Raises:
        ValueError: an item without its source, or a name twice.
    """
    raw = json.loads((DATA_FOLDER / filename).read_text(encoding="utf-8"))
    names = tuple(clean_text(item["name"]) for item in raw["items"])
    if len(set(names)) != len(names) or not all(item.get("source") for item in raw["items"]) or not raw["sources"]:
        raise ValueError(f"{filename}: every item needs its source, once")
    return names


DEFAULT_MOVEMENTS = load_default_list("movements.json")
DEFAULT_TITLES = load_default_list("titles.json") + load_default_list("commendation_forms.json")
DEFAULTS = {"movement": DEFAULT_MOVEMENTS, "title": DEFAULT_TITLES}
KIND_LABELS = {"movement": "Phong trào thi đua", "title": "Danh hiệu thi đua, hình thức khen thưởng"}
MAX_ITEMS = 100
MAX_NAME = 300


def reference_lists(organization_id: int) -> dict[str, list[str]]:
    """{'movement': [...], 'title': [...]} of a host organization, in order (one query); defaults where empty."""
    rows = db.session.execute(
        select(ReferenceItem.kind, ReferenceItem.name).where(ReferenceItem.organization_id == organization_id)
        .order_by(ReferenceItem.kind, ReferenceItem.position, ReferenceItem.id)
    ).all()
    lists: dict[str, list[str]] = {kind: [] for kind in DEFAULTS}
    for kind, name in rows:
        lists[kind].append(name)
    return {kind: names or list(DEFAULTS[kind]) for kind, names in lists.items()}


def parse_reference_text(text: str) -> list[str]:
    """One entry a line: trimmed, NFC, blank lines and repeats dropped, order kept.

    Raises:
        RuleViolation: no entry, more than MAX_ITEMS, or a line longer than MAX_NAME characters.
    """
    names: list[str] = []
    for line in (text or "").splitlines():
        name = clean_text(line)
        if name and name not in names:
            if len(name) > MAX_NAME:
                raise RuleViolation(N_("Mỗi dòng tối đa %(limit)s ký tự."), limit=MAX_NAME)
            names.append(name)
    if not names:
        raise RuleViolation(N_("Danh mục cần ít nhất một dòng."))
    if len(names) > MAX_ITEMS:
        raise RuleViolation(N_("Danh mục tối đa %(limit)s dòng."), limit=MAX_ITEMS)
    return names


def save_reference_list(organization_id: int, kind: str, names: list[str], conference_id: int | None = None) -> None:
    """Replace one list of a host organization, in order, and log the change.

    Nominations keep the names they were filed with (they store text), so editing a list never rewrites
    a nomination.
    """
    if kind not in DEFAULTS:
        raise RuleViolation(N_("Danh mục không hợp lệ."))
    before = reference_lists(organization_id)[kind]
    db.session.execute(delete(ReferenceItem).where(ReferenceItem.organization_id == organization_id,
                                                   ReferenceItem.kind == kind))
    db.session.add_all([ReferenceItem(organization_id=organization_id, kind=kind, name=name, position=i)
                        for i, name in enumerate(names)])
    record("reference_list", None, "update", conference_id=conference_id, before={kind: before},
           after={kind: names})
    db.session.flush()

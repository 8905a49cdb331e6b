"""Reference lists the organizer edits: emulation movements (phong trào thi đua) and commendation titles
and forms (danh hiệu thi đua, hình thức khen thưởng).

Defaults come from the seeds (000, 001, 002: the movements the trade union runs) and from Luật Thi đua,
khen thưởng 2022 (Điều 23, 26, 27: "Chiến sĩ thi đua cơ sở", "Lao động tiên tiến", "Cờ thi đua",
"Bằng khen", "Giấy khen") with Nghị định 98/2023/NĐ-CP, plus the trade union's own ("Bằng Lao động sáng
tạo" of Tổng Liên đoàn). A host organization that never edited a list gets the defaults.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from conference.audit.services import record
from conference.core.errors import N_, RuleViolation
from conference.core.text import clean_text
from conference.extensions import db
from conference.nominations.models import ReferenceItem

DEFAULT_MOVEMENTS = (
    "Lao động giỏi, Lao động sáng tạo",
    "Giỏi việc nước, đảm việc nhà",
    "Xanh - Sạch - Đẹp, Bảo đảm an toàn vệ sinh lao động",
    "Đổi mới, sáng tạo, hiệu quả trong hoạt động của tổ chức Công đoàn",
    "Tham mưu giỏi, phục vụ tốt",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
    "Cả nước chung sức xây dựng nông thôn mới",
    "Cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau",
    "Dân vận khéo",
)
DEFAULT_TITLES = (
    "Chiến sĩ thi đua cơ sở",
    "Lao động tiên tiến",
    "Tập thể lao động tiên tiến",
    "Cờ thi đua",
    "Bằng khen",
    "Giấy khen",
    "Bằng Lao động sáng tạo",
    "Huy hiệu Công đoàn Việt Nam",
)
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

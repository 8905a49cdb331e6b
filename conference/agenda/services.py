"""Agenda operations: add, edit, move, delete; positions stay 1..n without gaps."""

from __future__ import annotations

from sqlalchemy import select

from conference.agenda.models import AgendaItem
from conference.agenda.rules import place_by_time
from conference.audit.services import changed, record
from conference.extensions import db

AGENDA_FIELDS = ("starts_at", "title", "presenter")

#: The nine items of Kế hoạch 65/KH-LĐLĐ, mục II.3 "Chương trình, nội dung hội nghị", in order.
PLAN_AGENDA = (
    "Văn nghệ chào mừng (nếu có)",
    "Tuyên bố lý do, giới thiệu đại biểu và khai mạc",
    (
        "Báo cáo đánh giá, biểu dương phong trào thi đua yêu nước trong CNVCLĐ 05 năm (2020-2025) và "
        "phương hướng, nhiệm vụ 05 năm (2025-2030)"
    ),
    "Báo cáo tham luận và giao lưu điển hình tiên tiến",
    "Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến",
    "Phát động phong trào thi đua giai đoạn 2025-2030",
    "Phát biểu hưởng ứng phong trào thi đua",
    "Thông qua danh sách đại biểu dự Hội nghị cấp trên",
    "Bế mạc hội nghị",
)


def items_of(conference_id: int) -> list[AgendaItem]:
    """The agenda of a conference, in order."""
    return list(db.session.execute(
        select(AgendaItem).where(AgendaItem.conference_id == conference_id).order_by(AgendaItem.position)
    ).scalars())


def _snapshot(item: AgendaItem) -> dict:
    """An item's fields for the audit log (the start time as HH:MM)."""
    starts_at = item.starts_at.strftime("%H:%M") if item.starts_at else None
    return {"position": item.position, "starts_at": starts_at, "title": item.title, "presenter": item.presenter}


def add_item(conference_id: int, data: dict) -> AgendaItem:
    """Add an item: in the order of the start times when it has one (`rules.place_by_time`), else at the end;
    logged."""
    items = items_of(conference_id)
    item = AgendaItem(conference_id=conference_id, position=len(items) + 1,
                      **{k: data.get(k) for k in AGENDA_FIELDS})
    items.insert(place_by_time([it.starts_at for it in items], item.starts_at), item)
    db.session.add(item)
    _renumber(items)
    db.session.flush()
    record("agenda_item", item.id, "create", conference_id=conference_id, after=_snapshot(item))
    return item


def update_item(item: AgendaItem, data: dict) -> None:
    """Change an item's time, title and presenter; a new start time moves it into the order of the times
    (`rules.place_by_time`). The changed fields are logged."""
    before = _snapshot(item)
    for key in AGENDA_FIELDS:
        setattr(item, key, data.get(key))
    if item.starts_at is not None and item.starts_at.strftime("%H:%M") != before["starts_at"]:
        others = [it for it in items_of(item.conference_id) if it.id != item.id]
        others.insert(place_by_time([it.starts_at for it in others], item.starts_at), item)
        _renumber(others)
    db.session.flush()
    before, after = changed(before, _snapshot(item))
    if after:
        record("agenda_item", item.id, "update", conference_id=item.conference_id, before=before, after=after)


def move_item(item: AgendaItem, offset: int) -> None:
    """Move an item up (offset −1) or down (+1) by swapping with its neighbour; no-op at the ends. A move is
    logged as the item's new place."""
    items = items_of(item.conference_id)
    index = next(i for i, it in enumerate(items) if it.id == item.id)
    target = index + offset
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
        _renumber(items)
        record("agenda_item", item.id, "move", conference_id=item.conference_id,
               before={"position": index + 1}, after={"position": target + 1})
    db.session.flush()


def delete_item(item: AgendaItem) -> None:
    """Delete an item and close the gap; logged with what it was."""
    conference_id, item_id, before = item.conference_id, item.id, _snapshot(item)
    db.session.delete(item)
    db.session.flush()
    _renumber(items_of(conference_id))
    record("agenda_item", item_id, "delete", conference_id=conference_id, before=before)
    db.session.flush()


def _renumber(items: list[AgendaItem]) -> None:
    for position, it in enumerate(items, start=1):
        it.position = position

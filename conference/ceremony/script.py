"""The MC's script (kịch bản dẫn chương trình), made from the programme, the MC's texts, the delegates checked in
and the honouring batches; made again on every request, so it follows the latest check-ins.

`build_script` returns plain data (`Script`); the print page and the .docx (`documents.script_docx`) lay it out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from conference.agenda.services import timetable
from conference.ceremony import rules
from conference.ceremony.models import ScriptText
from conference.ceremony.queries import BatchRow, arrived_ids, batch_rows, presenter_choices
from conference.conferences.letterhead import letterhead_of
from conference.conferences.models import Conference
from conference.delegates.models import Delegate
from conference.delegates.queries import table_line
from conference.extensions import db


@dataclass(frozen=True)
class ScriptItem:
    """One programme item of the script: its number, start ("HH:MM"), title, presenter and what the MC reads
    (`rules.Block`s: paragraphs, and where the generated lists go)."""

    number: int
    start: str
    title: str
    presenter: str
    blocks: list[rules.Block]


@dataclass(frozen=True)
class Script:
    """The whole script: the items, the delegates introduced (present only) and the batches (every awardee, each
    with their `AwardeeRow.call`: the layouts mark the absent and leave out the skipped)."""

    conference: Conference
    items: list[ScriptItem]
    introduced: list[Delegate]
    batches: list[BatchRow]


def person_line(delegate: Delegate) -> str:
    """"Nguyễn Văn A, Bí thư Huyện ủy": a delegate's name with their position and organisation (else their unit),
    as the MC introduces them ("Đồng chí …") and the name tents print it (`conference.delegates.queries.table_line`)."""
    details = table_line(delegate)
    return delegate.full_name + (f", {details}" if details else "")


def script_texts(conference_id: int) -> dict[int, str]:
    """{agenda item id: the MC's words the organizer saved} (items without a row follow the default)."""
    return {row.agenda_item_id: row.text for row in db.session.execute(
        select(ScriptText).where(ScriptText.conference_id == conference_id)).scalars()}


def build_script(conference: Conference, translate: Callable[[str], str] = lambda text: text) -> Script:
    """The MC's script of `conference` now (a fixed number of queries). `translate` gives the default texts in the
    page's language (gettext); saved texts are used as written."""
    table = timetable(conference.id)
    saved = script_texts(conference.id)
    people, arrived = presenter_choices(conference.id), arrived_ids(conference.id)
    present = [d for d in people if d.id in arrived]
    presidium = [d for d in people if d.presidium_order is not None]
    # Who opens and closes: the most senior presidium member present, else number 1 (the script made beforehand).
    chair = next((d for d in presidium if d.id in arrived), presidium[0] if presidium else None)
    day = letterhead_of(conference).place_date(conference.held_on).split(", ", 1)[-1]
    items = []
    for number, row in enumerate(table.rows, start=1):
        item = row.item
        text = saved.get(item.id) or rules.default_script(item.title, translate)
        values = {
            "[Tên hội nghị]": conference.name, "[Nội dung]": item.title,
            "[Người thực hiện]": item.presenter or "…", "[Giờ]": row.start, "[Ngày]": day,
            "[Địa điểm]": conference.venue or "…", "[Đơn vị tổ chức]": conference.host.name,
            "[Chủ trì]": f"đồng chí {person_line(chair)}" if chair is not None else "…",
        }
        items.append(ScriptItem(number, row.start, item.title, item.presenter or "",
                                rules.blocks(rules.fill(text, values))))
    return Script(conference, items, present, batch_rows(conference.id))

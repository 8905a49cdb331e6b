"""The programme's timing and the hall screen's steps, as plain functions (no Flask, no database).

Source: Kế hoạch 65/KH-LĐLĐ huyện Vĩnh Thuận, 21/11/2024: mục II.2.2 "Thời gian: ½ ngày" (the conference is a
morning) and mục II.3 "Chương trình, nội dung hội nghị" (the nine items, in order). Times are minutes since
midnight inside this module; `hhmm` writes them as "07:30".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from conference.core.xlsx import date_parts

#: When the programme starts unless the organizer says otherwise: 07:30, the first item of the demo programme
#: (the morning of office hours begins at 07:00–07:30).
DEFAULT_DAY_START = time(7, 30)
#: By when a half-day conference (mục II.2.2 "½ ngày") must be over: 11:30, the end of the morning of office
#: hours (giờ hành chính buổi sáng). Editable per conference; a programme that runs past it is warned about.
HALF_DAY_ENDS = time(11, 30)
#: The duration of a new item (minutes) when the organizer gives none.
DEFAULT_DURATION_MIN = 15
#: The longest item (minutes): a whole working day.
MAX_DURATION_MIN = 480


@dataclass(frozen=True)
class PlanItem:
    """One item of the plan's programme: its title as the plan writes it, a duration (minutes) and who presents
    it (a role, not a name, so it suits any conference)."""

    title: str
    duration_min: int
    presenter: str


#: The nine items of Kế hoạch 65/KH-LĐLĐ, mục II.3 "Chương trình, nội dung hội nghị", in order: the default
#: programme of a new conference. The plan gives no durations; these fill its half day from 07:30 to 10:45
#: (the demo's times: 07:30, 07:45, 08:00, 08:30, 09:00, 09:40, 10:00, 10:15, 10:30).
PLAN_PROGRAMME: tuple[PlanItem, ...] = (
    PlanItem("Văn nghệ chào mừng (nếu có)", 15, "Đội văn nghệ"),
    PlanItem("Tuyên bố lý do, giới thiệu đại biểu và khai mạc", 15, "Đại diện Ban Tổ chức"),
    PlanItem(
        "Báo cáo đánh giá, biểu dương phong trào thi đua yêu nước trong CNVCLĐ 05 năm (2020-2025) và "
        "phương hướng, nhiệm vụ 05 năm (2025-2030)", 30, "Đoàn Chủ tịch",
    ),
    PlanItem("Báo cáo tham luận và giao lưu điển hình tiên tiến", 30, "Đại biểu điển hình tiên tiến"),
    PlanItem("Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến", 40, "Đoàn Chủ tịch"),
    PlanItem("Phát động phong trào thi đua giai đoạn 2025-2030", 20, "Đoàn Chủ tịch"),
    PlanItem("Phát biểu hưởng ứng phong trào thi đua", 15, "Đại diện CNVCLĐ"),
    PlanItem("Thông qua danh sách đại biểu dự Hội nghị cấp trên", 15, "Đoàn Chủ tịch"),
    PlanItem("Bế mạc hội nghị", 15, "Đoàn Chủ tịch"),
)
#: The nine titles alone, in order.
PLAN_AGENDA: tuple[str, ...] = tuple(item.title for item in PLAN_PROGRAMME)


def minutes(at: time) -> int:
    """Minutes since midnight of a clock time: 07:30 → 450."""
    return at.hour * 60 + at.minute


def hhmm(total: int) -> str:
    """A number of minutes since midnight as "HH:MM": 450 → "07:30". Past midnight the hours go on counting
    (1450 → "24:10") rather than wrap, so a runaway programme still reads in order."""
    return f"{total // 60:02d}:{total % 60:02d}"


def day_text(day: date) -> str:
    """A date as documents write it, "10/4/2025": a day below 10 and the months 1 and 2 with a leading zero
    (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.5.b), so 05/02/2025 but 10/4/2025."""
    return "/".join(date_parts(day))


@dataclass(frozen=True)
class Slot:
    """When one item runs: `start` and `end` in minutes since midnight (end = start + duration).

    `pinned`: the item's start is a fixed time, not the previous item's end. `late`: minutes by which the previous
    item's end runs past this pinned start (0 when it does not); `gap`: minutes of pause before this pinned start.
    """

    start: int
    end: int
    pinned: bool = False
    late: int = 0
    gap: int = 0


def schedule(day_start: time, items: Sequence[tuple[int, time | None]]) -> list[Slot]:
    """The start and end of each item of a programme, in order.

    Each item is (duration in minutes ≥ 0, pinned start or None). An item without a pinned start begins when the
    previous one ends, the first one at `day_start`; a pinned item begins at its pinned time whatever comes
    before it, and the items after it flow from it. A pinned time earlier than the previous item's end is kept
    (the printed programme says so) and shows as `late` on that slot.

    >>> from datetime import time as t
    >>> [(hhmm(s.start), hhmm(s.end)) for s in schedule(t(7, 30), [(15, None), (30, None), (20, t(8, 30))])]
    [('07:30', '07:45'), ('07:45', '08:15'), ('08:30', '08:50')]
    """
    slots: list[Slot] = []
    cursor = minutes(day_start)
    for duration, pinned in items:
        if pinned is None:
            start, late, gap = cursor, 0, 0
        else:
            start = minutes(pinned)
            late = max(0, cursor - start) if slots else 0
            gap = max(0, start - cursor) if slots else 0
        slots.append(Slot(start=start, end=start + duration, pinned=pinned is not None, late=late, gap=gap))
        cursor = start + duration
    return slots


def overrun(slots: Sequence[Slot], ends_by: time) -> int:
    """Minutes by which the programme ends after `ends_by` (its latest end; 0 when it ends in time or is empty).

    The half-day rule of mục II.2.2: a programme of the default nine items ending at 10:45 is in time for 11:30;
    one that ends at 11:50 is 20 minutes over.
    """
    if not slots:
        return 0
    return max(0, max(slot.end for slot in slots) - minutes(ends_by))


def place_by_time(times: Sequence[int | time | None], starts_at: int | time | None) -> int:
    """The index (0-based) at which an item starting at `starts_at` goes among items starting at `times` (in
    their order): before the first one that starts later, so a 10:20 item lands before the 10:30 closing; an item
    without a time goes at the end. Times are `time`s or minutes since midnight (not mixed).

    >>> from datetime import time as t
    >>> place_by_time([t(8), t(10, 30)], t(10, 20)), place_by_time([t(8), None, t(9)], t(8, 30)), place_by_time([t(8)], None)
    (1, 2, 1)
    """
    if starts_at is not None:
        for index, at in enumerate(times):
            if at is not None and at > starts_at:
                return index
    return len(times)


def step(item_ids: Sequence[int], current: int | None, offset: int) -> int | None:
    """The item the hall screen shows after moving `offset` items (+1 next, −1 previous) from `current`.

    None stands for the opening screen before the first item (the conference's name); a `current` that is no
    longer in the programme counts as that screen. Moving past the last item stays on it; moving back from the
    first goes to the opening screen.

    >>> step([4, 7, 9], None, 1), step([4, 7, 9], 9, 1), step([4, 7, 9], 4, -1), step([4, 7, 9], 3, 1)
    (4, 9, None, 4)
    """
    index = item_ids.index(current) if current in item_ids else -1
    target = max(-1, min(len(item_ids) - 1, index + offset))
    return None if target < 0 else item_ids[target]

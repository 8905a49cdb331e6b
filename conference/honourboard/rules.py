"""What the public honour board (bảng vinh danh) shows, as plain functions (no Flask, no database).

Why it exists: the plans around the seed conference ask the unions to spread the exemplars' stories where members
read them. Seed 000 (Kế hoạch tuyên truyền thi đua, khen thưởng năm 2024 của LĐLĐ huyện Vĩnh Thuận, mục II.2):
"thông qua các kênh thông tin nội bộ của công đoàn, trang facebook CĐCS và zalo nhóm"; seed 001 (Kế hoạch
104/KH-CĐYT, mục III): cán bộ công đoàn "sử dụng các phương tiện thông tin (điện thoại, facebook, zalo...) để chia
sẻ thông tin, hình ảnh, các gương người tốt, việc tốt, các điển hình tiên tiến"; seed 004 (Kế hoạch 57/KH-LĐLĐ,
mục II.3): "thông tin về hình ảnh, thành tích của tập thể, cá nhân tiêu biểu".

What it shows: each exemplar's name, kind, unit, photo, emulation movements and achievements (what those plans
spread), and nothing else of the person unless the organizer publishes it field by field (`PUBLISHABLE`, all off
until switched on): a phone number, a year of birth, an ethnicity or a party membership are personal data
(Nghị định 13/2023/NĐ-CP on personal data protection counts ethnic origin and political views among sensitive
data, Điều 2 khoản 4), which the unit gave for the delegate summary list, not for the public.
"""

from __future__ import annotations

import re

from conference.core.errors import N_
from conference.core.excerpt import cut_at_word

#: Fields the board may show when the organizer switches them on, one switch each, in the page's order:
#: (key, label). The switches are the columns `show_<key>` of `HonourBoard`.
PUBLISHABLE: tuple[tuple[str, str], ...] = (
    ("position", N_("Chức vụ, nơi công tác")),
    ("titles", N_("Danh hiệu thi đua, hình thức khen thưởng")),
    ("birth_year", N_("Năm sinh")),
    ("ethnicity", N_("Dân tộc")),
    ("party_member", N_("Đảng viên")),
    ("phone", N_("Số điện thoại")),
)
PUBLISHABLE_KEYS = tuple(key for key, _label in PUBLISHABLE)

#: Characters of a board's link token (`secrets.token_urlsafe(12)`: 96 random bits, URL-safe base64).
SLUG_LENGTH = 16
_SLUG = re.compile(rf"[A-Za-z0-9_-]{{{SLUG_LENGTH}}}")

#: Seconds a browser or a proxy may serve its copy of a public board page, photo or preview image before asking
#: again (then answered 304 when nothing changed). Short, so a board switched off, or a field unpublished, is gone
#: from every cache within a minute.
MAX_AGE = 60

#: The description shared with a link is cut to this many characters (what Facebook and Zalo show of it).
DESCRIPTION_MAX = 200


def is_slug(text: str) -> bool:
    """Whether `text` has the shape of a board's link token (so anything else is 404 without a query)."""
    return bool(_SLUG.fullmatch(text))


def published(switches: dict[str, bool]) -> frozenset[str]:
    """The keys of `PUBLISHABLE` switched on in `switches` ({key: bool}; a missing key is off)."""
    return frozenset(key for key in PUBLISHABLE_KEYS if switches.get(key))


def lines(text: str | None) -> tuple[str, ...]:
    """The non-blank lines of `text`, stripped: a nomination's emulation movements (one per line), the paragraphs
    of the organizer's introduction."""
    return tuple(line.strip() for line in (text or "").splitlines() if line.strip())


def shorten(text: str, limit: int = DESCRIPTION_MAX) -> str:
    """`text` on one line (runs of white space as one space), cut at a word boundary to at most `limit`
    characters with an ellipsis when longer (`conference.core.excerpt.cut_at_word`)."""
    return cut_at_word(text, limit)

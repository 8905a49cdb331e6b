"""Seat rules of a conference, as plain functions (no Flask).

Source: Kế hoạch 65/KH-LĐLĐ (Vĩnh Thuận, 21/11/2024), mục II.2.3 and II.2.4:
"Không quá 250 đại biểu, trong đó đại biểu điển hình tiên tiến khoảng 70% và đại biểu khách mời
khoảng 30%"; "Đoàn Chủ tịch ... số lượng không quá 07 người".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from conference.core.errors import N_, RuleViolation
from conference.organizations.levels import label_of, level, place_in_name

DEFAULT_DELEGATE_CAP = 250
DEFAULT_EXEMPLAR_SHARE_PCT = 70
DEFAULT_SPLIT_TOLERANCE_PCT = 5
DEFAULT_PRESIDIUM_MAX = 7
#: How long a conference lasts when the organizer writes nothing: the half day of Kế hoạch 65/KH-LĐLĐ. Free
#: text as printed on the documents (Vietnamese, like the conference's name), not a word of the interface.
DEFAULT_DURATION = "½ ngày"


@dataclass(frozen=True)
class SeatSplit:
    """Seats of a conference: `exemplar` + `guest` == `cap`."""

    cap: int
    exemplar: int
    guest: int


def seat_split(cap: int, exemplar_share_pct: int) -> SeatSplit:
    """Split the delegate cap into exemplar and guest seats.

    exemplar = floor(cap × share / 100); guest = cap − exemplar (DESIGN.md, "Rules").
    250 at 70 % → 175 exemplar and 75 guest seats.

    Raises:
        ValueError: cap < 1 or share outside 0..100.
    """
    if cap < 1:
        raise ValueError("cap must be at least 1")
    if not 0 <= exemplar_share_pct <= 100:
        raise ValueError("exemplar share must be within 0..100")
    exemplar = cap * exemplar_share_pct // 100
    return SeatSplit(cap=cap, exemplar=exemplar, guest=cap - exemplar)


@dataclass(frozen=True)
class SplitCheck:
    """The exemplar share of seated delegates against the target (a soft rule)."""

    exemplar_pct: float | None
    target_pct: int
    tolerance_pct: int
    within: bool


def check_split(exemplars: int, guests: int, target_pct: int, tolerance_pct: int) -> SplitCheck:
    """Compare the exemplar share of delegates with the target ± tolerance (percentage points).

    Soft rule: the dashboard warns, nothing is refused. With no delegates yet the share is None
    and the split counts as within.
    """
    total = exemplars + guests
    if total == 0:
        return SplitCheck(None, target_pct, tolerance_pct, True)
    pct = 100.0 * exemplars / total
    return SplitCheck(pct, target_pct, tolerance_pct, abs(pct - target_pct) <= tolerance_pct)


def ensure_room_for_delegate(*, cap: int, seated: int, category_seats: int, category_seated: int,
                             category_label: str) -> None:
    """Refuse a new delegate past the cap or past the seats of its category.

    Args:
        cap: the conference's delegate cap; seated: delegates already seated.
        category_seats / category_seated: seats of the delegate's category (exemplar or guest) and
            how many are taken.
        category_label: the category's name for the message (a `Message`, translated with it).

    Raises:
        RuleViolation: with the reason (a message id and its params).
    """
    if seated >= cap:
        raise RuleViolation(N_("Đã đủ %(cap)s đại biểu (số lượng tối đa); không thể thêm đại biểu."), cap=cap)
    if category_seated >= category_seats:
        raise RuleViolation(N_("Đã đủ %(seats)s chỗ cho %(category)s; không thể thêm."),
                            seats=category_seats, category=category_label)


def ensure_presidium_size(count: int, maximum: int) -> None:
    """Refuse a presidium larger than `maximum` (Kế hoạch 65/KH-LĐLĐ, mục II.2.4: không quá 07 người).

    Raises:
        RuleViolation: count > maximum.
    """
    if count > maximum:
        raise RuleViolation(N_("Đoàn Chủ tịch không quá %(maximum)s người (đã chọn %(count)s)."),
                            maximum=maximum, count=count)


def ensure_venue(venue: str | None) -> None:
    """A conference says where it is held: the invitations, the programme and the reports print the venue.

    Source: Kế hoạch 65/KH-LĐLĐ, mục II.3 ("Thời gian, địa điểm").

    Raises:
        RuleViolation: `venue` empty or only spaces.
    """
    if not (venue or "").strip():
        raise RuleViolation(N_("Nhập địa điểm tổ chức hội nghị: giấy mời, chương trình và báo cáo đều ghi địa điểm."))


def ensure_deadline_before_conference(deadline: date | None, held_on: date) -> None:
    """The units' deadline for nominations (the conference's, or a block's) falls on or before the conference
    date: the exemplars are chosen, approved and invited before the conference, never after it.

    Source: Kế hoạch 65/KH-LĐLĐ, mục III (tổ chức thực hiện: the units send their nominations before the
    conference).

    Raises:
        RuleViolation: `deadline` after `held_on` (None, no deadline, passes).
    """
    if deadline is not None and deadline > held_on:
        raise RuleViolation(
            N_("Thời hạn gửi hồ sơ (%(deadline)s) sau ngày hội nghị (%(held_on)s): đơn vị phải gửi hồ sơ trước "
               "ngày hội nghị."),
            deadline=f"{deadline:%d/%m/%Y}", held_on=f"{held_on:%d/%m/%Y}")


def place_of(issuer: str) -> str:
    """The place name of an issuing body for the date line, read from its name: "Liên đoàn Lao động tỉnh An
    Giang" → "An Giang", "Công đoàn phường Rạch Giá" → "Rạch Giá", "Công đoàn phường 12" → "Phường 12".

    The name prefixes are data (`conference.organizations.levels.place_in_name`, `data/levels.json`); a name without
    one is returned whole. An organization that stores its place (`Organization.place_name`) prints that instead
    (`letterhead.letterhead_of`). Source: Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.5.a (the place is the name of
    the administrative unit where the issuing body sits).
    """
    return place_in_name(issuer) or issuer


def ensure_hosts_conference(level_code: str | None) -> None:
    """A conference is held by a body whose level holds one (`hosts_conference` in `data/levels.json`): the
    provincial federation, a union directly above the grassroots (commune or ward union, sector union,
    industrial-zone union) or a national body; never a grassroots union, whose members are the units' delegates.

    Source: DESIGN.md ("Organizations form a tree"); Điều lệ Công đoàn Việt Nam, Điều 9 (the levels).

    Raises:
        RuleViolation: an unknown level or one that holds no conference.
    """
    found = level(level_code)
    if found is None or not found.hosts_conference:
        raise RuleViolation(N_("Đơn vị tổ chức ở cấp “%(level)s” không tổ chức hội nghị; hội nghị do liên đoàn lao "
                               "động tỉnh, thành phố hoặc công đoàn cấp trên trực tiếp cơ sở tổ chức."),
                            level=label_of(level_code))

"""Nomination rules as plain functions (no Flask, no database): deadlines, quota, states, duplicates.

Sources: DESIGN.md hard rules (states: draft → submitted → approved / returned with a reason the unit sees →
resubmitted; withdrawn; only submitted and approved ones count against the quota; after the deadline only the
organizer edits); seed 002 (deadlines differ by block: "riêng CĐCS khối Giáo dục
trước ngày 26/8/2022").
"""

from __future__ import annotations

from datetime import date

from conference.core.errors import N_, RuleViolation
from conference.core.excerpt import excerpt
from conference.core.text import clean_text, fold


def effective_deadline(block_deadline: date | None, conference_deadline: date | None) -> date | None:
    """A unit's nomination deadline: its block's deadline at this conference, else the conference's.

    Seed 002 gives the education block (khối Giáo dục) later dates than the others, so a block's own date
    wins over the conference-wide one, whether earlier or later. None: no deadline.
    """
    return block_deadline if block_deadline is not None else conference_deadline


def days_left(deadline: date | None, today: date) -> int | None:
    """Whole days from `today` to `deadline` (0 on the day itself, negative once past); None without one."""
    return None if deadline is None else (deadline - today).days


def ensure_before_deadline(deadline: date | None, today: date) -> None:
    """Refuse a unit's change after its deadline; the deadline day itself is still open.

    Source: DESIGN.md hard rule "after a unit's deadline only the organizer can change its nominations".

    Raises:
        RuleViolation: today > deadline.
    """
    if deadline is not None and today > deadline:
        raise RuleViolation(
            N_("Đã hết thời hạn gửi hồ sơ (hạn cuối %(deadline)s). Vui lòng liên hệ Ban Tổ chức."),
            deadline=f"{deadline:%d/%m/%Y}",
        )


def ensure_within_quota(used: int, quota: int, adding: int = 1) -> None:
    """Refuse `adding` more counted nominations when used + adding would exceed the quota.

    Raises:
        RuleViolation: used + adding > quota.
    """
    if used + adding > quota:
        if adding == 1:
            raise RuleViolation(
                N_("Đơn vị đã dùng hết số lượng phân bổ (%(used)s/%(quota)s). Không thể gửi thêm hồ sơ."),
                used=used, quota=quota,
            )
        raise RuleViolation(
            N_("Vượt số lượng phân bổ: đã dùng %(used)s/%(quota)s, không thể gửi thêm %(adding)s hồ sơ."),
            used=used, quota=quota, adding=adding,
        )


#: draft → submitted → approved / returned (with a reason) → resubmitted → approved / returned; withdrawn.
#: Their words: `conference.core.vocabulary.STATUS`.
NOMINATION_STATUSES = ("draft", "submitted", "approved", "returned", "resubmitted", "withdrawn")
#: The statuses that hold one of the unit's quota seats. Source: DESIGN.md, hard rule "a unit's submitted +
#: approved nominations never exceed its quota"; a resubmitted nomination is submitted again. Drafts, returned and withdrawn ones hold none.
COUNTED_STATUSES = ("submitted", "resubmitted", "approved")
#: The statuses waiting for the organizer's review (those the organizer can approve or return).
PENDING_STATUSES = ("submitted", "resubmitted")


def holds_seat(status: str) -> bool:
    """Whether a nomination in `status` takes one of its unit's quota seats (see `COUNTED_STATUSES`)."""
    return status in COUNTED_STATUSES


def is_returned(status: str) -> bool:
    """Returned to the unit with a reason it must read; editing it sends it again (→ resubmitted)."""
    return status == "returned"


def is_withdrawn(status: str) -> bool:
    """Withdrawn by its unit: kept in the unit's list, last and greyed, holding no seat and allowing nothing."""
    return status == "withdrawn"


def seats_used(status_counts) -> int:
    """The seats a unit uses: how many of its nominations hold one, from {status: how many}."""
    return sum(number for status, number in status_counts.items() if holds_seat(status))


#: (from status, action) → to status. Actions by the unit: submit, edit, withdraw; by the organizer:
#: approve, return. Editing a returned nomination resubmits it; editing a draft keeps it a draft.
TRANSITIONS = {
    ("draft", "submit"): "submitted",
    ("draft", "edit"): "draft",
    ("draft", "withdraw"): "withdrawn",
    ("submitted", "edit"): "submitted",
    ("submitted", "approve"): "approved",
    ("submitted", "return"): "returned",
    ("submitted", "withdraw"): "withdrawn",
    ("returned", "edit"): "resubmitted",
    ("returned", "withdraw"): "withdrawn",
    ("resubmitted", "edit"): "resubmitted",
    ("resubmitted", "approve"): "approved",
    ("resubmitted", "return"): "returned",
    ("resubmitted", "withdraw"): "withdrawn",
}

_REFUSALS = {
    "approve": N_("Chỉ duyệt được hồ sơ đang chờ duyệt."),
    "return": N_("Chỉ trả lại được hồ sơ đang chờ duyệt."),
    "edit": N_("Hồ sơ đã được duyệt hoặc đã rút, không thể sửa."),
    "submit": N_("Chỉ gửi được hồ sơ đang lưu nháp."),
    "withdraw": N_("Hồ sơ đã được duyệt hoặc đã rút, không thể rút."),
}


def allows(status: str, action: str) -> bool:
    """Whether `action` may be applied to a nomination in `status` (the pages offer it; see `TRANSITIONS`)."""
    return (status, action) in TRANSITIONS


def next_status(status: str, action: str) -> str:
    """The state a nomination moves to when `action` is applied (see `TRANSITIONS`).

    Raises:
        RuleViolation: the action is not allowed from `status` (e.g. approving a returned nomination).
    """
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise RuleViolation(_REFUSALS.get(action, N_("Thao tác không hợp lệ."))) from None


def person_key(full_name: str | None, birth_year: int | None) -> tuple[str, int | None]:
    """What makes two nominations of one unit the same person: the name's comparison key
    (`conference.core.text.fold`: case, spaces, invisible characters and the tone mark's place ignored, so
    "Nguyễn Thị Hoà" and "nguyễn  thị hòa" are one person) and the year of birth. Every duplicate check of a
    person (the form, the Excel template import, the upper level's import) compares these keys."""
    return (fold(full_name), birth_year)


def ensure_not_duplicate(full_name: str, birth_year: int | None, existing: set[tuple[str, int | None]]) -> None:
    """Refuse a person the unit already proposed (same name and year of birth; withdrawn ones excluded).

    Args:
        existing: `person_key`s of the unit's other nominations at this conference.

    Raises:
        RuleViolation: the key is in `existing`.
    """
    if person_key(full_name, birth_year) in existing:
        if birth_year:
            raise RuleViolation(N_("Đơn vị đã có hồ sơ của %(name)s (sinh năm %(year)s)."),
                                name=clean_text(full_name), year=birth_year)
        raise RuleViolation(N_("Đơn vị đã có hồ sơ của %(name)s."), name=clean_text(full_name))


#: A person's fields, with the value a collective (tập thể) holds in each: a collective has no gender, birth,
#: ethnicity, education or party membership, and the priority group "trực tiếp sản xuất" is of workers
#: (`conference.delegates.rules.priority_groups`). Source: Kế hoạch 65/KH-LĐLĐ, mục II.2.3 (cá nhân, tập thể).
PERSON_ONLY_FIELDS = {"gender": None, "birth_year": None, "birth_date": None, "ethnicity": None,
                      "education": None, "party_member": False, "direct_worker": False}


#: Tóm tắt thành tích: at most 300 characters, what the delegate summary list (danh sách trích ngang) prints in
#: place of the full achievements (Kế hoạch 65/KH-LĐLĐ, mục III.1: "danh sách trích ngang", one row a delegate).
#: Its column is about 32 characters wide: 300 characters are some ten lines of 11 pt there (about 150 pt, far
#: under Excel's 409 pt row limit), two or three sentences, three lines of a printed A4 text line.
ACHIEVEMENTS_SUMMARY_MAX = 300


def first_sentences(text: str | None, limit: int = ACHIEVEMENTS_SUMMARY_MAX) -> str | None:
    """The summary of achievements made of their first sentences: as many whole sentences as fit in `limit`
    characters, on one line (each line of the text is a sentence too; a bullet "- " before it is dropped, and a
    line without a full stop gets one when another follows). When the first sentence alone is longer, it is cut
    at the last whole word that fits and ends with "…" (`conference.core.excerpt.excerpt`, the one rule for
    sentences and cuts).

    Used for the rows stored before the summary existed (the migration) and for a nomination filed without one.

    Returns:
        a text of 1..`limit` characters, or None when `text` is empty.
    """
    return excerpt(text, limit) or None

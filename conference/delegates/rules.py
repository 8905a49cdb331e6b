"""Rules about the people delegates and nominations describe, as plain functions (no Flask, no database).

Every page, export and badge asks these functions: who counts as an ethnic minority, which priority groups a
person belongs to and how many of a list do, and who wears the presidium's badge. Pages that read many rows
fetch the few columns these rules need and count in Python, so a rule is never written again as SQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from conference.core.errors import N_, RuleViolation
from conference.core.text import fold

#: The majority ethnic group of Vietnam; every other recorded ethnicity is an ethnic minority.
MAJORITY_ETHNICITY = "Kinh"
#: The badge kind of a presidium member (the delegate categories are the other kinds).
PRESIDIUM = "presidium"
#: The plan's priority groups, in the plan's order (words: `conference.core.vocabulary.PRIORITY_GROUP`).
PRIORITY_GROUPS = ("direct_worker", "women", "ethnic_minority")
#: The years of birth accepted for a person, on the forms and in both imports (the nomination template and a
#: lower level's list). A check against typing slips (1895, 2085, a two-digit 85) that refuses no real person:
#: someone born in 1930 is in their nineties, the age of the oldest veterans invited as guests; someone born in
#: 2010 turned 15 in 2025, the minimum working age of the Labour Code (Bộ luật Lao động 2019).
BIRTH_YEAR_MIN, BIRTH_YEAR_MAX = 1930, 2010


def is_ethnic_minority(ethnicity: str | None) -> bool:
    """An ethnic minority (người dân tộc thiểu số): any recorded ethnicity other than Kinh.

    Source: Kế hoạch 65/KH-LĐLĐ, mục II.2.3 ("lao động là người dân tộc thiểu số"); Vietnam's 54 ethnic
    groups are Kinh and 53 minorities. Case, spacing and Unicode form do not matter ("Kinh", " kinh ", "KINH"
    are Kinh: `conference.core.text.fold`); nothing recorded is not a minority.
    """
    key = fold(ethnicity)
    return bool(key) and key != fold(MAJORITY_ETHNICITY)


def priority_groups(kind: str | None, gender: str | None, ethnicity: str | None,
                    direct_worker: bool | None) -> tuple[str, ...]:
    """The plan's priority groups one exemplar belongs to, in `PRIORITY_GROUPS` order.

    Source: Kế hoạch 65/KH-LĐLĐ, mục II.2.3: "ưu tiên CNVCLĐ trực tiếp lao động sản xuất, lao động nữ, lao
    động là người dân tộc thiểu số". Each group is of workers (people), so only individuals (cá nhân) belong
    to one: a collective (tập thể) has no gender, and its marks describe a group, not the person who
    represents it.
    """
    if kind != "individual":
        return ()
    groups = []
    if direct_worker:
        groups.append("direct_worker")
    if gender == "female":
        groups.append("women")
    if is_ethnic_minority(ethnicity):
        groups.append("ethnic_minority")
    return tuple(groups)


def in_priority_group(person, group: str) -> bool:
    """Whether `person` (anything with kind, gender, ethnicity and direct_worker) belongs to `group`."""
    return group in priority_groups(person.kind, person.gender, person.ethnicity, person.direct_worker)


@dataclass(frozen=True)
class PriorityCounts:
    """How many of a list are individuals, and how many belong to each priority group (a soft rule: shown as
    shares on the dashboard, the review page and the upper-level list, never refused)."""

    individuals: int = 0
    direct_worker: int = 0
    women: int = 0
    ethnic_minority: int = 0

    def __getitem__(self, group: str) -> int:
        if group not in PRIORITY_GROUPS:
            raise KeyError(group)
        return getattr(self, group)

    def pct(self, group: str) -> float | None:
        """The group's share of the individuals, in percent; None when there is no individual."""
        return 100.0 * self[group] / self.individuals if self.individuals else None


def count_priority_groups(rows: Iterable[tuple]) -> PriorityCounts:
    """Count `rows` of (kind, gender, ethnicity, direct_worker, how many): what a GROUP BY over those columns
    returns, or one row per person with 1."""
    individuals = 0
    counts = dict.fromkeys(PRIORITY_GROUPS, 0)
    for kind, gender, ethnicity, direct_worker, number in rows:
        if kind == "individual":
            individuals += number
        for group in priority_groups(kind, gender, ethnicity, direct_worker):
            counts[group] += number
    return PriorityCounts(individuals=individuals, **counts)


def priority_counts(people: Iterable) -> PriorityCounts:
    """`count_priority_groups` of a list of people (objects with kind, gender, ethnicity, direct_worker)."""
    return count_priority_groups((p.kind, p.gender, p.ethnicity, p.direct_worker, 1) for p in people)


def is_removable(category: str) -> bool:
    """A delegate the organizer may remove from the list: a guest (đại biểu khách mời). An exemplar leaves only
    through their nomination (withdrawn or returned), so the list and the nominations never disagree; a guest
    who has checked in stays too (`conference.delegates.services.remove_guest`)."""
    return category == "guest"


def is_presidium_member(presidium_order: int | None) -> bool:
    """A delegate with a seat in the presidium (Đoàn Chủ tịch, Kế hoạch 65/KH-LĐLĐ, mục II.2.4)."""
    return presidium_order is not None


def badge_kind(presidium_order: int | None, category: str) -> str:
    """The badge a delegate wears: the presidium's for a presidium member, else the delegate's category.

    A presidium member counts under the presidium only, on the badges, at the desk and on the live board.
    The SQL form of this rule is `conference.delegates.models.Delegate.badge_kind` (tests check they agree).
    """
    return PRESIDIUM if is_presidium_member(presidium_order) else category


def affiliation(unit_name: str | None, position: str | None) -> str:
    """The line under a delegate's name (badge, desk, lists): the unit's name for a delegate of a unit (the
    exemplars), else the position and workplace (guests); "" when neither is recorded."""
    return unit_name if unit_name is not None else (position or "")


def ensure_presidium_person(kind: str | None, name: str) -> None:
    """A presidium member is a person: the plan seats leaders and outstanding exemplars at the table, and a
    collective (tập thể) is represented there by one of its people.

    Source: Kế hoạch 65/KH-LĐLĐ, mục II.2.4 (Đoàn Chủ tịch: "đại diện lãnh đạo ... và điển hình tiên tiến tiêu
    biểu").

    Raises:
        RuleViolation: `kind` is "collective".
    """
    if kind == "collective":
        raise RuleViolation(N_("“%(name)s” là tập thể: Đoàn Chủ tịch gồm các cá nhân. Chọn người đại diện của tập "
                               "thể (thêm làm đại biểu khách mời nếu chưa có)."), name=name)

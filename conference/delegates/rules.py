"""Rules about the people delegates and nominations describe, as plain functions (no Flask, no database).

Every page, export and badge asks these functions: who counts as an ethnic minority, which priority groups a
person belongs to and how many of a list do, and who wears the presidium's badge. Pages that read many rows
fetch the few columns these rules need and count in Python, so a rule is never written again as SQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from conference.core.errors import N_, Message, RuleViolation
from conference.core.text import fold
from conference.core.vocabulary import INVITATION_ANSWER

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


def affiliation(unit_name: str | None, position: str | None, workplace: str | None = None) -> str:
    """The line under a delegate's name and the unit column of the lists (badge, desk, delegate summary list):
    the unit's name for a delegate of a unit (the exemplars); for a guest their organisation (cơ quan, đơn vị công
    tác), or the position when no organisation is recorded (guests entered before it was asked); "" when none."""
    if unit_name is not None:
        return unit_name
    return workplace or position or ""


#: A guest's answer to the invitation (giấy mời), as the organizer records it: comes, does not come, or sends a
#: deputy who takes the guest's seat (`conference.invitations.services.record_answer`); the words are in
#: `conference.core.vocabulary`.
INVITATION_ANSWERS = INVITATION_ANSWER
#: The answer of a guest who will not come: their seat in the hall is freed and the automatic seating leaves them
#: out (`conference.seating.services`); a later "confirmed" brings them back to the next automatic seating.
DECLINED = "declined"


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


#: The groups the presidium is drawn from, in the plan's order, with the words pages print (Kế hoạch 65/KH-LĐLĐ,
#: mục II.2.4: "Đại diện lãnh đạo cấp ủy, chính quyền, công đoàn và gương điển hình tiêu biểu, xuất sắc").
PRESIDIUM_GROUPS = {
    "party": Message(N_("Lãnh đạo cấp ủy")),
    "government": Message(N_("Lãnh đạo chính quyền")),
    "union": Message(N_("Lãnh đạo công đoàn")),
    "exemplar": Message(N_("Điển hình tiêu biểu")),
}


@dataclass(frozen=True)
class PresidiumComposition:
    """How a presidium answers the plan's composition: `present` {group: members}, for every group of
    `PRESIDIUM_GROUPS` (0 when none); `missing` the groups with no member, in the plan's order; `unassigned` the
    members given no group."""

    present: dict[str, int]
    missing: tuple[str, ...]
    unassigned: int

    @property
    def complete(self) -> bool:
        """Every group of the plan has a member."""
        return not self.missing


def presidium_composition(groups: Iterable[str | None]) -> PresidiumComposition:
    """The composition check of a presidium whose members belong to `groups` (one entry per member, None for a
    member not yet given a group). A soft rule: the page shows what is missing, nothing is refused.

    Source: Kế hoạch 65/KH-LĐLĐ, mục II.2.4 (lãnh đạo cấp ủy, chính quyền, công đoàn và gương điển hình tiêu biểu).
    """
    present = dict.fromkeys(PRESIDIUM_GROUPS, 0)
    unassigned = 0
    for group in groups:
        if group in present:
            present[group] += 1
        else:
            unassigned += 1
    return PresidiumComposition(present=present, missing=tuple(g for g, n in present.items() if not n),
                                unassigned=unassigned)


def presidium_seating(members: int) -> list[int]:
    """The presidium's seats at its table, left to right AS SEEN FROM THE HALL (nhìn từ phía hội trường): the
    order number (1 = most senior) of who sits in each seat.

    The usual protocol: number 1 sits in the centre; number 2 on number 1's right, number 3 on their left, then
    alternating outwards (4 right of 2, 5 left of 3, ...). Right and left are those of the members seated facing
    the hall, so from the hall number 2 is on the LEFT of number 1: 7 members give [6, 4, 2, 1, 3, 5, 7]. With an
    even number the middle of the table falls between numbers 2 and 1 ([6, 4, 2, 1, 3, 5]). The name tents stand in
    the same order. `members` < 1 gives [].
    """
    right = list(range(2, members + 1, 2))  # the members' right = the hall's left
    left = list(range(3, members + 1, 2))
    return [*reversed(right), 1, *left] if members >= 1 else []


def honorific(gender: str | None, unknown: str = "") -> str:
    """The word of address before a person's name in the organizer's documents: "Ông" for 'male', "Bà" for
    'female', `unknown` when the gender is not recorded (a certificate prints nothing, an invitation "Ông/Bà")."""
    return {"male": "Ông", "female": "Bà"}.get(gender or "", unknown)


def position_line(position: str | None, workplace: str | None, unit_name: str | None) -> str:
    """How a presidium member or a guest is named at the table and by the MC: the position and the organisation
    ("Bí thư, Huyện ủy Vĩnh Thuận"), else the unit's name; "" when nothing is recorded."""
    return ", ".join(part for part in (position, workplace) if part) or (unit_name or "")

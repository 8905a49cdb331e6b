"""A conference mixing every case the rules distinguish, with the figures each rule should give, counted by hand.

Ethnicities written "Kinh", " kinh ", "KINH", "Kinh" + no-break space, "Khmer", " khmer ", "Hoa"; individuals and
a collective; guests; a presidium of two exemplars and a guest; withdrawn, returned, draft, submitted and
resubmitted nominations; three exemplars chosen for the upper level. Rows are inserted directly (an approved
nomination with its delegate), so the tests depend on the tables only, not on the review workflow.
"""

from __future__ import annotations

from dataclasses import dataclass

from conference.delegates.models import Delegate
from conference.delegates.rules import PriorityCounts
from conference.extensions import db
from conference.nominations.models import Nomination
from conference.organizations.models import Organization
from tests.factories import make_world

NBSP = "\u00a0"


@dataclass(frozen=True)
class Person:
    name: str
    unit: int | None  # index of the unit; None for a guest
    status: str | None  # the nomination's; None for a guest
    kind: str = "individual"
    gender: str | None = "male"
    ethnicity: str | None = "Kinh"
    direct_worker: bool = False
    presidium: int | None = None
    upper: int | None = None


PEOPLE = [
    # unit 1: four approved (one in the presidium, two chosen for the upper level), one withdrawn
    Person("Nguyễn Thị An", 0, "approved", gender="female", ethnicity="Kinh", direct_worker=True, upper=1),
    Person("Trần Văn Bình", 0, "approved", ethnicity=" kinh "),
    Person("Thạch Thị Sa", 0, "approved", gender="female", ethnicity="Khmer", direct_worker=True, presidium=2,
           upper=2),
    Person("Lê Văn Cường", 0, "approved", ethnicity="KINH", direct_worker=True),
    Person("Đỗ Thị Rút", 0, "withdrawn", gender="female", ethnicity="Khmer", direct_worker=True),
    # unit 2: a collective (its marks count for no group) and a woman approved, one submitted, one returned
    Person("Tổ sản xuất số 1", 1, "approved", kind="collective", gender=None, ethnicity="Hoa", direct_worker=True,
           upper=3),
    Person("Lâm Thị Hoa", 1, "approved", gender="female", ethnicity="Hoa"),
    Person("Phan Văn Dũng", 1, "submitted"),
    Person("Ngô Thị Trả", 1, "returned", gender="female", ethnicity="Khmer", direct_worker=True),
    # unit 3: one approved (head of the presidium), one resubmitted, one draft
    Person("Kim Thị Mai", 2, "approved", gender="female", ethnicity=" khmer ", presidium=1),
    Person("Vũ Văn Lại", 2, "resubmitted", ethnicity="Hoa"),
    Person("Hà Thị Nháp", 2, "draft", gender="female", ethnicity="Khmer", direct_worker=True),
    # guests: one in the presidium, a Hoa woman, a Kinh man whose ethnicity ends with a no-break space
    Person("Trần Quốc Tuấn", None, None, presidium=3),
    Person("Lý Thị Khách", None, None, gender="female", ethnicity="Hoa"),
    Person("Hồ Văn Mời", None, None, ethnicity="Kinh" + NBSP),
]
QUOTAS = (4, 3, 2)

#: The exemplars (approved): 6 individuals; women An, Sa, Hoa, Mai; minorities Sa, Hoa, Mai (the Kinh in three
#: spellings are not); direct workers An, Sa, Cường (the collective's mark is not an individual's).
EXEMPLARS = PriorityCounts(individuals=6, direct_worker=3, women=4, ethnic_minority=3)
#: The guests: 3 individuals, one woman who is Hoa.
GUESTS = PriorityCounts(individuals=3, direct_worker=0, women=1, ethnic_minority=1)
#: Chosen for the upper level: An, Sa and the collective.
UPPER = PriorityCounts(individuals=2, direct_worker=2, women=2, ethnic_minority=1)
#: Submitted + resubmitted + approved per unit; approved per unit.
SEATS_USED = (4, 3, 2)
APPROVED = (4, 2, 1)
#: Badge kinds: the presidium (two exemplars and a guest), the other exemplars, the other guests.
KINDS = {"presidium": 3, "exemplar": 5, "guest": 2}


@dataclass
class Mixed:
    """Ids of what `make_mixed` made; `unit_names` in the order of `unit_ids`."""

    conference_id: int
    unit_ids: list[int]
    unit_names: list[str]
    nomination_ids: list[int]
    delegate_ids: list[int]


def make_mixed() -> Mixed:
    """`PEOPLE` at a conference of `make_world` (users organizer, checkin, unit1..unit3), committed."""
    world = make_world(units=3, quotas=QUOTAS)
    nomination_ids, delegate_ids = [], []
    for person in PEOPLE:
        fields = {"kind": person.kind, "full_name": person.name, "gender": person.gender,
                  "birth_year": None if person.kind == "collective" else 1980, "ethnicity": person.ethnicity,
                  "direct_worker": person.direct_worker, "position": "Công nhân"}
        unit_id = world.unit_ids[person.unit] if person.unit is not None else None
        nomination_id = None
        if person.status is not None:
            nomination = Nomination(conference_id=world.conference_id, unit_id=unit_id, status=person.status,
                                    achievements="Sáng kiến.", **fields)
            db.session.add(nomination)
            db.session.flush()
            nomination_id = nomination.id
            nomination_ids.append(nomination_id)
        if person.status in (None, "approved"):
            delegate = Delegate(conference_id=world.conference_id, unit_id=unit_id,
                                category="guest" if person.unit is None else "exemplar", nomination_id=nomination_id,
                                presidium_order=person.presidium, upper_order=person.upper, **fields)
            db.session.add(delegate)
            db.session.flush()
            delegate_ids.append(delegate.id)
    db.session.commit()
    unit_names = [db.session.get(Organization, uid).name for uid in world.unit_ids]
    return Mixed(world.conference_id, world.unit_ids, unit_names, nomination_ids, delegate_ids)

"""A district conference with seated delegates, and a province conference whose units are districts.

Delegates are inserted directly (with the approved nomination behind each exemplar, which holds the phone
number), so these tests depend only on the delegate and nomination tables, not on the review workflow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from conference.conferences.models import Conference, Quota
from conference.delegates.models import Delegate
from conference.dossier.models import LowerConference
from conference.dossier.queries import get_dossier
from conference.extensions import db
from conference.nominations.models import Nomination
from conference.organizations.models import Organization
from tests.factories import make_user

DISTRICT = "Liên đoàn Lao động huyện Vĩnh Thuận"
PROVINCE = "Liên đoàn Lao động tỉnh Kiên Giang"
GIVEN = ["An", "Ánh", "Bình", "Cúc", "Dũng", "Đào", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Linh", "Mai",
         "Minh", "Nga", "Ngọc", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Út", "Vân", "Xuân", "Yến"]
FAMILY = ["Nguyễn Thị", "Trần Văn", "Lê Thị", "Phạm Văn", "Đặng Thị", "Võ Văn", "Huỳnh Thị"]


@dataclass
class District:
    host_id: int
    conference_id: int
    unit_ids: list[int]
    exemplar_ids: list[int]
    guest_ids: list[int]


@dataclass
class Province:
    host_id: int
    conference_id: int
    district_unit_id: int
    other_unit_id: int


def person(i: int) -> dict:
    """The fields of exemplar number i: varied genders, ethnicities, marks, a collective every 9th; a summary of
    achievements for every second one."""
    collective = i % 9 == 8
    return {
        "kind": "collective" if collective else "individual",
        "full_name": f"Tổ sản xuất số {i}" if collective else f"{FAMILY[i % len(FAMILY)]} {GIVEN[i % len(GIVEN)]}",
        "gender": None if collective else ("female" if i % 2 == 0 else "male"),
        "birth_year": None if collective else 1970 + i,
        "ethnicity": "Khmer" if i % 5 == 0 else "Kinh",
        "position": f"Công nhân tổ {i}, Công ty TNHH Thủy sản Vĩnh Thuận" if i % 3 else "Giáo viên",
        "direct_worker": i % 3 != 0,
        "party_member": i % 4 == 0,
        "titles": "Chiến sĩ thi đua cơ sở năm 2023, 2024\nBằng khen của LĐLĐ tỉnh năm 2024",
        "achievements": f"Có {i} sáng kiến cải tiến kỹ thuật, tiết kiệm chi phí cho đơn vị.",
        "achievements_summary": f"{i} sáng kiến cải tiến kỹ thuật." if i % 2 else None,
    }


def make_district(exemplars: int = 24, guests: int = 2, cap: int = 250, tag: str = "") -> District:
    """A district federation under a province, 3 units, a conference with `exemplars` seated exemplars
    (round-robin over the units) and `guests` guests; users {tag}organizer and {tag}other_organizer."""
    province = Organization(name=PROVINCE, level="province")
    db.session.add(province)
    db.session.flush()
    host = Organization(name=DISTRICT, level="district", parent_id=province.id)
    db.session.add(host)
    db.session.flush()
    units = [Organization(name=f"Công đoàn cơ sở số {i + 1}", level="grassroots", parent_id=host.id,
                          member_count=100 + 50 * i) for i in range(3)]
    db.session.add_all(units)
    db.session.flush()
    conference = Conference(host_id=host.id, name="Hội nghị tuyên dương điển hình tiên tiến huyện Vĩnh Thuận",
                            level="district", held_on=date(2025, 4, 10), delegate_cap=cap, upper_body=PROVINCE,
                            venue="Hội trường huyện")
    db.session.add(conference)
    db.session.flush()
    for unit, seats in zip(units, (10, 10, 10)):
        db.session.add(Quota(conference_id=conference.id, unit_id=unit.id, seats=seats))
    exemplar_ids = []
    for i in range(exemplars):
        unit = units[i % 3]
        fields = person(i)
        nomination = Nomination(conference_id=conference.id, unit_id=unit.id, status="approved",
                                phone=f"09{i:08d}", **fields)
        db.session.add(nomination)
        db.session.flush()
        delegate = Delegate(conference_id=conference.id, category="exemplar", unit_id=unit.id,
                            nomination_id=nomination.id, **fields)
        db.session.add(delegate)
        db.session.flush()
        exemplar_ids.append(delegate.id)
    guest_ids = []
    for i in range(guests):
        guest = Delegate(conference_id=conference.id, category="guest", full_name=f"Lê Văn Khách {i}",
                         gender="male", position="Chủ tịch UBND huyện", kind="individual")
        db.session.add(guest)
        db.session.flush()
        guest_ids.append(guest.id)
    make_user(f"{tag}organizer", "organizer", host.id)
    other = Organization(name="Liên đoàn Lao động huyện An Minh", level="district", parent_id=province.id)
    db.session.add(other)
    db.session.flush()
    make_user(f"{tag}other_organizer", "organizer", other.id)
    db.session.commit()
    return District(host_id=host.id, conference_id=conference.id, unit_ids=[u.id for u in units],
                    exemplar_ids=exemplar_ids, guest_ids=guest_ids)


def make_province(district_seats: int = 20, tag: str = "p_") -> Province:
    """A province federation whose units are districts (one named like the district above), a conference of
    level "province" with `district_seats` seats for that district; user {tag}organizer."""
    province = Organization(name=PROVINCE + " (cấp tỉnh)", level="province")
    db.session.add(province)
    db.session.flush()
    district = Organization(name=DISTRICT, level="district", parent_id=province.id, member_count=3000)
    other = Organization(name="Liên đoàn Lao động huyện U Minh Thượng", level="district", parent_id=province.id,
                         member_count=2000)
    db.session.add_all([district, other])
    db.session.flush()
    conference = Conference(host_id=province.id, level="province", held_on=date(2025, 6, 20),
                            name="Đại hội thi đua yêu nước tỉnh Kiên Giang lần thứ VI",
                            upper_body="Tổng Liên đoàn Lao động Việt Nam")
    db.session.add(conference)
    db.session.flush()
    db.session.add_all([Quota(conference_id=conference.id, unit_id=district.id, seats=district_seats),
                        Quota(conference_id=conference.id, unit_id=other.id, seats=10)])
    make_user(f"{tag}organizer", "organizer", province.id)
    db.session.commit()
    return Province(host_id=province.id, conference_id=conference.id, district_unit_id=district.id,
                    other_unit_id=other.id)


def name_sender(province: Province, district: District) -> str:
    """The district's conference code, recorded at the province as its district unit's (the district told it);
    the code."""
    code = get_dossier(district.conference_id).code
    db.session.add(LowerConference(conference_id=province.conference_id, unit_id=province.district_unit_id,
                                   code=code))
    db.session.commit()
    return code

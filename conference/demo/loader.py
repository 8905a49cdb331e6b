"""The demo conference: Kế hoạch 65/KH-LĐLĐ huyện Vĩnh Thuận (seed 003) with generated nominations.

Real data from the plan: name, level, organizer, date 10/04/2025 (½ ngày), cap 250, 70/30, presidium ≤ 7,
dossier deadline 25/04/2025, the nine agenda items of mục II.3. The units (units.csv) are a plausible
list of the district's grassroots unions; people's names are made by Faker's vi_VN locale (seeded, so
the demo is the same on every machine).
"""

from __future__ import annotations

import csv
import random
from datetime import date
from pathlib import Path

from faker import Faker
from sqlalchemy import select

from conference.agenda.services import add_plan_programme
from conference.auth.models import User, hash_password
from conference.conferences.models import Conference
from conference.db import lock
from conference.delegates.models import Delegate
from conference.delegates.services import add_guest, set_presidium
from conference.extensions import db
from conference.nominations.services import Actor, approve_nomination, return_nomination, submit_nomination
from conference.organizations.models import Block, Organization
from conference.quotas.services import allocate_proportionally
from conference.seating.services import save_layout, seat_automatically

PLAN_REFERENCE = "65/KH-LĐLĐ"
DEMO_PASSWORD = "demo1234"
CONFERENCE_NAME = (
    "Hội nghị tuyên dương điển hình tiên tiến trong các cấp công đoàn huyện Vĩnh Thuận, tiến tới Đại hội "
    "thi đua yêu nước tỉnh Kiên Giang lần thứ VI và Đại hội thi đua yêu nước trong công nhân, viên chức, "
    "lao động toàn quốc lần thứ XI, năm 2025"
)
#: Who presents each of the plan's nine items at the demo (the durations are the plan programme's,
#: `conference.agenda.rules.PLAN_PROGRAMME`: from 07:30 the items start at 07:30, 07:45, 08:00, 08:30, 09:00, 09:40,
#: 10:00, 10:15 and 10:30).
AGENDA_PRESENTERS = (
    "Đội văn nghệ CNVCLĐ huyện", "Đại diện Ban Tổ chức", "Chủ tịch LĐLĐ huyện", "Đại biểu điển hình tiên tiến",
    "Đoàn Chủ tịch", "Phó Chủ tịch LĐLĐ huyện", "Đại diện CNVCLĐ", "Đoàn Chủ tịch", "Đoàn Chủ tịch",
)
#: The guests of the demo: position (chức vụ), organisation (cơ quan, đơn vị công tác), gender.
GUESTS = (
    ("Bí thư", "Huyện ủy Vĩnh Thuận", "male"), ("Phó Bí thư Thường trực", "Huyện ủy Vĩnh Thuận", "male"),
    ("Chủ tịch", "UBND huyện Vĩnh Thuận", "male"), ("Phó Chủ tịch", "UBND huyện Vĩnh Thuận", "female"),
    ("Trưởng ban", "Ban Dân vận Huyện ủy Vĩnh Thuận", "female"),
    ("Chủ tịch", "Ủy ban MTTQ Việt Nam huyện Vĩnh Thuận", "male"),
    ("Trưởng phòng", "Phòng Nội vụ huyện Vĩnh Thuận", "male"),
    ("Phó Trưởng Ban CSPL&QHLĐ", "Liên đoàn Lao động tỉnh Kiên Giang", "female"),
    ("Chủ tịch", "Liên đoàn Lao động huyện Vĩnh Thuận", "male"),
    ("Phó Chủ tịch", "Liên đoàn Lao động huyện Vĩnh Thuận", "female"),
    ("Bí thư", "Huyện đoàn Vĩnh Thuận", "male"), ("Chủ tịch", "Hội Liên hiệp Phụ nữ huyện Vĩnh Thuận", "female"),
    ("Chủ tịch", "Hội Nông dân huyện Vĩnh Thuận", "male"), ("Chủ tịch", "Hội Cựu chiến binh huyện Vĩnh Thuận", "male"),
    ("Trưởng phòng", "Phòng Giáo dục và Đào tạo huyện Vĩnh Thuận", "female"),
    ("Trưởng phòng", "Phòng Lao động - Thương binh và Xã hội huyện Vĩnh Thuận", "male"),
    ("Trưởng phòng", "Phòng Văn hóa và Thông tin huyện Vĩnh Thuận", "female"),
    ("Giám đốc", "Trung tâm Y tế huyện Vĩnh Thuận", "male"),
    ("Giám đốc", "Công ty TNHH Chế biến thủy sản Vĩnh Thuận", "male"),
    ("Giám đốc", "Chi nhánh Điện lực Vĩnh Thuận", "male"),
    ("Giám đốc", "Ngân hàng Nông nghiệp và PTNT chi nhánh Vĩnh Thuận", "female"),
    ("Phó Chủ tịch", "Liên đoàn Lao động tỉnh Kiên Giang", "male"),
    ("Chủ tịch", "UBND thị trấn Vĩnh Thuận", "male"), ("Chủ tịch", "UBND xã Vĩnh Bình Bắc", "male"),
    ("Chủ tịch", "UBND xã Vĩnh Phong", "female"),
    ("Ủy viên Ban Thường vụ", "Liên đoàn Lao động huyện Vĩnh Thuận", "female"),
    ("Ủy viên Ban Thường vụ", "Liên đoàn Lao động huyện Vĩnh Thuận", "male"),
    ("Phóng viên", "Trung tâm Văn hóa - Thông tin và Thể thao huyện Vĩnh Thuận", "female"),
    ("Chánh Văn phòng", "Huyện ủy Vĩnh Thuận", "male"), ("Trưởng Công an huyện", "Công an huyện Vĩnh Thuận", "male"),
)
TITLES = (
    "Chiến sĩ thi đua cơ sở năm 2023, 2024", "Lao động tiên tiến 5 năm liền",
    "Bằng khen của Ban Chấp hành LĐLĐ tỉnh năm 2024", "Giấy khen của LĐLĐ huyện năm 2023",
    "Bằng khen của Tổng Liên đoàn Lao động Việt Nam năm 2022", "Bằng Lao động sáng tạo năm 2023",
)
ACHIEVEMENTS = (
    ("Có sáng kiến cải tiến quy trình làm việc, tiết kiệm chi phí cho đơn vị; tích cực hưởng ứng phong trào "
    "\"Lao động giỏi, Lao động sáng tạo\"."),
    "Hoàn thành xuất sắc nhiệm vụ 5 năm liền; tham gia tích cực phong trào \"Giỏi việc nước, đảm việc nhà\".",
    "Đi đầu phong trào \"Xanh - Sạch - Đẹp, Bảo đảm an toàn vệ sinh lao động\" tại đơn vị.",
    "Vận động phát triển đoàn viên, thành lập công đoàn cơ sở; chăm lo đời sống đoàn viên khó khăn.",
    "Ứng dụng chuyển đổi số trong công việc, được đơn vị nhân rộng.",
)
POSITIONS = {
    "Xã, thị trấn": ("Công chức Văn phòng - Thống kê", "Công chức Địa chính - Xây dựng", "Công chức Văn hóa - Xã hội",
                     "Công chức Tài chính - Kế toán"),
    "Ban ngành, đoàn thể huyện": ("Chuyên viên", "Kế toán", "Nhân viên", "Điều dưỡng", "Kỹ sư xây dựng"),
    "Giáo dục": ("Giáo viên", "Tổ trưởng chuyên môn", "Nhân viên thư viện", "Giáo viên chủ nhiệm"),
    "Doanh nghiệp": ("Công nhân", "Tổ trưởng sản xuất", "Kỹ thuật viên", "Công nhân vận hành máy"),
}
COLLECTIVES = {
    "Xã, thị trấn": ("Bộ phận Tiếp nhận và trả kết quả", "Văn phòng HĐND - UBND"),
    "Ban ngành, đoàn thể huyện": ("Phòng Hành chính - Tổng hợp", "Tổ Công đoàn số 1"),
    "Giáo dục": ("Tổ chuyên môn Toán - Tin", "Tổ chuyên môn Ngữ văn"),
    "Doanh nghiệp": ("Tổ sản xuất số 1", "Phân xưởng chế biến"),
}
ETHNICITIES = ("Kinh",) * 17 + ("Khmer", "Khmer", "Hoa")


def _units_file() -> Path:
    return Path(__file__).with_name("units.csv")


def holds_real_data() -> bool:
    """Whether the database has accounts but not the demo conference: an installation in real use, where the demo
    (its federation, 32 accounts with `DEMO_PASSWORD`, usernames such as `bantochuc`) must not be added."""
    has_demo = db.session.execute(
        select(Conference.id).where(Conference.plan_reference == PLAN_REFERENCE).limit(1)).first() is not None
    return not has_demo and db.session.execute(select(User.id).limit(1)).first() is not None


def load_demo() -> tuple[Conference, bool]:
    """Create the demo conference if absent, in one transaction, and commit. Returns (conference, created).

    Idempotent: the write lock (`conference.db.lock`) is taken before the check for an existing demo.
    """
    lock(db.session, select(Conference.id).where(Conference.plan_reference == PLAN_REFERENCE))
    existing = db.session.execute(
        select(Conference).where(Conference.plan_reference == PLAN_REFERENCE)
    ).scalar_one_or_none()
    if existing is not None:
        db.session.commit()  # wrote nothing: ends the locked transaction
        return existing, False

    faker = Faker("vi_VN")
    faker.seed_instance(65)
    rng = random.Random(65)

    province = Organization(name="Liên đoàn Lao động tỉnh Kiên Giang", level="province")
    district = Organization(name="Liên đoàn Lao động huyện Vĩnh Thuận", level="district", parent=province,
                            place_name="Vĩnh Thuận", contact="Đ/c Mai Thanh Thủy, SĐT 0916137383")
    db.session.add_all([province, district])
    db.session.flush()
    units, blocks = [], {}
    with _units_file().open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            units.append(Organization(name=row["name"], block=_block(blocks, district.id, row["block"]), member_count=int(row["member_count"]),
                                      contact=row["contact"], level="grassroots", parent_id=district.id))
    db.session.add_all(units)

    db.session.flush()
    # One hash for the shared demo password: hashing is slow on purpose.
    password_hash = hash_password(DEMO_PASSWORD)
    db.session.add_all([
        User(username="bantochuc", full_name="Mai Thanh Thủy", role="organizer", organization_id=district.id,
             password_hash=password_hash),
        User(username="dontiep", full_name="Tình nguyện viên đón tiếp", role="checkin",
             organization_id=district.id, password_hash=password_hash),
    ])
    for index, unit in enumerate(units, start=1):
        db.session.add(User(username=f"donvi{index:02d}", full_name=unit.name, role="unit", organization_id=unit.id,
                            password_hash=password_hash))

    conference = Conference(
        host_id=district.id, name=CONFERENCE_NAME, level="district", plan_reference=PLAN_REFERENCE,
        upper_body="Liên đoàn Lao động tỉnh Kiên Giang", venue="Hội trường Huyện ủy Vĩnh Thuận",
        held_on=date(2025, 4, 10), duration="½ ngày", delegate_cap=250, exemplar_share_pct=70,
        presidium_max=7, nomination_deadline=None, dossier_deadline=date(2025, 4, 25),
    )
    db.session.add(conference)
    db.session.flush()
    add_plan_programme(conference.id, presenters=AGENDA_PRESENTERS)
    db.session.flush()

    quotas = allocate_proportionally(conference)
    _nominate(conference, units, quotas, faker, rng)
    _seat_guests(conference, faker, rng)
    exemplars = db.session.execute(  # persons: a collective is represented at the presidium table by a person
        select(Delegate.id).where(Delegate.conference_id == conference.id, Delegate.kind == "individual")
        .order_by(Delegate.id)
    ).scalars().all()
    guests = db.session.execute(
        select(Delegate.id).where(Delegate.conference_id == conference.id, Delegate.category == "guest")
        .order_by(Delegate.id)
    ).scalars().all()
    # The first four guests lead the district's party committee (2) and government (2); the union's leader is left
    # out so that the presidium page shows its composition checklist with a group missing.
    set_presidium(conference.id, guests[:4] + [d for d in exemplars if d not in guests][:2],
                  ["party", "party", "government", "government", "exemplar", "exemplar"])
    # The hall: 2 blocks × 12 rows × 10 seats and the presidium table of 7 (the plan's presidium ≤ 7); everyone seated.
    save_layout(conference.id, blocks=2, rows=12, seats=10, stage_seats=7)
    seat_automatically(conference.id)
    db.session.commit()
    return conference, True



def _block(blocks: dict, host_id: int, name: str) -> Block:
    """One Block (khối) row per name of units.csv."""
    if name not in blocks:
        blocks[name] = Block(organization_id=host_id, name=name)
    return blocks[name]


MIDDLE_NAMES = {"male": ("Văn", "Minh", "Hữu", "Đức", "Quốc", "Thanh", "Công", "Hoàng"),
                "female": ("Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Thị", "Hồng")}


def vietnamese_name(faker: Faker, rng: random.Random, gender: str) -> str:
    """Family name, middle name, given name, in Vietnamese order.

    Faker's vi_VN `name()` puts the given name first and adds honorifics ("Ông", "Quý cô"), which would
    print on badges and break sorting by given name; only its name parts are used.
    """
    given = faker.first_name_male() if gender == "male" else faker.first_name_female()
    return f"{faker.last_name()} {rng.choice(MIDDLE_NAMES[gender])} {given}"


def workplace(unit_name: str) -> str:
    """The workplace a unit's union serves: "Công đoàn cơ sở xã Tân Thuận" → "UBND xã Tân Thuận"."""
    for prefix, replacement in (("Công đoàn cơ sở ", "UBND "), ("Công đoàn cơ quan ", "Cơ quan "), ("Công đoàn ", "")):
        if unit_name.startswith(prefix):
            return replacement + unit_name[len(prefix):]
    return unit_name


def _person(faker: Faker, rng: random.Random) -> dict:
    gender = rng.choice(("male", "female"))
    return {"full_name": vietnamese_name(faker, rng, gender), "gender": gender,
            "birth_year": rng.randint(1968, 1998), "ethnicity": rng.choice(ETHNICITIES)}


def _nominate(conference: Conference, units: list[Organization], quotas: dict, faker: Faker,
              rng: random.Random) -> None:
    """Fill about two thirds of each unit's quota: mostly approved, some waiting, one returned here and there."""
    demo_day = date(2025, 3, 1)
    for unit in units:
        actor = Actor(user_id=None)
        count = max(1, quotas[unit.id] * 2 // 3)
        for i in range(count):
            collective = i == 0 and quotas[unit.id] >= 6
            data = {
                "kind": "collective" if collective else "individual",
                "position": f"{rng.choice(POSITIONS[unit.block.name])}, {workplace(unit.name)}",
                "direct_worker": unit.block.name == "Doanh nghiệp" or rng.random() < 0.3,
                "party_member": rng.random() < 0.4,
                "titles": rng.choice(TITLES),
                "achievements": rng.choice(ACHIEVEMENTS),
                "phone": f"09{rng.randint(10000000, 99999999)}",
            }
            data.update(_person(faker, rng))
            if collective:
                data["full_name"] = f"Tập thể {rng.choice(COLLECTIVES[unit.block.name])}, {workplace(unit.name)}"
            nomination = submit_nomination(conference.id, unit.id, data, actor, demo_day)
            roll = rng.random()
            if roll < 0.7:
                approve_nomination(nomination.id)
            elif roll < 0.78:
                return_nomination(nomination.id, "Đề nghị bổ sung thành tích cụ thể (số liệu, năm đạt được).")


def _seat_guests(conference: Conference, faker: Faker, rng: random.Random) -> None:
    for position, workplace, gender in GUESTS:
        name = vietnamese_name(faker, rng, gender)
        add_guest(conference.id, {"full_name": name, "gender": gender, "ethnicity": "Kinh", "position": position,
                                  "workplace": workplace, "party_member": True})

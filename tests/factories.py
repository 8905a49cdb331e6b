"""`make_*` helpers that build a small world: a district federation, its units, users, a conference."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from werkzeug.security import generate_password_hash

from conference.auth.models import User
from conference.conferences.models import Conference, Quota
from conference.extensions import db
from conference.organizations.models import Block, Organization

PASSWORD = "secret"
#: The suite's PASSWORD_HASH_METHOD (tests/conftest.py): one iteration, so a test login costs microseconds, not
#: scrypt's tenth of a second.
PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"
_HASH = generate_password_hash(PASSWORD, method=PASSWORD_HASH_METHOD)


@dataclass
class World:
    """Ids of what `make_world` created (ids, not ORM objects, so they outlive sessions and threads)."""

    host_id: int
    conference_id: int
    unit_ids: list[int]
    organizer_id: int
    checkin_id: int
    unit_user_ids: list[int] = field(default_factory=list)
    other_conference_id: int | None = None


def make_user(username: str, role: str, organization_id: int) -> User:
    user = User(username=username, role=role, organization_id=organization_id, full_name=username,
                password_hash=_HASH)
    db.session.add(user)
    db.session.flush()
    return user


def make_world(units: int = 3, quotas: tuple[int, ...] | None = (2, 2, 2), cap: int = 250,
               exemplar_share_pct: int = 70, presidium_max: int = 7, deadline: date | None = None,
               members: tuple[int, ...] | None = None, tag: str = "") -> World:
    """A district federation with `units` units (users unit1..unitN), an organizer, a check-in user,
    a conference with the given seats and quotas, and a second federation with its own conference.
    `tag` prefixes usernames so one test can build two worlds."""
    host = Organization(name="Liên đoàn Lao động huyện Vĩnh Thuận", level="district")
    db.session.add(host)
    db.session.flush()
    unit_orgs = []
    block = Block(organization_id=host.id, name="Xã, thị trấn")
    for i in range(units):
        unit = Organization(name=f"Công đoàn cơ sở số {i + 1}", level="grassroots", parent_id=host.id,
                            member_count=(members[i] if members else 100), block=block)
        db.session.add(unit)
        unit_orgs.append(unit)
    db.session.flush()
    conference = Conference(host_id=host.id, name="Hội nghị tuyên dương điển hình tiên tiến", level="district",
                            held_on=date(2025, 4, 10), delegate_cap=cap, exemplar_share_pct=exemplar_share_pct,
                            presidium_max=presidium_max, nomination_deadline=deadline,
                            upper_body="Liên đoàn Lao động tỉnh Kiên Giang", venue="Hội trường huyện")
    db.session.add(conference)
    db.session.flush()
    if quotas is not None:
        for unit, seats in zip(unit_orgs, quotas):
            db.session.add(Quota(conference_id=conference.id, unit_id=unit.id, seats=seats))
    organizer = make_user(f"{tag}organizer", "organizer", host.id)
    checkin = make_user(f"{tag}checkin", "checkin", host.id)
    unit_users = [make_user(f"{tag}unit{i + 1}", "unit", u.id) for i, u in enumerate(unit_orgs)]

    other_host = Organization(name="Liên đoàn Lao động huyện An Minh", level="district")
    db.session.add(other_host)
    db.session.flush()
    other = Conference(host_id=other_host.id, name="Hội nghị huyện An Minh", level="district",
                       held_on=date(2025, 4, 12))
    db.session.add(other)
    make_user(f"{tag}other_organizer", "organizer", other_host.id)
    db.session.commit()
    return World(host_id=host.id, conference_id=conference.id, unit_ids=[u.id for u in unit_orgs],
                 organizer_id=organizer.id, checkin_id=checkin.id, unit_user_ids=[u.id for u in unit_users],
                 other_conference_id=other.id)


def nomination_data(name: str = "Nguyễn Thị Lan", **overrides) -> dict:
    """Valid fields of an individual nomination."""
    data = {
        "kind": "individual", "full_name": name, "gender": "female", "birth_year": 1985, "ethnicity": "Kinh",
        "position": "Công nhân", "direct_worker": True, "party_member": False,
        "titles": "Lao động tiên tiến", "achievements": "Có sáng kiến tiết kiệm chi phí.", "phone": "0912345678",
    }
    data.update(overrides)
    return data

"""Accounts the organizer manages (conference.accounts.services), on SQLite and PostgreSQL: scoped to its own
organization and units, one-time passwords stored only hashed and never logged, every action in the audit log."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from conference.accounts import services
from conference.audit.models import AuditEntry
from conference.auth.models import User
from conference.core.errors import RuleViolation
from conference.extensions import db
from conference.organizations.models import Organization
from conference.organizations.services import create_organization
from tests.factories import make_user, make_world


def _user(username: str) -> User:
    return db.session.execute(select(User).where(User.username == username)).scalar_one()


def _log(user_id: int) -> list[AuditEntry]:
    return list(db.session.execute(select(AuditEntry).where(AuditEntry.entity == "account",
                                                            AuditEntry.entity_id == user_id)
                                   .order_by(AuditEntry.id)).scalars())


def _other_host_id() -> int:
    return _user("other_organizer").organization_id


def test_the_list_holds_the_hosts_and_its_units_accounts_and_no_other_federations(ctx):
    world = make_world()

    accounts = services.accounts_of(world.host_id)

    assert [a.username for a in accounts] == ["organizer", "checkin", "unit1", "unit2", "unit3"]
    assert [a.managed for a in accounts] == [False, True, True, True, True]
    assert accounts[2].organization_name == "Công đoàn cơ sở số 1"
    assert [a.username for a in services.accounts_of(_other_host_id())] == ["other_organizer"]


def test_creating_a_unit_account_stores_only_a_hash_and_forces_a_new_password(ctx):
    world = make_world()

    user, password = services.create_account(world.host_id, {"role": "unit", "username": " DonVi04 ",
                                                             "unit_id": world.unit_ids[2], "full_name": ""})
    db.session.commit()

    assert user.username == "donvi04"
    assert user.organization_id == world.unit_ids[2] and user.role == "unit"
    assert user.full_name == "Công đoàn cơ sở số 3"  # the unit's name when none is typed
    assert user.must_change_password and user.active
    assert user.check_password(password) and password not in user.password_hash
    entry = _log(user.id)[0]
    assert (entry.action, entry.unit_id) == ("create", world.unit_ids[2])
    assert password not in json.dumps([entry.before, entry.after])
    assert "password_hash" not in entry.after


def test_creating_a_desk_account_puts_it_in_the_host(ctx):
    world = make_world()

    user, _password = services.create_account(world.host_id, {"role": "checkin", "username": "dontiep2",
                                                              "full_name": "Bàn 2"})

    assert (user.organization_id, user.role, user.full_name) == (world.host_id, "checkin", "Bàn 2")


@pytest.mark.parametrize(("data", "message"), [
    ({"role": "organizer", "username": "bantochuc2"}, "Chỉ tạo được tài khoản đơn vị"),
    ({"role": "unit", "username": "unit1", "unit_id": 0}, "đã có người dùng"),
    ({"role": "unit", "username": "x y", "unit_id": 0}, "Tên đăng nhập gồm"),
    ({"role": "unit", "username": "donvi09", "unit_id": 0}, "Chọn một đơn vị"),
])
def test_creating_an_account_refuses_other_roles_taken_or_bad_usernames_and_missing_units(ctx, data, message):
    world = make_world()

    with pytest.raises(RuleViolation, match=message):
        services.create_account(world.host_id, data)


def test_an_organizer_cannot_create_an_account_in_another_federations_unit(ctx):
    world = make_world()
    foreign_unit = Organization(name="CĐCS An Minh", level="grassroots", parent_id=_other_host_id())
    db.session.add(foreign_unit)
    db.session.flush()

    with pytest.raises(RuleViolation, match="Chọn một đơn vị"):
        services.create_account(world.host_id, {"role": "unit", "username": "lan", "unit_id": foreign_unit.id})


def test_reset_gives_a_new_one_time_password_and_forces_a_change(ctx):
    world = make_world()
    unit1 = _user("unit1")

    password = services.reset_password(world.host_id, unit1.id)
    db.session.commit()

    assert unit1.check_password(password) and not unit1.check_password("secret")
    assert unit1.must_change_password
    entry = _log(unit1.id)[-1]
    assert entry.action == "reset_password" and entry.user_id is None  # no request: nobody signed in
    assert password not in json.dumps([entry.before, entry.after])


def test_deactivate_and_reactivate_are_logged_once_each(ctx):
    world = make_world()
    desk = _user("checkin")

    services.set_active(world.host_id, desk.id, False)
    services.set_active(world.host_id, desk.id, False)  # already inactive: nothing to log
    services.set_active(world.host_id, desk.id, True)
    db.session.commit()

    assert desk.active
    assert [(e.action, e.before, e.after) for e in _log(desk.id)] == [
        ("deactivate", {"active": True}, {"active": False}), ("reactivate", {"active": False}, {"active": True})]


def test_an_organizer_never_manages_another_federations_accounts(ctx):
    world = make_world()
    foreign = _user("other_organizer")

    for action in (lambda: services.reset_password(world.host_id, foreign.id),
                   lambda: services.set_active(world.host_id, foreign.id, False)):
        with pytest.raises(RuleViolation, match="không thuộc đơn vị của bạn"):
            action()
    assert services.account_of(world.host_id, foreign.id) is None
    assert foreign.active and foreign.check_password("secret") and not foreign.must_change_password


def test_organizer_accounts_are_not_reset_or_deactivated_from_the_pages(ctx):
    world = make_world()

    with pytest.raises(RuleViolation, match="dòng lệnh"):
        services.set_active(world.host_id, world.organizer_id, False)
    with pytest.raises(RuleViolation, match="dòng lệnh"):
        services.reset_password(world.host_id, world.organizer_id)


def test_resetting_every_unit_password_makes_one_slip_per_active_unit_account(ctx):
    world = make_world()
    services.set_active(world.host_id, _user("unit2").id, False)

    slips = services.reset_unit_passwords(world.host_id)
    db.session.commit()

    assert [(s.organization_name, s.username) for s in slips] == [
        ("Công đoàn cơ sở số 1", "unit1"), ("Công đoàn cơ sở số 3", "unit3")]
    for slip in slips:
        user = _user(slip.username)
        assert user.check_password(slip.password) and user.must_change_password
    assert _user("unit2").check_password("secret")  # deactivated: untouched
    assert _user("checkin").check_password("secret") and _user("organizer").check_password("secret")
    assert len({s.password for s in slips}) == 2


def test_changing_ones_own_password_checks_the_current_one_and_the_policy_and_clears_the_flag(ctx):
    world = make_world()
    one_time = services.reset_password(world.host_id, _user("unit1").id)
    unit1_id = _user("unit1").id

    with pytest.raises(RuleViolation, match="hiện tại không đúng"):
        services.change_own_password(unit1_id, "wrong", "Hoa sen nở 2025")
    with pytest.raises(RuleViolation, match="khác mật khẩu hiện tại"):
        services.change_own_password(unit1_id, one_time, one_time)
    with pytest.raises(RuleViolation, match="phổ biến"):
        services.change_own_password(unit1_id, one_time, "password123")
    assert _user("unit1").must_change_password

    services.change_own_password(unit1_id, one_time, "Hoa sen nở 2025")
    db.session.commit()

    user = _user("unit1")
    assert user.check_password("Hoa sen nở 2025") and not user.must_change_password
    assert _log(unit1_id)[-1].action == "change_password"


def test_the_account_log_lists_the_hosts_accounts_actions_newest_first_and_no_other_federations(ctx):
    world = make_world()
    services.reset_password(world.host_id, _user("unit1").id)
    services.set_active(world.host_id, _user("checkin").id, False)
    foreign = _user("other_organizer")
    services.create_account(foreign.organization_id, {"role": "checkin", "username": "anminh_desk"})
    db.session.commit()

    log = services.account_log(world.host_id)

    assert [(e.action, e.account, e.actor) for e in log] == [("deactivate", "checkin", None),
                                                             ("reset_password", "unit1", None)]
    assert [e.account for e in services.account_log(foreign.organization_id)] == ["anminh_desk"]


def _union_2025() -> dict[str, int]:
    """A province, a commune union under it (a unit of the province's conference and the host of its own), and a
    grassroots union under the commune; an account of each kind. {username or organization: id}."""
    province = create_organization("Liên đoàn Lao động tỉnh An Giang", "province")
    commune = create_organization("Công đoàn phường Rạch Giá", "commune", province.id)
    school = create_organization("Công đoàn cơ sở Trường THCS Rạch Giá", "grassroots", commune.id)
    users = [make_user("tinh", "organizer", province.id), make_user("tinh_dontiep", "checkin", province.id),
             make_user("phuong_donvi", "unit", commune.id), make_user("phuong", "organizer", commune.id),
             make_user("phuong_dontiep", "checkin", commune.id), make_user("truong", "unit", school.id)]
    return {"province": province.id, "commune": commune.id, **{user.username: user.id for user in users}}


def test_a_province_manages_its_communes_unit_accounts_never_the_communes_own_desks_or_organizers(ctx):
    ids = _union_2025()

    assert [a.username for a in services.accounts_of(ids["province"])] == ["tinh", "tinh_dontiep", "phuong_donvi"]
    assert [a.username for a in services.accounts_of(ids["commune"])] == ["phuong", "phuong_dontiep", "truong"]
    for user_id in (ids["phuong_dontiep"], ids["phuong"], ids["truong"]):
        assert services.account_of(ids["province"], user_id) is None
        with pytest.raises(RuleViolation, match="không thuộc đơn vị của bạn"):
            services.reset_password(ids["province"], user_id)
        with pytest.raises(RuleViolation, match="không thuộc đơn vị của bạn"):
            services.set_active(ids["province"], user_id, False)
    with pytest.raises(RuleViolation, match="không thuộc đơn vị của bạn"):  # the province's to manage
        services.reset_password(ids["commune"], ids["phuong_donvi"])

    services.reset_password(ids["province"], ids["phuong_donvi"])
    services.reset_password(ids["commune"], ids["truong"])
    services.set_active(ids["commune"], ids["phuong_dontiep"], False)
    db.session.commit()

    assert [e.account for e in services.account_log(ids["province"])] == ["phuong_donvi"]
    assert [e.account for e in services.account_log(ids["commune"])] == ["phuong_dontiep", "truong"]
    assert [s.username for s in services.reset_unit_passwords(ids["province"])] == ["phuong_donvi"]
    assert [s.username for s in services.reset_unit_passwords(ids["commune"])] == ["truong"]
    assert all(_user(name).check_password("secret") for name in ("phuong", "tinh", "tinh_dontiep"))


def test_a_commune_organizer_creates_its_grassroots_unions_accounts_and_no_other(ctx):
    ids = _union_2025()
    school_id = _user("truong").organization_id

    user, _password = services.create_account(ids["commune"], {"role": "unit", "username": "truong2",
                                                               "unit_id": school_id})
    with pytest.raises(RuleViolation, match="Chọn một đơn vị"):  # the commune itself is the province's unit
        services.create_account(ids["commune"], {"role": "unit", "username": "x-phuong", "unit_id": ids["commune"]})

    assert (user.organization_id, user.must_change_password) == (school_id, True)


def test_create_user_keeps_the_policy_checks_role_and_organization_and_logs_no_password(ctx):
    ids = _union_2025()
    strong = "Hoa sen nở 2025"

    for args, message in [(("phuong2", "organizer", ids["commune"], "1234567890"), "phổ biến"),
                          (("phuong2", "organizer", ids["commune"], "Phuong2"), "ít nhất 10"),
                          (("phuong2abc", "organizer", ids["commune"], "PHUONG2ABC"), "trùng với tên đăng nhập"),
                          (("Phuong2", "organizer", ids["commune"], strong), "Tên đăng nhập gồm"),
                          (("phuong", "organizer", ids["commune"], strong), "Đã có tài khoản phuong"),
                          (("phuong2", "admin", ids["commune"], strong), "Không có vai trò"),
                          (("phuong2", "organizer", 999_999, strong), "Không có tổ chức mã 999999"),
                          (("tinh_donvi", "unit", ids["province"], strong), "có cấp trên"),
                          (("truong_btc", "organizer", _user("truong").organization_id, strong),
                           "không tổ chức hội nghị")]:
        with pytest.raises(RuleViolation, match=message):
            services.create_user(*args)
    user = services.create_user("phuong2", "organizer", ids["commune"], strong)
    db.session.commit()

    assert user.check_password(strong) and not user.must_change_password and user.active
    assert (user.role, user.organization_id, user.full_name) == ("organizer", ids["commune"], "phuong2")
    entry = _log(user.id)[0]
    assert entry.action == "create" and strong not in json.dumps([entry.before, entry.after])
    assert db.session.execute(select(User.id).where(User.username == "tinh_donvi")).first() is None


def test_accounts_unit_choices_and_slips_follow_the_units_vietnamese_order_not_the_code_points(ctx):
    world = make_world(units=0, quotas=None)
    names = ["Công đoàn Văn phòng UBND huyện", "Công đoàn cơ sở xã Bình Minh", "Công đoàn Chi nhánh Điện lực",
             "Công đoàn Đài Truyền thanh"]  # code points: C, Đ, V before c; Vietnamese: Chi < cơ < Đài < Văn
    for index, name in enumerate(names):
        unit = Organization(name=name, level="grassroots", parent_id=world.host_id)
        db.session.add(unit)
        db.session.flush()
        make_user(f"donvi{index}", "unit", unit.id)
    expected = ["Công đoàn Chi nhánh Điện lực", "Công đoàn cơ sở xã Bình Minh", "Công đoàn Đài Truyền thanh",
                "Công đoàn Văn phòng UBND huyện"]

    assert [a.organization_name for a in services.accounts_of(world.host_id) if a.role == "unit"] == expected
    assert [name for _id, name in services.units_of_host(world.host_id)] == expected
    assert [s.organization_name for s in services.reset_unit_passwords(world.host_id)] == expected

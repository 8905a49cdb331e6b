"""Accounts the organizer manages, and the password a user changes. Changes rows and flushes; never commits.

An organizer's organization (the host of its conferences) owns two kinds of accounts it manages here: its
check-in desks (role "checkin", in the host organization itself) and its units' accounts (role "unit", in an
organization whose parent is the host: a grassroots union, or a commune union under a province). Its organizer
accounts are listed but managed with the command line (`flask create-user`, `flask set-password`; `create_user`).
Accounts of any other organization, the host's units' own organizer and desk accounts included, are out of
reach: every function takes the host's id and refuses a user outside it.

A one-time password (`rules.new_one_time_password`) is returned to the caller to show once; only its hash is
stored, and it never enters the audit log. An account given one must choose its own password at its next login
(`User.must_change_password`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased, contains_eager

from conference.accounts.rules import check_new_password, check_username, new_one_time_password
from conference.audit.models import AuditEntry
from conference.audit.services import record
from conference.auth.models import ROLES, User, hash_password
from conference.auth.sessions import end_all_sessions
from conference.core.clock import to_local
from conference.core.collation import vietnamese_key
from conference.core.errors import N_, RuleViolation
from conference.core.text import clean_text
from conference.db import lock
from conference.extensions import db
from conference.organizations.levels import level
from conference.organizations.models import Organization

#: The roles whose accounts the organizer creates, deactivates and resets.
MANAGED_ROLES = ("unit", "checkin")
#: What the audit log keeps of an account (never a password nor its hash).
AUDITED = ("username", "full_name", "role", "organization_id", "active", "must_change_password")


@dataclass(frozen=True)
class Account:
    """One row of the accounts page: the user's id, username, full name, role, whether it is active, whether
    it still has to choose its password, its organization's name, and whether the organizer manages it."""

    id: int
    username: str
    full_name: str
    role: str
    active: bool
    must_change_password: bool
    organization_name: str
    managed: bool


@dataclass(frozen=True)
class Slip:
    """A login slip (phiếu đăng nhập) for one account: its unit's name, username and fresh one-time password."""

    organization_name: str
    username: str
    full_name: str
    password: str


def _in_host(host_id: int, user=User):
    """The condition "an account of the host": the host's own organizer and desk accounts, and the unit accounts
    of its units (`user`, User or an alias of it, joined to Organization on the user's organization).

    A unit account belongs to the host of the conference it nominates to (its organization's parent), not to its
    own organization: a commune union's account as a unit of the province's conference is the province's to
    manage, while the commune union's organizer and desk accounts are the commune's, never the province's.
    """
    return or_(and_(user.organization_id == host_id, user.role != "unit"),
               and_(Organization.parent_id == host_id, user.role == "unit"))


def accounts_of(host_id: int) -> list[Account]:
    """The host's accounts and its units' accounts: the host's own first (organizers, then desks), then the units'
    by unit name in Vietnamese order (`core.collation.vietnamese_key`); by username within each. One query."""
    rows = db.session.execute(
        select(User.id, User.username, User.full_name, User.role, User.active, User.must_change_password,
               Organization.name, Organization.parent_id)
        .join(Organization, User.organization_id == Organization.id)
        .where(_in_host(host_id))
    ).all()
    role_order = {"organizer": 0, "checkin": 1, "unit": 2}
    rows.sort(key=lambda r: (r.parent_id == host_id, role_order.get(r.role, 3), vietnamese_key(r.name), r.username))
    return [Account(r.id, r.username, r.full_name, r.role, r.active, r.must_change_password, r.name,
                    r.role in MANAGED_ROLES) for r in rows]


@dataclass(frozen=True)
class AccountEvent:
    """One line of the accounts' log: when (local time), who did it (username, or None for the command line),
    what (`action`: create, deactivate, reactivate, reset_password, change_password, set_password) and to which
    account (username)."""

    at: datetime
    actor: str | None
    action: str
    account: str


def account_log(host_id: int, limit: int = 50) -> list[AccountEvent]:
    """The newest `limit` audit log rows about the host's and its units' accounts, newest first. One query."""
    account = aliased(User)
    actor = aliased(User)
    rows = db.session.execute(
        select(AuditEntry.at, AuditEntry.action, account.username, actor.username.label("actor"))
        .join(account, AuditEntry.entity_id == account.id)
        .join(Organization, account.organization_id == Organization.id)
        .outerjoin(actor, AuditEntry.user_id == actor.id)
        .where(AuditEntry.entity == "account", _in_host(host_id, account))
        .order_by(AuditEntry.id.desc()).limit(limit)
    ).all()
    return [AccountEvent(to_local(r.at), r.actor, r.action, r.username) for r in rows]


def units_of_host(host_id: int) -> list[tuple[int, str]]:
    """(id, name) of the host's units in Vietnamese order of their names: the units an account can be made for."""
    return sorted(((row.id, row.name) for row in db.session.execute(
        select(Organization.id, Organization.name).where(Organization.parent_id == host_id))),
        key=lambda unit: vietnamese_key(unit[1]))


def account_of(host_id: int, user_id: int) -> User | None:
    """The user `user_id` if it belongs to the host or one of its units, else None."""
    return db.session.execute(
        select(User).join(Organization, User.organization_id == Organization.id)
        .where(User.id == user_id, _in_host(host_id))
    ).scalar_one_or_none()


def _managed(host_id: int, user_id: int) -> User:
    """The account `user_id` the host's organizer manages.

    Raises:
        RuleViolation: no such account in the host or its units; an organizer's account.
    """
    user = account_of(host_id, user_id)
    if user is None:
        raise RuleViolation(N_("Tài khoản không thuộc đơn vị của bạn."))
    if user.role not in MANAGED_ROLES:
        raise RuleViolation(N_("Tài khoản Ban Tổ chức được quản lý bằng dòng lệnh (flask set-password)."))
    return user


def _state(user: User) -> dict:
    return {name: getattr(user, name) for name in AUDITED}


def _log(user: User, action: str, before: dict | None, after: dict | None) -> None:
    unit_id = user.organization_id if user.role == "unit" else None
    record("account", user.id, action, unit_id=unit_id, before=before, after=after)


def _check_free_username(username: str) -> None:
    """Refuse a username of the wrong shape (`rules.check_username`) or one an account already has.

    Raises:
        RuleViolation: see above.
    """
    check_username(username)
    if db.session.execute(select(User.id).where(User.username == username)).first():
        raise RuleViolation(N_("Đã có tài khoản %(name)s: tên đăng nhập này đã có người dùng."), name=username)


def _add_user(username: str, role: str, organization_id: int, full_name: str, password: str,
              must_change_password: bool) -> User:
    """Write a new active account with the hash of `password`, flush, and log its creation (never the password)."""
    user = User(username=username, role=role, organization_id=organization_id, active=True, full_name=full_name,
                must_change_password=must_change_password)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    _log(user, "create", None, _state(user))
    return user


def create_account(host_id: int, data: dict) -> tuple[User, str]:
    """Create a unit or desk account with a one-time password; returns the user and that password (show it once).

    Args:
        data: {"role": "unit" | "checkin", "username", "full_name" (optional: the unit's name, or the username),
            "unit_id" (a unit of the host, for role "unit")}.

    Raises:
        RuleViolation: another role; a username of the wrong shape or taken; for a unit account, no unit or a unit
            of another organization.
    """
    role = data.get("role")
    if role not in MANAGED_ROLES:
        raise RuleViolation(N_("Chỉ tạo được tài khoản đơn vị hoặc tài khoản bàn đón tiếp."))
    username = (data.get("username") or "").strip().lower()
    _check_free_username(username)
    if role == "unit":
        unit = db.session.get(Organization, data.get("unit_id") or 0)
        if unit is None or unit.parent_id != host_id:
            raise RuleViolation(N_("Chọn một đơn vị của đơn vị tổ chức."))
        organization_id, default_name = unit.id, unit.name
    else:
        organization_id, default_name = host_id, username
    password = new_one_time_password()
    user = _add_user(username, role, organization_id, clean_text(data.get("full_name")) or default_name, password,
                     must_change_password=True)
    return user, password


def create_user(username: str, role: str, organization_id: int, password: str) -> User:
    """Create an account of any role with a password its holder chose (`flask create-user`): the password keeps
    the policy (`rules.check_new_password`) and need not be changed at the first login. The full name is the
    username; a unit account must sit in an organization that has a body above it (the host it nominates to), an
    organizer or desk account in one whose level hosts conferences (`conference.organizations.levels`).

    Raises:
        RuleViolation: a role not in ROLES; a username of the wrong shape or taken; no such organization; a unit
            account in an organization without a parent; an organizer or desk account in a grassroots union; a
            password the policy refuses.
    """
    if role not in ROLES:
        raise RuleViolation(N_("Không có vai trò “%(role)s”."), role=role)
    _check_free_username(username)
    organization = db.session.get(Organization, organization_id)
    if organization is None:
        raise RuleViolation(N_("Không có tổ chức mã %(id)s."), id=organization_id)
    if role == "unit" and organization.parent_id is None:
        raise RuleViolation(N_("Tài khoản đơn vị phải thuộc một đơn vị có cấp trên (đơn vị tổ chức hội nghị)."))
    found = level(organization.level)
    if role != "unit" and (found is None or not found.hosts_conference):
        raise RuleViolation(N_("“%(name)s” không tổ chức hội nghị: tài khoản Ban Tổ chức và bàn đón tiếp thuộc đơn "
                               "vị tổ chức hội nghị."), name=organization.name)
    check_new_password(password, username)
    return _add_user(username, role, organization_id, username, password, must_change_password=False)


def set_active(host_id: int, user_id: int, active: bool) -> User:
    """Deactivate (`active` False: the account can no longer log in, and its open sessions end: their rows are
    deleted, so reactivating the account later does not sign a lost phone in again) or reactivate a unit or desk
    account of the host. Logged only when it changes.

    Raises:
        RuleViolation: see `_managed`.
    """
    user = _managed(host_id, user_id)
    if not active:
        end_all_sessions(db.session, user.id)
    if user.active != active:
        before = _state(user)
        user.active = active
        db.session.flush()
        _log(user, "reactivate" if active else "deactivate", {"active": before["active"]}, {"active": active})
    return user


def reset_password(host_id: int, user_id: int) -> str:
    """Give a unit or desk account of the host a new one-time password, returned to show once; the account's open
    sessions end, and it must choose its own password at its next login.

    Raises:
        RuleViolation: see `_managed`.
    """
    user = _managed(host_id, user_id)
    return _reset(user)


def _reset(user: User, password: str | None = None, password_hash: str | None = None) -> str:
    """Give `user` the one-time `password` (a new one when None), stored as `password_hash` when it was hashed
    beforehand; returns the password."""
    password = password or new_one_time_password()
    before = user.must_change_password
    user.password_hash = password_hash or hash_password(password)
    user.must_change_password = True
    db.session.flush()
    _log(user, "reset_password", {"must_change_password": before}, {"must_change_password": True})
    return password


def _active_unit_accounts(host_id: int):
    return (select(User).join(Organization, User.organization_id == Organization.id)
            .where(User.role == "unit", User.active.is_(True), Organization.parent_id == host_id))


def reset_unit_passwords(host_id: int) -> list[Slip]:
    """A new one-time password for every active unit account of the host's units, for printing their login slips;
    by unit name in Vietnamese order, then username. Deactivated accounts are left as they are.

    Hashing takes about a tenth of a second a password (scrypt), seconds for a province's units: the passwords are
    hashed before the write lock is taken (`conference.db.lock`), so a request begun deferred
    (`conference.db.begins_deferred`) does not hold the desks' scans back meanwhile. An account activated in
    between is hashed under the lock.
    """
    ids = db.session.execute(_active_unit_accounts(host_id).with_only_columns(User.id)).scalars().all()
    passwords = {user_id: new_one_time_password() for user_id in ids}
    hashes = {user_id: hash_password(password) for user_id, password in passwords.items()}
    lock(db.session, lambda: select(User.id).where(User.id.in_(ids)))
    users = sorted(db.session.execute(
        _active_unit_accounts(host_id).options(contains_eager(User.organization))
    ).scalars().all(), key=lambda user: (vietnamese_key(user.organization.name), user.username))
    return [Slip(user.organization.name, user.username, user.full_name,
                 _reset(user, passwords.get(user.id), hashes.get(user.id))) for user in users]


def change_own_password(user_id: int, current: str, new: str) -> User:
    """The user `user_id` replaces its password: `current` must be right and `new` keep the policy
    (`rules.check_new_password`) and differ from `current`. Clears `must_change_password`.

    Raises:
        RuleViolation: wrong current password; the same password again; a new password the policy refuses.
    """
    user = db.session.get(User, user_id)
    if user is None or not user.check_password(current):
        raise RuleViolation(N_("Mật khẩu hiện tại không đúng."))
    if new == current:
        raise RuleViolation(N_("Mật khẩu mới phải khác mật khẩu hiện tại."))
    check_new_password(new, user.username)
    before = user.must_change_password
    user.set_password(new)
    user.must_change_password = False
    db.session.flush()
    _log(user, "change_password", {"must_change_password": before}, {"must_change_password": False})
    return user

"""Users and their roles: organizer (Ban Tổ chức), unit (CĐCS, bound to one unit), checkin (bàn đón tiếp)."""

from __future__ import annotations

import hashlib
import unicodedata

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from conference.extensions import db
from conference.organizations.models import Organization

ROLES = ("organizer", "unit", "checkin")


def password_stamp(password_hash: str) -> str:
    """16 hex characters derived from a stored password hash: they change with the password, and say nothing
    about it (the session cookie is signed, not encrypted, so the hash itself never goes into it)."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def normalized_password(password: str) -> str:
    """`password` in Unicode NFKC, the form it is hashed and checked in (NIST SP 800-63B §5.1.1.2: a verifier
    that accepts Unicode applies NFKC or NFKD). Vietnamese keyboards type a letter with its tone either as one
    character ("ồ", Unikey's "Unicode dựng sẵn") or as a letter followed by combining marks ("Unicode tổ hợp"):
    a password chosen on one computer works on another whichever way it is typed."""
    return unicodedata.normalize("NFKC", password)


def hash_password(password: str) -> str:
    """A salted hash of `password` (`normalized_password`), made with the application's PASSWORD_HASH_METHOD
    (scrypt unless set)."""
    return generate_password_hash(normalized_password(password),
                                  method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt"))


class User(UserMixin, db.Model):
    """A person who logs in. Belongs to one organization: the host for organizer/checkin, a unit for unit.

    `must_change_password` is set when the organizer created the account or reset its password (a one-time
    password shown once, `conference.accounts.services`): until the user chooses a new one, every page but the
    change-password page and logout leads there (`conference.accounts.views.require_new_password`).
    """

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('organizer', 'unit', 'checkin')", name="role_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(20))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())

    organization: Mapped[Organization] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def get_id(self) -> str:
        """What the session cookie keeps (Flask-Login): "<id>:<password stamp>", so a new password signs this
        account out of every browser (`auth.identity.load_signed_in_user` checks the stamp)."""
        return f"{self.id}:{password_stamp(self.password_hash)}"

    def set_password(self, password: str) -> None:
        """Store a salted hash of `password` (`hash_password`)."""
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        """True when `password` (`normalized_password`) matches the stored hash."""
        return check_password_hash(self.password_hash, normalized_password(password))

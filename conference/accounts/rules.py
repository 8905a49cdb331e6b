"""What a password and a username must be, and the one-time passwords the organizer hands out. Pure: no database.

Password policy (for every password a person chooses: the change-password page, `flask create-user`,
`flask set-password`): at least MIN_PASSWORD_LENGTH characters (NIST SP 800-63B §3.1.1.2 asks for at least 8 and
a check against passwords known to be common; 10 here, as the tracker's security review asked), not one of the
common passwords of `common-passwords.txt.gz`, not the username, not a run of a few characters repeated.

The common passwords are Django's list (django/contrib/auth/common-passwords.txt.gz of Django 5.2: 19,640
lowercase passwords from leaked password sets, compiled by Royce Williams), copied unchanged with Django's BSD
licence (`common-passwords.LICENSE`). A password is compared in lower case, as Django's CommonPasswordValidator
does.
"""

from __future__ import annotations

import gzip
import re
import secrets
import unicodedata
from functools import cache
from pathlib import Path

from conference.core.errors import N_, RuleViolation
from conference.core.shortcode import ALPHABET

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
#: Fewer different characters than this is a pattern ("aaaaaaaaaa", "abababababab"), not a password.
MIN_DISTINCT_CHARACTERS = 4
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common-passwords.txt.gz")

#: The characters of a one-time password: the short codes' alphabet without look-alikes (core.shortcode), in
#: lower case so a phone's keyboard types it without the shift key.
ONE_TIME_ALPHABET = ALPHABET.lower()
#: Random characters of a one-time password, printed in groups of four: 24¹² ≈ 3.7 × 10¹⁶ (55 bits).
ONE_TIME_LENGTH = 12

#: A username: 3 to 80 lowercase ASCII letters, digits, ".", "_" or "-", starting with a letter or a digit.
USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{2,79}")


@cache
def common_passwords() -> frozenset[str]:
    """The common passwords (lower case), read once from COMMON_PASSWORDS_FILE."""
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def is_common_password(password: str) -> bool:
    """True when `password`, in lower case, is one of the common passwords."""
    return password.lower() in common_passwords()


def check_new_password(password: str, username: str | None = None) -> None:
    """Refuse a password a person chose that breaks the policy (module docstring), counted in the form it is
    hashed in (Unicode NFKC, `conference.auth.models.normalized_password`).

    Raises:
        RuleViolation: shorter than MIN_PASSWORD_LENGTH or longer than MAX_PASSWORD_LENGTH characters; the
            username itself (any case); fewer than MIN_DISTINCT_CHARACTERS different characters; a common password.
    """
    password = unicodedata.normalize("NFKC", password)  # as it is hashed (auth.models.normalized_password)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise RuleViolation(N_("Mật khẩu cần ít nhất %(n)s ký tự."), n=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise RuleViolation(N_("Mật khẩu dài quá %(n)s ký tự."), n=MAX_PASSWORD_LENGTH)
    if username and password.casefold() == username.casefold():
        raise RuleViolation(N_("Mật khẩu không được trùng với tên đăng nhập."))
    if len(set(password)) < MIN_DISTINCT_CHARACTERS:
        raise RuleViolation(N_("Mật khẩu chỉ lặp lại vài ký tự, rất dễ đoán. Chọn mật khẩu khác."))
    if is_common_password(password):
        raise RuleViolation(N_("Mật khẩu này nằm trong danh sách mật khẩu phổ biến, rất dễ bị đoán. "
                               "Chọn mật khẩu khác."))


def new_one_time_password() -> str:
    """A random one-time password (from `secrets`): ONE_TIME_LENGTH characters of ONE_TIME_ALPHABET in groups of
    four joined by hyphens, e.g. "k7dh-xr3m-yw9c" (14 characters; it keeps the password policy)."""
    characters = "".join(secrets.choice(ONE_TIME_ALPHABET) for _ in range(ONE_TIME_LENGTH))
    return "-".join(characters[i:i + 4] for i in range(0, ONE_TIME_LENGTH, 4))


def check_username(username: str) -> None:
    """Refuse a username that is not USERNAME_PATTERN.

    Raises:
        RuleViolation: not 3 to 80 lowercase letters, digits, ".", "_" or "-" starting with a letter or digit.
    """
    if not USERNAME_PATTERN.fullmatch(username or ""):
        raise RuleViolation(N_("Tên đăng nhập gồm 3 đến 80 ký tự: chữ thường không dấu, chữ số, dấu chấm, gạch "
                               "dưới hoặc gạch ngang, bắt đầu bằng chữ hoặc số."))

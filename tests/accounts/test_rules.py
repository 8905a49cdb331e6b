"""The password policy and the one-time passwords (conference.accounts.rules): pure functions, no database."""

from __future__ import annotations

import unicodedata

import pytest

from conference.accounts.rules import (
    MIN_PASSWORD_LENGTH,
    ONE_TIME_ALPHABET,
    check_new_password,
    check_username,
    common_passwords,
    is_common_password,
    new_one_time_password,
)
from conference.core.errors import RuleViolation


def test_the_common_password_list_is_the_vendored_one():
    words = common_passwords()

    assert len(words) > 19_000
    assert {"123456", "password", "qwertyuiop", "1234567890", "password123"} <= words


@pytest.mark.parametrize("password", ["1234567890", "qwertyuiop", "Password123", "PASSWORD123", "iloveyou12"])
def test_a_common_password_is_refused_whatever_its_case(password):
    assert is_common_password(password)
    with pytest.raises(RuleViolation, match="danh sách mật khẩu phổ biến"):
        check_new_password(password, "donvi01")


@pytest.mark.parametrize("password", ["demo1234", "secret", "a" * (MIN_PASSWORD_LENGTH - 1), ""])
def test_a_password_shorter_than_ten_characters_is_refused(password):
    with pytest.raises(RuleViolation, match="ít nhất 10 ký tự"):
        check_new_password(password)


def test_a_password_of_ten_uncommon_characters_is_accepted():
    check_new_password("Vinh Thuan 2025!", "bantochuc")
    check_new_password("hoa-sen-tim-9", "donvi01")
    check_new_password("x7Kp2mQw9z")  # exactly ten


def test_the_username_itself_is_refused_as_a_password():
    with pytest.raises(RuleViolation, match="trùng với tên đăng nhập"):
        check_new_password("DonViMuoiMot", "donvimuoimot")


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "abababababab", "abcabcabcabc"])
def test_a_run_of_a_few_characters_is_refused(password):
    with pytest.raises(RuleViolation, match="lặp lại vài ký tự"):
        check_new_password(password)


def test_a_password_past_two_hundred_characters_is_refused():
    with pytest.raises(RuleViolation, match="dài quá 200"):
        check_new_password("Hội nghị điển hình " * 20)


def test_one_time_passwords_keep_the_policy_use_no_look_alikes_and_differ():
    made = [new_one_time_password() for _ in range(300)]

    for password in made:
        check_new_password(password, "donvi01")
        groups = password.split("-")
        assert [len(g) for g in groups] == [4, 4, 4]
        assert set("".join(groups)) <= set(ONE_TIME_ALPHABET)
        assert not set("".join(groups)) & set("0o1il5s8b2z")
    assert len(set(made)) == len(made)


@pytest.mark.parametrize("username", ["donvi01", "ban.to.chuc", "dontiep_2", "cd-truong-a"])
def test_usernames_of_the_accepted_shape(username):
    check_username(username)


@pytest.mark.parametrize("username", ["ab", "Donvi01", "đơnvị", "don vi", "-donvi", "x" * 81, ""])
def test_usernames_of_another_shape_are_refused(username):
    with pytest.raises(RuleViolation, match="Tên đăng nhập gồm"):
        check_username(username)


def test_length_is_counted_on_the_password_as_it_is_hashed_not_on_combining_marks():
    decomposed = unicodedata.normalize("NFD", "Hồng Sen")  # 10 characters typed, 8 letters and a space

    assert len(decomposed) == 10
    with pytest.raises(RuleViolation, match="ít nhất 10"):
        check_new_password(decomposed)

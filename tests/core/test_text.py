"""Text typed by people: the comparison key of names (`fold`), whole numbers, row ids and control characters."""

from __future__ import annotations

import unicodedata

import pytest

from conference.core.errors import RuleViolation
from conference.core.text import (
    ID_MAX,
    check_plain_text,
    clean_text,
    control_character,
    fold,
    row_id,
    whole_number,
)
from conference.nominations.rules import person_key

NAME = "Nguyễn Thị Hòa"


@pytest.mark.parametrize("spelling", [
    "Nguyễn Thị Hòa",
    "Nguyễn Thị Hoà",  # old-style tone placement
    "nguyễn thị hòa",
    "NGUYỄN THỊ HOÀ",
    "Nguyễn  Thị   Hòa",  # doubled inner spaces
    "  Nguyễn Thị Hòa\t",
    "Nguyễn\u00a0Thị\u00a0Hòa",  # no-break spaces
    "Nguyễn\u202fThị Hòa",  # narrow no-break space
    "Nguyễn Thị Hò\u200ba",  # zero-width space
    "Nguyễn Thị\u200d Hòa",  # zero-width joiner
    "Nguyễn\u200c Thị Hòa",  # zero-width non-joiner
    "\ufeffNguyễn Thị Hòa",  # byte order mark pasted from a file
    "Nguy\u00adễn Thị Hòa",  # soft hyphen
    unicodedata.normalize("NFD", "Nguyễn Thị Hòa"),  # decomposed (macOS, some keyboards)
    unicodedata.normalize("NFD", "Nguyễn Thị Hoà"),
    "Ｎｇｕｙễｎ Thị Hòa",  # full-width Latin letters
])
def test_every_spelling_of_one_name_folds_to_one_key(spelling):
    assert fold(spelling) == fold(NAME)
    assert person_key(spelling, 1985) == person_key(NAME, 1985)


@pytest.mark.parametrize(("old", "new"), [
    ("Hoà", "Hòa"), ("Thuỷ", "Thủy"), ("Khoẻ", "Khỏe"), ("Hoè", "Hòe"), ("Loà", "Lòa"), ("Thoả", "Thỏa"),
    ("Tuỵ", "Tụy"), ("Quý", "Qúy"),
])
def test_the_two_tone_placements_are_one_name(old, new):
    assert old != new
    assert fold(f"Lê Văn {old}") == fold(f"Lê Văn {new}")


@pytest.mark.parametrize(("one", "other"), [
    ("Nguyễn Thị Hoa", "Nguyễn Thị Hòa"),  # a tone is a different name
    ("Nguyễn Thị Hòa", "Nguyễn Thị Hóa"),
    ("Lê Văn Thủy", "Lê Văn Thụy"),
    ("Trần Văn An", "Trần Văn Ân"),
    ("Trần Văn An", "Trần VănAn"),
])
def test_different_names_keep_different_keys(one, other):
    assert fold(one) != fold(other)


def test_the_same_name_with_another_year_is_another_person():
    assert person_key("Nguyễn Thị Hoà", 1985) != person_key("Nguyễn Thị Hòa", 1986)


def test_fold_of_nothing_is_empty():
    assert fold(None) == fold("") == fold(" \u200b ") == ""


@pytest.mark.parametrize(("typed", "number"), [
    ("1985", 1985), (" 42 ", 42), ("0", 0), ("-3", -3), ("+7", 7), ("007", 7), ("999999999", 999_999_999),
])
def test_whole_numbers_in_ascii_digits_are_read(typed, number):
    assert whole_number(typed) == number


@pytest.mark.parametrize("typed", [
    "²", "¹⁹⁸⁵", "１９８５", "١٩٨٥", "১৯৮৫", "1985²", "19 85", "1_985", "1e3", "1985.0", "", " ", "-", "0x10",
    "9999999999", "99999999999999999999", "\x001985",
])
def test_anything_else_is_not_a_whole_number(typed):
    assert whole_number(typed) is None


def test_a_whole_number_is_text():
    assert whole_number(1985) is None and whole_number(None) is None


def test_row_ids_stop_at_the_largest_integer_the_databases_hold():
    assert row_id("1") == 1 and row_id(str(ID_MAX)) == ID_MAX == 2**31 - 1
    for typed in (str(ID_MAX + 1), "99999999999999999999", "0", "-1", "+5", "１", "²", "", "abc"):
        with pytest.raises(ValueError):
            row_id(typed)


@pytest.mark.parametrize("text", ["a\x00b", "\x1b[31m", "a\x7fb", "a\x85b", "a\x08", "\ud800", "a\uffffb"])
def test_control_characters_are_found(text):
    assert control_character(text) is not None
    assert control_character(text, multiline=True) is not None


def test_tabs_and_line_breaks_belong_to_multiline_text_only():
    assert control_character("một\tdòng\r\nhai") == "\t"
    assert control_character("một\tdòng\r\nhai", multiline=True) is None
    assert control_character("Nguyễn Thị Hòa, “CĐCS” – 100% ✓ \u00a0\u200b") is None
    assert control_character(None) is None and control_character("") is None


def test_clean_text_keeps_line_breaks_as_lf_whatever_the_browser_or_spreadsheet_sent():
    assert clean_text("Dòng một\r\nDòng hai\rDòng ba\n") == "Dòng một\nDòng hai\nDòng ba"
    assert clean_text(" \r\n ") is None


def test_check_plain_text_refuses_long_text_and_control_characters_with_the_limit_and_the_character():
    assert check_plain_text("Kính thưa\tquý vị\r\n", max_length=20) == "Kính thưa\tquý vị\r\n"
    assert check_plain_text("x" * 4000, max_length=4000) == "x" * 4000
    with pytest.raises(RuleViolation, match=r"tối đa 4\.000 ký tự \(đang có 4\.001\)"):
        check_plain_text("x" * 4001, max_length=4000)
    for char in ("\x00", "\x1b", "\x7f", "\ufffe"):
        with pytest.raises(RuleViolation, match=f"U\\+{ord(char):04X}"):
            check_plain_text(f"a{char}b", max_length=10)
    with pytest.raises(RuleViolation, match="U\\+0009"):
        check_plain_text("a\tb", max_length=10, multiline=False)


def test_row_id_takes_text_and_ints_within_the_database():
    assert row_id("12") == 12 and row_id(12) == 12 and row_id(ID_MAX) == ID_MAX
    for value in ("0", 0, -1, ID_MAX + 1, str(ID_MAX + 1), "١", "1.0", True, None, 1.0):
        with pytest.raises(ValueError):
            row_id(value)

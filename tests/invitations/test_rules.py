"""The invitation letter's words: the body template and its placeholders, the address, the time (no database)."""

from __future__ import annotations

from datetime import date, time

import pytest

from conference.core.errors import RuleViolation
from conference.invitations.rules import (
    DEFAULT_BODY,
    Run,
    addressee,
    check_body,
    fill_body,
    number_line,
    salutation,
    time_text,
)


def text_of(lines: list[list[Run]]) -> list[str]:
    return ["".join(run.text for run in line) for line in lines]


def test_the_default_body_is_a_valid_template():
    check_body(DEFAULT_BODY)


@pytest.mark.parametrize(("body", "message"), [
    ("Kính mời {ho_ten} và {chu_ky}.", "chỗ điền lạ “{chu_ky}”"),
    ("Kính mời {ho_ten.__class__}.", "chỗ điền lạ"),
    ("Kính mời {ho_ten}} đến dự.", "ngoặc { } lẻ"),
    ("Kính mời { đến dự.", "ngoặc { } lẻ"),
    ("   ", "Nhập nội dung"),
])
def test_a_body_with_an_unknown_placeholder_or_a_stray_brace_is_refused(body, message):
    with pytest.raises(RuleViolation, match=message.replace("{", r"\{").replace("}", r"\}").replace("(", r"\(")):
        check_body(body)


def test_the_placeholders_are_filled_the_name_in_bold_and_a_line_of_empty_placeholders_left_out():
    lines = fill_body("Trân trọng kính mời:\n{ong_ba}: {ho_ten}\nChỗ ngồi: ghế {cho_ngoi}.\n\nRất mong {ong_ba} đến dự./.",
                      {"ong_ba": "Bà", "ho_ten": "Nguyễn Thị Ánh", "cho_ngoi": ""})

    assert text_of(lines) == ["Trân trọng kính mời:", "Bà: Nguyễn Thị Ánh", "", "Rất mong Bà đến dự./."]
    assert lines[1] == [Run("Bà"), Run(": "), Run("Nguyễn Thị Ánh", bold=True)]


def test_a_word_of_address_does_not_keep_a_line_whose_facts_are_empty():
    body = "Ghế của {ong_ba}: {cho_ngoi}\nKính mời {ong_ba} {ho_ten} ({don_vi})\nThân gửi {ong_ba}"
    assert text_of(fill_body(body, {"ong_ba": "Ông", "ho_ten": "Lê Văn Tám", "cho_ngoi": "", "don_vi": ""})) == [
        "Kính mời Ông Lê Văn Tám ()", "Thân gửi Ông"]


def test_a_seat_fills_its_line():
    assert text_of(fill_body("Chỗ ngồi: ghế {cho_ngoi}.", {"cho_ngoi": "B-03-07"})) == ["Chỗ ngồi: ghế B-03-07."]


def test_the_letter_addresses_a_man_a_woman_and_a_person_of_unknown_gender():
    assert [salutation("male"), salutation("female"), salutation(None)] == ["Ông", "Bà", "Ông/Bà"]


def test_a_collective_is_invited_through_its_representative():
    assert addressee("Tập thể Tổ Văn phòng", "collective") == "đại diện Tập thể Tổ Văn phòng"
    assert addressee("Lê Văn Tám", "individual") == "Lê Văn Tám"


def test_the_time_gives_the_opening_hour_the_weekday_and_the_date():
    assert time_text(date(2025, 4, 10), time(7, 30)) == "07 giờ 30, thứ Năm, ngày 10/4/2025"
    assert time_text(date(2025, 4, 13), None) == "Chủ nhật, ngày 13/4/2025"
    # A day below 10 and the months 1 and 2 take a leading zero, as on the letter's date line (Nghị định 30/2020).
    assert time_text(date(2025, 2, 5), time(14, 0)) == "14 giờ 00, thứ Tư, ngày 05/02/2025"


def test_a_number_without_its_figure_leaves_room_for_the_clerk():
    assert number_line("12/GM-LĐLĐ") == "Số: 12/GM-LĐLĐ"
    assert number_line("/GM-LĐLĐ") == "Số: " + "\u00a0" * 8 + "/GM-LĐLĐ"

"""The organizer's choice of columns (pure rules) and the plain sheet's fingerprint."""

from __future__ import annotations

import pytest

from conference.conferences.rules import place_of
from conference.dossier.columns import DEFAULT_KEYS, columns_for, parse_keys, validate_keys
from conference.dossier.forms import chosen_columns
from conference.dossier.plain import fingerprint


def test_saved_columns_are_read_in_order_and_unknown_keys_dropped():
    assert parse_keys("unit,name,gone,unit") == ["unit", "name"]
    assert parse_keys(None) == list(DEFAULT_KEYS)
    assert parse_keys("") == list(DEFAULT_KEYS)


@pytest.mark.parametrize(("keys", "message"), [(["unit"], "Họ và tên"), (["name", "nope"], "không có"),
                                               (["name", "name"], "hai lần")])
def test_bad_column_choices_are_refused(keys, message):
    with pytest.raises(ValueError, match=message):
        validate_keys(keys)


def test_checked_columns_follow_their_order_numbers_and_unnumbered_go_last():
    form = {"col-unit": "1", "pos-unit": "1", "col-name": "1", "pos-name": "2", "col-phone": "1", "pos-phone": "",
            "pos-titles": "3"}
    assert chosen_columns(form) == ["unit", "name", "phone"]


def test_stt_comes_first_and_birth_year_by_gender_gives_two_grouped_columns():
    columns = columns_for(["name", "birth_year_by_gender"])
    assert [(c.header, c.group) for c in columns] == [("STT", None), ("Họ và tên", None), ("Nam", "Năm sinh"),
                                                       ("Nữ", "Năm sinh")]


def test_fingerprint_changes_with_any_cell_and_ignores_how_numbers_and_line_ends_are_read():
    headers = ["a", "b"]
    base = fingerprint(headers, [[1985, "x\ny"], ["", None]])
    assert base == fingerprint(headers, [[1985.0, "x\r\ny"], [None, ""]])
    assert base != fingerprint(headers, [[1986, "x\ny"], ["", None]])
    assert base != fingerprint(["a", "c"], [[1985, "x\ny"], ["", None]])


def test_place_of_an_issuing_body():
    assert place_of("Liên đoàn Lao động huyện Vĩnh Thuận") == "Vĩnh Thuận"
    assert place_of("Liên đoàn Lao động tỉnh Kiên Giang") == "Kiên Giang"
    assert place_of("Công đoàn ngành Giáo dục") == "Công đoàn ngành Giáo dục"

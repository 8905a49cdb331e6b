"""The honour board's pure rules and its link preview picture (no database)."""

from __future__ import annotations

import io

from PIL import Image

from conference.honourboard import rules
from conference.honourboard.models import new_slug
from conference.honourboard.preview import HEIGHT, WIDTH, preview_png, serif, wrap


def test_a_new_link_token_has_the_slug_shape_and_is_new_each_time():
    slugs = {new_slug() for _ in range(50)}

    assert len(slugs) == 50
    assert all(rules.is_slug(slug) for slug in slugs)


def test_anything_but_a_token_shape_is_no_slug():
    for text in ("", "abc", "a" * 15, "a" * 17, "a" * 15 + "/", "a" * 15 + ".", "a" * 16 + "\n", "ạ" * 16):
        assert not rules.is_slug(text), repr(text)


def test_only_the_switched_on_known_fields_are_published():
    assert rules.published({}) == frozenset()
    assert rules.published({"phone": True, "ethnicity": False, "salary": True}) == frozenset({"phone"})
    assert rules.published(dict.fromkeys(rules.PUBLISHABLE_KEYS, True)) == frozenset(rules.PUBLISHABLE_KEYS)


def test_personal_fields_are_publishable_one_by_one():
    assert {"phone", "birth_year", "ethnicity", "party_member"} <= set(rules.PUBLISHABLE_KEYS)


def test_lines_drop_blank_lines_and_spaces():
    assert rules.lines(" Lao động giỏi, Lao động sáng tạo \n\n  Dân vận khéo\n") == (
        "Lao động giỏi, Lao động sáng tạo", "Dân vận khéo")
    assert rules.lines(None) == ()


def test_a_long_description_is_cut_at_a_word_with_an_ellipsis():
    text = "Biểu dương " * 40

    short = rules.shorten(text, 50)

    assert len(short) <= 50
    assert short.endswith("…")
    assert short[:-1].split()[-1] in ("Biểu", "dương")
    assert rules.shorten("  Hai\n dòng  ") == "Hai dòng"


def test_wrap_keeps_each_line_within_the_width():
    big = serif(40, True)
    lines = wrap("Hội nghị tuyên dương điển hình tiên tiến trong phong trào thi đua yêu nước", big, 500)

    assert len(lines) > 1
    assert all(big.getlength(line) <= 500 for line in lines)


def test_the_preview_is_a_png_of_1200_by_630_even_for_a_very_long_name():
    png = preview_png("Liên đoàn Lao động huyện Vĩnh Thuận", "Hội nghị tuyên dương điển hình tiên tiến " * 8, 1234,
                      "điển hình tiên tiến được tuyên dương", "10/04/2025 · Hội trường huyện")

    image = Image.open(io.BytesIO(png))
    assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT)) == ("PNG", (1200, 630))

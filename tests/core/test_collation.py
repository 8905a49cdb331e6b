"""Vietnamese order of names (DESIGN.md, "Names and order in lists"; CLDR/ICU ``vi`` collation).

Every expected order below was worked out by hand from the rules and agrees with ICU's ``vi`` collator.
"""

import unicodedata

import pytest

from conference.core.collation import name_sort_key, vietnamese_key


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def vi_sorted(words: list[str]) -> list[str]:
    return sorted(words, key=vietnamese_key)


def names_sorted(names: list[str]) -> list[str]:
    return sorted(names, key=name_sort_key)


# Letters


def test_alphabet_is_vietnamese_with_f_j_w_z_in_their_latin_places():
    alphabet = list("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")

    assert vi_sorted(alphabet[::-1]) == alphabet
    assert vi_sorted([letter.upper() for letter in alphabet[::-1]]) == [letter.upper() for letter in alphabet]


@pytest.mark.parametrize(
    "ordered",
    [
        ["a", "ă", "â", "b"],
        ["d", "đ", "e"],
        ["e", "ê", "f", "g"],
        ["i", "j", "k"],
        ["o", "ô", "ơ", "p"],
        ["u", "ư", "v"],
        ["v", "w", "x", "y", "z"],
    ],
)
def test_letters_with_breve_circumflex_horn_and_stroke_are_letters_of_their_own(ordered):
    assert vi_sorted(ordered[::-1]) == ordered


def test_d_with_stroke_sorts_after_every_d_word_in_either_case():
    assert vi_sorted(["Đức", "Em", "Dũng", "đào", "Dương"]) == ["Dũng", "Dương", "đào", "Đức", "Em"]


def test_a_word_sorts_after_the_words_it_begins():
    assert vi_sorted(["Anh", "An", "A"]) == ["A", "An", "Anh"]


def test_empty_string_sorts_first():
    assert vietnamese_key("") == ((), (), ())
    assert vi_sorted(["a", "", " "]) == ["", " ", "a"]


# Tones: a secondary difference


def test_tones_order_none_huyen_hoi_nga_sac_nang():
    ordered = ["ma", "mà", "mả", "mã", "má", "mạ"]

    assert vi_sorted(ordered[::-1]) == ordered
    assert vi_sorted(["mả", "má", "ma", "mạ", "mà", "mã"]) == ordered


def test_base_letters_of_the_whole_string_decide_before_tones():
    assert vi_sorted(["ác", "ab"]) == ["ab", "ác"]
    assert vi_sorted(["mb", "mạ"]) == ["mạ", "mb"]
    assert vi_sorted(["Bình", "Ánh"]) == ["Ánh", "Bình"]
    assert vi_sorted(["Hải", "Hà", "Hạ", "Hai"]) == ["Hà", "Hạ", "Hai", "Hải"]


def test_first_differing_tone_breaks_a_tie_of_letters():
    assert vi_sorted(["àa", "aà", "aa"]) == ["aa", "aà", "àa"]


# Case: a tertiary difference


def test_lowercase_sorts_before_uppercase_only_when_letters_and_tones_tie():
    assert vi_sorted(["mà", "Ma", "ma"]) == ["ma", "Ma", "mà"]
    assert vi_sorted(["ăn", "Anh", "An", "an"]) == ["an", "An", "Anh", "ăn"]


# Normalisation


@pytest.mark.parametrize("text", ["Nguyễn Thị Ánh", "Đặng Quốc Việt", "Phạm Thị Ngọc Ặn", "Lưu Hồng Ợt"])
def test_nfd_input_gives_the_same_key_as_nfc(text):
    assert nfd(text) != text
    assert vietnamese_key(nfd(text)) == vietnamese_key(text)
    assert name_sort_key(nfd(text)) == name_sort_key(text)


def test_canonical_nfd_with_dot_below_before_circumflex_is_still_a_circumflex():
    # NFD of "ậ" is a + dot below + circumflex: the circumflex still makes the letter â.
    assert vietnamese_key("a\u0323\u0302") == vietnamese_key("ậ")
    assert vi_sorted(["ậ", "b", "ă", "a"]) == ["a", "ă", "ậ", "b"]


def test_non_str_raises_type_error():
    with pytest.raises(TypeError):
        vietnamese_key(None)
    with pytest.raises(TypeError):
        name_sort_key(b"An")


# Names: given name (last word), then the rest


def test_names_sort_by_given_name_first():
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn Ánh", "Phạm Đức Anh"]

    assert names_sorted(names) == ["Trần Thị An", "Phạm Đức Anh", "Lê Văn Ánh", "Nguyễn Văn Bình"]


def test_same_given_name_then_family_and_middle_names_decide():
    assert names_sorted(["Trần Thị An", "Lê Thị An"]) == ["Lê Thị An", "Trần Thị An"]
    assert names_sorted(["Ngô Văn Anh", "Đặng Thị Anh", "Đặng Anh"]) == [
        "Đặng Anh",
        "Đặng Thị Anh",
        "Ngô Văn Anh",
    ]


def test_name_key_is_given_name_key_then_rest_key():
    assert name_sort_key("Lê Văn Ánh") == (vietnamese_key("Ánh"), vietnamese_key("Lê Văn"))
    assert name_sort_key("Ánh") == (vietnamese_key("Ánh"), vietnamese_key(""))


def test_whitespace_in_names_is_collapsed_and_trimmed():
    assert name_sort_key("  Lê   Văn\tÁnh \n") == name_sort_key("Lê Văn Ánh")
    assert name_sort_key("Lê\u00a0Văn Ánh") == name_sort_key("Lê Văn Ánh")


def test_empty_or_blank_name_sorts_first():
    assert name_sort_key("") == name_sort_key("   ")
    assert names_sorted(["Lê Văn A", "   ", "Trần An", ""]) == ["   ", "", "Lê Văn A", "Trần An"]


def test_collective_names_sort_by_last_word_then_the_rest():
    names = ["Trần Văn Thuận", "Công đoàn Trường THCS Vĩnh Thuận", "Lê Thị Thu"]

    assert names_sorted(names) == ["Lê Thị Thu", "Công đoàn Trường THCS Vĩnh Thuận", "Trần Văn Thuận"]


def test_realistic_delegate_list_in_vietnamese_order():
    names = [
        "Nguyễn Thị Hằng",
        "Trần Văn Hùng",
        "Lê Thị Hương",
        "Phạm Minh Đức",
        "Đỗ Văn Dũng",
        "Hoàng Thị Thu Hà",
        "Vũ Đình Hải",
        "Bùi Thị Ánh",
        "Ngô Văn Anh",
        "Đặng Thị Anh",
        "Mai Thị Uyên",
        "Phan Văn Út",
    ]
    expected = [
        "Đặng Thị Anh",  # Anh, Anh: same given name, then Đặng < Ngô (đ < n)
        "Ngô Văn Anh",
        "Bùi Thị Ánh",  # same letters as Anh, the acute only breaks the tie
        "Đỗ Văn Dũng",  # d ...
        "Phạm Minh Đức",  # ... < đ
        "Hoàng Thị Thu Hà",  # Hà is a prefix of Hải
        "Vũ Đình Hải",  # ha... < hă...
        "Nguyễn Thị Hằng",
        "Trần Văn Hùng",  # hu... < hư...
        "Lê Thị Hương",
        "Phan Văn Út",  # ut < uy
        "Mai Thị Uyên",
    ]

    assert names_sorted(names) == expected
    assert names_sorted(expected[::-1]) == expected
    assert names_sorted([nfd(name) for name in names]) == [nfd(name) for name in expected]


def test_compact_name_key_sorts_exactly_like_name_sort_key():
    import itertools
    import random

    from conference.core.collation import compact_name_key

    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ àáảãạ-'0"
    rng = random.Random(4)
    names = [" ".join("".join(rng.choice(letters) for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(1, 3)))
             for _ in range(3000)]
    names += ["Trần Thị An", "Phạm Đức Anh", "Lê Văn Ánh", "Nguyễn Văn Bình", "Lê Thị An", "", "An", "an", "Án"]
    assert sorted(names, key=compact_name_key) == sorted(names, key=name_sort_key)
    for a, b in itertools.pairwise(names):
        assert (compact_name_key(a) < compact_name_key(b)) == (name_sort_key(a) < name_sort_key(b))

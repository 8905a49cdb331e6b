"""The one rule for sentences and cuts at a word (`conference.core.excerpt`), and that every user follows it."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conference.ceremony.rules import CITATION_MAX as MC_MAX
from conference.ceremony.rules import citation as mc_citation
from conference.certificates import rules as certificates
from conference.core.excerpt import ELLIPSIS, cut_at_word, excerpt, one_line, sentences
from conference.honourboard.rules import shorten
from conference.nominations.rules import first_sentences

# Letters with Vietnamese marks, spaces, line breaks and the punctuation the rules look at.
TEXT = st.text(alphabet=st.sampled_from(list("aăâđêôơưbcdxyzÁẠỆỮ") + [" ", " ", "\n", "\t", ".", ",", ";", ":",
                                                                          "!", "?", "…", "-"]), max_size=400)
LIMIT = st.integers(min_value=1, max_value=320)


def _cut_at_a_word(flat: str, result: str) -> bool:
    """Whether `result` (a cut of `flat`) keeps whole words of `flat`: what precedes the ellipsis is a prefix of
    `flat` followed there by a space or by the punctuation dropped before the ellipsis and then a space."""
    kept = result[: -len(ELLIPSIS)]
    rest = flat[len(kept):]
    return flat.startswith(kept) and rest.lstrip(",;:").startswith(" ")


@given(TEXT, LIMIT)
@example("?:::", 3)  # a first word cut inside keeps its punctuation
def test_a_cut_fits_the_limit_keeps_whole_words_and_is_never_empty(text, limit):
    result = cut_at_word(text, limit)
    flat = one_line(text)
    assert len(result) <= limit
    assert bool(result) == bool(flat)
    if result != flat:
        assert result.endswith(ELLIPSIS)
        first_word = flat.split(" ")[0]
        if len(first_word) + len(ELLIPSIS) <= limit:
            assert _cut_at_a_word(flat, result)
        else:
            assert result == flat[: limit - len(ELLIPSIS)] + ELLIPSIS


@given(TEXT, LIMIT, st.integers(min_value=0, max_value=320))
def test_an_excerpt_fits_the_limit_and_is_never_empty(text, limit, fill):
    result = excerpt(text, limit, fill=fill)
    assert len(result) <= limit
    assert bool(result) == bool(sentences(text))
    assert "\n" not in result


def test_sentences_end_at_a_full_stop_or_a_line_not_at_a_number_or_a_semicolon():
    assert sentences("- Đạt 1.500 giờ; vượt 5,2%. Được khen!\n\n• Dòng hai…  Câu ba") == [
        "Đạt 1.500 giờ; vượt 5,2%.", "Được khen!", "Dòng hai…", "Câu ba"]
    assert sentences(None) == [] and sentences(" \n ") == []


def test_a_cut_keeps_a_word_that_ends_right_at_the_limit_and_drops_trailing_commas():
    assert cut_at_word("Hoàn thành xuất sắc nhiệm vụ", 20) == "Hoàn thành xuất sắc…"
    assert cut_at_word("Một, hai, ba bốn", 10) == "Một, hai…"
    assert cut_at_word("Siêuuuuuuuuudài", 5) == "Siêu…"
    assert cut_at_word("Ngắn", 4) == "Ngắn"
    with pytest.raises(ValueError):
        cut_at_word("a", 0)


def test_an_excerpt_keeps_whole_sentences_unless_they_fill_too_little():
    text = "Câu một. " + "chữ " * 30
    assert excerpt(text, 40) == "Câu một."
    assert excerpt(text, 40, fill=20) == "Câu một. chữ chữ chữ chữ chữ chữ chữ…"
    assert excerpt("Dòng một\nDòng hai", 100) == "Dòng một. Dòng hai"


@given(TEXT)
@example("--")  # a first sentence that reads as a bullet when split again
def test_every_user_keeps_its_own_limit_with_the_shared_rule(text):
    assert len(mc_citation(None, text)) <= MC_MAX
    assert len(mc_citation(text, None)) <= MC_MAX
    person = certificates.Honoured(1, "individual", "A", achievements=text)
    assert len(certificates.citation(person, "achievements", "chung")) <= certificates.CITATION_MAX
    assert len(first_sentences(text, 120) or "") <= 120
    assert len(shorten(text, 50)) <= 50
    assert mc_citation(None, text) == cut_at_word(next(iter(sentences(text)), ""), MC_MAX)
    assert mc_citation(text, None) == excerpt(text, MC_MAX, fill=MC_MAX // 2)
    assert shorten(text, 50) == cut_at_word(text, 50)
    assert (first_sentences(text, 120) or "") == excerpt(text, 120)

"""The ceremony's and the presidium's pure rules: seating, composition, batching, citations, the script's texts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conference.ceremony import rules
from conference.core.errors import RuleViolation
from conference.delegates.rules import presidium_composition, presidium_seating

# The presidium's seats


def test_seven_members_sit_with_number_one_in_the_centre_and_two_on_the_halls_left():
    assert presidium_seating(7) == [6, 4, 2, 1, 3, 5, 7]


def test_an_even_presidium_puts_the_middle_between_two_and_one():
    assert presidium_seating(6) == [6, 4, 2, 1, 3, 5]
    assert presidium_seating(2) == [2, 1]


def test_one_member_and_none():
    assert presidium_seating(1) == [1]
    assert presidium_seating(0) == []


@given(st.integers(min_value=1, max_value=50))
def test_every_member_has_one_seat_and_seniority_falls_away_from_the_centre(members):
    seats = presidium_seating(members)
    assert sorted(seats) == list(range(1, members + 1))
    centre = seats.index(1)
    # Each side reads outward in growing numbers, alternating: even on the hall's left, odd on its right.
    left, right = seats[:centre][::-1], seats[centre + 1:]
    assert left == sorted(left) and all(n % 2 == 0 for n in left)
    assert right == sorted(right) and all(n % 2 == 1 for n in right)
    assert abs(len(left) - len(right)) <= 1


# The presidium's composition


def test_composition_names_the_missing_groups_in_the_plans_order():
    composition = presidium_composition(["party", "party", "government", None, "exemplar"])

    assert composition.missing == ("union",)
    assert composition.present["party"] == 2
    assert composition.unassigned == 1
    assert not composition.complete


def test_composition_with_every_group_is_complete():
    assert presidium_composition(["union", "exemplar", "government", "party"]).complete


# Batches


def _awardee(i, kind="individual", form="Giấy khen", unit="Công đoàn cơ sở A", name=None):
    return rules.Awardee(i, kind, form, unit, name or f"Nguyễn Văn {chr(65 + i % 26)}")


def test_batch_sizes_are_even_and_never_over_the_size():
    assert rules.batch_sizes(23, 10) == [8, 8, 7]
    assert rules.batch_sizes(20, 10) == [10, 10]
    assert rules.batch_sizes(3, 10) == [3]
    assert rules.batch_sizes(0, 10) == []


@given(st.integers(min_value=0, max_value=500), st.integers(min_value=1, max_value=50))
def test_batch_sizes_cover_everyone_in_the_fewest_batches(count, size):
    sizes = rules.batch_sizes(count, size)
    assert sum(sizes) == count
    assert all(1 <= s <= size for s in sizes)
    assert len(sizes) == -(-count // size)
    assert not sizes or max(sizes) - min(sizes) <= 1


def test_collectives_come_first_then_forms_then_units_in_vietnamese_order():
    awardees = [
        _awardee(1, unit="Công đoàn cơ sở Đông Hưng"),
        _awardee(2, unit="Công đoàn cơ sở Dân Hòa"),
        _awardee(3, kind="collective", unit="Công đoàn cơ sở Ân Phú"),
        _awardee(4, form="Bằng khen", unit="Công đoàn cơ sở Ân Phú"),
        _awardee(5, unit=None),
    ]

    planned = rules.plan_batches(awardees, size=10)

    assert [(p.kind, p.form) for p in planned] == [("collective", "Giấy khen"), ("individual", "Bằng khen"),
                                                   ("individual", "Giấy khen")]
    # d < đ in Vietnamese: Dân Hòa before Đông Hưng; no unit last.
    assert planned[2].delegate_ids == (2, 1, 5)


def test_a_batch_never_mixes_two_forms_and_holds_at_most_the_size():
    awardees = [_awardee(i, form="Giấy khen" if i % 3 else "Bằng khen") for i in range(1, 26)]

    planned = rules.plan_batches(awardees, size=4)

    assert all(len(p.delegate_ids) <= 4 for p in planned)
    assert sorted(i for p in planned for i in p.delegate_ids) == list(range(1, 26))
    forms = {i: a.form for i, a in ((a.delegate_id, a) for a in awardees)}
    assert all(len({forms[i] for i in p.delegate_ids}) == 1 for p in planned)


def test_batch_size_outside_the_range_is_refused():
    with pytest.raises(RuleViolation):
        rules.ensure_batch_size(0)
    with pytest.raises(RuleViolation):
        rules.ensure_batch_size(rules.BATCH_SIZE_MAX + 1)
    rules.ensure_batch_size(10)


def test_generating_again_over_hand_edits_needs_the_organizers_word():
    with pytest.raises(RuleViolation):
        rules.ensure_may_regenerate(edited=True, overwrite=False)
    rules.ensure_may_regenerate(edited=True, overwrite=True)
    rules.ensure_may_regenerate(edited=False, overwrite=False)


def test_a_representative_needs_a_name_and_statuses_are_known():
    with pytest.raises(RuleViolation):
        rules.ensure_representative("represented", "  ")
    with pytest.raises(RuleViolation):
        rules.ensure_representative("gone", None)
    rules.ensure_representative("represented", "Trần Văn Bình")
    rules.ensure_representative("skipped", None)


def test_moving_swaps_neighbours_and_stops_at_the_ends():
    assert rules.moved(["a", "b", "c"], 1, -1) == ["b", "a", "c"]
    assert rules.moved(["a", "b", "c"], 1, 1) == ["a", "c", "b"]
    assert rules.moved(["a", "b", "c"], 0, -1) == ["a", "b", "c"]
    assert rules.moved(["a", "b", "c"], 2, 1) == ["a", "b", "c"]


def test_an_awardee_not_checked_in_is_absent_until_the_organizer_decides():
    assert rules.called_status("called", checked_in=False) == "absent"
    assert rules.called_status("called", checked_in=True) == "called"
    assert rules.called_status("skipped", checked_in=False) == "skipped"
    assert rules.called_status("represented", checked_in=False) == "represented"


def test_citation_prefers_the_summary_else_the_first_sentence_and_stays_one_line():
    assert rules.citation("Tóm tắt ngắn.", "Câu dài.") == "Tóm tắt ngắn."
    assert rules.citation(None, "Câu một. Câu hai.") == "Câu một."
    assert rules.citation("", None) == ""
    long = rules.citation(None, "chữ " * 100)
    assert len(long) <= rules.CITATION_MAX and long.endswith("…") and "\n" not in long
    assert rules.citation(None, "Hoàn thành xuất sắc; được tặng Bằng khen.") == "Hoàn thành xuất sắc; được tặng Bằng khen."
    assert rules.citation(None, "- Hoàn thành xuất sắc\n- Được tặng Bằng khen") == "Hoàn thành xuất sắc"
    # A long summary stops at a sentence end when the sentences kept fill half the line, as a certificate's does.
    first = "Hoàn thành xuất sắc nhiệm vụ được giao năm 2024, tích cực tham gia các phong trào thi đua của công đoàn."
    second = "Vận động đoàn viên tham gia quỹ mái ấm công đoàn, xây dựng hai căn nhà cho đoàn viên khó khăn."
    assert rules.citation(f"{first}\n{second}", None) == first


# The MC's script


def test_the_plans_items_are_recognised():
    assert rules.item_parts("Tuyên bố lý do, giới thiệu đại biểu và khai mạc") == ("reasons", "introduction", "opening")
    assert rules.item_parts("Báo cáo tham luận và giao lưu điển hình tiên tiến") == ("discussion",)
    assert rules.item_parts("Báo cáo đánh giá, biểu dương phong trào thi đua yêu nước trong CNVCLĐ 05 năm") == ("report",)
    assert rules.item_parts("Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến") == ("honouring",)
    assert rules.item_parts("Bế mạc hội nghị") == ("closing",)
    assert rules.item_parts("Diễn văn khai mạc") == ("opening",)
    assert rules.item_parts("Giải lao") == ("other",)


def test_default_texts_place_the_generated_lists():
    opening = rules.default_script("Tuyên bố lý do, giới thiệu đại biểu và khai mạc")
    honouring = rules.default_script("Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến")

    assert [b.kind for b in rules.blocks(opening)].count("introduction") == 1
    assert [b.kind for b in rules.blocks(honouring)].count("honours") == 1


def test_fill_replaces_known_placeholders_and_leaves_other_brackets():
    text = rules.fill("Kính mời [Người thực hiện] trình bày [Nội dung] [khác].",
                      {"[Người thực hiện]": "Chủ tịch LĐLĐ huyện", "[Nội dung]": "báo cáo"})

    assert text == "Kính mời Chủ tịch LĐLĐ huyện trình bày báo cáo [khác]."


def test_a_saved_text_equal_to_the_default_counts_as_the_default():
    assert rules.same_text("Dòng một  \r\nDòng hai\n", "Dòng một\nDòng hai")
    assert not rules.same_text("Dòng một", "Dòng hai")

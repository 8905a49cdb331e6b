"""The programme's timing and the hall screen's steps (conference.agenda.rules), without a database."""

from __future__ import annotations

from datetime import date, time

from hypothesis import given, settings
from hypothesis import strategies as st

from conference.agenda import rules
from conference.agenda.rules import HALF_DAY_ENDS, PLAN_PROGRAMME, Slot, hhmm, overrun, schedule, step

durations = st.integers(min_value=0, max_value=rules.MAX_DURATION_MIN)
clock_times = st.builds(time, st.integers(min_value=5, max_value=12), st.integers(min_value=0, max_value=59))
pins = st.one_of(st.none(), clock_times)
programmes = st.lists(st.tuples(durations, pins), max_size=12)


def test_the_plan_programme_has_the_nine_items_of_the_plan_and_fills_the_morning_as_the_demo_does():
    assert len(PLAN_PROGRAMME) == 9
    assert PLAN_PROGRAMME[0].title == "Văn nghệ chào mừng (nếu có)"
    assert PLAN_PROGRAMME[4].title == "Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến"
    assert PLAN_PROGRAMME[-1].title == "Bế mạc hội nghị"
    slots = schedule(rules.DEFAULT_DAY_START, [(item.duration_min, None) for item in PLAN_PROGRAMME])
    assert [hhmm(slot.start) for slot in slots] == [
        "07:30", "07:45", "08:00", "08:30", "09:00", "09:40", "10:00", "10:15", "10:30"]
    assert hhmm(slots[-1].end) == "10:45"
    assert overrun(slots, HALF_DAY_ENDS) == 0


def test_a_longer_honouring_item_pushes_the_programme_past_the_half_day():
    items = [(item.duration_min, None) for item in PLAN_PROGRAMME]
    items[4] = (105, None)  # the honouring: 65 minutes longer than planned
    slots = schedule(time(7, 30), items)
    assert hhmm(slots[-1].end) == "11:50"
    assert overrun(slots, HALF_DAY_ENDS) == 20
    assert overrun(slots, time(12, 0)) == 0


def test_a_pinned_item_starts_at_its_time_and_the_next_ones_flow_from_it():
    slots = schedule(time(7, 30), [(15, None), (30, None), (20, time(8, 30)), (10, None)])
    assert [(hhmm(s.start), hhmm(s.end), s.pinned) for s in slots] == [
        ("07:30", "07:45", False), ("07:45", "08:15", False), ("08:30", "08:50", True), ("08:50", "09:00", False)]
    assert (slots[2].gap, slots[2].late) == (15, 0)


def test_a_pinned_item_the_previous_one_runs_into_is_late_by_the_overlap():
    slots = schedule(time(7, 30), [(45, None), (15, time(8, 0))])
    assert (slots[1].start, slots[1].late, slots[1].gap) == (480, 15, 0)


def test_a_pinned_first_item_ignores_the_day_start_and_is_never_late():
    slots = schedule(time(8, 0), [(15, time(7, 0)), (15, None)])
    assert [hhmm(s.start) for s in slots] == ["07:00", "07:15"]
    assert slots[0].late == slots[0].gap == 0


def test_times_past_midnight_keep_counting():
    assert hhmm(1450) == "24:10"
    assert hhmm(schedule(time(23, 0), [(120, None)])[0].end) == "25:00"


@settings(max_examples=200)
@given(st.builds(time, st.integers(0, 12), st.integers(0, 59)), st.lists(durations, max_size=12))
def test_without_pins_each_item_starts_when_the_previous_ends(day_start, lengths):
    slots = schedule(day_start, [(length, None) for length in lengths])
    start = rules.minutes(day_start)
    assert [s.start for s in slots] == [start + sum(lengths[:i]) for i in range(len(lengths))]
    assert all(s.end - s.start == length for s, length in zip(slots, lengths))
    expected = max(0, start + sum(lengths) - rules.minutes(HALF_DAY_ENDS)) if lengths else 0
    assert overrun(slots, HALF_DAY_ENDS) == expected


@settings(max_examples=200)
@given(clock_times, programmes)
def test_every_slot_follows_the_rule_of_its_pin(day_start, items):
    slots = schedule(day_start, items)
    assert len(slots) == len(items)
    for index, ((duration, pin), slot) in enumerate(zip(items, slots)):
        previous_end = slots[index - 1].end if index else rules.minutes(day_start)
        assert slot.end - slot.start == duration
        assert slot.pinned == (pin is not None)
        if pin is None:
            assert slot.start == previous_end and slot.late == slot.gap == 0
        else:
            assert slot.start == rules.minutes(pin)
            if index:
                assert slot.late == max(0, previous_end - slot.start)
                assert slot.gap == max(0, slot.start - previous_end)


@settings(max_examples=200)
@given(clock_times, programmes, st.data())
def test_changing_a_duration_before_a_pin_moves_nothing_from_the_pin_on(day_start, items, data):
    pinned = [i for i, (_d, pin) in enumerate(items) if pin is not None and i > 0]
    if not pinned:
        return
    at = data.draw(st.sampled_from(pinned))
    changed = data.draw(st.integers(min_value=0, max_value=at - 1))
    other = list(items)
    other[changed] = (data.draw(durations), other[changed][1])
    before, after = schedule(day_start, items), schedule(day_start, other)
    assert [(s.start, s.end) for s in before[at:]] == [(s.start, s.end) for s in after[at:]]


def test_overrun_of_an_empty_programme_is_nothing():
    assert overrun([], HALF_DAY_ENDS) == 0
    assert overrun([Slot(start=700, end=710)], HALF_DAY_ENDS) == 20


def test_the_hall_screen_steps_from_the_opening_screen_through_the_items_and_stops_at_the_last():
    ids = [4, 7, 9]
    assert step(ids, None, 1) == 4
    assert step(ids, None, -1) is None
    assert step(ids, 4, 1) == 7
    assert step(ids, 4, -1) is None  # back to the opening screen
    assert step(ids, 9, 1) == 9  # the last item stays
    assert step(ids, 8, 1) == 4  # an item no longer in the programme: from the opening screen
    assert step([], None, 1) is None


@given(st.lists(st.integers(min_value=1, max_value=10_000), unique=True, max_size=15), st.data())
def test_next_then_previous_comes_back_unless_at_the_last_item(ids, data):
    current = data.draw(st.sampled_from([None, *ids]))
    forward = step(ids, current, 1)
    assert forward is None if not ids else forward in ids
    if ids and current != ids[-1]:
        assert step(ids, forward, -1) == current


def test_dates_take_a_leading_zero_for_days_below_ten_and_the_first_two_months_only():
    assert rules.day_text(date(2025, 4, 10)) == "10/4/2025"
    assert rules.day_text(date(2025, 2, 5)) == "05/02/2025"
    assert rules.day_text(date(2025, 12, 1)) == "01/12/2025"


def test_an_item_goes_before_the_first_that_starts_later():
    assert rules.place_by_time([450, 480, 630], 620) == 2
    assert rules.place_by_time([450, 480], None) == 2
    assert rules.place_by_time([time(8), None, time(9)], time(8, 30)) == 2

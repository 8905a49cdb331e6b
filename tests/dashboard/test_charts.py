"""The dashboard's charts: the figures behind them (seats per unit, arrivals per ten minutes in Vietnam's time) and
the page, where each chart's data rides in its canvas's data-chart attribute and the same figures stand in a
table."""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime

from conference.checkin.models import CheckIn
from conference.dashboard.queries import arrivals, unit_seats
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.services import Actor, approve_nomination, return_nomination, submit_nomination
from tests.factories import make_world, nomination_data

TODAY = date(2025, 3, 1)


def _nominate(world, unit_index: int, name: str, *, approve: bool = False, give_back: bool = False):
    nomination = submit_nomination(world.conference_id, world.unit_ids[unit_index], nomination_data(name),
                                   Actor(None), TODAY)
    if approve:
        approve_nomination(nomination.id)
    if give_back:
        return_nomination(nomination.id, "Bổ sung")
    return nomination


def _arrive(world, delegate_id: int, moment: datetime) -> None:
    db.session.add(CheckIn(conference_id=world.conference_id, delegate_id=delegate_id, checked_in_at=moment))


def test_seats_used_count_waiting_and_approved_nominations_per_unit(ctx):
    world = make_world(quotas=(3, 2, 0))
    _nominate(world, 0, "Lê Thị Hạnh", approve=True)
    _nominate(world, 0, "Võ Thị Tài")
    _nominate(world, 0, "Đào Thị Yến", give_back=True)

    units = {unit.name: (unit.allocated, unit.used) for unit in unit_seats(world.conference_id)}

    assert units == {"Công đoàn cơ sở số 1": (3, 2), "Công đoàn cơ sở số 2": (2, 0), "Công đoàn cơ sở số 3": (0, 0)}


def test_arrivals_are_counted_per_ten_minutes_of_vietnams_time_with_empty_slots_kept(ctx):
    world = make_world(quotas=(3, 0, 0))
    for name in ("Lê Thị Hạnh", "Võ Thị Tài", "Đào Thị Yến"):
        _nominate(world, 0, name, approve=True)
    ids = db.session.execute(db.select(Delegate.id).order_by(Delegate.id)).scalars().all()
    for delegate_id, moment in zip(ids, ("00:01", "00:09", "00:27"), strict=True):  # UTC: 07:01, 07:09, 07:27
        _arrive(world, delegate_id, datetime.fromisoformat(f"2025-04-10T{moment}"))
    db.session.flush()

    counted = arrivals(world.conference_id)

    assert [(start.strftime("%H:%M"), n, total) for start, n, total in counted.slots] == [
        ("07:00", 2, 2), ("07:10", 0, 2), ("07:20", 1, 3)]
    assert arrivals(world.other_conference_id).slots == []


def test_dashboard_draws_each_chart_with_its_table(app, client, auth):
    with app.app_context():
        world = make_world(quotas=(3, 2, 0))
        _nominate(world, 0, "Lê Thị Hạnh", approve=True)
        _nominate(world, 1, "Võ Thị Tài")
        db.session.commit()
    auth.login("organizer")

    page = client.get(f"/conferences/{world.conference_id}").get_data(as_text=True)

    charts = [json.loads(html.unescape(raw)) for raw in re.findall(r'<canvas data-chart="([^"]*)"', page)]
    assert len(charts) == 4  # no arrivals yet: that one says so instead of drawing
    assert "Chưa có đại biểu nào đến." in page
    by_labels = {tuple(chart["labels"]): chart for chart in charts}
    seats = by_labels[("Công đoàn cơ sở số 1", "Công đoàn cơ sở số 2", "Công đoàn cơ sở số 3")]
    assert [d["data"] for d in seats["datasets"]] == [[3, 2, 0], [1, 1, 0]]
    split = by_labels[("Hiện tại", "Mục tiêu")]
    assert [d["data"] for d in split["datasets"]] == [[100.0, 70], [0, 30]]
    statuses = next(chart for chart in charts if "Chờ duyệt" in chart["labels"])
    assert dict(zip(statuses["labels"], statuses["datasets"][0]["data"], strict=True))["Đã duyệt"] == 1
    # The same figures, readable without the chart.
    assert re.search(r"<th scope=\"row\" class=\"fw-normal\">Công đoàn cơ sở số 1</th><td class=\"text-end\">3</td>"
                     r"<td class=\"text-end\">1</td><td class=\"text-end\">2</td>", page)
    assert "vendor/chartjs/chart.umd.min.js" in page and "js/charts.js" in page

"""Saving quotas: never above the exemplar seats, never below what a unit already sent."""

import pytest
from sqlalchemy import select

from conference.conferences.models import Conference, Quota
from conference.core.errors import RuleViolation
from conference.extensions import db
from conference.nominations.services import Actor, submit_nomination
from conference.quotas.services import allocate_proportionally, save_quotas
from tests.factories import make_world, nomination_data

TODAY = __import__("datetime").date(2025, 3, 1)


def quotas(conference_id):
    return {q.unit_id: q.seats for q in db.session.execute(
        select(Quota).where(Quota.conference_id == conference_id)).scalars()}


def test_quotas_above_exemplar_seats_are_refused_and_nothing_is_written(ctx):
    world = make_world(units=2, quotas=(1, 1), cap=10)  # 7 exemplar seats
    conference = db.session.get(Conference, world.conference_id)
    with pytest.raises(RuleViolation, match="vượt quá"):
        save_quotas(conference, {world.unit_ids[0]: 5, world.unit_ids[1]: 3})
    assert quotas(world.conference_id) == {world.unit_ids[0]: 1, world.unit_ids[1]: 1}


def test_quota_below_the_units_submitted_nominations_is_refused(ctx):
    world = make_world(units=2, quotas=(2, 2))
    for name in ("Lê Văn A", "Lê Văn B"):
        submit_nomination(world.conference_id, world.unit_ids[0], nomination_data(name), Actor(None), TODAY)
    conference = db.session.get(Conference, world.conference_id)
    with pytest.raises(RuleViolation, match="ít hơn số hồ sơ đã gửi"):
        save_quotas(conference, {world.unit_ids[0]: 1})
    assert quotas(world.conference_id)[world.unit_ids[0]] == 2


def test_unit_of_another_federation_is_refused(ctx):
    world = make_world(units=1, quotas=(1,))
    other = make_world(units=1, quotas=(1,), tag="b_")
    conference = db.session.get(Conference, world.conference_id)
    with pytest.raises(RuleViolation):
        save_quotas(conference, {other.unit_ids[0]: 1})


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_proportional_allocation_fills_exactly_the_exemplar_seats(ctx, backend):
    world = make_world(units=3, quotas=None, cap=250, members=(500, 300, 200))
    conference = db.session.get(Conference, world.conference_id)
    shares = allocate_proportionally(conference)
    assert sum(shares.values()) == 175
    assert quotas(world.conference_id) == shares
    assert shares[world.unit_ids[0]] > shares[world.unit_ids[1]] > shares[world.unit_ids[2]]

"""Dashboard figures: what the organizer still has to review, and the split."""

from datetime import date

from conference.conferences.models import Conference
from conference.dashboard.queries import dashboard
from conference.delegates.services import add_guest
from conference.extensions import db
from conference.nominations.services import (
    Actor,
    approve_nomination,
    return_nomination,
    submit_nomination,
    update_nomination,
)
from tests.factories import make_world, nomination_data

TODAY = date(2025, 3, 1)


def test_waiting_counts_submitted_and_resubmitted_nominations(ctx):
    world = make_world(quotas=(3, 0, 0))
    unit = world.unit_ids[0]
    first = submit_nomination(world.conference_id, unit, nomination_data("Lê Thị Hạnh"), Actor(None), TODAY)
    second = submit_nomination(world.conference_id, unit, nomination_data("Võ Văn Tài", gender="male"),
                               Actor(None), TODAY)
    third = submit_nomination(world.conference_id, unit, nomination_data("Đào Thị Yến"), Actor(None), TODAY)
    approve_nomination(first.id)
    return_nomination(second.id, "Bổ sung số liệu")
    return_nomination(third.id, "Trùng")
    update_nomination(second.id, nomination_data("Võ Văn Tài", gender="male"), Actor(None), TODAY)

    figures = dashboard(db.session.get(Conference, world.conference_id))

    assert figures.nominations == {"waiting": 1, "approved": 1, "returned": 1}
    assert figures.delegates == {"exemplar": 1, "guest": 0}


def test_split_and_priority_groups_come_from_seated_delegates(ctx):
    world = make_world(quotas=(2, 0, 0))
    nomination = submit_nomination(world.conference_id, world.unit_ids[0],
                                   nomination_data("Thạch Thị Sa", ethnicity="Khmer", direct_worker=True),
                                   Actor(None), TODAY)
    approve_nomination(nomination.id)
    add_guest(world.conference_id, {"full_name": "Trần Quốc Tuấn", "position": "Bí thư Huyện ủy", "gender": "male"})

    figures = dashboard(db.session.get(Conference, world.conference_id))

    assert (figures.women, figures.ethnic_minorities, figures.direct_workers) == (1, 1, 1)
    assert figures.split.exemplar_pct == 50.0 and not figures.split.within
    assert figures.seated == 2

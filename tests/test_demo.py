"""The demo conference is the plan of seed 003, loaded idempotently."""

from datetime import date

from sqlalchemy import func, select

from conference.agenda.models import AgendaItem
from conference.agenda.rules import PLAN_AGENDA
from conference.auth.models import User
from conference.conferences.models import Conference, Quota
from conference.delegates.models import Delegate
from conference.demo.loader import load_demo
from conference.extensions import db
from conference.nominations.models import Nomination


def test_demo_conference_follows_the_plan_and_loads_once(ctx):
    conference, created = load_demo()
    again, created_again = load_demo()
    assert created and not created_again and again.id == conference.id
    assert db.session.execute(select(func.count()).select_from(Conference)).scalar_one() == 1
    assert (conference.held_on, conference.dossier_deadline) == (date(2025, 4, 10), date(2025, 4, 25))
    assert (conference.delegate_cap, conference.seats.exemplar, conference.presidium_max) == (250, 175, 7)
    assert conference.host.name == "Liên đoàn Lao động huyện Vĩnh Thuận"
    titles = db.session.execute(
        select(AgendaItem.title).where(AgendaItem.conference_id == conference.id).order_by(AgendaItem.position)
    ).scalars().all()
    assert titles == list(PLAN_AGENDA) and len(titles) == 9
    quotas = db.session.execute(select(Quota.seats).where(Quota.conference_id == conference.id)).scalars().all()
    assert len(quotas) == 30 and sum(quotas) == 175
    statuses = set(db.session.execute(select(Nomination.status)).scalars())
    assert statuses == {"submitted", "approved", "returned"}
    presidium = db.session.execute(
        select(func.count()).select_from(Delegate).where(Delegate.presidium_order.is_not(None))
    ).scalar_one()
    assert 1 <= presidium <= 7
    roles = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
    assert roles == {"organizer": 1, "unit": 30, "checkin": 1}

"""A collective (tập thể) keeps none of a person's fields, whatever the form or the spreadsheet sent."""

from __future__ import annotations

from datetime import date

from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.services import Actor, approve_nomination, submit_nomination
from tests.factories import make_world, nomination_data


def test_a_collective_stores_no_gender_birth_ethnicity_education_or_party_membership(ctx):
    world = make_world()
    data = {**nomination_data("Tập thể Tổ sản xuất số 1", kind="collective"), "gender": "male", "birth_year": 1980,
            "ethnicity": "Kinh", "education": "12/12", "party_member": True, "direct_worker": True}
    nomination = submit_nomination(world.conference_id, world.unit_ids[0], data, Actor(None), date(2025, 3, 1))
    assert (nomination.gender, nomination.birth_year, nomination.ethnicity, nomination.education,
            nomination.party_member, nomination.direct_worker) == (None, None, None, None, False, False)
    approve_nomination(nomination.id)
    delegate = db.session.execute(db.select(Delegate).where(Delegate.nomination_id == nomination.id)).scalar_one()
    assert (delegate.ethnicity, delegate.party_member) == (None, False)


def test_a_person_keeps_them(ctx):
    world = make_world()
    data = {**nomination_data("Nguyễn Văn Một"), "ethnicity": "Khmer", "party_member": True}
    nomination = submit_nomination(world.conference_id, world.unit_ids[0], data, Actor(None), date(2025, 3, 1))
    assert (nomination.ethnicity, nomination.party_member) == ("Khmer", True)


def test_the_form_of_a_collective_is_shown_without_a_persons_fields(app, client, auth):
    """Without its script too: the edit page of a collective hides them (nomination-form.js does it on a change)."""
    with app.app_context():
        world = make_world()
        collective = submit_nomination(world.conference_id, world.unit_ids[0],
                                       nomination_data("Tập thể Tổ Toán", kind="collective"), Actor(None),
                                       date(2025, 3, 1))
        person = submit_nomination(world.conference_id, world.unit_ids[0], nomination_data("Lê Thị Hai"),
                                   Actor(None), date(2025, 3, 1))
        db.session.commit()
        ids = collective.id, person.id
    auth.login("unit1")
    pages = [client.get(f"/nominations/{i}/edit").get_data(as_text=True) for i in ids]
    blocks = [[line for line in html.splitlines() if "data-person-only" in line] for html in pages]
    assert len(blocks[0]) == 2 and all("d-none" in line for line in blocks[0])  # gender … education; the marks
    assert len(blocks[1]) == 2 and not any("d-none" in line for line in blocks[1])
    assert all('src="/static/js/nomination-form.js"' in html for html in pages)

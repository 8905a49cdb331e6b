"""A citation typed on several lines in a browser (CR LF line breaks) is stored with LF, so the district's
exported file and the province's reading of it agree (the file's check is computed on the same text)."""

from __future__ import annotations

from sqlalchemy import select

from conference.extensions import db
from conference.nominations.models import Nomination
from tests.factories import make_world, nomination_data


def test_a_two_paragraph_citation_from_a_browser_is_stored_with_lf(app, client, auth):
    with app.app_context():
        world = make_world()
        db.session.commit()
    form = {**nomination_data("Trần Thị Hai Dòng"), "achievements": "Đoạn một.\r\nĐoạn hai.\r\n\r\nĐoạn ba."}
    form.pop("party_member", None)
    auth.login("unit1")
    response = client.post(f"/conferences/{world.conference_id}/nominations/new", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    with app.app_context():
        stored = db.session.execute(select(Nomination.achievements)
                                    .where(Nomination.full_name == "Trần Thị Hai Dòng")).scalar_one()
    assert stored == "Đoạn một.\nĐoạn hai.\n\nĐoạn ba."

"""A GET never writes (DESIGN.md, "Layers" and "Transactions"): every page, export and API read of the app, opened by each role,
leaves every table's row count as it was. The dossier page shows its defaults and its conference code without
making its row; the first save stores them, with the code the pages showed."""

from __future__ import annotations

import re
from datetime import time

import pytest
from sqlalchemy import func, select

from conference.agenda.models import AgendaItem
from conference.ceremony.models import HonouringBatch
from conference.ceremony.services import generate_batches
from conference.dossier.models import Dossier
from conference.extensions import db
from conference.honourboard.models import HonourBoard
from conference.honourboard.services import save_board
from tests.dashboard.mixed import Mixed, make_mixed


@pytest.fixture
def mixed(app) -> Mixed:
    with app.app_context():
        world = make_mixed()
        db.session.add(AgendaItem(conference_id=world.conference_id, position=1, starts_at=time(7, 30),
                                  title="Khai mạc hội nghị"))
        db.session.commit()
        generate_batches(world.conference_id)
        save_board(world.conference_id, {"enabled": True})  # the public board's pages answer, not 404
        db.session.commit()
        return world


def row_counts(app) -> dict[str, int]:
    with app.app_context():
        return {table.name: db.session.execute(select(func.count()).select_from(table)).scalar_one()
                for table in db.metadata.sorted_tables}


def every_get_url(app, world: Mixed) -> list[str]:
    """Every GET route of the app with the ids of `world` filled in (static files aside)."""
    with app.app_context():
        item_id = db.session.execute(select(AgendaItem.id)).scalar_one()
        batch_id = db.session.execute(select(func.min(HonouringBatch.id))).scalar_one()
        slug = db.session.execute(select(HonourBoard.slug)).scalar_one()
    values = {"conference_id": world.conference_id, "unit_id": world.unit_ids[0],
              "nomination_id": world.nomination_ids[0], "delegate_id": world.delegate_ids[0], "item_id": item_id,
              "batch_id": batch_id, "slug": slug}
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        assert set(rule.arguments) <= set(values), f"fill in the ids of {rule.rule}"
        urls.append(re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), rule.rule))
    return urls


@pytest.mark.parametrize("user", ["organizer", "unit1", "checkin"])
def test_no_get_of_any_page_changes_a_row(app, client, auth, mixed, user):
    urls = every_get_url(app, mixed)
    assert f"/conferences/{mixed.conference_id}/exports" in urls and len(urls) > 30
    auth.login(user)
    before = row_counts(app)
    statuses = {url: client.get(url).status_code for url in urls}
    assert row_counts(app) == before
    assert [url for url, status in statuses.items() if status >= 500] == []
    if user == "organizer":  # the pages did answer, not just refuse
        assert statuses[f"/conferences/{mixed.conference_id}/exports"] == 200
        assert statuses[f"/conferences/{mixed.conference_id}/upper-delegates"] == 200
        assert statuses[f"/conferences/{mixed.conference_id}"] == 200


def test_the_dossier_page_shows_its_code_before_the_first_save_and_the_save_keeps_it(app, client, auth, mixed):
    page = f"/conferences/{mixed.conference_id}/exports"
    auth.login("organizer")
    code = re.search(r'id="conference-code"[^>]*>([^<]+)<', client.get(page).get_data(as_text=True)).group(1)
    assert re.fullmatch(r"HN-[0-9A-F]{10}", code)
    assert code in client.get(page).get_data(as_text=True)  # the same on every read
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(Dossier)).scalar_one() == 0

    form = {"col-name": "1", "pos-name": "1", "signer_name": "Lê Kim Tho"}
    assert client.post(f"{page}/settings", data=form).status_code == 302
    with app.app_context():
        stored = db.session.execute(select(Dossier)).scalar_one()
        assert (stored.code, stored.signer_name, stored.columns) == (code, "Lê Kim Tho", "name")
    assert code in client.get(page).get_data(as_text=True)

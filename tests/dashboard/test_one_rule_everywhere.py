"""Each rule once: one mixed conference (`tests.dashboard.mixed`), and every page and export that shows a figure
gives the same one: the dashboard, the review page, the unit's page, the quota page, the upper-level page, the live
board, the badges, the desk and the three exports give the figures counted by hand from that conference.
"""

from __future__ import annotations

import io
import re
import unicodedata

import openpyxl
import pytest
from sqlalchemy import select

from conference.badges.services import badge_for, categories
from conference.checkin.queries import board
from conference.checkin.services import _card, offline_badge_list
from conference.conferences.models import Conference
from conference.core.vocabulary import BADGE_KIND, PRIORITY_GROUP, STATUS, WORDS, vietnamese
from conference.dashboard.queries import dashboard
from conference.delegates.models import Delegate
from conference.delegates.queries import delegates_in_order
from conference.delegates.rules import PriorityCounts, badge_kind, is_ethnic_minority
from conference.dossier.upper import priority_shares as upper_shares
from conference.extensions import db
from conference.nominations.queries import priority_shares, unit_counts
from conference.nominations.rules import COUNTED_STATUSES, NOMINATION_STATUSES, PENDING_STATUSES, allows
from conference.nominations.services import counted_nominations
from conference.quotas.services import used_seats_by_unit
from tests.dashboard.mixed import (
    APPROVED,
    EXEMPLARS,
    GUESTS,
    KINDS,
    NBSP,
    QUOTAS,
    SEATS_USED,
    UPPER,
    Mixed,
    make_mixed,
)

SECRET = "test-secret-key"  # tests/conftest.py TEST_SETTINGS


@pytest.fixture
def mixed(app) -> Mixed:
    with app.app_context():
        return make_mixed()


def _workbook(client, conference_id: int, name: str) -> openpyxl.Workbook:
    response = client.get(f"/conferences/{conference_id}/exports/{name}")
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.data))


def _summary(book) -> dict[str, int]:
    """{label: count} of an export's "Tổng hợp" sheet."""
    return {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(min_row=2, values_only=True) if row[0]}


def _plain(book) -> list[dict]:
    """The rows of an export's "Dữ liệu" sheet as {header: value}."""
    rows = list(book["Dữ liệu"].iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def _plus(a: PriorityCounts, b: PriorityCounts) -> PriorityCounts:
    return PriorityCounts(a.individuals + b.individuals, a.direct_worker + b.direct_worker, a.women + b.women,
                          a.ethnic_minority + b.ethnic_minority)


# --- the rules themselves ----------------------------------------------------------------------------------


def test_ethnic_minority_ignores_case_spacing_and_unicode_form():
    for kinh in ("Kinh", " kinh ", "KINH", "Kinh" + NBSP, "\tKinh", "kInH"):
        assert not is_ethnic_minority(kinh), repr(kinh)
    for minority in ("Khmer", " khmer ", "Hoa", "Chăm", unicodedata.normalize("NFD", "Chăm"), "Ê Đê"):
        assert is_ethnic_minority(minority), repr(minority)
    for nothing in (None, "", "   "):
        assert not is_ethnic_minority(nothing)


def test_the_statuses_that_hold_a_seat_and_wait_for_review_follow_the_transitions():
    assert set(PENDING_STATUSES) == {s for s in NOMINATION_STATUSES if allows(s, "approve")}
    assert set(COUNTED_STATUSES) == {*PENDING_STATUSES, "approved"}
    assert set(WORDS["status"]) == set(NOMINATION_STATUSES)
    assert vietnamese("status", "submitted") == STATUS["submitted"] == "Chờ duyệt"


def test_the_presidium_badge_rule_in_python_and_in_sql_agree(app, mixed):
    with app.app_context():
        rows = db.session.execute(
            select(Delegate.id, Delegate.presidium_order, Delegate.category, Delegate.badge_kind)
            .where(Delegate.conference_id == mixed.conference_id)).all()
        assert len(rows) == sum(KINDS.values())
        for _id, order, category, sql_kind in rows:
            assert sql_kind == badge_kind(order, category) == db.session.get(Delegate, _id).badge_kind


# --- the same figures on every page and in every export ------------------------------------------------------


def test_dashboard_review_page_and_upper_page_count_the_same_priority_groups(app, client, auth, mixed):
    cid = mixed.conference_id
    with app.app_context():
        figures = dashboard(db.session.get(Conference, cid))
        assert figures.priority == EXEMPLARS
        assert (figures.women, figures.ethnic_minorities, figures.direct_workers) == (4, 3, 3)
        assert priority_shares(cid) == EXEMPLARS
        exemplars = [d for d in delegates_in_order(cid) if d.category == "exemplar"]
        chosen = [d for d in exemplars if d.upper_order]
        shares = {share.label: share for share in upper_shares(chosen, exemplars)}
        for group, label in PRIORITY_GROUP.items():
            assert (shares[label].pool, shares[label].pool_total) == (EXEMPLARS[group], EXEMPLARS.individuals)
            assert (shares[label].chosen, shares[label].chosen_total) == (UPPER[group], UPPER.individuals)

    auth.login("organizer")
    review = client.get(f"/conferences/{cid}/nominations?status=all").get_data(as_text=True)
    for group in PRIORITY_GROUP:
        assert f'data-testid="share-{group}">{100 * EXEMPLARS[group] / EXEMPLARS.individuals:.0f}%' in review
    # The review list shows the ethnicity of minorities only, whatever its spelling.
    shown = {match.strip() for match in re.findall(r"· ([^·<]+)", review)}
    assert {"Khmer", "khmer", "Hoa"} <= shown and not {"Kinh", "kinh", "KINH"} & shown
    page = client.get(f"/conferences/{cid}").get_data(as_text=True)
    assert page.count(f"trong {EXEMPLARS.individuals} cá nhân điển hình") == 3
    assert client.get(f"/conferences/{cid}/upper-delegates").status_code == 200


def test_every_export_counts_as_the_pages(app, client, auth, mixed):
    cid = mixed.conference_id
    auth.login("organizer")

    everyone = _workbook(client, cid, "delegates.xlsx")
    summary = _summary(everyone)
    counted = _plus(EXEMPLARS, GUESTS)  # the list holds every delegate, guests included
    assert summary[vietnamese("gender", "female")] == counted.women
    assert summary[PRIORITY_GROUP["ethnic_minority"]] == counted.ethnic_minority
    assert summary[PRIORITY_GROUP["direct_worker"]] == counted.direct_worker
    assert summary[vietnamese("category", "exemplar")] == sum(APPROVED)
    assert summary[vietnamese("category", "guest")] == 3
    official = everyone.worksheets[0].iter_rows(values_only=True)
    totals = next(row for row in official if isinstance(row[1], str) and row[1].startswith("Tổng cộng"))
    assert f"DTTS: {counted.ethnic_minority}" in totals and counted.direct_worker in totals
    notes = [row[-1] for row in everyone.worksheets[0].iter_rows(values_only=True)]  # "Ghi chú", the last column
    assert sum(1 for note in notes if str(note or "").startswith(BADGE_KIND["presidium"])) == KINDS["presidium"]

    upper = _summary(_workbook(client, cid, "upper-delegates.xlsx"))
    assert upper[vietnamese("gender", "female")] == UPPER.women
    assert upper[PRIORITY_GROUP["ethnic_minority"]] == UPPER.ethnic_minority
    assert upper[PRIORITY_GROUP["direct_worker"]] == UPPER.direct_worker

    quotas = _workbook(client, cid, "quotas.xlsx")
    seats = {row["Công đoàn cơ sở"]: row["Số lượng phân bổ"] for row in _plain(quotas)}
    assert seats == dict(zip(mixed.unit_names, QUOTAS))
    with app.app_context():
        assert _summary(quotas)["Số lượng đã phân bổ"] == dashboard(db.session.get(Conference, cid)).allocated


def test_seats_used_per_unit_are_the_same_on_every_page(app, client, auth, mixed):
    cid = mixed.conference_id
    with app.app_context():
        expected = dict(zip(mixed.unit_ids, SEATS_USED))
        assert used_seats_by_unit(cid) == expected  # the quota page
        assert {uid: counted_nominations(cid, uid) for uid in mixed.unit_ids} == expected  # the quota check
        host_id = db.session.get(Conference, cid).host_id
        review = {c.unit_id: (c.used, c.pending + c.approved, c.approved) for c in unit_counts(cid, host_id)}
        assert review == {uid: (used, used, approved)
                          for uid, used, approved in zip(mixed.unit_ids, SEATS_USED, APPROVED)}

    auth.login("organizer")
    assert client.get(f"/conferences/{cid}/quotas").status_code == 200
    auth.logout()
    for number, used in enumerate(SEATS_USED, start=1):
        auth.login(f"unit{number}")
        unit_page = client.get(f"/conferences/{cid}/nominations").get_data(as_text=True)
        assert f'data-testid="quota-usage">{used} / {QUOTAS[number - 1]}' in unit_page
        auth.logout()


def test_the_live_board_the_badges_and_the_desk_agree_on_kinds_and_units(app, client, auth, mixed):
    cid = mixed.conference_id
    with app.app_context():
        figures = board(cid, {}, "Khách mời")
        assert {tally.key: tally.expected for tally in figures.kinds} == KINDS
        expected_units = dict(zip(mixed.unit_names, APPROVED)) | {"Khách mời": 3}
        assert {tally.key: tally.expected for tally in figures.units} == expected_units
        figures_page = dashboard(db.session.get(Conference, cid))
        assert figures_page.presidium == KINDS["presidium"]
        assert figures_page.delegates == {"exemplar": sum(APPROVED), "guest": 3}

        cats = categories(cid)
        offline = {entry.name: entry.category for entry in offline_badge_list(SECRET, cid)}
        for delegate in db.session.execute(select(Delegate).where(Delegate.conference_id == cid)).scalars():
            kind = delegate.badge_kind
            assert badge_for(SECRET, delegate, cats).kind == kind  # the printed badge
            assert offline[delegate.full_name] == kind  # the offline desk's list
            assert _card(delegate.id)[2].kind == kind  # the desk's answer to a scan
    auth.login("organizer")
    assert client.get(f"/conferences/{cid}/board").status_code == 200

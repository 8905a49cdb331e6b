"""The organizer's review queue: filters, bulk approval, per-unit counts, priority shares, queries per page."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, select

from conference.core.errors import RuleViolation
from conference.extensions import db
from conference.nominations.models import Nomination
from conference.nominations.queries import ReviewFilter, priority_shares, review_list, unit_counts
from conference.nominations.services import Actor, approve_nomination, approve_nominations, submit_nomination
from conference.organizations.models import Block, Organization
from tests.factories import make_world, nomination_data

TODAY = date(2025, 3, 1)


def _seed(world):
    """unit1 (block Giáo dục): a woman, Khmer, direct worker; unit2: a man; unit3: a collective."""
    education = Block(organization_id=world.host_id, name="Giáo dục")
    db.session.add(education)
    db.session.flush()
    db.session.get(Organization, world.unit_ids[0]).block = education
    db.session.commit()
    a = submit_nomination(world.conference_id, world.unit_ids[0],
                          nomination_data("Thạch Thị Sa", ethnicity="Khmer", direct_worker=True), Actor(None), TODAY)
    b = submit_nomination(world.conference_id, world.unit_ids[1],
                          nomination_data("Lê Văn Bình", gender="male", ethnicity="Kinh", direct_worker=False),
                          Actor(None), TODAY)
    c = submit_nomination(world.conference_id, world.unit_ids[2],
                          nomination_data("Tập thể Tổ Bảo vệ", kind="collective", direct_worker=False), Actor(None),
                          TODAY)
    db.session.commit()
    return education.id, a.id, b.id, c.id


def names(nominations):
    return sorted(n.full_name for n in nominations)


def test_filters_by_block_unit_state_and_priority_group(ctx):
    world = make_world()
    block_id, _a, b, _c = _seed(world)
    cid = world.conference_id
    assert names(review_list(cid, ReviewFilter(block_id=block_id))[0]) == ["Thạch Thị Sa"]
    assert names(review_list(cid, ReviewFilter(unit_id=world.unit_ids[1]))[0]) == ["Lê Văn Bình"]
    assert names(review_list(cid, ReviewFilter(priority="women"))[0]) == ["Thạch Thị Sa"]
    assert names(review_list(cid, ReviewFilter(priority="ethnic_minority"))[0]) == ["Thạch Thị Sa"]
    assert names(review_list(cid, ReviewFilter(priority="direct_worker"))[0]) == ["Thạch Thị Sa"]
    approve_nomination(b)
    assert names(review_list(cid, ReviewFilter(status="approved"))[0]) == ["Lê Văn Bình"]
    assert review_list(cid, ReviewFilter())[1] == 2  # pending: a and c


def test_bulk_approval_is_all_or_nothing(ctx):
    world = make_world(cap=10, exemplar_share_pct=20)  # 2 exemplar seats
    _block, a, b, c = _seed(world)
    with pytest.raises(RuleViolation, match="Đã đủ 2 chỗ"):
        approve_nominations(world.conference_id, [a, b, c])
    db.session.rollback()  # what the refused request does
    assert {n.status for n in db.session.execute(select(Nomination)).scalars()} == {"submitted"}
    assert approve_nominations(world.conference_id, [a, b]) == 2
    with pytest.raises(RuleViolation, match="không ở trạng thái chờ duyệt"):
        approve_nominations(world.conference_id, [a])
    with pytest.raises(RuleViolation, match="không thuộc hội nghị này"):
        approve_nominations(world.other_conference_id, [c])


def test_counts_per_unit_and_priority_shares_among_approved_individuals(ctx):
    world = make_world()
    _block, a, b, c = _seed(world)
    approve_nominations(world.conference_id, [a, b, c])
    shares = priority_shares(world.conference_id)
    assert (shares.individuals, shares.women, shares.ethnic_minority, shares.direct_worker) == (2, 1, 1, 1)
    assert shares.pct("women") == 50.0
    counts = {row.unit_id: (row.quota, row.pending, row.approved) for row in unit_counts(world.conference_id,
                                                                                       world.host_id)}
    assert counts[world.unit_ids[0]] == (2, 0, 1)


def test_review_page_bulk_approves_the_ticked_ones_and_shows_counts(app, client, auth):
    with app.app_context():
        world = make_world()
        _block, a, b, _c = _seed(world)
    auth.login("organizer")
    html = client.post(f"/conferences/{world.conference_id}/nominations/approve", data={"ids": [str(a), str(b)]},
                       follow_redirects=True).get_data(as_text=True)
    assert "Đã duyệt 2 hồ sơ." in html
    html = client.get(f"/conferences/{world.conference_id}/nominations?status=all").get_data(as_text=True)
    assert 'data-testid="share-women">50%' in html and "Số liệu theo đơn vị" in html


class QueryCounter:
    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, *args):
        self.count += 1


def _add_nominations(world, n, offset=0):
    for i in range(n):
        db.session.add(Nomination(conference_id=world.conference_id, unit_id=world.unit_ids[i % 3],
                                  full_name=f"Người {offset + i}", birth_year=1980, kind="individual",
                                  gender="female", status="submitted", achievements="Tốt."))
    db.session.commit()


@pytest.mark.parametrize("path", ["review", "unit"])
def test_queries_per_page_do_not_grow_with_the_rows(app, client, auth, path):
    with app.app_context():
        world = make_world(quotas=(1000, 1000, 1000))
    auth.login("organizer" if path == "review" else "unit1")
    url = f"/conferences/{world.conference_id}/nominations" + ("?status=all" if path == "review" else "")
    counts = []
    for size in (3, 60):
        with app.app_context():
            _add_nominations(world, size, offset=len(counts) * 1000)
            engine = db.engine
        with QueryCounter(engine) as counter:
            assert client.get(url).status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1], counts

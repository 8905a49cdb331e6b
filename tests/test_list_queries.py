"""Every list page runs the same number of SQL statements whatever its row count (no query per row).

Two conferences live in one database: a small one (4 units, 4 nominations each, ...) and a large one (12 units,
12 nominations each, ...), with the same mix of rows: approved, waiting and returned nominations, individuals and
collectives, ethnicities in any case, guests, a presidium, agenda items, check-ins, delegates chosen for the
upper level and the audit log all that wrote. Each page is rendered for both and the counts compared. The
database is built once per database kind for this module; the pages only read.
"""

from __future__ import annotations

import shutil
import uuid
from dataclasses import dataclass
from datetime import date, time

import pytest
from sqlalchemy import create_engine, select

from conference import create_app
from conference.agenda.services import add_item
from conference.badges.services import badge_code
from conference.checkin.services import check_in
from conference.delegates.models import Delegate
from conference.delegates.services import add_guest, set_presidium
from conference.dossier.upper import set_upper_delegates, set_upper_quota
from conference.extensions import db
from conference.nominations.services import Actor, approve_nomination, return_nomination, submit_nomination
from tests.conftest import TEST_SETTINGS
from tests.factories import make_world, nomination_data

SMALL, LARGE = 4, 12
TODAY = date(2025, 3, 1)
ETHNICITIES = ("Kinh", " kinh ", "Khmer", "KINH", "Hoa")
DATABASE = f"conference_list_queries_{uuid.uuid4().hex[:8]}"  # unique: runs may share a server


@dataclass(frozen=True)
class Sized:
    """The ids and logins of one of the two conferences."""

    conference_id: int
    logins: dict[str, str]  # role → username


def _populate(n: int, tag: str) -> Sized:
    """A conference with n units of n nominations each, n guests, a presidium of min(n + 1, 7), n agenda items,
    half the delegates checked in, n delegates chosen for the upper level."""
    world = make_world(units=n, quotas=(n,) * n, cap=1000, presidium_max=7, tag=tag)
    cid = world.conference_id
    for u, unit_id in enumerate(world.unit_ids):
        for j in range(n):
            fate = j % 4  # approved individual, approved collective, waiting, returned
            collective = fate == 1
            name = f"Tập thể Tổ {tag}{u}-{j}" if collective else f"Nguyễn Văn {tag}{u}-{j}"
            nomination = submit_nomination(
                cid, unit_id, nomination_data(name, kind="collective" if collective else "individual",
                                              ethnicity=ETHNICITIES[(u + j) % len(ETHNICITIES)]),
                Actor(None), TODAY)
            db.session.commit()
            if fate in (0, 1):
                approve_nomination(nomination.id)
            elif fate == 3:
                return_nomination(nomination.id, "Bổ sung thành tích.")
            db.session.commit()
    for k in range(n):
        add_guest(cid, {"full_name": f"Khách {tag}{k}", "gender": "female" if k % 2 else "male",
                        "ethnicity": "Kinh", "position": f"Chủ tịch UBND xã {k}", "party_member": True})
        add_item(cid, {"starts_at": time(7, k), "title": f"Mục {k}", "presenter": "Đoàn Chủ tịch"})
        db.session.commit()
    delegates = list(db.session.execute(
        select(Delegate).where(Delegate.conference_id == cid).order_by(Delegate.id)).scalars())
    exemplars = [d.id for d in delegates if d.category == "exemplar"]
    guests = [d.id for d in delegates if d.category == "guest"]
    persons = [d.id for d in delegates if d.category == "exemplar" and d.kind == "individual"]  # no collective
    set_presidium(cid, (guests[:2] + persons)[:min(n + 1, 7)])
    set_upper_quota(cid, 2 * n, None)
    set_upper_delegates(cid, exemplars[:n])
    db.session.commit()
    secret = TEST_SETTINGS["SECRET_KEY"]
    for i, delegate in enumerate(delegates):
        if i % 2 == 0:
            check_in(secret, cid, badge_code(secret, delegate), desk="Bàn 1", user_id=None, nonce=f"{tag}{i}")
            db.session.commit()
    return Sized(conference_id=cid,
                 logins={"organizer": f"{tag}organizer", "unit": f"{tag}unit1", "checkin": f"{tag}checkin"})


def _build(url: str) -> tuple[Sized, Sized]:
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        db.create_all()
        worlds = _populate(SMALL, "s_"), _populate(LARGE, "l_")
        db.session.remove()
        db.engine.dispose()
    return worlds


@pytest.fixture(scope="module")
def sqlite_worlds(tmp_path_factory):
    path = tmp_path_factory.mktemp("list-queries") / "worlds.db"
    return f"sqlite:///{path}", _build(f"sqlite:///{path}")


@pytest.fixture(scope="module")
def postgresql_worlds(postgres_url):
    """The two conferences in a PostgreSQL database of their own (the suite's shared one is rolled back)."""
    server = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.exec_driver_sql(f"CREATE DATABASE {DATABASE}")
    url = server.url.set(database=DATABASE).render_as_string(hide_password=False)
    try:
        yield url, _build(url)
    finally:
        with server.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        server.dispose()


@pytest.fixture
def worlds(request, backend, tmp_path):
    """(database URL, small, large): SQLite serves a copy of the module's file."""
    url, built = request.getfixturevalue(f"{backend}_worlds")
    if backend == "sqlite":
        copy = tmp_path / "worlds.db"
        shutil.copyfile(url.removeprefix("sqlite:///"), copy)
        url = f"sqlite:///{copy}"
    return (url, *built)


@pytest.fixture
def app(worlds):
    app = create_app({**TEST_SETTINGS, "SQLALCHEMY_DATABASE_URI": worlds[0]})
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _n_plus_one(reason: str):
    return pytest.mark.xfail(strict=True, reason=f"N+1 today: {reason}")


#: (path, who opens it). A page that runs a query per row would be marked `_n_plus_one(...)` (xfail, strict) with
#: the rows it loads one by one; none does today.
PAGES = [
    pytest.param("/conferences/{cid}", "organizer", id="dashboard"),
    pytest.param("/conferences/{cid}/quotas", "organizer", id="quotas"),
    pytest.param("/conferences/{cid}/units", "organizer", id="units"),
    pytest.param("/conferences/{cid}/nominations?status=all", "organizer", id="nominations-review"),
    pytest.param("/conferences/{cid}/nominations", "unit", id="unit-nominations"),
    pytest.param("/conferences/{cid}/delegates", "organizer", id="delegates"),
    pytest.param("/conferences/{cid}/presidium", "organizer", id="presidium"),
    pytest.param("/conferences/{cid}/agenda", "organizer", id="agenda"),
    pytest.param("/conferences/{cid}/agenda/print", "organizer", id="agenda-print"),
    pytest.param("/conferences/{cid}/badges", "organizer", id="badge-sheet"),
    pytest.param("/conferences/{cid}/badges?layout=tents", "organizer", id="badge-tents"),
    pytest.param("/conferences/{cid}/board", "organizer", id="checkin-board"),
    pytest.param("/api/conferences/{cid}/badges", "checkin", id="desk-offline-badge-list"),
    pytest.param("/conferences/{cid}/exports", "organizer", id="dossier"),
    pytest.param("/conferences/{cid}/upper-delegates", "organizer", id="dossier-upper-delegates"),
    pytest.param("/conferences/{cid}/audit", "organizer", id="audit-log"),
]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize(("path", "who"), PAGES)
def test_list_page_runs_as_many_statements_for_many_rows_as_for_few(app, client, auth, count_queries, worlds,
                                                                   path, who, backend):
    counts = []
    for sized in worlds[1:]:
        auth.login(sized.logins[who])
        with count_queries() as counted:
            response = client.get(path.format(cid=sized.conference_id))
        assert response.status_code == 200, response.status_code
        auth.logout()
        counts.append(counted)
    small, large = counts
    assert small.count == large.count, (
        f"{small.count} statements for the small conference, {large.count} for the large one; the large one's:\n"
        + "\n".join(large.statements))

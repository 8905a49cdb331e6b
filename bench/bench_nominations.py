"""Benchmarks of nominations (import, review, quota checks): prints figures, asserts nothing
(tests/nominations/test_review.py asserts that the query counts do not grow with the rows).

Run: .venv/bin/python bench/bench_nominations.py [--postgresql URL]
Measures, on a temporary SQLite database (or the given PostgreSQL database, emptied first):
  - the template import of 5,000 rows: read + check (preview) and the import transaction
    (seconds, peak Python memory by tracemalloc)
  - the review page and the unit's page with 10,000 nominations: SQL statements per page and render time
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from sqlalchemy import event, func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from conference import create_app
from conference.core.clock import local_today
from conference.extensions import db
from conference.nominations.imports import confirm_import, prepare_import
from conference.nominations.models import Nomination
from conference.nominations.services import Actor
from conference.nominations.template import build_template
from tests.factories import PASSWORD, make_world
from tests.nominations.helpers import fill_template, person_row


def measure(label: str, fn):
    tracemalloc.start()
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:58s} {seconds:7.2f} s   peak {peak / 1024 / 1024:7.1f} MiB")
    return result


def count_queries(app, client, url: str) -> tuple[int, float]:
    with app.app_context():
        engine = db.engine
    statements = []

    def listener(*args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", listener)
    start = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - start
    event.remove(engine, "before_cursor_execute", listener)
    assert response.status_code == 200, response.status_code
    return len(statements), seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgresql", help="a PostgreSQL URL to run on instead of SQLite (its tables are reset)")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    url = args.postgresql or f"sqlite:///{Path(tmp) / 'bench.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True, "WTF_CSRF_ENABLED": False,
                      "SECRET_KEY": "bench"})
    print(f"database: {url.split('://')[0]}")
    with app.app_context():
        db.drop_all()
        db.create_all()
        world = make_world(quotas=(6000, 6000, 6000))
        rows = [person_row(f"Nguyễn Thị Người {i}", 1960 + i % 45, unit=None) for i in range(5000)]
        template = build_template(conference_name="Bench", unit_names=["Công đoàn cơ sở số 1"],
                                  movements=["Lao động giỏi, Lao động sáng tạo"], titles=["Lao động tiên tiến"],
                                  own_unit="Công đoàn cơ sở số 1", deadline_text=None)
        content = fill_template(template, rows)
        print(f"5,000-row template: {len(content) / 1024:.0f} KiB")
        from conference.organizations.models import Organization

        unit = db.session.get(Organization, world.unit_ids[0])
        batch = measure("import 5,000 rows: read + check every row (preview)",
                        lambda: prepare_import(_conference(world), unit, world.unit_user_ids[0], "bench.xlsx",
                                               content))
        count = measure("import 5,000 rows: the all-or-nothing transaction",
                        lambda: confirm_import(batch.id, Actor(world.unit_user_ids[0]), local_today()))
        print(f"imported: {count}")

        # 10,000 nominations in all: top up with a bulk insert
        have = db.session.execute(select(func.count()).select_from(Nomination)).scalar_one()
        db.session.execute(insert(Nomination), [
            {"conference_id": world.conference_id, "unit_id": world.unit_ids[1 + i % 2], "full_name": f"Trần Văn {i}",
             "birth_year": 1970 + i % 30, "kind": "individual", "gender": "male", "status": "submitted",
             "achievements": "Hoàn thành xuất sắc nhiệm vụ.", "direct_worker": False, "party_member": False,
             "has_photo": False}
            for i in range(10_000 - have)])
        db.session.commit()
        total = db.session.execute(select(func.count()).select_from(Nomination)).scalar_one()
        print(f"nominations in the database: {total:,}")

    client = app.test_client()
    for username, path in (("organizer", "?status=all"), ("organizer", ""), ("unit1", "")):
        client.post("/login", data={"username": username, "password": PASSWORD})
        queries, seconds = count_queries(app, client, f"/conferences/{world.conference_id}/nominations{path}")
        page = "review page" if username == "organizer" else "unit's page (5,000 of its own)"
        print(f"{page + ' ' + path:58s} {queries:3d} SQL statements   {seconds * 1000:7.0f} ms")
        client.post("/logout")
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _conference(world):
    from conference.conferences.models import Conference

    return db.session.get(Conference, world.conference_id)


if __name__ == "__main__":
    main()

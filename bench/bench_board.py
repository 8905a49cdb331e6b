"""Benchmark of the live attendance board: prints figures, asserts nothing.

Run: .venv/bin/python bench/bench_board.py [--sizes 250,5000] [--databases sqlite,postgresql] [--repeat 15]

For each database (SQLite in WAL on a temporary file; PostgreSQL in a private cluster, as bench_checkin.py starts
one) and each conference size (250 delegates: a district's plan; 5,000: a province-wide conference), one
conference held today with its delegates in 30 units (bench_checkin.seed), one in ten of them made a guest (of
those, one in ten declined the invitation and one in ten sent a deputy: `with_guests`), then:
1. the board as the organizer opens it: the page, the fragment it reloads every 5 s and the JSON
   (GET /api/conferences/<id>/board): median and slowest request time (ms, through Flask's test client in this
   process: the server's work, no network), SQL statements per request, response size and the peak of Python
   memory of one request (tracemalloc);
2. one desk syncs 1,000 offline scans of random badges (POST /api/checkin/sync, two requests of 500), half with
   times inside the conference's window (today, up to now) and half outside (years 1 to 2024, and days to
   years ahead): time of each request and the results it gave;
3. the board again, with ~500 arrivals: the same figures as in 1 (the statements stay the same).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, event, update

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_checkin import PASSWORD, SECRET, seed, start_postgres

from conference import create_app
from conference.conferences.models import Conference
from conference.core.clock import local_today, utcnow
from conference.delegates.models import Delegate
from conference.extensions import db

SCANS = 1000
SYNC_BATCH = 500


def app_for(url: str):
    return create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": SECRET, "WTF_CSRF_ENABLED": False,
                       "TESTING": False})


def held_today(app, conference_id: int) -> None:
    """The seeded conference is held today (Vietnam), so today's scans fall inside its window and timeline."""
    with app.app_context():
        db.session.execute(update(Conference).where(Conference.id == conference_id).values(held_on=local_today()))
        db.session.commit()


def with_guests(app, conference_id: int) -> None:
    """Every tenth delegate a guest (no unit, an organisation); of those, one in ten declined the invitation and one
    in ten is a deputy standing in for the guest invited (the board lists the former apart, names the latter's)."""
    guests = (Delegate.conference_id == conference_id) & (Delegate.id % 10 == 0)
    with app.app_context():
        db.session.execute(update(Delegate).where(guests).values(
            category="guest", unit_id=None, nomination_id=None, position="Phó Giám đốc",
            workplace="Sở Lao động - Thương binh và Xã hội"))
        db.session.execute(update(Delegate).where(guests & (Delegate.id % 100 == 0)).values(invitation_answer="declined"))
        db.session.execute(update(Delegate).where(guests & (Delegate.id % 100 == 10)).values(
            invitation_answer="deputy", deputy_of="Nguyễn Văn Mời, Giám đốc, Sở Lao động - Thương binh và Xã hội"))
        db.session.commit()


def logged_in(app, username: str):
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    return client


class Statements:
    """Counts the statements the app's engine runs while active."""

    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._one)

    def _one(self, *args) -> None:
        self.count += 1


def measure(client, counter: Statements, path: str, repeat: int) -> dict:
    """Median and slowest time (ms), statements, bytes and peak Python memory (MB) of GET `path`."""
    times, statements, size = [], set(), 0
    for _ in range(repeat):
        before = counter.count
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        statements.add(counter.count - before)
        size = len(response.data)
    tracemalloc.start()
    client.get(path)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"median": statistics.median(times), "max": max(times), "statements": sorted(statements),
            "kb": size / 1024, "peak_mb": peak / 2**20}


def random_scans(codes: list[str], count: int, rng: random.Random) -> list[dict]:
    """`count` scans of random badges: half at random times of today up to now, half outside the window."""
    now = utcnow()
    day_start = datetime.combine(local_today(), datetime.min.time()) - timedelta(hours=7)  # 00:00 in Vietnam
    scans = []
    for i in range(count):
        if i % 2 == 0:
            at = day_start + (now - day_start) * rng.random()
        elif i % 4 == 1:
            at = datetime(rng.randint(1, 2024), rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23))
        else:
            at = now + timedelta(days=rng.randint(2, 3000))
        scans.append({"code": rng.choice(codes), "nonce": f"bench-{i}",
                      "scanned_at": at.replace(tzinfo=UTC).isoformat()})
    rng.shuffle(scans)
    return scans


def print_board(label: str, figures: dict) -> None:
    print(f"    {label:<9} median {figures['median']:7.1f} ms  max {figures['max']:7.1f} ms  "
          f"statements {figures['statements']}  {figures['kb']:7.1f} KB  peak {figures['peak_mb']:5.1f} MB")


def bench_size(url: str, size: int, repeat: int) -> None:
    conference_id, codes = seed(url, size)
    app = app_for(url)
    held_today(app, conference_id)
    with_guests(app, conference_id)
    with app.app_context():
        counter = Statements(db.engine)
    organizer = logged_in(app, "bantochuc")
    paths = {"page": f"/conferences/{conference_id}/board",
             "fragment": f"/conferences/{conference_id}/board?fragment=1",
             "json": f"/api/conferences/{conference_id}/board"}
    print(f"  {size} delegates, none arrived:")
    for label, path in paths.items():
        print_board(label, measure(organizer, counter, path, repeat))

    desk = logged_in(app, "dontiep")
    desk.post("/api/checkin/desk", json={"desk": "Bàn 1"})
    scans = random_scans(codes, SCANS, random.Random(size))
    results: Counter = Counter()
    for start in range(0, len(scans), SYNC_BATCH):
        began = time.perf_counter()
        response = desk.post("/api/checkin/sync", json={"conference_id": conference_id,
                                                        "scans": scans[start:start + SYNC_BATCH]})
        elapsed = (time.perf_counter() - began) * 1000
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        body = response.get_json()
        results.update(r["result"] for r in body["results"])
        print(f"  sync of {SYNC_BATCH} offline scans: {elapsed:7.0f} ms ({body['out_of_window']} out of window, "
              f"{body['conflicts']} conflicts)")
    print(f"  results of the {SCANS} scans: {dict(sorted(results.items()))}")
    arrived = organizer.get(paths["json"]).get_json()["overall"]
    print(f"  {size} delegates, {arrived['arrived']} arrived:")
    for label, path in paths.items():
        print_board(label, measure(organizer, counter, path, repeat))
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="250,5000", help="delegates of the conference, comma-separated")
    parser.add_argument("--databases", default="sqlite,postgresql", help="sqlite and/or postgresql")
    parser.add_argument("--repeat", type=int, default=15, help="requests of each measurement")
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="conference-board-") as tmp:
        tmpdir = Path(tmp)
        for database in options.databases.split(","):
            print(f"{database}:")
            if database == "sqlite":
                for size in sizes:
                    bench_size(f"sqlite:///{tmpdir / f'board-{size}.db'}", size, options.repeat)
                continue
            url, stop = start_postgres(tmpdir)
            try:
                server = create_engine(url, isolation_level="AUTOCOMMIT")
                for size in sizes:
                    with server.connect() as connection:
                        connection.exec_driver_sql(f"CREATE DATABASE board_{size}")
                    bench_size(server.url.set(database=f"board_{size}").render_as_string(hide_password=False),
                               size, options.repeat)
                server.dispose()
            finally:
                stop()


if __name__ == "__main__":
    main()

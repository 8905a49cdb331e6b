"""Benchmarks of the walking skeleton: prints figures, asserts nothing.

Run: .venv/bin/python bench/bench_core.py
Measures, on a temporary SQLite database:
  - loading the demo conference (seconds)
  - the delegate summary list export of the demo (about 210 delegates) and of 10,000 synthetic rows
    (seconds, peak Python memory by tracemalloc)
  - the printable badge sheet of the demo (seconds, HTML size)
  - sequential check-ins through the scan API (requests/s, p50/p99 latency), one process
  - SQL statements per page for the main pages (should not grow with the rows)
"""

from __future__ import annotations

import statistics
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

from sqlalchemy import event, select

from conference import create_app
from conference.badges.services import badge_code
from conference.conferences.letterhead import Letterhead
from conference.core.xlsx import write_report
from conference.delegates.models import Delegate
from conference.demo.loader import load_demo
from conference.dossier.columns import DEFAULT_KEYS
from conference.dossier.queries import delegate_records, document_info, get_dossier
from conference.dossier.reports import DelegateRecord, DocumentInfo, delegate_list_report
from conference.extensions import db


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def peak_memory(fn):
    """(seconds without tracing, peak traced MB in a second run): tracemalloc itself slows the code down."""
    _, elapsed = timed(fn)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak / 1e6


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="conference-bench-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.db'}", "WTF_CSRF_ENABLED": False,
                      "SECRET_KEY": "bench"})
    with app.app_context():
        db.create_all()
        (conference, _), seconds = timed(load_demo)
        print(f"load demo conference: {seconds:.2f} s")
        conference_id = conference.id
        delegates = db.session.execute(select(Delegate).where(Delegate.conference_id == conference_id)).scalars().all()
        codes = [badge_code("bench", d) for d in delegates]
        n = len(delegates)
        info = document_info(conference, get_dossier(conference_id), date(2025, 4, 15))
        elapsed, peak = peak_memory(lambda: write_report(delegate_list_report(
            info, delegate_records(conference_id), list(DEFAULT_KEYS))))
        print(f"export delegate list, {n} rows: {elapsed:.3f} s, peak {peak:.1f} MB")

    fake = [DelegateRecord(f"Nguyễn Văn Người Thứ {i}", gender="male" if i % 2 else "female",
                           birth_year=1970 + i % 30, ethnicity="Kinh",
                           position="Công nhân, Công ty TNHH Chế biến thủy sản Vĩnh Thuận",
                           unit_name="Công đoàn cơ sở số 1", titles="Lao động tiên tiến",
                           achievements="Có sáng kiến cải tiến kỹ thuật, tiết kiệm chi phí. " * 3)
            for i in range(10_000)]
    fake_info = DocumentInfo(Letterhead(upper_body="LĐLĐ tỉnh", issuer="LĐLĐ huyện", place=""), "Hội nghị",
                             date(2025, 4, 10), date(2025, 4, 15))
    elapsed, peak = peak_memory(lambda: write_report(delegate_list_report(fake_info, fake, list(DEFAULT_KEYS))))
    print(f"export delegate list, 10,000 rows: {elapsed:.2f} s, peak {peak:.1f} MB")

    client = app.test_client()
    client.post("/login", data={"username": "bantochuc", "password": "demo1234"})
    _, seconds = timed(lambda: client.get(f"/conferences/{conference_id}/badges"))
    size = len(client.get(f"/conferences/{conference_id}/badges").data)
    print(f"badge sheet, {n} badges: {seconds:.2f} s, {size / 1e6:.2f} MB of HTML")

    with app.app_context():
        statements = []
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(1))
        for page in ("", "/quotas", "/nominations?status=all", "/delegates", "/agenda", "/checkin"):
            statements.clear()
            client.get(f"/conferences/{conference_id}{page}")
            print(f"SQL statements for /conferences/{conference_id}{page}: {len(statements)}")

    latencies = []
    for code in codes:
        start = time.perf_counter()
        response = client.post("/api/checkin", json={"code": code, "conference_id": conference_id, "desk": "Bàn 1"})
        latencies.append((time.perf_counter() - start) * 1000)
        assert response.json["result"] == "checked_in", response.json
    latencies.sort()
    total = sum(latencies) / 1000
    print(f"check-in API, {len(latencies)} sequential scans in one process: {len(latencies) / total:.0f} req/s, "
          f"p50 {statistics.median(latencies):.1f} ms, p99 {latencies[int(len(latencies) * 0.99) - 1]:.1f} ms")


if __name__ == "__main__":
    main()

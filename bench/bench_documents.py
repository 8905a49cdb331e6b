"""Benchmark of the conference day's documents on the demo conference: prints figures, asserts nothing.

Run: .venv/bin/python bench/bench_documents.py [--repeat 5]

The demo conference (seed 003: 112 delegates, 82 exemplars, 30 guests) is loaded into a temporary SQLite file
built by the migrations, (every delegate seated) and the honouring batches generated. Each document the
organizer downloads or prints on the day is fetched through Flask's test client in this process (the server's
work, no network), `--repeat` times: median and slowest time (ms), size, and the peak of Python memory of one
request (tracemalloc).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from flask_migrate import upgrade

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from conference import create_app
from conference.ceremony.services import generate_batches
from conference.conferences.models import Conference
from conference.demo.loader import load_demo
from conference.extensions import db

PAGES = (
    ("Chương trình (bản in)", "/conferences/{cid}/agenda/print"),
    ("Màn hình hội trường (JSON)", "/api/conferences/{cid}/agenda/hall"),
    ("Kịch bản MC (.docx)", "/conferences/{cid}/ceremony/script.docx"),
    ("Kịch bản MC (bản in)", "/conferences/{cid}/ceremony/script/print"),
    ("Giấy khen (PDF, mọi ĐHTT)", "/conferences/{cid}/certificates/certificates.pdf"),
    ("Quyết định khen thưởng (.docx)", "/conferences/{cid}/certificates/decision.docx"),
    ("Giấy mời (PDF, mọi khách mời)", "/conferences/{cid}/invitations/letters.pdf"),
    ("Sơ đồ chỗ ngồi (bản in)", "/conferences/{cid}/seating/print"),
    ("Tổng quan (biểu đồ)", "/conferences/{cid}"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "TESTING": True,
                          "WTF_CSRF_ENABLED": False, "SECRET_KEY": "bench", "RATELIMIT_ENABLED": False})
        with app.app_context():
            upgrade()
            load_demo()
            cid = db.session.execute(db.select(Conference.id)).scalar_one()
            generate_batches(cid, overwrite=True)
            db.session.commit()
        client = app.test_client()
        client.post("/login", data={"username": "bantochuc", "password": "demo1234"})
        print(f"{'document':34} {'median ms':>10} {'max ms':>8} {'size KB':>8} {'peak MB':>8}")
        for label, url in PAGES:
            url = url.format(cid=cid)
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            tracemalloc.start()
            client.get(url)
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            print(f"{label:34} {statistics.median(times):10.0f} {max(times):8.0f} "
                  f"{len(response.data) / 1024:8.0f} {peak:8.1f}")


if __name__ == "__main__":
    main()

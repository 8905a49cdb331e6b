"""`wsgi:app` for the crash tests, with one pause: once a request's transaction has flushed CRASH_AFTER new rows
of the model named CRASH_MODEL (say 5,000 nominations), the worker writes the file CRASH_MARKER and sleeps
CRASH_PAUSE seconds. The rows are then written to the database inside the open transaction, and the test's
SIGKILL lands there, before the commit, every time."""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from wsgi import app  # noqa: F401  (served by gunicorn as tests.ops.crash_wsgi:app)

MODEL = os.environ["CRASH_MODEL"]
AFTER = int(os.environ["CRASH_AFTER"])
MARKER = Path(os.environ["CRASH_MARKER"])
PAUSE = float(os.environ.get("CRASH_PAUSE", "120"))


@event.listens_for(Session, "after_flush")
def _pause_inside_the_transaction(session, flush_context) -> None:
    count = session.info.get("crash_rows", 0) + sum(1 for row in session.new if type(row).__name__ == MODEL)
    session.info["crash_rows"] = count
    if count >= AFTER and not MARKER.exists():
        partial = MARKER.with_suffix(".partial")
        partial.write_text(str(count))
        partial.replace(MARKER)  # whole or absent: the test polls for the file and reads it at once
        time.sleep(PAUSE)

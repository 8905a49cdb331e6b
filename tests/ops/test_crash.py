"""Kill -9 in the middle: the server (gunicorn, as in the hall) is killed with SIGKILL while a 5,000-row Excel import
and a bulk approval of 1,000 nominations are inside their transaction, their rows already written to the database
(`crash_wsgi` pauses there). After the restart nothing of either is there, and the same request then writes all
of it: each is there entirely or not at all, on SQLite (uncommitted WAL frames left behind) and PostgreSQL."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, insert, select

from conference import create_app
from conference.audit.models import AuditEntry
from conference.conferences.models import Conference
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.imports import prepare_import
from conference.nominations.models import Nomination, NominationImport
from conference.nominations.template import build_template
from conference.organizations.models import Organization
from tests.factories import PASSWORD, make_world
from tests.nominations.helpers import fill_template, person_row
from tests.ops.servers import SECRET, Browser, kill_server, start_server, stop_server

pytestmark = pytest.mark.parametrize("backend", ["sqlite", "postgresql"])

IMPORT_ROWS = 5_000
APPROVALS = 1_000


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            def count(query) -> int:
                return connection.execute(query).scalar_one()

            return {
                "nominations": count(select(func.count()).select_from(Nomination)),
                "submitted": count(select(func.count()).select_from(Nomination)
                                   .where(Nomination.status == "submitted")),
                "approved": count(select(func.count()).select_from(Nomination)
                                  .where(Nomination.status == "approved")),
                "delegates": count(select(func.count()).select_from(Delegate)),
                "audit": count(select(func.count()).select_from(AuditEntry)),
                "batches": count(select(func.count()).select_from(NominationImport)),
            }
    finally:
        engine.dispose()


class Background(threading.Thread):
    """Run `work()` in a thread; afterwards `.result` holds its value or `.error` its exception."""

    def __init__(self, work):
        super().__init__(daemon=True)
        self.work, self.result, self.error = work, None, None
        self.start()

    def run(self) -> None:
        try:
            self.result = self.work()
        except Exception as error:  # noqa: BLE001 - the connection the kill cuts
            self.error = error


def _wait_for(path: Path, server, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert server.process.poll() is None, server.log.read_text()
        assert time.monotonic() < deadline, f"the request never reached its rows: {server.log.read_text()}"
        time.sleep(0.01)


def _kill_mid_request(url: str, tmp_path: Path, model: str, after: int, username: str, path: str, form: dict):
    """Serve with `crash_wsgi`, send the request, SIGKILL the server once `after` rows of `model` are written inside
    its transaction; returns what the client got (an error: no answer)."""
    marker = tmp_path / f"{model}.reached"
    server = start_server("gunicorn", url, tmp_path / f"crash-{model}.log", app="tests.ops.crash_wsgi:app",
                          env={"CRASH_MODEL": model, "CRASH_AFTER": str(after), "CRASH_MARKER": str(marker)})
    try:
        user = Browser(server, username, PASSWORD)
        sent = Background(lambda: user.post_form(path, form))
        _wait_for(marker, server)
    finally:
        kill_server(server)
    sent.join(30)
    assert int(marker.read_text()) >= after  # the rows were flushed to the database before the kill
    return sent


def _app(url: str):
    return create_app({"TESTING": True, "SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": url})


def test_an_excel_import_killed_mid_transaction_leaves_nothing_and_imports_whole_after_the_restart(
        served_database, tmp_path):
    app = _app(served_database)
    with app.app_context():
        world = make_world(units=1, quotas=(IMPORT_ROWS,), cap=10_000)
        conference = db.session.get(Conference, world.conference_id)
        unit = db.session.get(Organization, world.unit_ids[0])
        template = build_template(conference_name=conference.name, unit_names=[unit.name],
                                  movements=["Lao động giỏi, Lao động sáng tạo"], titles=["Lao động tiên tiến"],
                                  own_unit=unit.name, deadline_text=None)
        rows = [person_row(f"Nguyễn Thị Người {i}", 1960 + i % 45) for i in range(IMPORT_ROWS)]
        prepare_import(conference, unit, world.unit_user_ids[0], "5000.xlsx", fill_template(template, rows))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    before = _counts(served_database)
    confirm = f"/conferences/{world.conference_id}/nominations/import/confirm"

    sent = _kill_mid_request(served_database, tmp_path, "Nomination", IMPORT_ROWS, "unit1", confirm, {})

    assert sent.result is None and sent.error is not None  # killed before it could answer
    assert _counts(served_database) == before  # not one nomination nor audit entry; the upload still waits
    assert before["nominations"] == 0 and before["batches"] == 1

    server = start_server("gunicorn", served_database, tmp_path / "restarted.log")
    try:
        status, headers, _page = Browser(server, "unit1", PASSWORD).post_form(confirm, {})
    finally:
        stop_server(server)
    assert status == 302 and headers["Location"].endswith(f"/conferences/{world.conference_id}/nominations")
    after = _counts(served_database)
    assert after["nominations"] == after["submitted"] == IMPORT_ROWS and after["batches"] == 0
    assert after["audit"] == before["audit"] + IMPORT_ROWS


def test_a_bulk_approval_killed_mid_transaction_leaves_nothing_and_approves_whole_after_the_restart(
        served_database, tmp_path):
    app = _app(served_database)
    with app.app_context():
        world = make_world(units=1, quotas=(APPROVALS,), cap=2_000)
        db.session.execute(insert(Nomination), [
            {"conference_id": world.conference_id, "unit_id": world.unit_ids[0], "full_name": f"Trần Văn {i}",
             "birth_year": 1970 + i % 30, "kind": "individual", "gender": "male", "status": "submitted",
             "achievements": "Hoàn thành xuất sắc nhiệm vụ.", "direct_worker": False, "party_member": False,
             "has_photo": False} for i in range(APPROVALS)])
        db.session.commit()
        ids = [str(i) for i in db.session.execute(select(Nomination.id)).scalars()]
        db.session.remove()
        db.engine.dispose()
    before = _counts(served_database)
    approve = f"/conferences/{world.conference_id}/nominations/approve"

    sent = _kill_mid_request(served_database, tmp_path, "Delegate", APPROVALS // 2, "organizer", approve,
                             {"ids": ids})

    assert sent.result is None and sent.error is not None
    assert _counts(served_database) == before  # no delegate, every nomination still waiting
    assert before["submitted"] == APPROVALS and before["delegates"] == 0

    server = start_server("gunicorn", served_database, tmp_path / "restarted.log")
    try:
        status, _headers, _page = Browser(server, "organizer", PASSWORD).post_form(approve, {"ids": ids})
    finally:
        stop_server(server)
    assert status == 302
    after = _counts(served_database)
    assert after["approved"] == after["delegates"] == APPROVALS and after["submitted"] == 0

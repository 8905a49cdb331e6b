"""A request is all or nothing: it commits once at its end, and a refusal, an error status or an exception
halfway leaves nothing written (checked through a connection of its own, as another process sees it)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from flask import jsonify
from sqlalchemy import create_engine, event, func, select, text

from conference.audit.models import AuditEntry
from conference.auth.models import User
from conference.core.errors import N_, RuleViolation
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.nominations.models import Nomination
from conference.nominations.services import Actor, create_nomination
from conference.organizations.models import Organization
from tests.factories import make_world, nomination_data

#: Another connection must see what the requests commit: no test transaction rolled back around them.
pytestmark = pytest.mark.real_commits
BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
TODAY = date(2025, 3, 1)
REFUSAL = "Đã đủ số lượng."


def committed(app, query) -> int:
    """`query`'s count as another connection sees it: only what was committed."""
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    try:
        with engine.connect() as connection:
            return connection.execute(query).scalar_one()
    finally:
        engine.dispose()


def organizations(app, name: str) -> int:
    return committed(app, select(func.count()).select_from(Organization).where(Organization.name == name))


def _add(name: str) -> None:
    db.session.add(Organization(name=name, level="grassroots", member_count=1))
    db.session.flush()


@pytest.fixture
def probes(app):
    """Views that write, then refuse, fail or succeed (registered on this test's app only)."""

    @app.post("/probe/write-then-refuse")
    @app.post("/api/probe/write-then-refuse")
    def write_then_refuse():
        _add("Viết rồi bị từ chối")
        raise RuleViolation(N_(REFUSAL))

    @app.get("/probe/refuse")
    def refuse_a_read():
        raise RuleViolation(N_(REFUSAL))

    @app.post("/probe/write-then-break")
    def write_then_break():
        _add("Viết rồi lỗi")
        db.session.add(User(username="mồ côi", full_name="Không có tổ chức", role="unit", organization_id=987654,
                            password_hash="x"))
        db.session.flush()  # the foreign key fails: IntegrityError
        return "unreachable"

    @app.post("/probe/write-then-400")
    def write_then_400():
        _add("Viết rồi trả 400")
        return jsonify({"result": "error"}), 400

    @app.post("/probe/write-twice")
    def write_twice():
        _add("Thứ nhất")
        _add("Thứ hai")
        return "ok"

    return app


@BOTH
def test_a_refusal_after_a_write_leaves_nothing_and_the_page_goes_back_with_the_reason(probes, client):
    response = client.post("/probe/write-then-refuse", headers={"Referer": "http://localhost/units"})

    assert response.status_code == 302 and response.headers["Location"] == "http://localhost/units"
    assert organizations(probes, "Viết rồi bị từ chối") == 0
    with client.session_transaction() as session:
        assert session["_flashes"] == [("danger", REFUSAL)]


@BOTH
def test_a_refusal_under_api_answers_409_json_and_leaves_nothing(probes, client):
    response = client.post("/api/probe/write-then-refuse")

    assert response.status_code == 409
    assert response.get_json() == {"result": "error", "message": REFUSAL}
    assert organizations(probes, "Viết rồi bị từ chối") == 0
    with client.session_transaction() as session:
        assert "_flashes" not in session  # the desk shows the message itself


def test_a_refused_post_without_referrer_goes_to_its_own_url_and_a_refused_get_shows_the_reason(probes, client):
    response = client.post("/probe/write-then-refuse")
    assert response.status_code == 302 and response.headers["Location"] in ("/probe/write-then-refuse",
                                                                          "http://localhost/probe/write-then-refuse")

    page = client.get("/probe/refuse")  # not a redirect to itself, which would loop
    assert page.status_code == 409 and REFUSAL in page.get_data(as_text=True)


@BOTH
def test_a_constraint_broken_by_the_second_write_leaves_the_first_unwritten(probes, client):
    probes.config["PROPAGATE_EXCEPTIONS"] = False  # the server's answer, not the test client's re-raise

    response = client.post("/probe/write-then-break")

    assert response.status_code == 500
    assert organizations(probes, "Viết rồi lỗi") == 0


@BOTH
def test_an_error_status_rolls_the_request_back(probes, client):
    assert client.post("/probe/write-then-400").status_code == 400
    assert organizations(probes, "Viết rồi trả 400") == 0


@BOTH
def test_a_successful_request_commits_everything_once(probes, client):
    commits = []
    with probes.app_context():
        event.listen(db.engine, "commit", lambda connection: commits.append(1))

    assert client.post("/probe/write-twice").status_code == 200

    assert organizations(probes, "Thứ nhất") == 1 and organizations(probes, "Thứ hai") == 1
    assert len(commits) == 1


@BOTH
def test_a_bulk_approval_refused_at_its_last_nomination_approves_none(app, client, auth):
    with app.app_context():
        world = make_world(quotas=(3, 2, 2))
        actor = Actor(world.unit_user_ids[0])
        ids = [create_nomination(world.conference_id, world.unit_ids[0], nomination_data(name), actor, TODAY,
                                 draft=draft).id
               for name, draft in (("Lê Văn Một", False), ("Lê Văn Hai", False), ("Lê Thị Nháp", True))]
        db.session.commit()
    auth.login("organizer")

    response = client.post(f"/conferences/{world.conference_id}/nominations/approve", data={"ids": ids})

    assert response.status_code == 302  # the two before the draft were approved, then the draft refused them all
    assert committed(app, select(func.count()).select_from(Delegate)) == 0
    assert committed(app, select(func.count()).select_from(Nomination).where(Nomination.status == "approved")) == 0


def test_a_commit_that_fails_drops_the_messages_the_view_flashed(probes, client, monkeypatch):
    from flask import flash

    @probes.post("/probe/save-and-say-so")
    def save_and_say_so():
        _add("Lưu không thành")
        flash("Đã lưu hồ sơ mẫu.", "success")
        return "ok"

    def commit_fails():
        raise RuntimeError("disk full")

    probes.config["PROPAGATE_EXCEPTIONS"] = False
    with monkeypatch.context() as patched:
        patched.setattr(db.session, "commit", commit_fails)
        error_page = client.post("/probe/save-and-say-so")

    assert error_page.status_code == 500
    assert "Đã lưu hồ sơ mẫu." not in error_page.get_data(as_text=True)  # the error page says only the error
    assert organizations(probes, "Lưu không thành") == 0
    assert "Đã lưu hồ sơ mẫu." not in client.get("/login").get_data(as_text=True)


@BOTH
def test_a_service_that_fails_after_its_write_leaves_nothing(app, client, auth, monkeypatch):
    with app.app_context():
        world = make_world()
        entries = committed(app, select(func.count()).select_from(AuditEntry))

    def audit_store_down(*args, **kwargs):
        raise RuntimeError("the audit row cannot be written")

    monkeypatch.setattr("conference.delegates.services.record", audit_store_down)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    auth.login("organizer")

    response = client.post(f"/conferences/{world.conference_id}/guests/new",
                           data={"full_name": "Huỳnh Văn Khách", "position": "Bí thư Huyện ủy"})

    assert response.status_code == 500  # the guest row was flushed, then the audit row failed
    assert committed(app, select(func.count()).select_from(Delegate)) == 0
    assert committed(app, select(func.count()).select_from(AuditEntry)) == entries


def test_a_writing_request_holds_the_sqlite_write_lock_from_its_first_statement_and_a_read_does_not(app, client):
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")

    @app.route("/probe/lock", methods=["GET", "POST"])
    def lock_state():
        db.session.execute(text("SELECT 1"))
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            return "free"
        except sqlite3.OperationalError:
            return "held"
        finally:
            other.close()

    assert client.get("/probe/lock").get_data(as_text=True) == "free"
    assert client.post("/probe/lock").get_data(as_text=True) == "held"
    assert client.get("/probe/lock").get_data(as_text=True) == "free"  # the POST's setting ended with it

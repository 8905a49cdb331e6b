"""A badge admits only its own holder: a removed guest's badge never checks in the next guest, a reissued badge's
QR and fallback code are refused, and the fallback code printed under the QR checks its delegate in when typed,
online and from an offline desk's queue. Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from conference.audit.models import AuditEntry
from conference.badges.services import badge_code, reissue_badge
from conference.checkin.models import CheckIn
from conference.checkin.services import (
    OfflineScan,
    check_in,
    code_hash,
    offline_badge_list,
    sync_offline_scans,
)
from conference.core.clock import utcnow
from conference.core.shortcode import spaced
from conference.delegates.models import Delegate
from conference.delegates.services import add_guest, fallback_codes
from conference.extensions import db
from conference.invitations.queries import letters_for
from conference.invitations.services import record_answer
from tests.factories import make_world

SECRET = "test-secret-key"


def _guest(client, cid: int, name: str) -> Delegate:
    """Add a guest through the organizer's form; the stored row."""
    response = client.post(f"/conferences/{cid}/guests/new",
                           data={"full_name": name, "position": "Bí thư Đảng ủy xã", "gender": "male"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.execute(select(Delegate).where(Delegate.conference_id == cid, Delegate.full_name == name)
                              ).scalar_one()


def _scan(client, cid: int, code: str) -> dict:
    client.post("/api/checkin/desk", json={"desk": "Bàn 1"})
    return client.post("/api/checkin", json={"code": code, "conference_id": cid}).get_json()


def _checked_in(delegate_id: int) -> bool:
    return db.session.execute(select(func.count()).select_from(CheckIn).where(CheckIn.delegate_id == delegate_id)
                              ).scalar_one() == 1


def test_a_removed_guests_printed_badge_does_not_check_in_the_guest_added_after(app, client, auth):
    with app.app_context():
        world = make_world()
        db.session.commit()
    cid = world.conference_id
    auth.login("organizer")
    with app.app_context():
        removed = _guest(client, cid, "Trần Văn Cũ")
        old_id, old_code, old_fallback = removed.id, badge_code(SECRET, removed), removed.fallback_code
        assert client.post(f"/conferences/{cid}/delegates/{old_id}/delete").status_code == 302
        assert db.session.get(Delegate, old_id) is None
        added = _guest(client, cid, "Lê Thị Mới")
        added_id = added.id
        assert added_id != old_id  # ids are never given twice (SQLite AUTOINCREMENT, PostgreSQL's sequence)
    auth.logout()
    auth.login("checkin")

    for code in (old_code, old_fallback, spaced(old_fallback)):
        body = _scan(client, cid, code)
        assert body["result"] in ("revoked", "invalid"), body
        assert body["delegate"] is None  # names nobody: not the new guest
    with app.app_context():
        assert not _checked_in(added_id)
        assert _scan(client, cid, badge_code(SECRET, db.session.get(Delegate, added_id)))["result"] == "checked_in"


def test_a_badge_whose_delegate_row_carries_the_same_id_again_is_refused_by_its_token(ctx):
    """Where a database gives a removed row's id to a new one (SQLite without AUTOINCREMENT, a restored backup),
    the token still tells the two badges apart."""
    world = make_world()
    first = add_guest(world.conference_id, {"full_name": "Trần Văn Cũ", "position": "Khách", "gender": "male"})
    old_id, old_code = first.id, badge_code(SECRET, first)
    db.session.delete(first)
    db.session.flush()
    db.session.add(Delegate(id=old_id, conference_id=world.conference_id, category="guest", full_name="Lê Thị Mới",
                            position="Khách", fallback_code="ACDEFGHJ"))
    db.session.flush()

    outcome = check_in(SECRET, world.conference_id, old_code, desk="Bàn 1", user_id=None, nonce="n1")

    assert outcome.result == "revoked"
    assert not _checked_in(old_id)


def test_every_badge_draws_its_own_token_and_fallback_code(ctx):
    world = make_world()
    guests = [add_guest(world.conference_id, {"full_name": f"Khách {i}", "position": "Khách", "gender": "male"})
              for i in range(12)]
    assert len({g.badge_token for g in guests}) == len(guests)
    assert len({g.fallback_code for g in guests}) == len(guests)


def test_the_fallback_code_typed_at_the_desk_checks_the_delegate_in(app, client, auth):
    with app.app_context():
        world = make_world()
        guest = add_guest(world.conference_id, {"full_name": "Phạm Văn Khách", "position": "Khách",
                                                "gender": "male"})
        db.session.commit()
        guest_id, typed = guest.id, spaced(guest.fallback_code).lower()
    auth.login("checkin")

    body = _scan(client, world.conference_id, f" {typed} ")

    assert body["result"] == "checked_in"
    assert body["delegate"]["name"] == "Phạm Văn Khách"
    assert _scan(client, world.conference_id, typed.upper())["result"] == "already_checked_in"
    with app.app_context():
        assert _checked_in(guest_id)


def test_a_fallback_code_names_a_badge_of_its_own_conference_only(ctx):
    world = make_world()
    guest = add_guest(world.conference_id, {"full_name": "Phạm Văn Khách", "position": "Khách", "gender": "male"})

    outcome = check_in(SECRET, world.other_conference_id, guest.fallback_code, desk="Bàn 1", user_id=None)

    assert (outcome.result, outcome.delegate) == ("invalid", None)
    assert not _checked_in(guest.id)


def test_a_reissued_badges_old_fallback_code_is_refused_and_the_new_one_checks_in(app, client, auth):
    with app.app_context():
        world = make_world()
        guest = add_guest(world.conference_id, {"full_name": "Phạm Văn Khách", "position": "Khách",
                                                "gender": "male"})
        old = guest.fallback_code
        reissue_badge(guest)
        db.session.commit()
        new = guest.fallback_code
    assert new != old
    auth.login("checkin")

    assert _scan(client, world.conference_id, old)["result"] == "invalid"
    assert _scan(client, world.conference_id, new)["result"] == "checked_in"


def test_a_fallback_code_queued_by_an_offline_desk_is_checked_in_at_sync(ctx):
    world = make_world()
    guest = add_guest(world.conference_id, {"full_name": "Phạm Văn Khách", "position": "Khách", "gender": "male"})
    scanned = utcnow() - timedelta(minutes=3)

    report = sync_offline_scans(SECRET, world.conference_id,
                                [OfflineScan(spaced(guest.fallback_code), "n1", scanned),
                                 OfflineScan("ACDE-FGHJ" if guest.fallback_code != "ACDEFGHJ" else "CDEF-GHJK", "n2",
                                             scanned)],
                                desk="Bàn 2", user_id=None, desk_session="s1")

    assert [o.result for o in report.outcomes] == ["checked_in", "invalid"]
    record = db.session.execute(select(CheckIn).where(CheckIn.delegate_id == guest.id)).scalar_one()
    assert (record.desk, record.checked_in_at, record.offline) == ("Bàn 2", scanned, True)


def test_the_codes_in_use_are_those_of_this_conferences_badges(ctx):
    world = make_world()
    guest = add_guest(world.conference_id, {"full_name": "Phạm Văn Khách", "position": "Khách", "gender": "male"})
    assert guest.fallback_code in fallback_codes(world.conference_id)
    assert guest.fallback_code not in fallback_codes(world.other_conference_id)
    assert "ACDEFGH3" not in fallback_codes(world.conference_id) or guest.fallback_code == "ACDEFGH3"


def test_the_invitation_letter_of_a_guest_who_sent_a_deputy_is_refused_and_names_nobody(app, client, auth):
    """A deputy takes the guest's seat with a new badge: the QR and fallback code printed on the guest's letter
    are refused online, by the offline desk's list and at sync, and the desk is never shown the deputy's name for
    the guest's letter; the deputy's letter checks the deputy in."""
    with app.app_context():
        world = make_world()
        guest = add_guest(world.conference_id, {"full_name": "Nguyễn Văn Trưởng", "position": "Bí thư",
                                                "gender": "male"})
        [letter] = letters_for(SECRET, [guest])
        assert (letter.code, letter.fallback) == (badge_code(SECRET, guest), spaced(guest.fallback_code))
        record_answer(world.conference_id, guest.id, "deputy",
                      {"full_name": "Lê Văn Phó", "position": "Phó Bí thư", "gender": "male"})
        [deputy_letter] = letters_for(SECRET, [db.session.get(Delegate, guest.id)])
        listed = offline_badge_list(SECRET, world.conference_id)
        db.session.commit()
        seat_id = guest.id
    assert deputy_letter.fallback != letter.fallback
    assert not {code_hash(letter.code)} & {e.hash for e in listed}  # the offline desk refuses it too
    auth.login("checkin")

    for code in (letter.code, letter.fallback):
        body = _scan(client, world.conference_id, code)
        assert body["result"] in ("revoked", "invalid") and body["delegate"] is None, body
    synced = client.post("/api/checkin/sync", json={"conference_id": world.conference_id, "scans": [
        {"code": letter.code, "nonce": "q1", "scanned_at": (utcnow() - timedelta(minutes=1)).isoformat() + "Z"}]})
    [refused] = synced.get_json()["results"]
    assert (refused["result"], refused["delegate"]) == ("revoked", None)
    with app.app_context():
        assert not _checked_in(seat_id)
        [logged] = db.session.execute(select(AuditEntry).where(AuditEntry.action == "refuse_sync")).scalars()
        assert (logged.after["result"], logged.after["delegate_id"]) == ("revoked", seat_id)
    body = _scan(client, world.conference_id, deputy_letter.code)
    assert (body["result"], body["delegate"]["name"]) == ("checked_in", "Lê Văn Phó")

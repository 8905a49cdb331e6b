"""Checking a delegate in from a scanned badge code; undo by the desk that scanned; offline desks' sync.

Rules (DESIGN.md, hard rules and "Lessons from the peers"): one check-in per delegate (unique constraint,
lock-then-count transaction); a retried request with the same nonce never counts twice; "already checked
in" says when and at which desk; undo is limited to the last check-in of the desk that made it; when two
desks scanned the same badge offline the earliest scan is kept and the other is recorded as a conflict.
No Flask imports: the views pass the secret key and the current user.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, bindparam, func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from conference.audit.services import insert_now as audit_insert
from conference.audit.services import record as audit_record
from conference.badges.codes import BadgeClaim, InvalidBadgeCode, make_badge_code, read_badge_code
from conference.badges.models import BadgeCategory
from conference.checkin.closing import ensure_open, raise_closed
from conference.checkin.models import CheckIn, CheckInClosure, CheckInConflict
from conference.checkin.rules import in_window, scan_window
from conference.conferences.models import Conference
from conference.core.clock import utcnow
from conference.core.shortcode import read_short_code
from conference.db import lock
from conference.delegates.models import Delegate
from conference.delegates.rules import affiliation
from conference.extensions import db
from conference.organizations.models import Organization
from conference.seating.models import SeatAssignment
from conference.seating.rules import seat_label

RESULTS = ("checked_in", "already_checked_in", "invalid", "revoked", "wrong_conference", "out_of_window")
UNDO_RESULTS = ("undone", "not_found", "other_desk", "not_last")
#: Results of a synced scan that recorded nothing (each is in the audit log as `refuse_sync`).
REFUSED_AT_SYNC = ("invalid", "revoked", "wrong_conference", "out_of_window")


@dataclass(frozen=True)
class DelegateCard:
    """What the desk shows of a delegate: id, name, unit (a guest's organisation or position: `affiliation`), category and badge kind."""

    id: int
    full_name: str
    affiliation: str
    category: str
    kind: str
    #: The conference's badge label and colour for `kind` when the organizer stored one, else None (defaults).
    style: tuple[str, str] | None = None
    #: The delegate's seat ("B-03-07", "ĐCT-04": `conference.seating.rules.seat_label`), None without one.
    seat: str | None = None


@dataclass(frozen=True)
class ScanOutcome:
    """The answer to one scan: `result` in RESULTS, the delegate (or None), the check-in time (UTC) and desk.

    `conflict` is true when an offline scan reached the server after (or before) another desk's scan of
    the same badge: the earliest scan is the one kept, `checked_in_at`/`desk` name it.
    """

    result: str
    delegate: DelegateCard | None
    checked_in_at: datetime | None
    desk: str | None = None
    conflict: bool = False
    #: For `out_of_window`: the desk's clock at the scan (naive UTC), which lay outside the conference's window.
    scanned_at: datetime | None = None


def _lock(delegate_id: int):
    return select(Delegate.id).where(Delegate.id == delegate_id)


# The scan API runs these Core statements, built once, on the session's connection: the desk's every scan
# takes this path, and building the statements per request cost more than the database work itself.
_delegates, _units, _styles, _checkins = (Delegate.__table__, Organization.__table__, BadgeCategory.__table__,
                                          CheckIn.__table__)
_seats = SeatAssignment.__table__
_KIND = Delegate.badge_kind  # conference.delegates.rules.badge_kind, as SQL
_closures = CheckInClosure.__table__
_CARD = (
    select(_delegates.c.conference_id, _delegates.c.badge_token, _delegates.c.full_name, _delegates.c.position,
           _delegates.c.workplace, _delegates.c.category, _KIND, _units.c.name, _styles.c.label, _styles.c.colour, _closures.c.closed_at,
           _seats.c.block, _seats.c.row_no, _seats.c.seat_no)
    .select_from(_delegates
                 .outerjoin(_units, _units.c.id == _delegates.c.unit_id)
                 .outerjoin(_seats, _seats.c.delegate_id == _delegates.c.id)
                 .outerjoin(_styles, and_(_styles.c.conference_id == _delegates.c.conference_id,
                                          _styles.c.kind == _KIND))
                 .outerjoin(_closures, _closures.c.conference_id == _delegates.c.conference_id))
    .where(_delegates.c.id == bindparam("delegate_id"))
)
_FALLBACK = select(_delegates.c.id, _delegates.c.badge_token).where(
    _delegates.c.conference_id == bindparam("conference_id"), _delegates.c.fallback_code == bindparam("code"))
_EXISTING = select(_checkins.c.id, _checkins.c.nonce, _checkins.c.checked_in_at, _checkins.c.desk).where(
    _checkins.c.delegate_id == bindparam("delegate_id"))
_INSERTED = ("conference_id", "delegate_id", "desk", "desk_session", "user_id", "nonce", "checked_in_at", "offline")


def _insert_once(dialect: str):
    """INSERT INTO checkins … SELECT <the values> WHERE <the badge is the delegate's current one> ON CONFLICT
    (delegate_id) DO NOTHING RETURNING id: nothing is inserted when the delegate already has a check-in, the
    badge was revoked (reprinted, delegate removed) or the desks were closed after the desk's read. SQLite and PostgreSQL both have it.
    The values carry their columns' types: SQLAlchemy then stores the time in its own SQLite format, as every
    other write does, and psycopg casts each value (a NULL desk would be text otherwise)."""
    values = [bindparam(name, type_=_checkins.c[name].type) for name in _INSERTED]
    current = select(_delegates.c.id).where(_delegates.c.id == bindparam("delegate_id"),
                                            _delegates.c.conference_id == bindparam("conference_id"),
                                            _delegates.c.badge_token == bindparam("token"))
    if dialect == "postgresql":
        # FOR NO KEY UPDATE: the delegate's row lock, taken by the insert itself. Scans of one delegate, and a
        # reissue or removal in progress, are waited for, and the row is checked again as it committed; the
        # slow path below then holds the lock already. (SQLite: the whole insert runs under the write lock.)
        current = current.with_for_update(key_share=True)
    # Desks closed since the card's read (a close committed in between): nothing is inserted either.
    open_desks = ~select(_closures.c.id).where(_closures.c.conference_id == bindparam("conference_id")).exists()
    module = sqlite if dialect == "sqlite" else postgresql
    return (module.insert(_checkins).from_select(_INSERTED, select(*values).where(current.exists(), open_desks))
            .on_conflict_do_nothing(index_elements=["delegate_id"]).returning(_checkins.c.id))


_INSERT_ONCE = {dialect: _insert_once(dialect) for dialect in ("sqlite", "postgresql")}


def _card(delegate_id: int):
    """(conference_id, badge_token, DelegateCard, desks closed at | None) of a delegate, or None: one query, no
    ORM objects (the unit's name, the stored badge label/colour of the delegate's kind, the seat and whether the
    conference's desks are closed are joined in)."""
    row = db.session.connection().execute(_CARD, {"delegate_id": delegate_id}).one_or_none()
    if row is None:
        return None
    conference_id, token, name, position, workplace, category, kind_value, unit, label, colour, closed, *seat = row
    card = DelegateCard(delegate_id, name, affiliation(unit, position, workplace), category, kind_value,
                        (label, colour) if label else None, seat_label(*seat) if seat[0] is not None else None)
    return conference_id, token, card, closed


def _revoked(found, conference_id: int, token: str) -> ScanOutcome | None:
    """`revoked` unless `found` (what `_card` read) is a delegate of `conference_id` whose badge is `token`.

    The outcome names nobody: the seat's current holder may not be the person who holds the old badge (a deputy
    took an invited guest's seat, and the guest's letter or badge names the seat's delegate row), and the offline
    desk, whose list has only current badges, names nobody either."""
    if found is not None and found[0] == conference_id and found[1] == token:
        return None
    return ScanOutcome("revoked", None, None)


def _existing(delegate_id: int):
    """(id, nonce, checked_in_at, desk) of the delegate's check-in, or None."""
    return db.session.connection().execute(_EXISTING, {"delegate_id": delegate_id}).one_or_none()


def _claim(secret_key: str, conference_id: int, code: str) -> BadgeClaim | None:
    """What a scanned or typed `code` names, or None when it names no badge.

    A signed QR code names its conference, delegate and token (`read_badge_code`); a fallback code
    (`conference.core.shortcode.read_short_code`) is looked up among `conference_id`'s current badges (one query).
    """
    try:
        return read_badge_code(secret_key, code)
    except InvalidBadgeCode:
        pass
    short = read_short_code(code)
    if short is None:
        return None
    row = db.session.connection().execute(_FALLBACK, {"conference_id": conference_id, "code": short}).one_or_none()
    return BadgeClaim(conference_id, row[0], row[1]) if row else None


def window_of(conference_id: int, now: datetime | None = None) -> tuple[datetime, datetime]:
    """The times an offline scan of this conference may carry (`rules.scan_window`); one query."""
    held_on = db.session.execute(select(Conference.held_on).where(Conference.id == conference_id)).scalar_one()
    return scan_window(held_on, now or utcnow())


def check_in(secret_key: str, conference_id: int, code: str, *, desk: str | None, user_id: int | None,
             nonce: str | None = None, scanned_at: datetime | None = None, desk_session: str | None = None,
             window: tuple[datetime, datetime] | None = None) -> ScanOutcome:
    """Check in the delegate named by `code` at `conference_id`, at most once.

    Results: `invalid` (not a code signed by us), `wrong_conference` (a valid code of another
    conference), `revoked` (a badge issued again since, or a delegate no longer seated; names nobody), `already_checked_in`
    (with the first check-in's time and desk), `checked_in`. A retried request with the same `nonce`
    answers like the first one and never counts twice. One check-in per delegate is also a unique
    constraint, so racing desks get `already_checked_in`.

    `code` is the QR's text or the fallback code printed under it (typed; `_claim`); a fallback code names a
    badge of `conference_id` only, and one no longer printed on a current badge is `invalid`.

    `desk` is the desk's name and `desk_session` the id of the signed-in session that scanned (only that
    session may undo the check-in); both come from the server's session, never from the request's JSON.

    `scanned_at` (naive UTC) is given for a scan an offline desk queued: outside `window` (default
    `window_of(conference_id)`: from the day before the conference to now + CLOCK_SKEW) it is refused as
    `out_of_window` and nothing is written; else the check-in is stored at that time (a time in the future,
    within the skew, as now), marked `offline`, and if another desk's check-in of the same
    delegate is *later*, the earlier scan replaces it (the server keeps the earliest check-in); either way a
    `CheckInConflict` row records the scan that lost and the outcome has `conflict=True`.

    The delegate, with its unit and badge style, is read first, so a revoked badge never waits for a lock; then
    one INSERT … SELECT … WHERE <badge still current> ON CONFLICT DO NOTHING and the audit row (SQLite: under
    its write lock). Only when nothing was inserted are the badge and the check-in read again, under the
    delegate's lock (`conference.db.lock`).
    """
    return _check_in(conference_id, _claim(secret_key, conference_id, code), desk=desk, user_id=user_id,
                     nonce=nonce, scanned_at=scanned_at, desk_session=desk_session, window=window)


def _check_in(conference_id: int, claim: BadgeClaim | None, *, desk: str | None, user_id: int | None,
              nonce: str | None, scanned_at: datetime | None, desk_session: str | None,
              window: tuple[datetime, datetime] | None) -> ScanOutcome:
    """`check_in` of a code already read (`_claim`; None: not a badge code): the sync reads each of its codes
    once, to lock their delegates in order, and checks them in with what it read."""
    # Closed desks refuse every scan (DesksClosed: 409 under /api/, nothing written); a badge of this
    # conference learns it from its card's read, any other code from `ensure_open`.
    if claim is None:
        ensure_open(conference_id)
        return ScanOutcome("invalid", None, None)
    if claim.conference_id != conference_id:
        ensure_open(conference_id)
        return ScanOutcome("wrong_conference", None, None)
    # The delegate, the badge's token and what the desk shows, read before the lock: a revoked badge never
    # locks the delegate's row, and the locked part is one guarded INSERT (plus the audit row) on the happy path.
    found = _card(claim.delegate_id)
    if found is None or found[0] != conference_id:
        ensure_open(conference_id)
    elif found[3] is not None:
        raise_closed(found[3])
    if (refused := _revoked(found, conference_id, claim.token)) is not None:
        return refused
    card = found[2]
    now = utcnow()
    offline = scanned_at is not None
    if offline and not in_window(scanned_at, window or window_of(conference_id, now)):
        return ScanOutcome("out_of_window", card, None, scanned_at=scanned_at)
    at = min(scanned_at, now) if offline else now

    if db.session.get_bind().dialect.name == "sqlite":
        # The insert writes: SQLite's write lock first. PostgreSQL takes no row lock on this path: the unique
        # index on delegate_id and the insert's own badge guard decide atomically, each statement reading what
        # others committed.
        lock(db.session, lambda: _lock(claim.delegate_id))
    connection = db.session.connection()
    inserted = connection.execute(_INSERT_ONCE[connection.dialect.name], {
        "conference_id": conference_id, "delegate_id": card.id, "token": claim.token, "desk": desk,
        "desk_session": desk_session, "user_id": user_id, "nonce": nonce, "checked_in_at": at,
        "offline": offline}).scalar_one_or_none()
    if inserted is None:
        # Not inserted: the badge was reprinted or the desks closed since the read above, or the delegate has a
        # check-in. Under the delegate's lock, which serializes the offline desks' back-dated scans of one delegate:
        lock(db.session, lambda: _lock(claim.delegate_id))
        found = _card(card.id)
        if found is not None and found[3] is not None:
            raise_closed(found[3])
        if (refused := _revoked(found, conference_id, claim.token)) is not None:
            return refused
        existing = _existing(card.id)
        if existing is None:  # the check-in that stopped the insert was undone meanwhile: scan again
            return _check_in(conference_id, claim, desk=desk, user_id=user_id, nonce=nonce,
                             scanned_at=scanned_at, desk_session=desk_session, window=window)
        _id, existing_nonce, existing_at, existing_desk = existing
        if nonce is not None and existing_nonce == nonce:
            return ScanOutcome("checked_in", card, existing_at, existing_desk)
        if not offline:
            return ScanOutcome("already_checked_in", card, existing_at, existing_desk)
        return _resolve_offline_conflict(existing, card, conference_id, at, desk, desk_session, user_id, nonce)
    audit_insert(connection, "checkin", inserted, "create", conference_id=conference_id, user_id=user_id,
                 after={"delegate_id": card.id, "desk": desk, "desk_session": desk_session, "offline": offline})
    return ScanOutcome("checked_in", card, at, desk)


def _resolve_offline_conflict(existing, card: DelegateCard, conference_id: int, at: datetime, desk: str | None,
                              desk_session: str | None, user_id: int | None, nonce: str | None) -> ScanOutcome:
    """Inside the locked transaction: keep the earliest of `existing` and the offline scan at `at` (which the
    caller checked is inside the conference's window); a replaced record is in the audit log."""
    record_id, _nonce, existing_at, existing_desk = existing
    if at < existing_at:
        db.session.execute(update(CheckIn).where(CheckIn.id == record_id).values(
            desk=desk, desk_session=desk_session, checked_in_at=at, user_id=user_id, nonce=nonce, offline=True))
        audit_record("checkin", record_id, "update", conference_id=conference_id, user_id=user_id,
                     before={"delegate_id": card.id, "desk": existing_desk, "checked_in_at": existing_at},
                     after={"delegate_id": card.id, "desk": desk, "desk_session": desk_session, "checked_in_at": at,
                            "offline": True})
        kept_desk, kept_at, lost_desk, lost_at = desk, at, existing_desk, existing_at
        result = "checked_in"
    else:
        kept_desk, kept_at, lost_desk, lost_at = existing_desk, existing_at, desk, at
        result = "already_checked_in"
    db.session.add(CheckInConflict(conference_id=conference_id, delegate_id=card.id, kept_desk=kept_desk,
                                   kept_at=kept_at, other_desk=lost_desk, other_at=lost_at))
    db.session.flush()
    return ScanOutcome(result, card, kept_at, kept_desk, conflict=True)


@dataclass(frozen=True)
class OfflineScan:
    """One scan queued by an offline desk: the code, its nonce and the desk's clock at the scan (naive UTC)."""

    code: str
    nonce: str | None
    scanned_at: datetime


@dataclass
class SyncReport:
    """What a sync did: one outcome per queued scan, in order; how many were conflicts, refused, out of window."""

    outcomes: list[ScanOutcome] = field(default_factory=list)

    @property
    def conflicts(self) -> int:
        return sum(1 for o in self.outcomes if o.conflict)

    @property
    def refused(self) -> int:
        return sum(1 for o in self.outcomes if o.result in REFUSED_AT_SYNC)

    @property
    def out_of_window(self) -> int:
        return sum(1 for o in self.outcomes if o.result == "out_of_window")


def sync_offline_scans(secret_key: str, conference_id: int, scans: list[OfflineScan], *, desk: str | None,
                       user_id: int | None, desk_session: str | None = None) -> SyncReport:
    """Apply the scans an offline desk queued, oldest first, in the request's one transaction (see `check_in`).

    The conference's window is read once (`window_of`): a scan whose time lies outside it is `out_of_window`.
    A scan that recorded nothing (REFUSED_AT_SYNC) writes only its audit row (`refuse_sync`, with the desk, the
    session's desk id, the result and the desk's time). A scan already synced (same nonce) answers `checked_in`
    again and changes nothing, so a desk that lost the answer of a sync can simply send its queue again.
    """
    report = SyncReport()
    window = window_of(conference_id)
    # The whole queue is one transaction: its delegates are locked first, in id order, so two desks syncing
    # the same people in another order wait for each other instead of deadlocking (PostgreSQL).
    claims = [_claim(secret_key, conference_id, scan.code) for scan in scans]  # each code read once
    delegate_ids = sorted({claim.delegate_id for claim in claims if claim})
    if delegate_ids:
        lock(db.session, lambda: select(Delegate.id).where(Delegate.id.in_(delegate_ids)).order_by(Delegate.id))
    for scan, claim in zip(scans, claims, strict=True):
        outcome = _check_in(conference_id, claim, desk=desk, user_id=user_id, nonce=scan.nonce,
                            scanned_at=scan.scanned_at, desk_session=desk_session, window=window)
        report.outcomes.append(outcome)
        if outcome.result in REFUSED_AT_SYNC:
            audit_insert(db.session.connection(), "checkin", None, "refuse_sync", conference_id=conference_id,
                         user_id=user_id,
                         after={"delegate_id": _named(outcome, claim, conference_id), "desk": desk,
                                "desk_session": desk_session, "result": outcome.result,
                                "scanned_at": scan.scanned_at, "nonce": scan.nonce})
    return report


def _named(outcome: ScanOutcome, claim: BadgeClaim | None, conference_id: int) -> int | None:
    """The delegate id a refused synced scan is logged with: the outcome's delegate, else the delegate row a
    revoked badge of this conference was issued to (its id is never given to another row), else None."""
    if outcome.delegate is not None:
        return outcome.delegate.id
    return claim.delegate_id if claim is not None and claim.conference_id == conference_id else None


class UndoRefused(ValueError):
    """Undo is not allowed; `reason` is one of UNDO_RESULTS other than `undone`."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def undo_check_in(conference_id: int, desk_session: str | None, nonce: str, *, desk: str | None = None,
                  user_id: int | None = None) -> DelegateCard:
    """Cancel the check-in made by the scan `nonce`, if it is the last check-in of the session `desk_session`
    (the signed-in desk that scanned; a desk name given in a request proves nothing). Nonces come from the desks and
    are not unique: only this session's check-ins with `nonce` are looked at (the latest of them).

    Returns the delegate (now not checked in). Raises UndoRefused: `not_found` (no check-in with this
    nonce at this conference), `other_desk` (another session made it), `not_last` (this session has checked
    someone in since). Nothing is changed when refused. The audit row names `desk` (the undoing desk's name)
    and the session's desk id.
    """
    ensure_open(conference_id)  # closed desks freeze the count: no undo either
    guard = select(CheckIn.id).where(CheckIn.conference_id == conference_id, CheckIn.nonce == nonce)
    lock(db.session, guard)
    # A nonce is the desk's own, not unique: another desk may have sent the same one (by chance or on purpose).
    records = db.session.execute(
        select(CheckIn).where(CheckIn.conference_id == conference_id, CheckIn.nonce == nonce).order_by(CheckIn.id)
    ).scalars().all()
    if not records:
        raise UndoRefused("not_found")
    mine = [r for r in records if desk_session and r.desk_session == desk_session]
    if not mine:
        raise UndoRefused("other_desk")
    record = mine[-1]
    last_id = db.session.execute(
        select(func.max(CheckIn.id)).where(CheckIn.conference_id == conference_id,
                                           CheckIn.desk_session == desk_session)
    ).scalar_one()
    if last_id != record.id:
        raise UndoRefused("not_last")
    card = _card(record.delegate_id)[2]  # the seat and badge style too, as the scan's answer gave them
    audit_record("checkin", record.id, "undo", conference_id=conference_id, user_id=user_id,
                 before={"delegate_id": record.delegate_id, "desk": record.desk,
                         "desk_session": record.desk_session},
                 after={"desk": desk, "desk_session": desk_session})
    db.session.delete(record)
    db.session.flush()
    return card


def code_hash(code: str) -> str:
    """SHA-256 of a badge code, hex: what an offline desk keeps instead of the code itself."""
    return hashlib.sha256(code.strip().encode("utf-8")).hexdigest()


def fallback_hash(conference_id: int, fallback_code: str) -> str:
    """SHA-256, hex, of "<conference id>:<fallback code>" (stored form, `read_short_code`): what an offline desk
    keeps of a fallback code, and computes from the one typed (static/js/desk/list.js)."""
    return hashlib.sha256(f"{conference_id}:{fallback_code}".encode("ascii")).hexdigest()


@dataclass(frozen=True)
class CachedBadge:
    """One entry of the offline desk's list: hash of the valid code and of its fallback code (`fallback_hash`),
    name, unit, kind, check-in (if any) and seat label (None without one)."""

    hash: str
    fallback_hash: str
    name: str
    unit: str
    category: str
    checked_in_at: datetime | None
    desk: str | None
    seat: str | None = None


def offline_badge_list(secret_key: str, conference_id: int) -> list[CachedBadge]:
    """The conference's currently valid badge codes as hashes, with name, unit and seat only (2 queries).

    Revoked (older) codes are not in the list, so an offline desk refuses them too.
    """
    rows = db.session.execute(
        select(Delegate, SeatAssignment.block, SeatAssignment.row_no, SeatAssignment.seat_no)
        .outerjoin(SeatAssignment, SeatAssignment.delegate_id == Delegate.id)
        .where(Delegate.conference_id == conference_id).order_by(Delegate.id)
    ).all()
    arrivals = dict(db.session.execute(
        select(CheckIn.delegate_id, CheckIn).where(CheckIn.conference_id == conference_id)
    ).all())
    result = []
    for d, *seat in rows:
        record = arrivals.get(d.id)
        kind = d.badge_kind
        result.append(CachedBadge(code_hash(make_badge_code(secret_key, conference_id, d.id, d.badge_token)),
                                  fallback_hash(conference_id, d.fallback_code), d.full_name, d.affiliation, kind,
                                  record.checked_in_at if record else None, record.desk if record else None,
                                  seat_label(*seat) if seat[0] is not None else None))
    return result

"""Changes the invitations page makes: a guest's answer to the invitation (a deputy takes the guest's seat with a
new badge), and the letter's settings. Services change rows and flush; the request commits."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from conference.audit.services import changed, record
from conference.badges.services import reissue_badge
from conference.core.errors import N_, RuleViolation
from conference.core.text import clean_text
from conference.db import lock
from conference.delegates.models import Delegate
from conference.delegates.rules import DECLINED, INVITATION_ANSWERS, position_line
from conference.extensions import db
from conference.invitations import rules
from conference.invitations.models import InvitationSettings
from conference.seating.services import release_seat

#: The fields of a deputy (người dự thay) that replace the guest's on the seat.
DEPUTY_FIELDS = ("full_name", "position", "workplace", "gender")
_LIMITS = {"full_name": 200, "position": 300, "workplace": 300}


def invited_line(name: str, position: str | None, workplace: str | None) -> str:
    """Who was invited, as the list shows it under a deputy: "Nguyễn Văn A, Bí thư, Huyện ủy Vĩnh Thuận" (the name
    and `conference.delegates.rules.position_line`)."""
    return ", ".join(part for part in (name, position_line(position, workplace, None)) if part)


def record_answer(conference_id: int, delegate_id: int, answer: str, deputy: dict | None = None) -> Delegate:
    """Record a guest's answer to the invitation: 'confirmed' (xác nhận dự), 'declined' (từ chối) or 'deputy'
    (cử người dự thay). Logged ("answer"; a deputy also "deputy" with the names before and after).

    A deputy takes the guest's seat: their name, position, organisation and gender (`deputy`, keys of
    `DEPUTY_FIELDS`) replace the guest's on the delegate row, the guest invited is kept in `deputy_of` (the first
    one invited, when a deputy is replaced by another), and a new badge is issued exactly as a lost badge's reissue
    (`conference.badges.services.reissue_badge`): the printed badge and invitation QR no longer pass the desk. The
    seat, presidium place and category stay. A guest who declines gives up their seat in the hall
    (`conference.seating.services.release_seat`).

    Raises:
        RuleViolation: not a guest of this conference; an unknown answer; a deputy without name or position, with
            a field too long, or for a guest who has already checked in (the person at the desk was the guest).
    """
    lock(db.session, select(Delegate.id).where(Delegate.id == delegate_id))
    delegate = db.session.get(Delegate, delegate_id)
    if delegate is None or delegate.conference_id != conference_id or delegate.category != "guest":
        raise RuleViolation(N_("Chỉ ghi nhận trả lời giấy mời của đại biểu khách mời."))
    if answer not in INVITATION_ANSWERS:
        raise RuleViolation(N_("Chọn một câu trả lời: xác nhận dự, từ chối hoặc cử người dự thay."))
    before_answer = delegate.invitation_answer
    if answer == "deputy":
        _seat_deputy(delegate, deputy or {})
    elif answer == DECLINED:
        release_seat(conference_id, delegate.id)
    delegate.invitation_answer = answer
    db.session.flush()
    if before_answer != answer:
        record("delegate", delegate.id, "answer", conference_id=conference_id,
               before={"invitation_answer": before_answer}, after={"invitation_answer": answer})
    return delegate


def _seat_deputy(delegate: Delegate, deputy: dict) -> None:
    values = {key: clean_text(deputy.get(key)) for key in DEPUTY_FIELDS}
    if not values["full_name"] or not values["position"]:
        raise RuleViolation(N_("Nhập họ và tên, chức vụ của người dự thay."))
    for key, limit in _LIMITS.items():
        if values[key] and len(values[key]) > limit:
            raise RuleViolation(N_("Thông tin người dự thay quá dài (tối đa %(limit)s ký tự mỗi ô)."), limit=limit)
    if values["gender"] not in (None, "male", "female"):
        values["gender"] = None
    if delegate.check_in is not None:
        raise RuleViolation(N_("Đại biểu đã điểm danh: không thể cử người dự thay."))
    before = {key: getattr(delegate, key) for key in DEPUTY_FIELDS}
    if delegate.deputy_of is None:
        delegate.deputy_of = invited_line(delegate.full_name, delegate.position, delegate.workplace)
    for key, value in values.items():
        setattr(delegate, key, value)
    # The guest's personal details describe the guest, not the deputy.
    delegate.birth_year = None
    delegate.ethnicity = None
    delegate.party_member = False
    db.session.flush()  # the badge reissue reloads the row: write the deputy first
    reissue_badge(delegate)
    old, new = changed(before, {key: getattr(delegate, key) for key in DEPUTY_FIELDS})
    record("delegate", delegate.id, "deputy", conference_id=delegate.conference_id, before=old,
           after={**(new or {}), "deputy_of": delegate.deputy_of})


def save_settings(conference_id: int, *, number: str | None, signed_on: date | None, body: str,
                  recipients: str | None) -> InvitationSettings:
    """Store the letter's number, date, body and recipients; logged with what changed.

    Raises:
        RuleViolation: the body is refused by `rules.check_body` (unknown placeholder, stray brace, empty, long).
    """
    body = clean_text(body) or ""
    rules.check_body(body)
    stored = db.session.execute(select(InvitationSettings).where(
        InvitationSettings.conference_id == conference_id)).scalar_one_or_none()
    row = stored or InvitationSettings(conference_id=conference_id)
    before = ({"number": row.number, "signed_on": row.signed_on and row.signed_on.isoformat(), "body": row.body,
               "recipients": row.recipients} if stored else {})
    row.number = clean_text(number) or rules.DEFAULT_NUMBER
    row.signed_on = signed_on
    row.body = body
    row.recipients = clean_text(recipients) or ""
    db.session.add(row)
    db.session.flush()
    after = {"number": row.number, "signed_on": signed_on and signed_on.isoformat(), "body": row.body,
             "recipients": row.recipients}
    old, new = changed(before, after) if stored else (None, after)
    if new:
        record("invitation", row.id, "settings", conference_id=conference_id, before=old, after=new)
    return row

"""Check-in desk page, the scan API and the name search fallback."""

from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify, render_template, request
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select

from conference.auth.access import can_access_conference, get_conference_or_403, roles_required
from conference.badges.services import badge_code
from conference.checkin import services
from conference.checkin.models import CheckIn
from conference.delegates.models import Delegate
from conference.events.models import Conference
from conference.exports.reports import CATEGORY_NAMES
from conference.extensions import db
from conference.views_common import to_local

bp = Blueprint("checkin", __name__)


@bp.route("/conferences/<int:conference_id>/checkin")
@roles_required("checkin", "organizer")
def desk(conference_id: int):
    """The desk: a scanner field that keeps focus, a name search, a big coloured result."""
    conference = g.conference = get_conference_or_403(conference_id)
    total = db.session.execute(
        select(func.count()).select_from(Delegate).where(Delegate.conference_id == conference.id)
    ).scalar_one()
    arrived = db.session.execute(
        select(func.count()).select_from(CheckIn).where(CheckIn.conference_id == conference.id)
    ).scalar_one()
    titles = {
        "checked_in": "✔ " + _("Đã điểm danh"),
        "already_checked_in": "⚠ " + _("Đã điểm danh trước đó"),
        "invalid": "✖ " + _("Mã không hợp lệ"),
        "revoked": "✖ " + _("Thẻ đã thu hồi"),
        "wrong_conference": "✖ " + _("Sai hội nghị"),
    }
    return render_template("checkin/desk.html", conference=conference, total=total, arrived=arrived, titles=titles)


def _message(outcome: services.ScanOutcome) -> str:
    """The Vietnamese sentence shown under the delegate's name (the name itself is shown big)."""
    when = format_datetime(to_local(outcome.checked_in_at), "HH:mm") if outcome.checked_in_at else ""
    return {
        "checked_in": _("Đã điểm danh lúc %(time)s. Chào mừng đại biểu!", time=when),
        "already_checked_in": _("Đã điểm danh lúc %(time)s tại %(desk)s.", time=when,
                                desk=outcome.desk or _("bàn đón tiếp")),
        "invalid": _("Mã không hợp lệ: không phải thẻ đại biểu của hệ thống."),
        "revoked": _("Thẻ đã bị thu hồi (thẻ cũ hoặc đã cấp lại). Mời đại biểu đến bàn hỗ trợ."),
        "wrong_conference": _("Thẻ của hội nghị khác, không phải hội nghị này."),
    }[outcome.result]


@bp.route("/api/checkin", methods=["POST"])
@roles_required("checkin", "organizer")
def api_checkin():
    """Scan API.

    Request JSON: {"code": str, "conference_id": int (optional: the newest conference of the user's
    organization), "desk": str (optional), "nonce": str (optional, makes retries idempotent)}; the CSRF
    token goes in the X-CSRFToken header.
    Response JSON: {"result", "delegate": {"name", "unit", "category"} | null, "checked_in_at": ISO-8601 |
    null, "message": Vietnamese text}; result ∈ checked_in, already_checked_in, invalid, revoked,
    wrong_conference.
    """
    payload = request.get_json(silent=True) or {}
    code = payload.get("code")
    conference_id = payload.get("conference_id")
    if not isinstance(code, str):
        return jsonify({"result": "invalid", "delegate": None, "checked_in_at": None,
                        "message": _("Thiếu mã thẻ.")}), 400
    if conference_id is None:
        conference_id = db.session.execute(
            select(Conference.id).where(Conference.host_id == current_user.organization_id)
            .order_by(Conference.held_on.desc()).limit(1)
        ).scalar_one_or_none()
    valid_id = isinstance(conference_id, int) and not isinstance(conference_id, bool)
    conference = db.session.get(Conference, conference_id) if valid_id else None
    if conference is None or not can_access_conference(current_user, conference):
        return jsonify({"result": "wrong_conference", "delegate": None, "checked_in_at": None,
                        "message": _("Bạn không làm việc tại hội nghị này.")}), 403
    desk_name = str(payload.get("desk") or "")[:60] or None
    nonce = str(payload.get("nonce") or "")[:64] or None
    outcome = services.check_in(current_app.config["SECRET_KEY"], conference.id, code, desk=desk_name,
                                user_id=current_user.id, nonce=nonce)
    delegate = outcome.delegate
    return jsonify({
        "result": outcome.result,
        "delegate": {"name": delegate.full_name, "unit": delegate.affiliation,
                     "category": CATEGORY_NAMES[delegate.category]} if delegate else None,
        "checked_in_at": to_local(outcome.checked_in_at).isoformat() if outcome.checked_in_at else None,
        "message": _message(outcome),
    })


@bp.route("/api/conferences/<int:conference_id>/delegates")
@roles_required("checkin", "organizer")
def api_search(conference_id: int):
    """Name search fallback: up to 20 delegates whose name contains `q` (case-insensitive), with their code."""
    conference = get_conference_or_403(conference_id)
    q = (request.args.get("q") or "").strip()
    if len(q) < 2:
        return jsonify({"delegates": []})
    literal = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")  # LIKE wildcards as text
    rows = db.session.execute(
        select(Delegate, CheckIn.checked_in_at)
        .outerjoin(CheckIn, CheckIn.delegate_id == Delegate.id)
        .where(Delegate.conference_id == conference.id,
               or_(func.lower(Delegate.full_name).like(f"%{literal.lower()}%", escape="\\"),
                   Delegate.full_name.like(f"%{literal}%", escape="\\")))
        .order_by(Delegate.full_name).limit(20)
    ).all()
    secret = current_app.config["SECRET_KEY"]
    return jsonify({"delegates": [
        {"name": d.full_name, "unit": d.affiliation, "category": CATEGORY_NAMES[d.category],
         "code": badge_code(secret, d), "checked_in": at is not None}
        for d, at in rows
    ]})

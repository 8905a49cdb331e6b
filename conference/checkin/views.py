"""Check-in desk page, the scan API (online, undo, offline sync and badge list), name search, live board."""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import bindparam, func, or_, select

from conference.badges import services as badges
from conference.checkin import attendance, closing, queries, services
from conference.checkin.models import CheckIn
from conference.conferences.access import can_access_conference, conference_view
from conference.conferences.models import Conference
from conference.core import shortcode
from conference.core.clock import to_local, utcnow
from conference.core.text import ID_MAX, control_character
from conference.core.vocabulary import SCAN_RESULT, word
from conference.core.xlsx import write_report
from conference.db import begins_deferred
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.web.access import roles_required
from conference.web.forms import CSRFForm
from conference.web.headers import camera_page

bp = Blueprint("checkin", __name__)
#: Longest text field of a desk API request (a badge code, a nonce, a desk name) accepted as such.
MAX_FIELD = 512
#: Longest name search (characters): a full Vietnamese name is well under it.
SEARCH_MAX = 100


def _category(category: str) -> str:
    """A delegate's category as the desk shows it."""
    return word("category", category)


#: Most scans one sync request may carry (a desk queues far fewer; the rest waits for the next sync).
SYNC_LIMIT = 500


def _epoch_ms() -> int:
    """The server's clock in milliseconds since 1970: the desk shows times by it, not by the device's clock."""
    return int(datetime.now(UTC).timestamp() * 1000)


#: The mark before each result's words at the desk: ✔ let in, ⚠ already in, ✖ refused.
SYMBOLS = {"checked_in": "✔ ", "already_checked_in": "⚠ ", "invalid": "✖ ", "revoked": "✖ ", "wrong_conference": "✖ ",
           "out_of_window": "✖ "}


def _titles() -> dict[str, str]:
    return {
        **{result: SYMBOLS[result] + word("scan_result", result) for result in SCAN_RESULT},
        "queued": "✔ " + _("Đã điểm danh (chờ đồng bộ)"),
        "undone": "↺ " + _("Đã hủy điểm danh"),
    }


@bp.route("/conferences/<int:conference_id>/checkin")
@camera_page
@conference_view("checkin", "organizer")
def desk(conference: Conference):
    """The desk: camera, a scanner field that keeps focus, a name search, a big coloured result; works offline."""
    total = db.session.execute(
        select(func.count()).select_from(Delegate).where(Delegate.conference_id == conference.id)
    ).scalar_one()
    arrived = db.session.execute(
        select(func.count()).select_from(CheckIn).where(CheckIn.conference_id == conference.id)
    ).scalar_one()
    messages = {
        "network": _("Mất kết nối máy chủ. Thử quét lại."),
        "empty": _("Không tìm thấy đại biểu."),
        "checked": _("đã điểm danh"),
        "checkin": _("Điểm danh"),
        "reprint": _("In lại thẻ"),
        "reprint_confirm": _("In lại thẻ cho %(name)s? Thẻ cũ sẽ không còn giá trị."),
        "ready": _("Sẵn sàng quét"),
        "offline": _("Mất mạng: đang điểm danh ngoại tuyến"),
        "online": _("Đã kết nối"),
        "queued": _("Đã điểm danh lúc %(time)s (ngoại tuyến, sẽ đồng bộ khi có mạng)."),
        "offline_already": _("Đã điểm danh lúc %(time)s tại %(desk)s."),
        "offline_unknown": _("Mã không có trong danh sách thẻ hợp lệ đã tải về bàn này."),
        "no_list": _("Bàn chưa tải danh sách thẻ: chưa thể điểm danh ngoại tuyến."),
        "synced": _("Đã đồng bộ %(n)s lượt điểm danh."),
        "conflicts": _("%(n)s lượt trùng với bàn khác: giữ lượt điểm danh sớm nhất."),
        "sync_refused": _("%(n)s lượt quét ngoại tuyến không được ghi nhận:"),
        "out_of_window": _("%(n)s lượt có giờ quét ngoài thời gian hội nghị (đồng hồ thiết bị sai)."),
        "undo_failed": _("Không hủy được: chỉ hủy được lượt điểm danh cuối cùng của chính bàn này."),
        "camera_error": _("Không mở được camera. Dùng máy quét hoặc tìm theo tên."),
        "camera_insecure": _("Camera chỉ mở được khi trang có địa chỉ https:// (hỏi Ban Tổ chức địa chỉ đó). "
                              "Trong lúc chờ, dùng máy quét hoặc tìm theo tên."),
        "camera_on": _("Đang quét bằng camera…"),
        "desk_required": _("Nhập tên bàn trước khi quét."),
        "session": _("Phiên đăng nhập đã hết. Vui lòng đăng nhập lại."),
        "list": _("Danh sách %(n)s thẻ, tải lúc %(time)s"),
        "seat": _("Ghế %(seat)s"),
    }
    desk_name = session.get("desk_name") if session.get("desk_user") == current_user.id else None
    return render_template(
        "checkin/desk.html", conference=conference, total=total, arrived=arrived, titles=_titles(),
        messages=messages, desk_name=desk_name, server_now=_epoch_ms(),
        fallback_alphabet=shortcode.ALPHABET, fallback_length=shortcode.LENGTH, sync_limit=SYNC_LIMIT,
        urls={"api": url_for("checkin.api_checkin"), "undo": url_for("checkin.api_undo"),
              "desk": url_for("checkin.api_desk"),
              "sync": url_for("checkin.api_sync"), "ping": url_for("checkin.api_ping", conference_id=conference.id),
              "badges": url_for("checkin.api_badges", conference_id=conference.id),
              "search": url_for("checkin.api_search", conference_id=conference.id),
              "reprint": url_for("badges.reprint", conference_id=conference.id, delegate_id=0),
              "wasm": url_for("static", filename="vendor/zxing-wasm/zxing_reader.wasm")},
    )


#: The static files the desk page loads (base.html's and desk.html's <link> and <script>, and the zxing wasm the
#: camera scanner fetches): the desk's service worker keeps them for a reload without network. A browser test
#: checks that every /static/ file the desk page names is listed here.
DESK_ASSETS = (
    "vendor/bootstrap/bootstrap.min.css", "css/app.css", "css/checkin.css", "vendor/bootstrap/bootstrap.bundle.min.js",
    "js/ui.js",
    "vendor/barcode-detector/ponyfill.js", "vendor/js-sha256/sha256.min.js",
    "js/desk/page.js", "js/desk/api.js", "js/desk/store.js", "js/desk/screen.js", "js/desk/list.js", "js/desk/undo.js",
    "js/desk/sync.js", "js/desk/checkin.js", "js/desk/camera.js", "js/desk/scanner.js", "js/desk/search.js",
    "js/desk/main.js",
    "vendor/zxing-wasm/zxing_reader.wasm",
)
DESK_WORKER = "js/desk-sw.js"


def _desk_worker_script() -> str:
    """static/js/desk-sw.js with `self.DESK = {version, assets}` in front; the version hashes the worker and
    every asset, so a deployment that changes any of them changes this script and the browser updates it.
    Built once per set of file modification times (a desk page load asks for it; ~1.4 MB to hash)."""
    static = Path(current_app.static_folder)
    stamps = tuple((name, (static / name).stat().st_mtime_ns) for name in (DESK_WORKER, *DESK_ASSETS))
    return _worker_script(str(static), stamps, tuple(url_for("static", filename=n) for n in DESK_ASSETS))


@lru_cache(maxsize=4)
def _worker_script(static_folder: str, stamps: tuple, urls: tuple[str, ...]) -> str:
    static = Path(static_folder)
    digest = hashlib.sha256()
    for name, _stamp in stamps:
        digest.update(name.encode() + b"\0" + (static / name).read_bytes())
    config = {"version": digest.hexdigest()[:16], "assets": list(urls)}
    return f"self.DESK = {json.dumps(config)};\n" + (static / DESK_WORKER).read_text(encoding="utf-8")


@bp.route("/desk-sw.js")
def desk_worker():
    """The desk's service worker, so a desk opened once reopens (reload, new tab) without network.

    Served here, at the root, so its scope may be `/conferences/` (static/js/desk/main.js registers it so); the worker answers
    only the desk pages (`/conferences/<id>/checkin`: network first, the last good copy when there is no network)
    and the static files in DESK_ASSETS (cache first, in a cache named after the version hash; older ones are
    deleted when a new version activates). Never /api/ answers nor any other page. Public, like /static/: it holds
    no data, and the browser fetches it by itself to look for updates, where a login redirect would fail.
    Logout: only the desk page is kept, and a page shown to a logged-out browser (the login page after logout or
    after the session ends) deletes that copy, as does the login page shown to a logged-in one (someone logging in
    over another's session; templates/base.html); the worker also drops it when the network
    answers the desk URL with the login redirect or 403. The IndexedDB list and queue stay: unsynced scans are
    never thrown away.
    """
    return Response(_desk_worker_script(), mimetype="text/javascript", headers={"Cache-Control": "no-cache"})


def _message(outcome: services.ScanOutcome) -> str:
    """The Vietnamese sentence shown under the delegate's name (the name itself is shown big); it adds to the
    result's title (`_titles`), never repeats it."""
    when = to_local(outcome.checked_in_at).strftime("%H:%M") if outcome.checked_in_at else ""
    result = outcome.result
    if result == "checked_in":
        return _("Đã điểm danh lúc %(time)s. Chào mừng đại biểu!", time=when)
    if result == "already_checked_in":
        return _("Đã điểm danh lúc %(time)s tại %(desk)s.", time=when, desk=outcome.desk or _("bàn đón tiếp"))
    if result == "revoked":
        return _("Thẻ cũ hoặc đã cấp lại. Mời đại biểu đến bàn hỗ trợ.")
    if result == "wrong_conference":
        return _("Thẻ của hội nghị khác, không phải hội nghị này.")
    if result == "out_of_window":
        date = _scan_date(outcome.scanned_at)
        if date == _scan_date(utcnow()):  # a clock fast by hours on the conference day itself: its date is right
            return _("Đồng hồ của thiết bị chạy nhanh hơn giờ máy chủ: giờ quét ghi muộn hơn hiện tại. Chỉnh đồng hồ "
                     "thiết bị rồi quét lại thẻ.")
        return _("Đồng hồ của thiết bị ghi ngày %(date)s lúc quét, ngoài thời gian hội nghị. Chỉnh đồng hồ thiết bị "
                 "rồi quét lại thẻ.", date=date)
    return _("Không phải thẻ đại biểu của hệ thống.")


def _scan_date(moment: datetime | None) -> str:
    """The date of a desk's clock reading in Vietnam, dd/mm/yyyy (in UTC when too far off to convert): one
    sentence for all the scans of a wrong clock's day."""
    if moment is None:
        return ""
    try:
        moment = to_local(moment)
    except OverflowError:
        pass
    return f"{moment.day:02d}/{moment.month:02d}/{moment.year:04d}"


def _delegate_json(card: services.DelegateCard | None, styles: dict[str, tuple[str, str]]) -> dict | None:
    if card is None:
        return None
    label, colour = card.style or styles[card.kind]
    seat = {"seat": card.seat} if card.seat else {}  # only for a seated delegate
    return {"name": card.full_name, "unit": card.affiliation, "category": _category(card.category),
            "badge": label, "colour": colour, **seat}


def _outcome_json(outcome: services.ScanOutcome, styles) -> dict:
    return {
        "result": outcome.result,
        "delegate": _delegate_json(outcome.delegate, styles),
        "checked_in_at": to_local(outcome.checked_in_at).isoformat() if outcome.checked_in_at else None,
        "desk": outcome.desk,
        "conflict": outcome.conflict,
        "message": _message(outcome),
    }


def _refused(message: str, status: int, result: str = "error"):
    return jsonify({"result": result, "delegate": None, "checked_in_at": None, "message": message}), status


def _json_object() -> dict | None:
    """The request's JSON body when it is an object ({...}), else None: a list, a string, a number, null, a body
    that is not JSON or one nested deeper than Python's recursion limit names no conference and no code (the desk
    API then answers 400)."""
    try:
        payload = request.get_json(silent=True)  # silent: None for what is not JSON (a ValueError)
    except RecursionError:  # "[[[[…" 100,000 deep: the JSON decoder recurses
        return None
    return payload if isinstance(payload, dict) else None


def _not_an_object():
    return _refused(_("Yêu cầu không hợp lệ: dữ liệu gửi lên phải là một đối tượng JSON."), 400)


def _text_field(payload: dict, key: str) -> str | None:
    """`payload[key]` when it is text a desk could have sent (a code, a nonce, a desk name): a string of at most
    MAX_FIELD characters without control characters (`conference.core.text.control_character`); else None."""
    value = payload.get(key)
    if not isinstance(value, str) or len(value) > MAX_FIELD or control_character(value):
        return None
    return value


_CONFERENCE_HOST = select(Conference.__table__.c.id, Conference.__table__.c.host_id).where(
    Conference.__table__.c.id == bindparam("conference_id"))


def _api_conference(payload: dict):
    """The conference named in a desk API request, if the user works on it (default: the newest one)."""
    conference_id = payload.get("conference_id")
    if conference_id is None:
        conference_id = db.session.execute(
            select(Conference.id).where(Conference.host_id == current_user.organization_id)
            .order_by(Conference.held_on.desc()).limit(1)
        ).scalar_one_or_none()
    valid_id = isinstance(conference_id, int) and not isinstance(conference_id, bool) and 1 <= conference_id <= ID_MAX
    conference = db.session.connection().execute(  # id and host only, a prebuilt Core select: the hot path
        _CONFERENCE_HOST, {"conference_id": conference_id}).one_or_none() if valid_id else None
    if conference is None or not can_access_conference(current_user, conference):
        return None
    return conference


def _desk_name(value) -> str | None:
    """A desk name as kept: spaces collapsed, at most 60 characters, None when empty."""
    return " ".join(str(value or "").split())[:60] or None


def _desk() -> tuple[str | None, str]:
    """(the desk's name, the session's desk id) from the signed-in session, never from the request.

    The desk id is random, made the first time this session of this user scans or names its desk; it is what
    undo checks (only the session that scanned may undo). A session that changes user gets a new id.
    """
    if session.get("desk_user") != current_user.id or not session.get("desk_id"):
        session["desk_user"] = current_user.id
        session["desk_id"] = secrets.token_hex(16)
        session.pop("desk_name", None)
    return session.get("desk_name"), session["desk_id"]


@bp.route("/api/checkin/desk", methods=["POST"])
@roles_required("checkin", "organizer")
def api_desk():
    """Name this session's desk: JSON {"desk": str} (the CSRF token in the X-CSRFToken header). The name is kept in
    the session and recorded with every scan, undo and sync this session makes. Answers {"desk": the name kept}, or
    400 when it is empty."""
    payload = _json_object()
    if payload is None:
        return _not_an_object()
    name = _desk_name(_text_field(payload, "desk"))
    if name is None:
        return _refused(_("Nhập tên bàn trước khi quét."), 400)
    _desk()
    session["desk_name"] = name
    return jsonify({"desk": name})


@bp.route("/api/checkin", methods=["POST"])
@begins_deferred  # the scan reads the badge first; check_in() takes the lock before it writes
@roles_required("checkin", "organizer")
def api_checkin():
    """Scan API.

    Request JSON: {"code": str, "conference_id": int (optional: the newest conference of the user's
    organization), "nonce": str (optional, makes retries idempotent)}; the CSRF token goes in the X-CSRFToken
    header. The desk is the session's (`api_desk`); a "desk" in the JSON is ignored.
    Response JSON: {"result", "delegate": {"name", "unit", "category", "badge", "colour", "seat" (seated delegates
    only: "B-03-07")} | null,
    "checked_in_at": ISO-8601 | null, "desk", "conflict", "message": Vietnamese text}; result ∈ checked_in,
    already_checked_in, invalid, revoked, wrong_conference.
    """
    payload = _json_object()
    if payload is None:
        return _not_an_object()
    conference = _api_conference(payload)
    if conference is None:
        return _refused(_("Bạn không làm việc tại hội nghị này."), 403, "wrong_conference")
    code = _text_field(payload, "code")
    if code is None:
        return _refused(_("Thiếu mã thẻ, hoặc mã thẻ không hợp lệ."), 400, "invalid")
    nonce = payload.get("nonce")
    if nonce is not None and (not isinstance(nonce, str) or control_character(nonce)):
        return _refused(_("Mã lượt quét không hợp lệ."), 400)
    nonce = (nonce or "")[:64] or None
    desk_name, desk_id = _desk()
    outcome = services.check_in(current_app.config["SECRET_KEY"], conference.id, code, desk=desk_name,
                                user_id=current_user.id, nonce=nonce, desk_session=desk_id)
    return jsonify(_outcome_json(outcome, badges.DEFAULT_STYLES))  # the card carries the stored style


@bp.route("/api/conferences/<int:conference_id>/ping")
@roles_required("checkin", "organizer")
def api_ping(conference_id: int):
    """The cheapest answer of the desk API ({"ok": true}): an offline desk asks it to see the network is back.
    Same login and access check as the scan API."""
    conference = _api_conference({"conference_id": conference_id})
    if conference is None:
        return _refused(_("Bạn không làm việc tại hội nghị này."), 403, "wrong_conference")
    return jsonify({"ok": True})


@bp.route("/api/checkin/undo", methods=["POST"])
@roles_required("checkin", "organizer")
def api_undo():
    """Undo the last check-in of this session's desk. JSON {"conference_id", "nonce" (of the scan to undo)}.

    Only the session that scanned may undo (its desk id, kept in the session). Response: {"result": "undone",
    "delegate", "message"}, or 409 with result not_found / other_desk / not_last and a Vietnamese message;
    nothing is changed then.
    """
    payload = _json_object()
    if payload is None:
        return _not_an_object()
    conference = _api_conference(payload)
    if conference is None:
        return _refused(_("Bạn không làm việc tại hội nghị này."), 403, "wrong_conference")
    nonce = payload.get("nonce")
    if not isinstance(nonce, str) or not nonce or control_character(nonce):
        return _refused(_("Thiếu mã lượt quét cần hủy."), 400)
    try:
        desk_name, desk_id = _desk()
        delegate = services.undo_check_in(conference.id, desk_id, nonce[:64], desk=desk_name, user_id=current_user.id)
    except services.UndoRefused as refusal:
        messages = {
            "not_found": _("Không tìm thấy lượt điểm danh này (có thể đã hủy)."),
            "other_desk": _("Lượt điểm danh này do bàn khác (hoặc phiên đăng nhập khác) thực hiện: chỉ bàn đó được "
                            "hủy."),
            "not_last": _("Chỉ hủy được lượt điểm danh cuối cùng của bàn này."),
        }
        return _refused(messages[refusal.reason], 409, refusal.reason)
    return jsonify({"result": "undone", "delegate": _delegate_json(delegate, badges.category_styles(conference.id)),
                    "message": _("Đã hủy điểm danh của %(name)s.", name=delegate.full_name)})


def _parse_time(value) -> datetime | None:
    """An ISO-8601 time with an offset (what a browser's `toISOString()` gives) as naive UTC, else None."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    try:
        return moment.astimezone(UTC).replace(tzinfo=None)  # stored naive UTC
    except OverflowError:  # year 1 or 9999 with an offset: far outside any conference, refused as out_of_window
        return datetime.min if moment.year < 2000 else datetime.max


@bp.route("/api/checkin/sync", methods=["POST"])
@roles_required("checkin", "organizer")
def api_sync():
    """Sync the scans an offline desk queued.

    Request JSON: {"conference_id", "scans": [{"code", "nonce", "scanned_at": ISO-8601 with offset}]}
    (at most SYNC_LIMIT); the desk is the session's (`api_desk`), a "desk" in the JSON is ignored.
    Response: {"results": [scan result JSON + "nonce"], "synced": n, "conflicts": n, "refused": n (recorded
    nothing: invalid, revoked, wrong_conference, out_of_window), "out_of_window": n (the desk's clock at the
    scan lay outside the conference's window)}. A malformed scan refuses the whole request (400) and nothing is
    written.
    """
    payload = _json_object()
    if payload is None:
        return _not_an_object()
    conference = _api_conference(payload)
    if conference is None:
        return _refused(_("Bạn không làm việc tại hội nghị này."), 403, "wrong_conference")
    raw = payload.get("scans")
    if not isinstance(raw, list) or len(raw) > SYNC_LIMIT:
        return _refused(_("Danh sách lượt quét không hợp lệ."), 400)
    scans = []
    for item in raw:
        at = _parse_time(item.get("scanned_at")) if isinstance(item, dict) else None
        if at is None or _text_field(item, "code") is None or _text_field(item, "nonce") is None:
            return _refused(_("Danh sách lượt quét không hợp lệ."), 400)
        scans.append(services.OfflineScan(item["code"], item["nonce"][:64], at))
    scans.sort(key=lambda s: s.scanned_at)
    desk_name, desk_id = _desk()
    report = services.sync_offline_scans(current_app.config["SECRET_KEY"], conference.id, scans,
                                         desk=desk_name, user_id=current_user.id, desk_session=desk_id)
    styles = badges.category_styles(conference.id)
    results = [{**_outcome_json(o, styles), "nonce": s.nonce} for s, o in zip(scans, report.outcomes)]
    return jsonify({"results": results, "synced": len(results), "conflicts": report.conflicts,
                    "refused": report.refused, "out_of_window": report.out_of_window, "now": _epoch_ms()})


@bp.route("/api/conferences/<int:conference_id>/badges")
@conference_view("checkin", "organizer")
def api_badges(conference: Conference):
    """The offline desk's list: SHA-256 of every valid badge code with name, unit, badge label and colour, seat
    ("B-03-07"; seated delegates only), and the check-in time and desk of those already arrived. No codes, no
    other personal data."""
    cats = badges.categories(conference.id)
    entries = services.offline_badge_list(current_app.config["SECRET_KEY"], conference.id)
    return jsonify({"conference_id": conference.id, "now": _epoch_ms(), "badges": [
        {"hash": e.hash, "fallback_hash": e.fallback_hash, "name": e.name, "unit": e.unit, "badge": cats[e.category].label,
         "colour": cats[e.category].colour,
         "checked_in_at": to_local(e.checked_in_at).isoformat() if e.checked_in_at else None, "desk": e.desk,
         **({"seat": e.seat} if e.seat else {})}
        for e in entries
    ]}), 200, {"Cache-Control": "private, no-store"}


@bp.route("/api/conferences/<int:conference_id>/delegates")
@conference_view("checkin", "organizer")
def api_search(conference: Conference):
    """Name search fallback: up to 20 delegates whose name contains `q` (case-insensitive), with their code."""
    q = (request.args.get("q") or "").strip()
    if len(q) > SEARCH_MAX or control_character(q):
        return _refused(_("Từ khoá tìm kiếm không hợp lệ (tối đa %(n)s ký tự, không có ký tự điều khiển).",
                          n=SEARCH_MAX), 400)
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
        {"id": d.id, "name": d.full_name, "unit": d.affiliation, "category": _category(d.category),
         "code": badges.badge_code(secret, d), "checked_in": at is not None}
        for d, at in rows
    ]})


def _board(conference: Conference, cats: dict) -> queries.Board:
    return queries.board(conference.id, {k: c.label for k, c in cats.items()}, word("badge_kind", "guest"))


def _person_json(person: queries.Person) -> dict:
    return {"name": person.name, "affiliation": person.affiliation,
            **({"deputy_of": person.deputy_of} if person.deputy_of else {})}


@bp.route("/api/conferences/<int:conference_id>/board")
@conference_view("organizer")
def api_board(conference: Conference):
    """The board's figures as JSON (`queries.board`, a fixed number of queries): arrived/expected overall, per
    badge kind, unit and desk; arrivals per 5 minutes of the conference day (Vietnam time); who is missing, by
    group ({"name", "affiliation", and for a deputy "deputy_of": the guest invited}); the guests who declined
    and have not come ("declined", counted nowhere else); the units nobody of which has arrived; when the desks
    closed (null: open); the server's time (ms)."""
    figures = _board(conference, badges.categories(conference.id))

    def tally(t: queries.Tally) -> dict:
        return {"label": t.label, "arrived": t.arrived, "expected": t.expected}

    return jsonify({
        "overall": tally(figures.overall), "kinds": [tally(t) for t in figures.kinds],
        "units": [tally(t) for t in figures.units],
        "desks": [{"desk": desk, "arrived": n} for desk, n in figures.desks], "offline": figures.offline,
        "timeline": [{"at": to_local(at).isoformat(), "arrived": n} for at, n in figures.timeline],
        "missing": [{"group": g.label, "people": [_person_json(p) for p in g.people]} for g in figures.missing],
        "declined": [_person_json(p) for p in figures.declined],
        "empty_units": figures.empty_units,
        "closed_at": to_local(figures.closed_at).isoformat() if figures.closed_at else None, "now": _epoch_ms(),
    }), 200, {"Cache-Control": "private, no-store"}


@bp.route("/conferences/<int:conference_id>/board")
@conference_view("organizer")
def board(conference: Conference):
    """Live attendance board; `?fragment=1` returns only the figures (the page reloads them every 5 s).

    Also who is still missing (presidium and guests first, then by unit), the units nobody of which has
    arrived, and whether the desks are closed; the organizer closes and reopens the desks here."""
    cats = badges.categories(conference.id)
    figures = _board(conference, cats)
    peak = max((n for _at, n in figures.timeline), default=0)
    context = {"conference": conference, "board": figures, "cats": cats, "peak": peak, "to_local": to_local,
               "updated": to_local(utcnow())}
    if request.args.get("fragment") == "1":
        return render_template("checkin/_board.html", **context)
    return render_template("checkin/board.html", form=CSRFForm(), **context)


@bp.route("/conferences/<int:conference_id>/checkin/close", methods=["POST"])
@conference_view("organizer")
def close_desks(conference: Conference):
    """"Đóng bàn đón tiếp": the scan and sync APIs refuse from now on; the attendance report is ready."""
    if not CSRFForm().validate_on_submit():
        abort(400)
    desk_name, desk_id = _desk()
    closure = closing.close_desks(conference.id, current_user.id, desk=desk_name, desk_session=desk_id)
    flash(_("Đã đóng bàn đón tiếp lúc %(time)s. Báo cáo điểm danh đã sẵn sàng.",
            time=to_local(closure.closed_at).strftime("%H:%M")), "success")
    return redirect(url_for("checkin.board", conference_id=conference.id))


@bp.route("/conferences/<int:conference_id>/checkin/reopen", methods=["POST"])
@conference_view("organizer")
def reopen_desks(conference: Conference):
    """Reopen the desks closed by mistake (the audit log keeps both)."""
    if not CSRFForm().validate_on_submit():
        abort(400)
    desk_name, desk_id = _desk()
    closing.reopen_desks(conference.id, desk=desk_name, desk_session=desk_id)
    flash(_("Đã mở lại bàn đón tiếp: các bàn điểm danh tiếp được."), "success")
    return redirect(url_for("checkin.board", conference_id=conference.id))


def _attendance(conference: Conference) -> queries.Attendance:
    cats = badges.categories(conference.id)
    return queries.attendance(conference.id, cats["presidium"].label, word("badge_kind", "guest"))


@bp.route("/conferences/<int:conference_id>/checkin/attendance.xlsx")
@conference_view("organizer")
def attendance_xlsx(conference: Conference):
    """The attendance report (báo cáo điểm danh) as xlsx, in the official layout of the delegate list."""
    figures = _attendance(conference)
    info = attendance.ReportInfo.of(conference, figures.closed_at or utcnow(), figures.closed_at is not None)
    content = write_report(attendance.attendance_report(info, figures))
    filename = f"bao-cao-diem-danh-{conference.id}.xlsx"
    return Response(content, mimetype=attendance.XLSX, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/conferences/<int:conference_id>/checkin/absentees")
@conference_view("organizer")
def absentees(conference: Conference):
    """The absentees on one A4 page, for the MC (presidium and guests first, then by unit)."""
    figures = _attendance(conference)
    return render_template("checkin/absentees.html", conference=conference, figures=figures,
                           missing=queries.missing_groups(figures.groups),
                           as_of=to_local(figures.closed_at or utcnow()))

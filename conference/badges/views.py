"""Printable badges (A4 × 8, A6 single, name tents), badge categories, single badge PNG/SVG, reprint."""

from __future__ import annotations

import io

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    stream_template,
    url_for,
)
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select

from conference.badges import images, services
from conference.badges.models import BADGE_KINDS
from conference.conferences.access import conference_view
from conference.conferences.models import Conference
from conference.core.collation import compact_key, name_sort_key, vietnamese_key
from conference.core.vocabulary import word
from conference.delegates.models import Delegate
from conference.extensions import db
from conference.seating.queries import seat_label_of, seat_labels
from conference.web.forms import CSRFForm
from conference.web.refusals import refusal_shown

bp = Blueprint("badges", __name__, url_prefix="/conferences/<int:conference_id>")

LAYOUTS = ("a4", "a6", "tents")


def _delegate(conference: Conference, delegate_id: int) -> Delegate:
    """A delegate of `conference`, else 404."""
    delegate = db.get_or_404(Delegate, delegate_id)
    if delegate.conference_id != conference.id:
        abort(404)
    return delegate


def _sort(delegates: list[Delegate], order: str) -> None:
    """Order in place: by unit (guests last, then unit, then name) or by name (Vietnamese order)."""
    if order == "unit":
        units = {name: compact_key(vietnamese_key(name)) for name in {d.affiliation for d in delegates}}
        delegates.sort(key=lambda d: (d.category != "exemplar", units[d.affiliation], name_sort_key(d.full_name)))
    else:
        delegates.sort(key=lambda d: name_sort_key(d.full_name))


def _event_lines(conference) -> tuple[str, str]:
    return (_("HỘI NGHỊ TUYÊN DƯƠNG ĐIỂN HÌNH TIÊN TIẾN"),
            f"{conference.host.name} · {conference.held_on.strftime('%d/%m/%Y')}")


def _html_response(template: str, **context) -> Response:
    """`template` rendered straight to UTF-8 bytes, a batch of pieces at a time (same page as render_template).

    A sheet of 10,000 badges is ~40 MB of HTML; as one Python str it would take ~80 MB more (Vietnamese letters
    make it 2 bytes a character) on top of the pieces it is joined from. The template is consumed here, inside
    the request, so flashed messages are read before the session is saved.
    """
    body = io.BytesIO()
    batch: list[str] = []
    for piece in stream_template(template, **context):
        batch.append(piece)
        if len(batch) == 10_000:
            body.write("".join(batch).encode())
            batch.clear()
    body.write("".join(batch).encode())
    return Response(body.getvalue(), mimetype="text/html")


@bp.route("/badges")
@conference_view("organizer")
def sheet(conference: Conference):
    """Badges to print: `layout` a4 (8 a page, cut marks), a6 (one a page) or tents (presidium name tents);
    `order` name or unit; `press` / `staff`: blank badges of those optional kinds."""
    layout = request.args.get("layout", "a4")
    layout = layout if layout in LAYOUTS else "a4"
    order = "unit" if request.args.get("order") == "unit" else "name"
    query = select(Delegate).where(Delegate.conference_id == conference.id)
    if layout == "tents":
        query = query.where(Delegate.presidium_order.is_not(None)).order_by(Delegate.presidium_order)
    delegates = list(db.session.execute(query).scalars())
    if layout != "tents":
        _sort(delegates, order)
    cats = services.categories(conference.id)
    secret = current_app.config["SECRET_KEY"]
    seats = seat_labels(conference.id)
    badges = [services.badge_for(secret, d, cats, seats.get(d.id)) for d in delegates]
    extras = {}
    for kind in ("press", "staff"):
        if cats[kind].enabled and layout != "tents":
            count = request.args.get(kind, 0, type=int)
            with refusal_shown():
                badges += services.blank_badges(cats, kind, count)
            extras[kind] = count
    svgs = images.qr_svgs([b.code for b in badges if b.code])
    svgs.reverse()  # popped as they are wrapped, so each SVG is held once, not twice (~4 KB a badge)
    items = [(b, Markup(svgs.pop()) if b.code else None) for b in badges]
    return _html_response("badges/sheet.html", conference=conference, items=items, order=order, layout=layout,
                          cats=cats, extras=extras, event=_event_lines(conference))


@bp.route("/badges/categories", methods=["GET", "POST"])
@conference_view("organizer")
def categories(conference: Conference):
    """Edit the label and colour of each badge kind; switch the optional kinds (press, staff) on or off.
    A refused POST shows what was typed (nothing is saved)."""
    form = CSRFForm()  # CSRF only; the fields are one row per kind
    shown = {kind: {"label": cat.label, "colour": cat.colour, "enabled": cat.enabled}
             for kind, cat in services.categories(conference.id).items()}
    if form.validate_on_submit():
        shown = {kind: {"label": request.form.get(f"{kind}-label", ""),
                        "colour": request.form.get(f"{kind}-colour", ""),
                        "enabled": request.form.get(f"{kind}-enabled") == "on"} for kind in BADGE_KINDS}
        with refusal_shown():
            services.save_categories(conference.id, shown)
            flash(_("Đã lưu loại thẻ."), "success")
            return redirect(url_for("badges.categories", conference_id=conference.id))
    kind_names = {kind: word("badge_kind", kind) for kind in BADGE_KINDS}
    return render_template("badges/categories.html", conference=conference, cats=shown, form=form,
                           required=services.REQUIRED_KINDS, kind_names=kind_names)


@bp.route("/delegates/<int:delegate_id>/qr.png")
@conference_view("organizer")
def qr(conference: Conference, delegate_id: int):
    """One delegate's QR code as PNG."""
    delegate = _delegate(conference, delegate_id)
    png = images.qr_png(services.badge_code(current_app.config["SECRET_KEY"], delegate))
    return Response(png, mimetype="image/png", headers={"Cache-Control": "private, no-store"})


def _single(conference: Conference, delegate_id: int):
    """One delegate's badge, and the arguments `images.badge_png` / `badge_svg` draw it from."""
    delegate = _delegate(conference, delegate_id)
    badge = services.badge_for(current_app.config["SECRET_KEY"], delegate, services.categories(conference.id),
                               seat_label_of(delegate.id))
    event, host = _event_lines(conference)
    seat = _("Ghế %(seat)s", seat=badge.seat) if badge.seat else ""
    return badge, (badge.code, badge.name, badge.unit, badge.label, badge.colour, event, host, badge.fallback, seat)


def _badge_file(conference: Conference, delegate_id: int, render, ext: str, mimetype: str) -> Response:
    """One delegate's badge drawn by `render` (PNG or SVG), sent inline, never cached."""
    badge, args = _single(conference, delegate_id)
    return Response(render(*args), mimetype=mimetype, headers={
        "Cache-Control": "private, no-store",
        "Content-Disposition": f'inline; filename="the-dai-bieu-{badge.delegate_id}.{ext}"'})


@bp.route("/delegates/<int:delegate_id>/badge.png")
@conference_view("organizer")
def badge_png(conference: Conference, delegate_id: int):
    """One delegate's badge as PNG (950 × 680), to send by Zalo."""
    return _badge_file(conference, delegate_id, images.badge_png, "png", "image/png")


@bp.route("/delegates/<int:delegate_id>/badge.svg")
@conference_view("organizer")
def badge_svg(conference: Conference, delegate_id: int):
    """One delegate's badge as SVG (95 × 68 mm)."""
    return _badge_file(conference, delegate_id, images.badge_svg, "svg", "image/svg+xml")


@bp.route("/delegates/<int:delegate_id>/badge")
@conference_view("organizer", "checkin")
def single(conference: Conference, delegate_id: int):
    """One badge on an A6 page, to print at the desk after a reprint."""
    badge, _args = _single(conference, delegate_id)
    item = (badge, Markup(images.qr_svg(badge.code)))
    return render_template("badges/sheet.html", conference=conference, items=[item], order="name", layout="a6",
                           cats=services.categories(conference.id), extras={}, event=_event_lines(conference),
                           single=True)


@bp.route("/delegates/<int:delegate_id>/reissue", methods=["POST"])
@conference_view("organizer")
def reissue(conference: Conference, delegate_id: int):
    """Revoke a lost badge and issue a new code; the old badge is refused at the desk."""
    delegate = _delegate(conference, delegate_id)
    if CSRFForm().validate_on_submit():
        services.reissue_badge(delegate)
        flash(_("Đã cấp lại thẻ cho %(name)s; thẻ cũ không còn giá trị.", name=delegate.full_name), "success")
    return redirect(url_for("delegates.index", conference_id=conference.id))


@bp.route("/delegates/<int:delegate_id>/reprint", methods=["POST"])
@conference_view("organizer", "checkin")
def reprint(conference: Conference, delegate_id: int):
    """At the desk, a lost badge: revoke the old code, issue a new one and open it on an A6 page to print."""
    delegate = _delegate(conference, delegate_id)
    if not CSRFForm().validate_on_submit():
        abort(400)
    services.reissue_badge(delegate)
    flash(_("Đã cấp lại thẻ cho %(name)s; thẻ cũ không còn giá trị.", name=delegate.full_name), "success")
    return redirect(url_for("badges.single", conference_id=conference.id, delegate_id=delegate.id))

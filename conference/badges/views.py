"""Printable badge sheet, single QR images, badge reissue."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select

from conference.auth.access import get_conference_or_403, roles_required
from conference.badges import images, services
from conference.delegates.forms import DeleteForm
from conference.delegates.models import Delegate
from conference.exports.collation import name_sort_key
from conference.extensions import db

bp = Blueprint("badges", __name__, url_prefix="/conferences/<int:conference_id>")


def _delegate(conference_id: int, delegate_id: int) -> Delegate:
    delegate = db.get_or_404(Delegate, delegate_id)
    if delegate.conference_id != conference_id:
        abort(404)
    return delegate


@bp.route("/badges")
@roles_required("organizer")
def sheet(conference_id: int):
    """A4 sheet of badges (name, category, unit, presidium mark, QR), ordered by unit or by name."""
    conference = g.conference = get_conference_or_403(conference_id)
    delegates = db.session.execute(select(Delegate).where(Delegate.conference_id == conference.id)).scalars().all()
    order = request.args.get("order", "name")
    if order == "unit":
        delegates.sort(key=lambda d: (d.category != "guest", name_sort_key(d.affiliation), name_sort_key(d.full_name)))
    else:
        delegates.sort(key=lambda d: name_sort_key(d.full_name))
    secret = current_app.config["SECRET_KEY"]
    badges = [(d, Markup(images.qr_svg(services.badge_code(secret, d)))) for d in delegates]
    return render_template("badges/sheet.html", conference=conference, badges=badges, order=order,
                           reissue_form=DeleteForm())


@bp.route("/delegates/<int:delegate_id>/qr.png")
@roles_required("organizer")
def qr(conference_id: int, delegate_id: int):
    """One delegate's QR code as PNG."""
    conference = get_conference_or_403(conference_id)
    delegate = _delegate(conference.id, delegate_id)
    png = images.qr_png(services.badge_code(current_app.config["SECRET_KEY"], delegate))
    return Response(png, mimetype="image/png", headers={"Cache-Control": "private, no-store"})


@bp.route("/delegates/<int:delegate_id>/reissue", methods=["POST"])
@roles_required("organizer")
def reissue(conference_id: int, delegate_id: int):
    """Revoke a lost badge and issue a new code; the old badge is refused at the desk."""
    conference = get_conference_or_403(conference_id)
    delegate = _delegate(conference.id, delegate_id)
    if DeleteForm().validate_on_submit():
        services.reissue_badge(delegate)
        flash(_("Đã cấp lại thẻ cho %(name)s; thẻ cũ không còn giá trị.", name=delegate.full_name), "success")
    return redirect(url_for("delegates.index", conference_id=conference.id))

"""The honour board: the organizer's settings page, and the public pages anyone with the link opens without
logging in (the board, its photos and the picture shared with the link).

The public answers carry `Cache-Control: public, max-age=rules.MAX_AGE` and an ETag (a hash of the body), and
answer a revalidation whose ETag still matches with 304 (Werkzeug's conditional responses), so browsers and a
reverse proxy serve repeat readers; `conference.web.headers.cacheable_page` exempts them from `no-store`. An
unknown link, a switched-off board, a photo not on an enabled board: the same 404 page, which says nothing more.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from conference.conferences.access import conference_view
from conference.conferences.models import Conference
from conference.honourboard import preview, queries, rules, services
from conference.honourboard.forms import HonourBoardForm
from conference.web.forms import CSRFForm
from conference.web.headers import cacheable_page

bp = Blueprint("honourboard", __name__)


def absolute_url(endpoint: str, **values) -> str:
    """The absolute URL of `endpoint` that a shared link and the Open Graph tags carry: https under the `HTTPS`
    setting (a TLS proxy in front may speak plain http to the app), the request's scheme otherwise; the host is
    the one the reader asked for."""
    scheme = "https" if current_app.config.get("HTTPS") else request.scheme
    return url_for(endpoint, _external=True, _scheme=scheme, **values)


@bp.route("/conferences/<int:conference_id>/honour-board", methods=["GET", "POST"])
@conference_view("organizer")
def settings(conference: Conference):
    """Switch the public board on or off, write its introduction, publish fields one by one; the public link."""
    board = services.board_of(conference.id)
    form = HonourBoardForm(obj=board)
    if form.validate_on_submit():
        services.save_board(conference.id, {field: getattr(form, field).data for field in services.BOARD_FIELDS})
        flash(_("Đã lưu bảng vinh danh."), "success")
        return redirect(url_for("honourboard.settings", conference_id=conference.id))
    public_url = (absolute_url("honourboard.board", slug=board.slug)
                  if board is not None and board.enabled else None)
    return render_template("honourboard/settings.html", conference=conference, form=form, board=board,
                           public_url=public_url, link_form=CSRFForm(),
                           switches=[getattr(form, f"show_{key}") for key in rules.PUBLISHABLE_KEYS])


@bp.route("/conferences/<int:conference_id>/honour-board/new-link", methods=["POST"])
@conference_view("organizer")
def new_link(conference: Conference):
    """Retire the board's link and draw a new one (for a link shared further than meant)."""
    board = services.board_of(conference.id)
    if board is None:
        abort(404)
    services.renew_link(board)
    flash(_("Đã tạo liên kết mới; liên kết cũ không còn mở được."), "success")
    return redirect(url_for("honourboard.settings", conference_id=conference.id))


def _board_or_404(slug: str) -> queries.PublicBoard:
    board = queries.enabled_board(slug)
    if board is None:
        abort(404)
    return board


def _shared(response: Response) -> Response:
    """`response` made cacheable by anyone for MAX_AGE seconds, with an ETag of its body; 304 when the request's
    If-None-Match holds that ETag.

    A reader who brings a session cookie whose session the request changed (Flask-Login marks a session without
    its login's `_id` as not fresh) gets the same caching as `private`: an answer that sets a cookie is never for
    shared caches. Readers from a shared link bring no cookie.
    """
    if session.modified:
        response.cache_control.private = True
    else:
        response.cache_control.public = True
    response.cache_control.max_age = rules.MAX_AGE
    response.add_etag()
    return response.make_conditional(request)


def _date_line(board: queries.PublicBoard) -> str:
    day = board.held_on.strftime("%d/%m/%Y")
    return f"{day} · {board.venue}" if board.venue else day


@bp.route("/honour/<slug>")
@cacheable_page
def board(slug: str):
    """The public honour board: the conference's exemplars with the published fields, its Open Graph tags and
    share links. Two SQL statements, whatever the number of exemplars."""
    shown_board = _board_or_404(slug)
    exemplars = queries.exemplars(shown_board)
    count_words = _("điển hình tiên tiến được tuyên dương")
    description = rules.shorten(shown_board.introduction or _(
        "%(count)s %(words)s tại %(conference)s.", count=len(exemplars), words=count_words,
        conference=shown_board.conference_name))
    page_url = absolute_url("honourboard.board", slug=slug)
    introduction = rules.lines(shown_board.introduction) or (_(
        "Ban Tổ chức trân trọng giới thiệu các tập thể, cá nhân điển hình tiên tiến được tuyên dương tại hội nghị."),)
    html = render_template(
        "honourboard/public.html", board=shown_board, exemplars=exemplars, count_words=count_words,
        introduction=introduction,
        description=description, page_url=page_url, date_line=_date_line(shown_board),
        image_url=absolute_url("honourboard.preview_image", slug=slug),
        labels={key: _(label) for key, label in rules.PUBLISHABLE},
    )
    return _shared(Response(html, mimetype="text/html"))


@bp.route("/honour/<slug>/photos/<int:delegate_id>.jpg")
@cacheable_page
def photo(slug: str, delegate_id: int):
    """The photo of an exemplar shown on the enabled board `slug` (JPEG), else 404."""
    content = queries.photo(slug, delegate_id)
    if content is None:
        abort(404)
    return _shared(Response(content, mimetype="image/jpeg"))


@bp.route("/honour/<slug>/preview.png")
@cacheable_page
def preview_image(slug: str):
    """The picture shared with the board's link (`og:image`): 1200 × 630 PNG with the conference's name and
    how many exemplars it honours."""
    shown_board = _board_or_404(slug)
    png = preview.preview_png(shown_board.host_name, shown_board.conference_name,
                              queries.exemplar_count(shown_board), _("điển hình tiên tiến được tuyên dương"),
                              _date_line(shown_board))
    return _shared(Response(png, mimetype="image/png"))

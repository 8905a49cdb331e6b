"""Units nominate their exemplars (form or Excel template); the organizer reviews them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from conference.conferences.access import conference_view, load_conference
from conference.conferences.models import Conference
from conference.core.clock import local_today
from conference.core.text import row_id, whole_number
from conference.delegates.rules import PRIORITY_GROUPS
from conference.extensions import db
from conference.nominations import imports, queries, services
from conference.nominations.forms import NominationForm, ReferenceForm, ReturnForm
from conference.nominations.labels import REVIEWED_STATUSES, status_label
from conference.nominations.models import (
    ACHIEVEMENTS_MAX,
    ACHIEVEMENTS_SUMMARY_MAX,
    Nomination,
    NominationImport,
    NominationPhoto,
)
from conference.nominations.photos import reencode_photo
from conference.nominations.references import parse_reference_text, reference_lists, save_reference_list
from conference.nominations.rules import days_left
from conference.nominations.template import build_template
from conference.organizations.queries import units_of
from conference.organizations.services import blocks_of
from conference.web.access import roles_required
from conference.web.forms import CSRFForm, UploadForm
from conference.web.refusals import refusal_shown
from conference.web.urls import safe_local_url

bp = Blueprint("nominations", __name__)
#: The lengths the nomination form's text boxes count up to (their `maxlength` and counters).
FORM_LIMITS = {"achievements": ACHIEVEMENTS_MAX, "summary": ACHIEVEMENTS_SUMMARY_MAX}


def _actor():
    return services.Actor(user_id=current_user.id, is_organizer=current_user.role == "organizer")


def nomination_view(*roles: str) -> Callable:
    """Decorate a view of one nomination, routed with `<int:nomination_id>`.

    As `conference_view`: the user must be logged in and hold one of `roles`, and work on the nomination's
    conference; a unit user sees only its own unit's nominations (else 403; 404 if absent). The view is called
    with the conference and the nomination.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @roles_required(*roles)
        def wrapped(nomination_id: int, **kwargs):
            nomination = db.get_or_404(Nomination, nomination_id)
            conference = load_conference(nomination.conference_id)
            if current_user.role == "unit" and nomination.unit_id != current_user.organization_id:
                abort(403)
            return view(conference, nomination, **kwargs)

        return wrapped

    return decorator


def _back(default: str) -> str:
    return safe_local_url(request.form.get("back")) or default


@bp.route("/conferences/<int:conference_id>/nominations")
@conference_view("organizer", "unit")
def index(conference: Conference):
    """Unit: its nominations, quota, deadline and days left. Organizer: the review queue with filters."""
    if current_user.role == "unit":
        unit_id = current_user.organization_id
        today = local_today()
        deadline = services.unit_deadline(conference, unit_id)
        left = days_left(deadline, today)
        used = services.counted_nominations(conference.id, unit_id)
        return render_template(
            "nominations/unit_index.html", conference=conference,
            nominations=queries.unit_nominations(conference.id, unit_id), quota=services.unit_quota(conference.id,
                                                                                                  unit_id),
            used=used, deadline=deadline, days_left=left, closed=left is not None and left < 0,
            action_form=CSRFForm(), block=current_user.organization.block,
        )
    flt = queries.ReviewFilter(
        status=request.args.get("status", "pending") if request.args.get("status") in queries.STATUS_FILTERS
        else "pending",
        unit_id=request.args.get("unit", type=row_id), block_id=request.args.get("block", type=row_id),
        priority=request.args.get("priority") if request.args.get("priority") in queries.PRIORITY_GROUPS else None,
    )
    nominations, total = queries.review_list(conference.id, flt)
    return render_template(
        "nominations/review.html", conference=conference, nominations=nominations, total=total, flt=flt,
        units=units_of(conference), blocks=blocks_of(conference.host_id),
        counts=queries.unit_counts(conference.id, conference.host_id),
        shares=queries.priority_shares(conference.id), approve_form=CSRFForm(), return_form=ReturnForm(),
        back=request.full_path.rstrip("?"), page_size=queries.PAGE_SIZE,
        statuses=[(status, status_label(status)) for status in REVIEWED_STATUSES], priority_groups=PRIORITY_GROUPS,
    )


def _photo_from(form: NominationForm):
    """The re-encoded upload of the form's photo field, or None. Raises RuleViolation for a bad image."""
    upload = form.photo.data
    if upload is None or not getattr(upload, "filename", ""):
        return None
    return reencode_photo(upload.read())


@bp.route("/conferences/<int:conference_id>/nominations/new", methods=["GET", "POST"])
@conference_view("unit")
def create(conference: Conference):
    """A unit files one exemplar: saved as a draft, or submitted (refused past its quota or its deadline: the
    form is shown again as typed)."""
    form = NominationForm(references=reference_lists(conference.host_id))
    if form.validate_on_submit():
        draft = request.form.get("action") == "draft"
        with refusal_shown():
            services.create_nomination(conference.id, current_user.organization_id, form.service_data(), _actor(),
                                       local_today(), draft=draft, photo=_photo_from(form))
            flash(_("Đã lưu nháp hồ sơ.") if draft else _("Đã gửi hồ sơ. Ban Tổ chức sẽ xem xét."), "success")
            return redirect(url_for("nominations.index", conference_id=conference.id))
    return render_template("nominations/form.html", conference=conference, form=form, nomination=None,
                           limits=FORM_LIMITS)


@bp.route("/nominations/<int:nomination_id>")
@nomination_view("organizer", "unit")
def show(conference: Conference, nomination: Nomination):
    """One nomination in full, with the review actions for the organizer."""
    return render_template("nominations/show.html", conference=conference, nomination=nomination,
                           approve_form=CSRFForm(), return_form=ReturnForm(), action_form=CSRFForm())


@bp.route("/nominations/<int:nomination_id>/photo.jpg")
@nomination_view("organizer", "unit")
def photo(conference: Conference, nomination: Nomination):
    """The exemplar's re-encoded photo (JPEG)."""
    stored = db.session.get(NominationPhoto, nomination.id)
    if stored is None:
        return redirect(url_for("static", filename="img/no-photo.svg"))
    return Response(stored.content, mimetype="image/jpeg", headers={"Cache-Control": "private, max-age=300",
                                                                     "X-Content-Type-Options": "nosniff"})


@bp.route("/nominations/<int:nomination_id>/edit", methods=["GET", "POST"])
@nomination_view("organizer", "unit")
def edit(conference: Conference, nomination: Nomination):
    """The unit fixes a draft, submitted or returned nomination (a returned one is resubmitted); after the
    deadline only the organizer edits. A refused change shows the form as typed."""
    if not nomination.allows("edit"):
        flash(_("Hồ sơ đã được duyệt hoặc đã rút, không thể sửa."), "warning")
        return redirect(url_for("nominations.show", nomination_id=nomination.id))
    references = reference_lists(conference.host_id)
    form = NominationForm(references=references, nomination=nomination) if request.method == "GET" else \
        NominationForm(references=references, data=NominationForm.initial_data(nomination, references))
    if form.validate_on_submit():
        with refusal_shown():
            services.update_nomination(nomination.id, form.service_data(), _actor(), local_today(),
                                       photo=_photo_from(form), remove_photo=bool(form.remove_photo.data))
            flash(_("Đã lưu hồ sơ."), "success")
            if current_user.role == "organizer":
                return redirect(url_for("nominations.show", nomination_id=nomination.id))
            return redirect(url_for("nominations.index", conference_id=conference.id))
    return render_template("nominations/form.html", conference=conference, form=form, nomination=nomination,
                           limits=FORM_LIMITS)


@bp.route("/nominations/<int:nomination_id>/submit", methods=["POST"])
@nomination_view("unit")
def submit(conference: Conference, nomination: Nomination):
    """Send a draft to the organizer."""
    if CSRFForm().validate_on_submit():
        with refusal_shown():
            services.submit_draft(nomination.id, _actor(), local_today())
            flash(_("Đã gửi hồ sơ của %(name)s.", name=nomination.full_name), "success")
    return redirect(url_for("nominations.index", conference_id=conference.id))


@bp.route("/nominations/<int:nomination_id>/withdraw", methods=["POST"])
@nomination_view("unit")
def withdraw(conference: Conference, nomination: Nomination):
    """The unit withdraws a nomination that is not approved; its seat is freed."""
    if CSRFForm().validate_on_submit():
        with refusal_shown():
            services.withdraw_nomination(nomination.id, _actor(), local_today())
            flash(_("Đã rút hồ sơ của %(name)s.", name=nomination.full_name), "success")
    return redirect(url_for("nominations.index", conference_id=conference.id))


@bp.route("/nominations/<int:nomination_id>/approve", methods=["POST"])
@nomination_view("organizer")
def approve(conference: Conference, nomination: Nomination):
    """Approve: the nomination becomes an exemplar delegate."""
    if CSRFForm().validate_on_submit():
        with refusal_shown():
            services.approve_nomination(nomination.id, _actor())
            flash(_("Đã duyệt hồ sơ của %(name)s.", name=nomination.full_name), "success")
    return redirect(_back(url_for("nominations.index", conference_id=conference.id)))


@bp.route("/conferences/<int:conference_id>/nominations/approve", methods=["POST"])
@conference_view("organizer")
def bulk_approve(conference: Conference):
    """Approve the ticked nominations, all or none."""
    if CSRFForm().validate_on_submit():
        ids = [number for v in request.form.getlist("ids") if (number := whole_number(v)) is not None]
        with refusal_shown():
            count = services.approve_nominations(conference.id, ids, _actor())
            flash(_("Đã duyệt %(n)s hồ sơ.", n=count), "success")
    return redirect(_back(url_for("nominations.index", conference_id=conference.id)))


@bp.route("/nominations/<int:nomination_id>/return", methods=["POST"])
@nomination_view("organizer")
def return_(conference: Conference, nomination: Nomination):
    """Return to the unit with a reason."""
    form = ReturnForm()
    if form.validate_on_submit():
        with refusal_shown():
            services.return_nomination(nomination.id, form.reason.data, _actor())
            flash(_("Đã trả lại hồ sơ của %(name)s.", name=nomination.full_name), "success")
    else:
        flash(_("Nhập lý do trả lại."), "danger")
    return redirect(_back(url_for("nominations.index", conference_id=conference.id)))


# Excel template in


@bp.route("/conferences/<int:conference_id>/nominations/template.xlsx")
@conference_view("organizer", "unit")
def template(conference: Conference):
    """The xlsx template of this conference (units and reference lists as dropdowns)."""
    lists = reference_lists(conference.host_id)
    own = current_user.organization if current_user.role == "unit" else None
    deadline = services.unit_deadline(conference, own.id) if own else conference.nomination_deadline
    content = build_template(
        conference_name=conference.name, unit_names=[u.name for u in units_of(conference)],
        movements=lists["movement"], titles=lists["title"], own_unit=own.name if own else None,
        deadline_text=deadline.strftime("%d/%m/%Y") if deadline else None,
    )
    return Response(content, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename=mau-ho-so-hoi-nghi-{conference.id}.xlsx"})


def _own_batch(conference: Conference) -> NominationImport | None:
    """The file this user uploaded to `conference` and has not imported yet."""
    return db.session.execute(
        db.select(NominationImport).where(NominationImport.conference_id == conference.id,
                                          NominationImport.user_id == current_user.id)
    ).scalar_one_or_none()


@bp.route("/conferences/<int:conference_id>/nominations/import", methods=["GET", "POST"])
@conference_view("organizer", "unit")
def upload(conference: Conference):
    """Upload a filled template; the page then previews every row with its problems."""
    form = UploadForm()
    if form.validate_on_submit():
        upload_file = form.file.data
        own = current_user.organization if current_user.role == "unit" else None
        with refusal_shown():
            imports.prepare_import(conference, own, current_user.id, upload_file.filename or "", upload_file.read())
        return redirect(url_for("nominations.upload", conference_id=conference.id))
    batch = _own_batch(conference)
    rows = imports.batch_rows(batch) if batch else []
    return render_template("nominations/import.html", conference=conference, form=form, batch=batch, rows=rows,
                           bad=sum(1 for r in rows if r.problems), confirm_form=CSRFForm())


@bp.route("/conferences/<int:conference_id>/nominations/import/confirm", methods=["POST"])
@conference_view("organizer", "unit")
def confirm_upload(conference: Conference):
    """Import every row of the previewed file, or none."""
    batch = _own_batch(conference)
    if not CSRFForm().validate_on_submit() or batch is None:
        flash(_("Chưa có tệp nào để nhập; hãy tải tệp lên."), "warning")
        return redirect(url_for("nominations.upload", conference_id=conference.id))
    with refusal_shown():
        count = imports.confirm_import(batch.id, _actor(), local_today())
        flash(_("Đã nhập và gửi %(n)s hồ sơ.", n=count), "success")
        return redirect(url_for("nominations.index", conference_id=conference.id))
    return redirect(url_for("nominations.upload", conference_id=conference.id))


# Reference lists


@bp.route("/conferences/<int:conference_id>/references", methods=["GET", "POST"])
@conference_view("organizer")
def references(conference: Conference):
    """The organizer edits the emulation movements and commendation titles the forms offer; a refused list is
    shown as typed."""
    lists = reference_lists(conference.host_id)
    form = ReferenceForm(data={"movements": "\n".join(lists["movement"]), "titles": "\n".join(lists["title"])})
    if form.validate_on_submit():
        with refusal_shown():
            movements = parse_reference_text(form.movements.data)
            titles = parse_reference_text(form.titles.data)
            save_reference_list(conference.host_id, "movement", movements, conference.id)
            save_reference_list(conference.host_id, "title", titles, conference.id)
            flash(_("Đã lưu danh mục."), "success")
            return redirect(url_for("nominations.references", conference_id=conference.id))
    return render_template("nominations/references.html", conference=conference, form=form)

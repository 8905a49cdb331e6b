"""Download the delegate summary list (danh sách trích ngang) as xlsx."""

from __future__ import annotations

from flask import Blueprint, Response
from sqlalchemy import select

from conference.auth.access import get_conference_or_403, roles_required
from conference.delegates.models import Delegate
from conference.exports.reports import delegate_summary_sheet
from conference.exports.xlsx import write_xlsx
from conference.extensions import db

bp = Blueprint("exports", __name__, url_prefix="/conferences/<int:conference_id>/exports")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/delegates.xlsx")
@roles_required("organizer")
def delegates_xlsx(conference_id: int):
    """The delegate summary list of every delegate, sorted by given name, as an xlsx download."""
    conference = get_conference_or_403(conference_id)
    delegates = db.session.execute(select(Delegate).where(Delegate.conference_id == conference.id)).scalars().all()
    sheet = delegate_summary_sheet(conference, conference.host.name, conference.upper_body, delegates)
    filename = f"danh-sach-trich-ngang-hoi-nghi-{conference.id}.xlsx"
    return Response(write_xlsx(sheet), mimetype=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})

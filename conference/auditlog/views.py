"""The audit log page: every change of a conference, filterable by unit and kind."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from conference.audit.services import audit_page
from conference.auditlog.labels import delegate_ids, describe, entity_choices
from conference.conferences.access import conference_view
from conference.conferences.models import Conference
from conference.core.clock import to_local
from conference.core.text import row_id
from conference.delegates.queries import names_of
from conference.organizations.queries import units_of

bp = Blueprint("auditlog", __name__)

ENTITIES = ("nomination", "quota", "unit", "block", "delegate", "checkin", "reference_list", "dossier")


@bp.route("/conferences/<int:conference_id>/audit")
@conference_view("organizer")
def index(conference: Conference):
    """Newest first, PAGE_SIZE rows a page (`?page=<n>`, `?upto=<id>`: the pages of the log as first shown);
    `?unit=<id>` and `?entity=<kind>` filter. Each row comes with its labels (`labels.describe`): the page shows
    words, not the log's codes."""
    unit_id = request.args.get("unit", type=row_id)
    entity = request.args.get("entity") if request.args.get("entity") in ENTITIES else None
    log = audit_page(conference.id, unit_id, entity, request.args.get("page", 1, type=row_id),
                     upto=request.args.get("upto", type=row_id))
    units = units_of(conference)
    names = names_of(conference.id, set().union(*(delegate_ids(e.before) | delegate_ids(e.after)
                                                   for e in log.entries)))
    return render_template("auditlog/index.html", conference=conference, log=log, units=units,
                           rows=[(e, describe(e, names)) for e in log.entries], unit_names={u.id: u.name for u in units},
                           unit_id=unit_id, entity=entity, entities=entity_choices(ENTITIES), to_local=to_local)

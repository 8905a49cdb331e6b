"""The words the pages use for a nomination's status: the badge on every list of nominations and the values
of the audit log speak the same (`templates/nominations/_status.html`, `conference/auditlog/labels.py`)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

#: Every status of `models.NOMINATION_STATUSES`, as the unit's and the organizer's lists show it.
STATUS_LABELS = {
    "draft": _l("Nháp"),
    "submitted": _l("Chờ duyệt"),
    "resubmitted": _l("Đã gửi lại"),
    "approved": _l("Đã duyệt"),
    "returned": _l("Đã trả lại"),
    "withdrawn": _l("Đã rút"),
}

#: The statuses the organizer's review list filters on, in its menu's order (drafts stay with the unit).
REVIEWED_STATUSES = ("submitted", "resubmitted", "approved", "returned", "withdrawn")


def status_label(status: str) -> str:
    """The words for a status code in the page's language, e.g. 'submitted' → "Chờ duyệt"; an unknown code as it is."""
    label = STATUS_LABELS.get(status)
    return str(label) if label is not None else status

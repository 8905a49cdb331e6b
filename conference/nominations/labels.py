"""The words the pages use for a nomination's status: the badge on every list of nominations and the values
of the audit log speak the same (`templates/nominations/_status.html`, `conference/auditlog/labels.py`).
The words themselves are written once, in `conference.core.vocabulary.STATUS`."""

from __future__ import annotations

from conference.core.vocabulary import lazy_words, word

#: Every status of `conference.nominations.rules.NOMINATION_STATUSES`, as the lists of nominations show it.
STATUS_LABELS = lazy_words("status")

#: The statuses the organizer's review list filters on, in its menu's order (drafts stay with the unit).
REVIEWED_STATUSES = ("submitted", "resubmitted", "approved", "returned", "withdrawn")


def status_label(status: str) -> str:
    """The words for a status code in the page's language, e.g. 'submitted' → "Chờ duyệt"; an unknown code as it is."""
    return word("status", status)

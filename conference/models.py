"""Every model, imported so that the metadata (and Alembic's autogenerate) sees all tables."""

from conference.agenda.models import AgendaItem
from conference.audit.models import AuditEntry
from conference.auth.models import User
from conference.auth.sessions import UserSession
from conference.badges.models import BadgeCategory
from conference.checkin.models import CheckIn, CheckInConflict
from conference.conferences.models import Conference, Quota
from conference.delegates.models import Delegate
from conference.dossier.models import Dossier, ImportedFile
from conference.nominations.models import Nomination, NominationImport, NominationPhoto, ReferenceItem
from conference.organizations.models import Block, BlockDeadline, Organization

__all__ = [
    "AgendaItem", "AuditEntry", "BadgeCategory", "Block", "BlockDeadline", "CheckIn", "CheckInConflict", "Conference",
    "Delegate", "Dossier", "ImportedFile", "Nomination", "NominationImport", "NominationPhoto", "Organization", "Quota",
    "ReferenceItem", "User", "UserSession",
]

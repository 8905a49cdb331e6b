"""Imports every model so metadata (and Alembic) sees all tables."""

from conference.agenda.models import AgendaItem
from conference.audit.models import AuditEntry
from conference.auth.models import User
from conference.badges.models import BadgeCategory
from conference.checkin.models import CheckIn, CheckInConflict
from conference.conferences.models import Conference, Quota
from conference.delegates.models import Delegate
from conference.dossier.models import Dossier, ImportedFile
from conference.nominations.models import Nomination, NominationImport, NominationPhoto, ReferenceItem
from conference.organizations.models import Block, BlockDeadline, Organization

__all__ = ["AgendaItem", "BadgeCategory", "CheckIn", "CheckInConflict", "Conference", "Delegate", "Nomination",
           "Organization", "Quota", "User"]
__all__ += ["AuditEntry", "Block", "BlockDeadline", "NominationImport", "NominationPhoto", "ReferenceItem"]  # issue 3
__all__ += ["Dossier", "ImportedFile"]  # issue 4

"""Every model, imported so that the metadata (and Alembic's autogenerate) sees all tables."""

from conference.agenda.models import AgendaItem, AgendaSchedule
from conference.audit.models import AuditEntry
from conference.auth.models import User
from conference.auth.sessions import UserSession
from conference.badges.models import BadgeCategory
from conference.ceremony.models import CeremonySettings, HonouringBatch, HonouringEntry, ScriptText
from conference.certificates.models import CertificatePrinter, CertificateSettings
from conference.checkin.models import CheckIn, CheckInConflict
from conference.conferences.models import Conference, Quota
from conference.delegates.models import Delegate, GuestImport
from conference.dossier.models import Dossier, ImportedFile, LowerConference
from conference.honourboard.models import HonourBoard
from conference.invitations.models import InvitationSettings
from conference.nominations.models import Nomination, NominationImport, NominationPhoto, ReferenceItem
from conference.organizations.models import Block, BlockDeadline, Organization
from conference.seating.models import HallLayout, SeatAssignment

__all__ = [
    "AgendaItem", "AgendaSchedule", "AuditEntry", "BadgeCategory", "Block", "BlockDeadline", "CeremonySettings",
    "CertificatePrinter", "CertificateSettings", "CheckIn", "CheckInConflict", "Conference", "Delegate", "Dossier",
    "GuestImport", "HallLayout", "HonourBoard", "HonouringBatch", "HonouringEntry", "ImportedFile",
    "InvitationSettings", "LowerConference", "Nomination", "NominationImport", "NominationPhoto", "Organization",
    "Quota", "ReferenceItem", "ScriptText", "SeatAssignment", "User", "UserSession",
]

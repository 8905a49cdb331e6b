"""Imports every model so metadata (and Alembic) sees all tables."""

from conference.agenda.models import AgendaItem
from conference.auth.models import User
from conference.checkin.models import CheckIn
from conference.delegates.models import Delegate
from conference.events.models import Conference
from conference.nominations.models import Nomination
from conference.organizations.models import Organization
from conference.quotas.models import Quota

__all__ = ["AgendaItem", "CheckIn", "Conference", "Delegate", "Nomination", "Organization", "Quota", "User"]

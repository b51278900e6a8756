"""Who may read the indicators: the COPIL (members and chair), the
secretariat and auditors."""

from django.utils.translation import gettext as _

from accounts.roles import Role
from approvals.refusals import Refused

READERS = frozenset({Role.COPIL_MEMBER, Role.COPIL_CHAIR, Role.ADMINISTRATOR, Role.AUDITOR})


def may_view_indicators(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.has_role(*READERS)))


def require_indicators(user) -> None:
    if not may_view_indicators(user):
        raise Refused(
            _("Les indicateurs sont réservés au COPIL, au secrétariat et aux auditeurs."),
            status=403,
        )

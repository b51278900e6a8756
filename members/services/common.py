"""What the members services share: their refusal, and the COPIL."""

from django.utils.translation import gettext as _

from approvals.fsm import TransitionRefused
from approvals.models import Committee


class MembersError(TransitionRefused):
    """A members action that may not happen; nothing was changed."""


def copil() -> Committee:
    committee = Committee.objects.filter(code="copil").first()
    if committee is None:
        raise MembersError(_("Le COPIL n'est pas configuré : demandez au secrétariat de le créer."))
    return committee

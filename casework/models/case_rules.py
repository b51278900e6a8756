"""What a case's transitions ask before they may happen: conditions that
tell a person why they are not met, the chair's say on resuming, and the
return value of "resume"."""

from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE

from .choices import Urgency


class PreviousState(RETURN_VALUE):
    """The state a case was in before it was put on hold (named for the
    workflow picture)."""

    def __str__(self):
        return "previous"


class _Refusable:
    """A transition condition that tells a person why it is not met."""

    def __init__(self, test, refusal):
        self.test = test
        self.refusal = refusal
        self.__name__ = test.__name__

    def __call__(self, case):
        return self.test(case)


def _assessed(case):
    return case.assessed_at is not None


def _critical(case):
    return case.urgency == Urgency.CRITICAL


def _nothing_pending(case):
    return case.pending_total == 0


def _something_paid(case):
    return case.disbursed_total > 0


ASSESSED = _Refusable(_assessed, _("Enregistrez d'abord l'évaluation du risque."))
CRITICAL = _Refusable(_critical, _("La procédure accélérée est réservée aux cas d'urgence critique."))
NOTHING_PENDING = _Refusable(_nothing_pending, _("Un décaissement attend encore sa confirmation : confirmez-le ou refusez-le d'abord."))
SOMETHING_PAID = _Refusable(_something_paid, _("Aucun décaissement confirmé pour le moment."))


def may_resume(case, user) -> bool:
    """After the committee refused to ratify a fast-track decision, only the
    chair may take the case off hold."""
    if case.ratification_refused_at and not case.ratified_at:
        return user.has_perm("casework.decide_case")
    return user.has_perm("casework.change_case") or user.has_perm("casework.change_case", case)

"""The emergency fund's sections of "Ce qui m'attend"."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.roles import Role

from . import selectors


def _deadline(case) -> str:
    if not case.deadline_at:
        return case.get_state_display()
    return _("%(state)s · décision avant le %(date)s") % {
        "state": case.get_state_display(),
        "date": date_format(timezone.localtime(case.deadline_at), "SHORT_DATETIME_FORMAT"),
    }


def _item(case) -> dict:
    return {"label": f"{case.reference} — {case.code_name}", "url": case.get_absolute_url(), "meta": _deadline(case), "overdue": case.is_overdue}


def cases_to_decide(request):
    user = request.user
    if not user.is_authenticated or not user.has_role(Role.EMERGENCY_MEMBER, Role.EMERGENCY_CHAIR):
        return None
    cases = list(selectors.cases_to_decide(user)[:20])
    return [
        {
            "title": _("Cas à décider"),
            "items": [_item(case) for case in cases],
            "empty_text": _("Aucun cas n'attend la décision du comité d'urgence."),
            "role": Role.EMERGENCY_MEMBER if user.has_role(Role.EMERGENCY_MEMBER) else Role.EMERGENCY_CHAIR,
        }
    ]


def my_cases(request):
    user = request.user
    if not user.is_authenticated or not user.has_role(Role.CASE_OFFICER):
        return None
    cases = list(selectors.officer_cases(user)[:30])
    return [
        {
            "title": _("Mes cas"),
            "items": [_item(case) for case in cases],
            "empty_text": _("Aucun cas ne vous est confié pour le moment."),
            "role": Role.CASE_OFFICER,
        }
    ]


def disbursements_to_confirm(request):
    user = request.user
    if not user.is_authenticated or not user.has_role(Role.EMERGENCY_CHAIR):
        return None
    waiting = list(selectors.disbursements_to_confirm(user)[:20])
    return [
        {
            "title": _("Décaissements à confirmer"),
            "items": [
                {
                    "label": f"{d.case.reference} — {d.amount} {d.currency}",
                    "url": d.case.get_absolute_url() + "#decaissements",
                    "meta": _("demandé par %(person)s") % {"person": d.requested_by},
                }
                for d in waiting
            ],
            "empty_text": _("Aucun décaissement n'attend votre confirmation."),
            "role": Role.EMERGENCY_CHAIR,
        }
    ]

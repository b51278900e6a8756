"""The emergency fund's sections of "Ce qui m'attend"."""

from django.urls import reverse
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
    """A case on the home page: its reference and urgency, nothing more (no
    code name, nothing of its content), so a home page seen over a shoulder
    tells nothing. Listing is not a read: nothing is written to the access log."""
    return {
        "label": f"{case.reference} — {case.get_urgency_display()}",
        "url": case.get_absolute_url(),
        "meta": _deadline(case),
        "overdue": case.is_overdue,
    }


def new_requests(request):
    """The emergency chair: requests received that no officer has yet (the
    chair gives each to an officer). One query."""
    user = request.user
    if not user.is_authenticated or not user.has_role(Role.EMERGENCY_CHAIR):
        return None
    cases = list(selectors.new_requests(user)[:20])
    return [
        {
            "title": _("Nouvelles demandes d'aide à confier"),
            "items": [_item(case) for case in cases],
            "empty_text": _("Aucune nouvelle demande n'attend d'être confiée à un·e chargé·e de dossiers."),
            "role": Role.EMERGENCY_CHAIR,
        }
    ]


def assessments_requested(request):
    """Country focal points: the risk assessments asked of them and not yet
    given (the form is all they see of the case). One query."""
    user = request.user
    if not user.is_authenticated or not user.has_role(Role.COUNTRY_FOCAL_POINT):
        return None
    cases = list(selectors.assessments_requested(user)[:20])
    return [
        {
            "title": _("Évaluations du risque demandées"),
            "items": [
                {
                    "label": f"{case.reference} — {case.get_urgency_display()}",
                    "url": reverse("casework:assessment", kwargs={"reference": case.reference}),
                    "meta": _deadline(case),
                    "overdue": case.is_overdue,
                }
                for case in cases
            ],
            "empty_text": _("Aucune évaluation du risque ne vous est demandée."),
            "role": Role.COUNTRY_FOCAL_POINT,
        }
    ]


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
    """Case officers: the new requests given to them (to verify), then their
    other open cases. One query."""
    user = request.user
    if not user.is_authenticated or not user.has_role(Role.CASE_OFFICER):
        return None
    cases = list(selectors.officer_cases(user)[:30])
    new = [case for case in cases if case.state == case.State.RECEIVED]
    return [
        {
            "title": _("Nouvelles demandes à vérifier"),
            "items": [_item(case) for case in new],
            "empty_text": _("Aucune nouvelle demande ne vous est confiée."),
            "role": Role.CASE_OFFICER,
        },
        {
            "title": _("Mes cas"),
            "items": [_item(case) for case in cases if case.state != case.State.RECEIVED],
            "empty_text": _("Aucun autre cas ne vous est confié pour le moment."),
            "role": Role.CASE_OFFICER,
        },
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


def incidents_to_verify(request):
    """Country focal points (their country) and case officers: incidents
    reported and not yet verified. Reference, type and date only (the place
    and the description stay on the incident's page). One query."""
    user = request.user
    if not user.is_authenticated or not user.has_role(Role.COUNTRY_FOCAL_POINT, Role.CASE_OFFICER):
        return None
    if not user.has_perm("casework.verify_incident"):
        return None
    incidents = list(selectors.incidents_to_verify(user)[:20])
    return [
        {
            "title": _("Incidents à vérifier"),
            "items": [
                {
                    "label": f"{incident.reference} — {incident.get_kind_display()}",
                    "url": incident.get_absolute_url(),
                    "meta": date_format(incident.occurred_on, "SHORT_DATE_FORMAT"),
                }
                for incident in incidents
            ],
            "empty_text": _("Aucun incident n'attend de vérification."),
        }
    ]

"""Security incidents: recorded per country, verified, linked to cases."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import Role
from approvals.access import visible
from approvals.services import notify

from ..models import Case, Incident
from ..permissions import may_change_incident, may_record_incident, may_verify_incident
from .errors import CaseworkRefused

INCIDENT_FIELDS = ("country", "province", "place", "occurred_on", "kind", "victim_profile", "perpetrator", "source", "summary", "severity")


def _linkable_cases(by, references):
    references = [r for r in references if r]
    if not references:
        return []
    cases = list(visible(by, Case.objects.filter(reference__in=references)).only("pk", "reference"))
    missing = set(references) - {case.reference for case in cases}
    if missing:
        raise CaseworkRefused(
            _("Référence(s) de cas inconnue(s) ou hors de votre accès : %(refs)s.") % {"refs": ", ".join(sorted(missing))}, status=400
        )
    return cases


@transaction.atomic
def incident_record(*, by, data: dict, case_references=()) -> Incident:
    if not may_record_incident(by, data.get("country", "")):
        raise CaseworkRefused(_("Vous ne pouvez signaler des incidents que pour votre pays."), status=403)
    incident = Incident.objects.create(recorded_by=by, **{name: data[name] for name in INCIDENT_FIELDS if name in data})
    incident.cases.set(_linkable_cases(by, case_references))
    return incident


@transaction.atomic
def incident_link_cases(*, incident_id: int, by, case_references) -> Incident:
    incident = Incident.objects.select_for_update().get(pk=incident_id)
    if not may_change_incident(by, incident):
        raise CaseworkRefused(_("Vous n'avez pas le droit de modifier cet incident."), status=403)
    incident.cases.add(*_linkable_cases(by, case_references))
    return incident


@transaction.atomic
def incident_verify(*, incident_id: int, by, verification: str) -> Incident:
    """Set the verification status. The first time a high or critical
    incident is verified, the country's focal points are alerted (with no
    detail: they sign in to read it)."""
    incident = Incident.objects.select_for_update().get(pk=incident_id)
    if not may_verify_incident(by, incident):
        raise CaseworkRefused(_("Vous n'avez pas le droit de vérifier cet incident."), status=403)
    if verification not in Incident.Verification.values:
        raise CaseworkRefused(_("Statut de vérification inconnu."), status=400)
    incident.verification = verification
    fields = ["verification"]
    if verification == Incident.Verification.VERIFIED:
        incident.verified_by = by
        incident.verified_at = timezone.now()
        fields += ["verified_by", "verified_at"]
    incident.save(update_fields=fields)
    if verification == Incident.Verification.VERIFIED and incident.severity in Incident.SEVERE:
        focal_points = get_user_model().objects.filter(
            is_active=True, groups__name=Role.COUNTRY_FOCAL_POINT, country=incident.country
        ).values_list("pk", flat=True)
        notify(
            set(focal_points),
            "casework.incident_verified",
            {"incident": incident.reference, "country": incident.country},
            url=incident.get_absolute_url(),
            sensitive=True,
            key=f"incident-verified:{incident.pk}",
        )
    return incident

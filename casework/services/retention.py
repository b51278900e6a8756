"""Retention: identities of long-closed cases are erased; figures stay."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.services import record_event, status_link_revoke

from ..models import Case, Disbursement, WellbeingCheck

IDENTITY_FIELDS = ("legal_name", "aliases", "phone", "email", "messaging", "whereabouts", "threat_narrative", "risk_assessment")


def retention_months() -> int:
    return int(getattr(settings, "RELAIS_CASE_RETENTION_MONTHS", 24))


def erasable_cases(*, now=None, months=None):
    """Ended cases whose last state change is older than the retention period."""
    now = now or timezone.now()
    months = retention_months() if months is None else months
    cutoff = now - timedelta(days=round(months * 365.25 / 12))
    return Case.objects.filter(state__in=Case.ENDED, state_entered_at__lt=cutoff, identity_erased_at__isnull=True)


def case_identity_erase(*, case_id: int, now=None) -> bool:
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        if case.identity_erased_at is not None:
            return False
        for name in IDENTITY_FIELDS:
            setattr(case, name, "")
        case.identity_erased_at = now or timezone.now()
        case.save(update_fields=[*IDENTITY_FIELDS, "identity_erased_at", "updated_at"])
        Disbursement.objects.filter(case=case).update(beneficiary_account="")
        WellbeingCheck.objects.filter(case=case).update(note="")
        status_link_revoke(dossier=case, by=None)
        record_event(
            case,
            comment=_("Identité effacée (durée de conservation de %(months)d mois dépassée) ; les chiffres anonymes sont conservés.")
            % {"months": retention_months()},
        )
    return True


def erase_closed_case_identities(*, dry_run: bool = False, now=None) -> list[str]:
    """Erase what identifies the beneficiaries of long-closed cases.
    Returns the references of the cases erased (or that would be)."""
    references = list(erasable_cases(now=now).order_by("pk").values_list("pk", "reference"))
    if dry_run:
        return [reference for _, reference in references]
    return [reference for pk, reference in references if case_identity_erase(case_id=pk, now=now)]

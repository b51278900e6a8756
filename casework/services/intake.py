"""Intake: a defender applies directly (no account), or a member
organisation's focal point refers one."""

import secrets

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from approvals.access import grant
from approvals.services import dossier_create, notify, status_link_issue

from ..models import Case, CaseSupport, Urgency
from ..permissions import may_refer_cases
from .committee import committee_member_ids, emergency_committee
from .errors import CaseworkRefused

# Neutral words for generated code names: no place, no person, no group.
_TREES = ["Baobab", "Iroko", "Fromager", "Manguier", "Palmier", "Acacia", "Okoumé", "Moabi", "Tamarinier", "Kapokier"]
_BIRDS = ["Colibri", "Héron", "Calao", "Aigrette", "Martin", "Tisserin", "Touraco", "Pélican", "Jacana", "Ibis"]

CASE_FIELDS = (
    "code_name",
    "country",
    "gender",
    "age_band",
    "profile",
    "urgency",
    "requested_amount",
    "currency",
    "channel",
    "legal_name",
    "aliases",
    "phone",
    "email",
    "messaging",
    "whereabouts",
    "threat_narrative",
)


def code_name_generate() -> str:
    return f"{secrets.choice(_TREES)}-{secrets.choice(_BIRDS)}-{secrets.randbelow(90) + 10}"


def _create(*, by, intake: str, data: dict, intake_key, referred_by=None) -> Case:
    fields = {name: data[name] for name in CASE_FIELDS if name in data and data[name] is not None}
    fields["code_name"] = (fields.get("code_name") or "").strip() or code_name_generate()
    try:
        with transaction.atomic():
            case = dossier_create(
                Case, by=by, owner=None, grant_owner=(), intake=intake, referred_by=referred_by, intake_key=intake_key, **fields
            )
    except IntegrityError:
        if intake_key is not None and Case.objects.filter(intake_key=intake_key).exists():
            raise CaseworkRefused(
                _("Cette demande a déjà été reçue : elle n'a pas été enregistrée une seconde fois."), status=409
            ) from None
        raise
    CaseSupport.objects.bulk_create([CaseSupport(case=case, kind=kind) for kind in sorted(set(data.get("support_types") or []))])
    committee = emergency_committee()
    # The chair assigns an officer; a critical case alerts the whole committee.
    recipients = committee_member_ids(committee) if case.urgency == Urgency.CRITICAL else {committee.chair_id} - {None}
    notify(recipients, "casework.case_received", {"reference": case.reference}, url=case.get_absolute_url(), sensitive=True)
    return case


@transaction.atomic
def case_apply(*, data: dict, intake_key=None) -> tuple[Case, str]:
    """A defender applies without an account. Returns the case and the secret
    of its status link (the engine's: shown once, only its hash is kept)."""
    if intake_key is not None and Case.objects.filter(intake_key=intake_key).exists():
        raise CaseworkRefused(_("Cette demande a déjà été reçue : elle n'a pas été enregistrée une seconde fois."), status=409)
    case = _create(by=None, intake=Case.Intake.DIRECT, data=data, intake_key=intake_key)
    return case, status_link_issue(dossier=case, by=None)


@transaction.atomic
def case_refer(*, by, data: dict, intake_key=None) -> Case:
    """A member organisation's focal point refers a defender. The referrer
    may follow the case's public status, and nothing more."""
    if not may_refer_cases(by):
        raise CaseworkRefused(_("Seuls les points focaux des organisations membres peuvent orienter un cas."), status=403)
    if intake_key is not None and Case.objects.filter(intake_key=intake_key).exists():
        raise CaseworkRefused(_("Cette demande a déjà été reçue : elle n'a pas été enregistrée une seconde fois."), status=409)
    case = _create(by=by, intake=Case.Intake.REFERRAL, data=data, intake_key=intake_key, referred_by=by)
    grant(by, case, "view_status")
    return case

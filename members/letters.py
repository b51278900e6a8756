"""What a membership letter may say: plain data only (the letters engine adds
the network, references, dates, outcome and conditions itself)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _


def _recipient_language(application) -> str:
    owner = application.owner
    return (owner.preferred_language if owner is not None else "") or settings.LANGUAGE_CODE


def rejection_reasons(application, decision) -> list[str]:
    reasons = [text.strip() for text in (getattr(decision, "rationale", ""), getattr(decision, "conditions", "")) if text and text.strip()]
    if not reasons and application.recommendation == application.Recommendation.UNFAVOURABLE:
        reasons = [line.strip() for line in application.recommendation_reasons.splitlines() if line.strip()]
    if not reasons:
        reasons = [_("La demande ne remplit pas, à ce jour, les conditions d'adhésion prévues par la charte du réseau.")]
    return reasons


def application_letter_context(application, *, decision=None) -> dict:
    with translation.override(_recipient_language(application)):
        owner = application.owner
        context = {
            "recipient_name": (owner.full_name or owner.email) if owner is not None else application.contact_person,
            "dossier_reference": application.reference,
            "dossier_title": application.title,
            "organisation_name": application.name,
            "organisation_acronym": application.acronym,
            "country": str(application.country_name),
            "requested_items": [str(item) for item in application.requested_items],
        }
        if decision is not None and decision.outcome == "reject":
            context["reasons"] = [str(reason) for reason in rejection_reasons(application, decision)]
        if application.organisation_id:
            context["directory_reference"] = application.organisation.reference
        return context

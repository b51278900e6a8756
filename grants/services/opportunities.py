"""Writes on funding opportunities. State changes go through approvals.perform."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.services import dossier_create, perform, record_event

from .. import fit
from ..models import FitAssessment, Opportunity, OpportunityCountry
from ..permissions import may_manage_opportunities
from ..selectors import access_opportunity, find_existing
from .funders import _set_countries

OPPORTUNITY_FIELDS = (
    "funder_id",
    "title",
    "link",
    "amount_min",
    "amount_max",
    "currency",
    "concept_note_deadline",
    "full_proposal_deadline",
    "deadline_timezone",
    "eligibility_notes",
    "description",
)


def _require(user):
    if not may_manage_opportunities(user):
        raise PermissionDenied(_("Seul le groupe de travail Recherche de financement gère les opportunités."))


def _check_amounts(values: dict) -> None:
    low, high = values.get("amount_min"), values.get("amount_max")
    if (low is not None or high is not None) and not values.get("currency"):
        raise ValidationError({"currency": _("Indiquez la devise du montant.")})
    if low is not None and high is not None and high < low:
        raise ValidationError({"amount_max": _("Le montant maximum est inférieur au minimum.")})


@transaction.atomic
def opportunity_create(*, by, funder_id: int, title: str, theme_ids=(), countries=(), imported_from=None, **fields) -> Opportunity:
    """Record a call for proposals, spotted. The same call (same link, or the
    same funder, title and deadline) is never recorded twice."""
    _require(by)
    values = {"funder_id": funder_id, "title": title.strip(), **{k: v for k, v in fields.items() if k in OPPORTUNITY_FIELDS}}
    _check_amounts(values)
    candidate = Opportunity(**values)
    candidate.refresh_keys()
    candidate.full_clean(exclude=["reference", "state", "natural_key", "link_key"])
    _refuse_duplicate(candidate)
    opportunity = dossier_create(Opportunity, by=by, imported_from=imported_from, **values)
    opportunity.themes.set(theme_ids)
    _set_countries(opportunity, OpportunityCountry, "opportunity", countries)
    return opportunity


def _refuse_duplicate(candidate: Opportunity) -> None:
    existing = find_existing(link_key=candidate.link_key, natural_key=candidate.natural_key, exclude_pk=candidate.pk)
    if existing is not None:
        raise ValidationError(_("Cette opportunité existe déjà : %(reference)s.") % {"reference": existing.reference})


@transaction.atomic
def opportunity_update(*, reference: str, by, theme_ids=None, countries=None, comment: str = "", **fields) -> Opportunity:
    """Edit a call's details. Its deadline timer follows its new deadlines."""
    _require(by)
    opportunity = access_opportunity(by, reference, action="change", for_update=True)
    for name, value in fields.items():
        if name in OPPORTUNITY_FIELDS:
            setattr(opportunity, name, value.strip() if name == "title" else value)
    _check_amounts({f: getattr(opportunity, f) for f in ("amount_min", "amount_max", "currency")})
    opportunity.refresh_keys()
    opportunity.full_clean(exclude=["reference", "state", "natural_key", "link_key"])
    _refuse_duplicate(opportunity)
    if opportunity.state in Opportunity.EXPIRING_STATES:
        opportunity.deadline_at = opportunity.deadline_for(opportunity.state, timezone.now())
    opportunity.save()
    if theme_ids is not None:
        opportunity.themes.set(theme_ids)
    if countries is not None:
        _set_countries(opportunity, OpportunityCountry, "opportunity", countries)
    record_event(opportunity, by=by, comment=comment or _("Fiche de l'opportunité mise à jour."))
    return opportunity


@transaction.atomic
def opportunity_assess(
    *, reference: str, by, eligibility_met: bool, capacity_rating: int, eligibility_note: str = "", capacity_note: str = ""
) -> FitAssessment:
    """Score the call's fit (0–100, five explained parts). A spotted call
    moves to assessment; a call past assessment keeps its score."""
    _require(by)
    opportunity = access_opportunity(by, reference, action="change")
    if opportunity.state == Opportunity.State.SPOTTED:
        perform(opportunity, "start_assessment", by=by)
    if opportunity.state != Opportunity.State.ASSESSING:
        raise ValidationError(_("Le score ne peut être revu que pendant l'évaluation."))
    if not 1 <= int(capacity_rating) <= 5:
        raise ValidationError({"capacity_rating": _("Choisissez une note de 1 à 5.")})
    parts = fit.score_parts(opportunity=opportunity, eligibility_met=eligibility_met, capacity_rating=int(capacity_rating))
    score = fit.total(parts)
    assessment = FitAssessment.objects.create(
        opportunity=opportunity,
        eligibility_met=eligibility_met,
        eligibility_note=eligibility_note,
        capacity_rating=int(capacity_rating),
        capacity_note=capacity_note,
        score=score,
        parts=parts,
        assessed_by=by,
    )
    Opportunity.objects.filter(pk=opportunity.pk).update(fit_score=score, updated_at=timezone.now())
    opportunity.fit_score = score
    record_event(opportunity, by=by, comment=_("Adéquation évaluée : %(score)d/100.") % {"score": score})
    return assessment

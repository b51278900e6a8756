"""Writes on joint proposals. Object-level rights are checked here, not only
in views: the lead's focal points and the fundraising group edit the whole
proposal; a partner's focal points edit that partner's row and budget lines."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.access import access, grant, revoke
from approvals.services import dossier_create, notify, record_event
from approvals.uploads import CSV, DOCX, JPEG, ODS, ODT, PDF, PNG, TXT, XLSX, inspect_upload, upload_policy
from members.models import Organisation

from ..models import BudgetLine, JointProposal, LogframeItem, Opportunity, ProposalCountry, ProposalDocument, ProposalPartner
from ..permissions import (
    is_focal_point,
    may_confirm_partner,
    may_create_proposals,
    may_edit_budget_line,
    may_edit_partner_part,
    may_edit_proposal,
)
from ..selectors import access_proposal
from .funders import _set_countries

PROPOSAL_FIELDS = ("title", "duration_months", "summary", "currency")
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
# Checked by content (approvals.uploads), never by the name alone.
PROPOSAL_DOCUMENT = upload_policy(
    "proposal_document",
    types=(PDF, DOCX, ODT, XLSX, ODS, CSV, TXT, JPEG, PNG),
    max_bytes=DOCUMENT_MAX_BYTES,
    description="Documents d'une proposition conjointe",
)


def _locked(proposal_id: int) -> JointProposal:
    return JointProposal.objects.select_for_update().select_related("lead_organisation").get(pk=proposal_id)


def _require_editable(proposal: JointProposal) -> None:
    if not proposal.is_editable:
        raise ValidationError(
            _("La proposition est « %(state)s » : son contenu ne peut plus changer.")
            % {"state": proposal.state_label(proposal.state)}
        )


def _member(organisation_id: int) -> Organisation:
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None or organisation.state != Organisation.State.ACTIVE:
        raise ValidationError(_("Seule une organisation membre active peut prendre part à une proposition."))
    return organisation


def _focal_point_users(organisation_id: int):
    return get_user_model().objects.filter(organisations=organisation_id, is_active=True)


@transaction.atomic
def proposal_create(
    *, by, title: str, lead_organisation_id: int, currency: str, opportunity_id: int | None = None,
    theme_ids=(), countries=(), duration_months=None, summary: str = "",
) -> JointProposal:
    """Open a joint proposal led by a member organisation; when it answers a
    call, the COPIL must have said go. The lead's focal points may edit it."""
    if not may_create_proposals(by):
        raise PermissionDenied(_("Seul le groupe de travail Recherche de financement ouvre une proposition."))
    lead = _member(lead_organisation_id)
    opportunity = None
    if opportunity_id is not None:
        opportunity = access(by, Opportunity, pk=opportunity_id)
        if opportunity.state != Opportunity.State.PURSUING:
            raise ValidationError(
                {"opportunity": _("L'appel %(reference)s n'a pas reçu le « go » du COPIL.") % {"reference": opportunity.reference}}
            )
    proposal = JointProposal(
        title=title.strip(), lead_organisation=lead, opportunity=opportunity, currency=currency,
        duration_months=duration_months, summary=summary,
    )
    proposal.full_clean(exclude=["reference", "state"])
    proposal = dossier_create(
        JointProposal, by=by, title=proposal.title, lead_organisation=lead, opportunity=opportunity,
        currency=currency, duration_months=duration_months, summary=summary,
    )
    proposal.themes.set(theme_ids)
    _set_countries(proposal, ProposalCountry, "proposal", countries)
    for user in _focal_point_users(lead.pk):
        grant(user, proposal, "view", "change")
    return proposal


@transaction.atomic
def proposal_update(*, reference: str, by, theme_ids=None, countries=None, **fields) -> JointProposal:
    proposal = access_proposal(by, reference)
    if not may_edit_proposal(proposal, by):
        raise PermissionDenied(_("Seuls l'organisation cheffe de file et le groupe de travail modifient la proposition."))
    proposal = _locked(proposal.pk)
    _require_editable(proposal)
    for name, value in fields.items():
        if name in PROPOSAL_FIELDS:
            setattr(proposal, name, value)
    proposal.full_clean(exclude=["reference", "state"])
    proposal.save()
    if theme_ids is not None:
        proposal.themes.set(theme_ids)
    if countries is not None:
        _set_countries(proposal, ProposalCountry, "proposal", countries)
    return proposal


def _check_shares(proposal: JointProposal, *, share: Decimal, excluding_partner_id=None) -> None:
    others = proposal.partners.exclude(pk=excluding_partner_id).aggregate(total=Sum("budget_share_percent"))["total"] or 0
    if Decimal(others) + share > 100:
        raise ValidationError(
            {"budget_share_percent": _("Les parts des partenaires dépasseraient 100 %% (déjà %(others)s %%).") % {"others": others}}
        )


@transaction.atomic
def proposal_partner_add(*, reference: str, by, organisation_id: int, role: str, budget_share_percent: Decimal) -> ProposalPartner:
    """Invite a member organisation as partner; its focal points may then see
    the proposal and are asked to confirm."""
    proposal = access_proposal(by, reference)
    if not may_edit_proposal(proposal, by):
        raise PermissionDenied(_("Seuls l'organisation cheffe de file et le groupe de travail ajoutent des partenaires."))
    proposal = _locked(proposal.pk)
    _require_editable(proposal)
    organisation = _member(organisation_id)
    if organisation.pk == proposal.lead_organisation_id:
        raise ValidationError({"organisation": _("L'organisation cheffe de file ne peut pas être aussi partenaire.")})
    _check_shares(proposal, share=budget_share_percent)
    partner = ProposalPartner(proposal=proposal, organisation=organisation, role=role, budget_share_percent=budget_share_percent)
    partner.full_clean()
    try:
        with transaction.atomic():
            partner.save()
    except IntegrityError:
        raise ValidationError({"organisation": _("Cette organisation est déjà partenaire de la proposition.")}) from None
    focal_points = list(_focal_point_users(organisation.pk))
    for user in focal_points:
        grant(user, proposal, "view")
    record_event(proposal, by=by, comment=_("Partenaire ajouté : %(name)s.") % {"name": organisation})
    notify(
        {user.pk for user in focal_points},
        "grants.partner_invited",
        {"reference": proposal.reference, "title": proposal.title, "organisation": str(organisation)},
        url=proposal.get_absolute_url(),
    )
    return partner


def _partner_for(user, partner_id: int) -> ProposalPartner:
    partner = ProposalPartner.objects.select_related("proposal", "organisation").filter(pk=partner_id).first()
    if partner is None:
        raise ProposalPartner.DoesNotExist
    access_proposal(user, partner.proposal.reference)  # 404 for anyone who may not see it
    return partner


@transaction.atomic
def proposal_partner_update(*, partner_id: int, by, role: str, budget_share_percent: Decimal) -> ProposalPartner:
    """Change a partner's role or share. Changed by anyone but the partner
    itself, the partner must confirm again."""
    partner = _partner_for(by, partner_id)
    if not may_edit_partner_part(by, partner):
        raise PermissionDenied(_("Vous ne pouvez modifier que la part de votre organisation."))
    proposal = _locked(partner.proposal_id)
    _require_editable(proposal)
    partner = ProposalPartner.objects.select_for_update().get(pk=partner_id)
    _check_shares(proposal, share=budget_share_percent, excluding_partner_id=partner.pk)
    changed = partner.role != role or partner.budget_share_percent != budget_share_percent
    partner.role, partner.budget_share_percent = role, budget_share_percent
    if changed and not is_focal_point(by, partner.organisation_id):
        partner.confirmed_at, partner.confirmed_by = None, None
    partner.full_clean()
    partner.save()
    if changed:
        record_event(proposal, by=by, comment=_("Part du partenaire %(name)s modifiée.") % {"name": partner.organisation})
    return partner


@transaction.atomic
def proposal_partner_remove(*, partner_id: int, by) -> None:
    partner = _partner_for(by, partner_id)
    if not may_edit_proposal(partner.proposal, by):
        raise PermissionDenied(_("Seuls l'organisation cheffe de file et le groupe de travail retirent un partenaire."))
    proposal = _locked(partner.proposal_id)
    _require_editable(proposal)
    if proposal.budget_lines.filter(organisation_id=partner.organisation_id).exists():
        raise ValidationError(_("Retirez d'abord les lignes budgétaires de ce partenaire."))
    organisation = partner.organisation
    partner.delete()
    still_tied = proposal.organisation_ids()
    for user in _focal_point_users(organisation.pk).exclude(organisations__in=still_tied):
        revoke(user, proposal, "view", "change")
    record_event(proposal, by=by, comment=_("Partenaire retiré : %(name)s.") % {"name": organisation})


@transaction.atomic
def proposal_partner_confirm(*, partner_id: int, by) -> ProposalPartner:
    """A partner's focal point confirms, from their own account, the
    organisation's role and share."""
    partner = _partner_for(by, partner_id)
    if not may_confirm_partner(by, partner):
        raise PermissionDenied(_("Seul un point focal de l'organisation partenaire peut confirmer sa participation."))
    proposal = _locked(partner.proposal_id)
    if proposal.state not in JointProposal.CONFIRMABLE_STATES:
        raise ValidationError(_("La participation ne peut plus être confirmée à ce stade."))
    partner = ProposalPartner.objects.select_for_update().get(pk=partner_id)
    if partner.confirmed_at is None:
        partner.confirmed_at, partner.confirmed_by = timezone.now(), by
        partner.save(update_fields=["confirmed_at", "confirmed_by"])
        record_event(
            proposal, by=by, comment=_("Participation confirmée : %(name)s.") % {"name": partner.organisation}, public=True,
            label=_("Participation confirmée : %(name)s") % {"name": partner.organisation},
        )
        lead_ids = set(_focal_point_users(proposal.lead_organisation_id).values_list("pk", flat=True))
        notify(
            lead_ids | ({proposal.owner_id} if proposal.owner_id else set()),
            "grants.partner_confirmed",
            {"reference": proposal.reference, "organisation": str(partner.organisation)},
            url=proposal.get_absolute_url(),
        )
    return partner


# --- budget -------------------------------------------------------------------------------


def _check_line_organisation(proposal: JointProposal, organisation_id: int) -> None:
    if organisation_id not in proposal.organisation_ids():
        raise ValidationError({"organisation": _("Une ligne budgétaire appartient à la cheffe de file ou à un partenaire.")})


@transaction.atomic
def budget_line_add(*, reference: str, by, organisation_id: int, category: str, description: str, amount: Decimal, currency: str) -> BudgetLine:
    proposal = access_proposal(by, reference)
    proposal = _locked(proposal.pk)
    _check_line_organisation(proposal, organisation_id)
    if not may_edit_budget_line(by, proposal, organisation_id):
        raise PermissionDenied(_("Vous ne pouvez modifier que les lignes budgétaires de votre organisation."))
    _require_editable(proposal)
    line = BudgetLine(
        proposal=proposal, organisation_id=organisation_id, category=category, description=description,
        amount=amount, currency=currency, created_by=by,
    )
    line.full_clean()
    line.save()
    return line


def _line_for(user, line_id: int) -> BudgetLine:
    line = BudgetLine.objects.select_related("proposal").get(pk=line_id)
    access_proposal(user, line.proposal.reference)
    return line


@transaction.atomic
def budget_line_update(*, line_id: int, by, category: str, description: str, amount: Decimal, currency: str) -> BudgetLine:
    line = _line_for(by, line_id)
    proposal = _locked(line.proposal_id)
    if not may_edit_budget_line(by, proposal, line.organisation_id):
        raise PermissionDenied(_("Vous ne pouvez modifier que les lignes budgétaires de votre organisation."))
    _require_editable(proposal)
    line = BudgetLine.objects.select_for_update().get(pk=line_id)
    line.category, line.description, line.amount, line.currency = category, description, amount, currency
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def budget_line_delete(*, line_id: int, by) -> None:
    line = _line_for(by, line_id)
    proposal = _locked(line.proposal_id)
    if not may_edit_budget_line(by, proposal, line.organisation_id):
        raise PermissionDenied(_("Vous ne pouvez modifier que les lignes budgétaires de votre organisation."))
    _require_editable(proposal)
    BudgetLine.objects.filter(pk=line.pk).delete()


# --- logical framework and documents -------------------------------------------------------------


@transaction.atomic
def logframe_item_add(*, reference: str, by, kind: str, text: str, parent_id: int | None = None, target: str = "") -> LogframeItem:
    """An objective, a result under an objective, or an indicator under a result."""
    proposal = access_proposal(by, reference)
    if not may_edit_proposal(proposal, by):
        raise PermissionDenied(_("Seuls l'organisation cheffe de file et le groupe de travail modifient le cadre logique."))
    proposal = _locked(proposal.pk)
    _require_editable(proposal)
    expected_parent = {LogframeItem.Kind.RESULT: LogframeItem.Kind.OBJECTIVE, LogframeItem.Kind.INDICATOR: LogframeItem.Kind.RESULT}
    parent = None
    if kind in expected_parent:
        parent = LogframeItem.objects.filter(pk=parent_id, proposal=proposal, kind=expected_parent[kind]).first()
        if parent is None:
            raise ValidationError(
                {"parent": _("Un résultat se rattache à un objectif, un indicateur à un résultat.")}
            )
    item = LogframeItem(proposal=proposal, kind=kind, parent=parent, text=text, target=target if kind == "indicator" else "")
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def logframe_item_delete(*, item_id: int, by) -> None:
    item = LogframeItem.objects.select_related("proposal").get(pk=item_id)
    proposal = access_proposal(by, item.proposal.reference)
    if not may_edit_proposal(proposal, by):
        raise PermissionDenied(_("Seuls l'organisation cheffe de file et le groupe de travail modifient le cadre logique."))
    _require_editable(_locked(proposal.pk))
    item.delete()


@transaction.atomic
def proposal_document_add(*, reference: str, by, title: str, upload, organisation_id: int | None = None) -> ProposalDocument:
    """Attach a file (10 MB at most, office documents, PDF or images). A
    partner's focal point attaches documents for its own organisation."""
    proposal = access_proposal(by, reference)
    if organisation_id is not None and organisation_id not in proposal.organisation_ids():
        raise ValidationError({"organisation": _("Choisissez la cheffe de file ou un partenaire.")})
    if not may_edit_proposal(proposal, by) and not (organisation_id and is_focal_point(by, organisation_id)):
        raise PermissionDenied(_("Vous ne pouvez déposer des documents que pour votre organisation."))
    if proposal.state in JointProposal.CLOSED_STATES:
        raise ValidationError(_("La proposition est close : on n'y dépose plus de documents."))
    try:
        checked = inspect_upload(upload, accept=PROPOSAL_DOCUMENT)
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from None
    document = ProposalDocument(
        proposal=proposal, title=title, original_name=checked.download_name[:255], size=checked.size,
        sha256=checked.sha256, organisation_id=organisation_id, uploaded_by=by,
    )
    # Stored under the DETECTED extension (the download's name and type come from it).
    document.file.save(f"document.{checked.extension}", ContentFile(checked.content), save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    record_event(proposal, by=by, comment=_("Document déposé : %(title)s.") % {"title": title})
    return document


"""Joint proposals: list, page, and the parts each person may edit."""

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approvals.uploads import attachment_headers, download_name

from .. import selectors, services
from ..agreement_selectors import visible_agreements
from ..forms import BudgetLineForm, DocumentForm, LogframeItemForm, PartnerEditForm, PartnerForm, ProposalForm
from ..models import JointProposal
from ..permissions import (
    budget_line_actions,
    may_create_proposals,
    may_edit_budget_line,
    may_edit_partner_part,
    may_edit_proposal,
    organisations_editable_by,
    partner_actions,
    proposal_actions,
)
from .common import apply_errors, dossier_context, page, require


@page
def proposals(request):
    return render(
        request,
        "grants/proposals.html",
        {"proposals": selectors.proposals_list(request.user), "may_create": may_create_proposals(request.user)},
    )


@page
def proposal_new(request):
    require(may_create_proposals(request.user))
    opportunities = list(selectors.pursued_opportunities(request.user))
    initial = {}
    wanted = request.GET.get("appel")
    if wanted:
        chosen = next((o for o in opportunities if o.reference == wanted), None)
        if chosen is not None:
            initial = {
                "opportunity": chosen.pk,
                "title": chosen.title,
                "currency": chosen.currency or None,
                "themes": list(chosen.themes.values_list("pk", flat=True)),
                "countries": chosen.country_codes,
            }
    form = ProposalForm(request.POST or None, opportunities=opportunities, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            proposal = services.proposal_create(
                by=request.user,
                lead_organisation_id=data.pop("lead_organisation").pk,
                opportunity_id=data.pop("opportunity"),
                theme_ids=[t.pk for t in data.pop("themes")],
                **data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Proposition %(reference)s ouverte.") % {"reference": proposal.reference})
            return redirect(proposal.get_absolute_url())
    return render(request, "grants/proposal_form.html", {"form": form})


def _proposal_page(request, proposal, *, partner_form=None, budget_form=None, logframe_form=None, document_form=None, status=200):
    user = request.user
    proposal = selectors.proposal_for_page(proposal)
    own_organisations = organisations_editable_by(user, proposal)
    actions = proposal_actions(user, proposal, organisations=own_organisations)
    partners = [
        {"row": partner, "actions": partner_actions(user, proposal, partner, proposal_actions=actions)}
        for partner in proposal.partners.all()
    ]
    lines = [{"line": line, "actions": budget_line_actions(user, proposal, line)} for line in proposal.budget_lines.all()]
    logframe = list(proposal.logframe.all())
    children = {}
    for item in logframe:
        children.setdefault(item.parent_id, []).append(item)
    share_total = sum((p.budget_share_percent for p in proposal.partners.all()), 0)
    awaiting = any(not p["row"].is_confirmed for p in partners)
    agreement = None
    if proposal.state in (JointProposal.State.AWARDED, JointProposal.State.IN_IMPLEMENTATION, JointProposal.State.CLOSED):
        agreement = visible_agreements(user).filter(proposal=proposal).first()
    return render(
        request,
        "grants/proposal_detail.html",
        {
            **dossier_context(request, proposal),
            "proposal": proposal,
            "actions": actions,
            "partners": partners,
            "lead_share": 100 - share_total,
            "lines": lines,
            "totals": selectors.budget_totals(proposal),
            "objectives": children.get(None, []),
            "children": children,
            "documents": proposal.documents.all(),
            "agreement": agreement,
            # Before the COPIL is asked, say what still blocks it.
            "confirmations_awaited": awaiting and proposal.state == JointProposal.State.INTERNAL_REVIEW,
            "partner_form": partner_form or (PartnerForm(proposal=proposal) if "add_partner" in actions else None),
            "budget_form": budget_form or (BudgetLineForm(organisations=own_organisations) if "add_budget_line" in actions else None),
            "logframe_form": logframe_form or (LogframeItemForm(items=logframe) if "edit_logframe" in actions else None),
            "document_form": document_form or (DocumentForm(organisations=own_organisations) if "add_document" in actions else None),
        },
        status=status,
    )


@page
def proposal_detail(request, reference):
    return _proposal_page(request, selectors.access_proposal(request.user, reference))


@page
def proposal_edit(request, reference):
    proposal = selectors.access_proposal(request.user, reference)
    require(may_edit_proposal(proposal, request.user))
    initial = {
        "title": proposal.title,
        "themes": list(proposal.themes.values_list("pk", flat=True)),
        "countries": proposal.country_codes,
        "duration_months": proposal.duration_months,
        "summary": proposal.summary,
        "currency": proposal.currency,
    }
    form = ProposalForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.proposal_update(
                reference=reference, by=request.user, theme_ids=[t.pk for t in data.pop("themes")], **data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Proposition mise à jour."))
            return redirect(proposal.get_absolute_url())
    return render(request, "grants/proposal_form.html", {"form": form, "proposal": proposal})


@page
@require_POST
def partner_add(request, reference):
    proposal = selectors.access_proposal(request.user, reference)
    form = PartnerForm(request.POST, proposal=proposal)
    if form.is_valid():
        try:
            services.proposal_partner_add(
                reference=reference,
                by=request.user,
                organisation_id=form.cleaned_data["organisation"].pk,
                role=form.cleaned_data["role"],
                budget_share_percent=form.cleaned_data["budget_share_percent"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Partenaire ajouté : ses points focaux sont invités à confirmer."))
            return redirect(proposal.get_absolute_url())
    return _proposal_page(request, proposal, partner_form=form, status=400)


@page
def partner_edit(request, reference, pk):
    partner = selectors.access_partner(request.user, reference, pk)
    if not may_edit_partner_part(request.user, partner):
        raise PermissionDenied(_("Vous ne pouvez modifier que la part de votre organisation."))
    form = PartnerEditForm(request.POST or None, initial={"role": partner.role, "budget_share_percent": partner.budget_share_percent})
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_partner_update(partner_id=partner.pk, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Part du partenaire mise à jour."))
            return redirect(partner.proposal.get_absolute_url())
    return render(request, "grants/partner_form.html", {"form": form, "partner": partner, "proposal": partner.proposal})


@page
@require_POST
def partner_confirm(request, reference, pk):
    partner = selectors.access_partner(request.user, reference, pk)
    try:
        services.proposal_partner_confirm(partner_id=partner.pk, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Participation de %(name)s confirmée.") % {"name": partner.organisation})
    return redirect(partner.proposal.get_absolute_url())


@page
@require_POST
def partner_remove(request, reference, pk):
    partner = selectors.access_partner(request.user, reference, pk)
    try:
        services.proposal_partner_remove(partner_id=partner.pk, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Partenaire retiré."))
    return redirect(partner.proposal.get_absolute_url())


@page
@require_POST
def budget_add(request, reference):
    proposal = selectors.access_proposal(request.user, reference)
    form = BudgetLineForm(request.POST, organisations=organisations_editable_by(request.user, proposal))
    if form.is_valid():
        try:
            services.budget_line_add(reference=reference, by=request.user, organisation_id=form.cleaned_data.pop("organisation"), **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Ligne budgétaire ajoutée."))
            return redirect(proposal.get_absolute_url() + "#budget")
    return _proposal_page(request, proposal, budget_form=form, status=400)


@page
def budget_edit(request, reference, pk):
    line = selectors.access_budget_line(request.user, reference, pk)
    if not may_edit_budget_line(request.user, line.proposal, line.organisation_id):
        raise PermissionDenied(_("Vous ne pouvez modifier que les lignes budgétaires de votre organisation."))
    initial = {f: getattr(line, f) for f in ("category", "description", "amount", "currency")}
    initial["organisation"] = line.organisation_id
    form = BudgetLineForm(request.POST or None, initial=initial, organisations=[line.organisation])
    form.fields["organisation"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("organisation")
        try:
            services.budget_line_update(line_id=line.pk, by=request.user, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Ligne budgétaire mise à jour."))
            return redirect(line.proposal.get_absolute_url() + "#budget")
    return render(request, "grants/budget_line_form.html", {"form": form, "line": line, "proposal": line.proposal})


@page
@require_POST
def budget_delete(request, reference, pk):
    line = selectors.access_budget_line(request.user, reference, pk)
    try:
        services.budget_line_delete(line_id=line.pk, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Ligne budgétaire supprimée."))
    return redirect(line.proposal.get_absolute_url() + "#budget")


@page
@require_POST
def logframe_add(request, reference):
    proposal = selectors.access_proposal(request.user, reference)
    form = LogframeItemForm(request.POST, items=list(proposal.logframe.all()))
    if form.is_valid():
        try:
            services.logframe_item_add(reference=reference, by=request.user, **{
                "kind": form.cleaned_data["kind"], "text": form.cleaned_data["text"],
                "parent_id": form.cleaned_data["parent"], "target": form.cleaned_data["target"],
            })
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Élément ajouté au cadre logique."))
            return redirect(proposal.get_absolute_url() + "#cadre-logique")
    return _proposal_page(request, proposal, logframe_form=form, status=400)


@page
@require_POST
def logframe_delete(request, reference, pk):
    item = selectors.access_logframe_item(request.user, reference, pk)
    proposal = item.proposal
    try:
        services.logframe_item_delete(item_id=item.pk, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(proposal.get_absolute_url() + "#cadre-logique")


@page
@require_POST
def document_add(request, reference):
    proposal = selectors.access_proposal(request.user, reference)
    form = DocumentForm(request.POST, request.FILES, organisations=organisations_editable_by(request.user, proposal))
    if form.is_valid():
        try:
            services.proposal_document_add(
                reference=reference,
                by=request.user,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["upload"],
                organisation_id=form.cleaned_data["organisation"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Document déposé."))
            return redirect(proposal.get_absolute_url() + "#documents")
    return _proposal_page(request, proposal, document_form=form, status=400)


@page
def document_download(request, reference, pk):
    document = selectors.access_proposal_document(request.user, reference, pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # The extension is the one detected at upload (the stored file's), never the name's.
    extension = PurePath(document.file.name).suffix.lstrip(".")
    response = FileResponse(handle, content_type="application/octet-stream")
    return attachment_headers(response, download_name(document.original_name, extension))

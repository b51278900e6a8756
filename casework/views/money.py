"""Funds, contributions and disbursements."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import ContributionForm, DisbursementForm, FundForm, RefuseForm
from ..models import Disbursement, Fund
from .common import no_store


@never_cache
@login_required
def disbursement_new(request, reference):
    """One tranche. The form carries an idempotency key: a double click or a
    resubmission shows the tranche already recorded and records nothing."""
    case = selectors.access_case(request.user, reference)
    form = DisbursementForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not form.is_valid():
            return no_store(render(request, "casework/disbursement_new.html", {"case": case, "form": form}, status=400))
        data = form.cleaned_data
        disbursement, created = services.disbursement_request(
            case_id=case.pk,
            by=request.user,
            amount=data["amount"],
            channel=data["channel"],
            reference=data["reference"],
            beneficiary_account=data["beneficiary_account"],
            idempotency_key=data["idempotency_key"],
            proof_upload=data.get("proof"),
        )
        if not created:
            messages.info(request, _("Ce décaissement était déjà enregistré : il n'a pas été compté deux fois."))
        elif disbursement.status == Disbursement.Status.AWAITING_CONFIRMATION:
            messages.success(request, _("Décaissement enregistré : il attend la confirmation d'une deuxième personne."))
        else:
            messages.success(request, _("Décaissement enregistré."))
        return redirect(case.get_absolute_url() + "#decaissements")
    return no_store(render(request, "casework/disbursement_new.html", {"case": case, "form": form}))


@login_required
@require_POST
def disbursement_confirm(request, pk):
    disbursement = selectors.access_disbursement(request.user, pk)
    services.disbursement_confirm(disbursement_id=disbursement.pk, by=request.user)
    messages.success(request, _("Décaissement confirmé."))
    return redirect(disbursement.case.get_absolute_url() + "#decaissements")


@login_required
@require_POST
def disbursement_refuse(request, pk):
    disbursement = selectors.access_disbursement(request.user, pk)
    form = RefuseForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.disbursement_refuse(disbursement_id=disbursement.pk, by=request.user, reason=reason)
    messages.success(request, _("Décaissement refusé."))
    return redirect(disbursement.case.get_absolute_url() + "#decaissements")


@never_cache
@login_required
@permission_required("casework.view_fund", raise_exception=True)
def fund_list(request):
    form = FundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fund = services.fund_create(by=request.user, **form.cleaned_data)
        return redirect("casework:fund", pk=fund.pk)
    return render(request, "casework/fund_list.html", {"funds": selectors.funds(), "form": form})


@never_cache
@login_required
@permission_required("casework.view_fund", raise_exception=True)
def fund_detail(request, pk):
    fund = get_object_or_404(Fund, pk=pk)
    form = ContributionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contribution_record(fund_id=fund.pk, by=request.user, **form.service_arguments())
        messages.success(request, _("Contribution enregistrée."))
        return redirect("casework:fund", pk=fund.pk)
    return render(
        request,
        "casework/fund_detail.html",
        {"fund": fund, "contributions": fund.contributions.select_related("recorded_by", "funder")[:200], "form": form},
    )

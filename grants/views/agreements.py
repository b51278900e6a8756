"""Grant agreements: the list, the agreement's page, its money forms.

A partner's focal points reach the agreement of a project they take part in
and see their own share and transfers only; every other part answers 404."""

from pathlib import PurePath

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from approvals.uploads import attachment_headers, download_name

from .. import agreement_selectors as selectors
from ..agreement_forms import AgreementForm, RefuseForm, TrancheExpectForm, TrancheReceiveForm, TransferForm
from ..models import Funder, FunderTranche
from ..permissions import agreement_actions, transfer_actions
from ..selectors import visible_proposals
from ..services import agreements as services
from .common import apply_errors, page, require


@page
def agreements(request):
    return render(request, "grants/agreements/list.html", {"agreements": selectors.visible_agreements(request.user)})


def _page(request, agreement, scope, *, refuse_form=None, status=200):
    actions = agreement_actions(request.user, agreement)
    transfers = [
        {"row": t, "actions": transfer_actions(request.user, t)} for t in selectors.transfers_in_scope(agreement, scope)
    ]
    return render(
        request,
        "grants/agreements/detail.html",
        {
            "agreement": agreement,
            "proposal": agreement.proposal,
            # An auditor reads the agreement, not the proposal behind it.
            "proposal_visible": visible_proposals(request.user).filter(pk=agreement.proposal_id).exists(),
            "whole": scope is None,
            "actions": actions,
            "shares": selectors.shares_in_scope(agreement, scope),
            "tranches": selectors.tranches_of(agreement, scope),
            "transfers": transfers,
            "refuse_form": refuse_form or RefuseForm(),
        },
        status=status,
    )


@page
def agreement_detail(request, pk):
    agreement, scope = selectors.access_agreement(request.user, pk)
    return _page(request, agreement, scope)


def _managed(request, pk, action):
    agreement, scope = selectors.access_agreement(request.user, pk)
    require(action in agreement_actions(request.user, agreement))
    return agreement


@never_cache
@page
def agreement_edit(request, pk):
    agreement = _managed(request, pk, "edit")
    initial = {f: getattr(agreement, f) for f in services.setup.UPDATABLE_FIELDS}
    form = AgreementForm(request.POST or None, request.FILES or None, funders=Funder.objects.all(), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("signed_document")
        try:
            services.agreement_update(agreement_id=agreement.pk, by=request.user, document_upload=upload, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Accord enregistré."))
            return redirect(agreement.get_absolute_url())
    status = 400 if form.is_bound else 200
    return render(request, "grants/agreements/form.html", {"agreement": agreement, "form": form}, status=status)


@never_cache
@page
def tranche_new(request, pk):
    agreement = _managed(request, pk, "tranche")
    form = TrancheExpectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.tranche_expect(agreement_id=agreement.pk, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Tranche attendue enregistrée."))
            return redirect(agreement.get_absolute_url() + "#tranches")
    return render(request, "grants/agreements/tranche_form.html",
                  {"agreement": agreement, "form": form, "title": _("Tranche attendue du bailleur")},
                  status=400 if form.is_bound else 200)


@never_cache
@page
def tranche_receive(request, pk):
    agreement = _managed(request, pk, "tranche")
    expected = list(agreement.tranches.filter(state=FunderTranche.State.EXPECTED))
    initial = {"currency": agreement.currency}
    wanted = request.GET.get("tranche", "")
    if wanted.isdigit() and any(t.pk == int(wanted) for t in expected):
        initial["tranche"] = int(wanted)
    form = TrancheReceiveForm(request.POST or None, expected=expected, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            _tranche, created = services.tranche_receive(
                agreement_id=agreement.pk, by=request.user, tranche_id=data.pop("tranche"), **data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if created:
                messages.success(request, _("Tranche reçue enregistrée."))
            else:
                messages.info(request, _("Cette tranche était déjà enregistrée : elle n'a pas été comptée deux fois."))
            return redirect(agreement.get_absolute_url() + "#tranches")
    return render(request, "grants/agreements/tranche_form.html",
                  {"agreement": agreement, "form": form, "title": _("Tranche reçue du bailleur")},
                  status=400 if form.is_bound else 200)


@never_cache
@page
def transfer_new(request, pk):
    """One transfer. The form carries an idempotency key: a double click or a
    resubmission shows the transfer already recorded and records nothing."""
    agreement = _managed(request, pk, "transfer")
    shares = list(selectors.shares_in_scope(agreement, None))
    form = TransferForm(request.POST or None, request.FILES or None, shares=shares)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            transfer, created = services.transfer_record(
                agreement_id=agreement.pk, by=request.user, share_id=data["share"], amount=data["amount"],
                sent_on=data["sent_on"], reference=data["reference"], idempotency_key=data["idempotency_key"],
                proof_upload=data.get("proof"),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if not created:
                messages.info(request, _("Ce transfert était déjà enregistré : il n'a pas été compté deux fois."))
            elif transfer.state == transfer.State.AWAITING_CONFIRMATION:
                messages.success(request, _("Transfert enregistré : il attend la confirmation d'une deuxième personne."))
            else:
                messages.success(request, _("Transfert enregistré."))
            return redirect(agreement.get_absolute_url() + "#transferts")
    return render(request, "grants/agreements/transfer_form.html",
                  {"agreement": agreement, "form": form, "shares": shares}, status=400 if form.is_bound else 200)


def _transfer_step(request, pk, transfer_pk, action):
    agreement, transfer = selectors.access_transfer(request.user, pk, transfer_pk)
    if action not in transfer_actions(request.user, transfer):
        if action in ("confirm", "refuse") and transfer.requested_by_id == request.user.pk:
            raise PermissionDenied(_("Une autre personne que celle qui a enregistré ce transfert doit le confirmer."))
        raise PermissionDenied
    return agreement, transfer


@page
@require_POST
def transfer_confirm(request, pk, transfer_pk):
    agreement, transfer = _transfer_step(request, pk, transfer_pk, "confirm")
    try:
        services.transfer_confirm(transfer_id=transfer.pk, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Transfert confirmé."))
    return redirect(agreement.get_absolute_url() + "#transferts")


@page
@require_POST
def transfer_refuse(request, pk, transfer_pk):
    agreement, transfer = _transfer_step(request, pk, transfer_pk, "refuse")
    form = RefuseForm(request.POST)
    if form.is_valid():
        try:
            services.transfer_refuse(transfer_id=transfer.pk, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Transfert refusé."))
            return redirect(agreement.get_absolute_url() + "#transferts")
    _agreement, scope = selectors.access_agreement(request.user, pk)
    return _page(request, agreement, scope, refuse_form=form, status=400)


@page
@require_POST
def transfer_acknowledge(request, pk, transfer_pk):
    agreement, transfer = _transfer_step(request, pk, transfer_pk, "acknowledge")
    services.transfer_acknowledge(transfer_id=transfer.pk, by=request.user)
    messages.success(request, _("Réception du transfert confirmée."))
    return redirect(agreement.get_absolute_url() + "#transferts")


def _download(field, original_name):
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = PurePath(field.name).suffix.lstrip(".")
    response = FileResponse(handle, content_type="application/octet-stream")
    return attachment_headers(response, download_name(original_name, extension))


@page
def agreement_document(request, pk):
    agreement, scope = selectors.access_agreement(request.user, pk)
    if scope is not None:
        raise Http404
    return _download(agreement.signed_document, agreement.signed_document_name)


@page
def transfer_proof(request, pk, transfer_pk):
    _agreement, transfer = selectors.access_transfer(request.user, pk, transfer_pk)
    return _download(transfer.proof, transfer.proof_name)

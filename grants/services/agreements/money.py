"""An agreement's money: tranches from the funder in, transfers to the
partners out, with the emergency fund's rules.

Lock order, everywhere: the agreement row, then the share row. Every rule
below is also a database constraint (see grants.models.agreements), so a bug
here fails loudly instead of transferring twice.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.services import notify, record_event
from approvals.uploads import inspect_upload

from ...models import FunderTranche, GrantAgreement, PartnerShare, PartnerTransfer
from ...money import MAX_AMOUNT, format_money, rate_for
from ...permissions import is_focal_point, may_confirm_transfer, may_manage_agreement
from ..proposals import PROPOSAL_DOCUMENT
from .setup import lock_agreement, require_open

CENT = Decimal("0.01")
RATE_PLACES = Decimal("0.00000001")
MAX_RATE = Decimal("1e11")  # the rate column holds 20 digits, 8 after the point


def transfer_confirmation_threshold(currency: str) -> Decimal:
    """Above this amount a second person confirms a transfer. An unknown
    currency always needs a second person."""
    thresholds = getattr(settings, "RELAIS_GRANT_TRANSFER_CONFIRM_ABOVE", {}) or {}
    return Decimal(str(thresholds.get(currency, "0")))


def _manager(agreement: GrantAgreement, by) -> None:
    if not may_manage_agreement(by, agreement):
        raise PermissionDenied(_("Seuls le groupe Financement et la cheffe de file enregistrent l'argent de l'accord."))


def _positive(amount, field: str = "amount") -> None:
    if amount is None or amount <= 0:
        raise ValidationError({field: _("Le montant doit être positif.")})


def _within_columns(total: Decimal, field: str = "amount") -> None:
    if total >= MAX_AMOUNT:
        raise ValidationError({field: _("Montant trop élevé.")})


# --- tranches from the funder ---------------------------------------------------------------


@transaction.atomic
def tranche_expect(*, agreement_id: int, by, expected_on, expected_amount: Decimal, label: str = "") -> FunderTranche:
    """A tranche the funder is due to pay (in the agreement's currency)."""
    agreement = lock_agreement(agreement_id)
    _manager(agreement, by)
    require_open(agreement)
    _positive(expected_amount, "expected_amount")
    _within_columns(agreement.expected_total + expected_amount, "expected_amount")
    tranche = FunderTranche.objects.create(
        agreement=agreement, label=(label or "").strip()[:200], expected_on=expected_on, expected_amount=expected_amount,
        recorded_by=by,
    )
    agreement.expected_total += expected_amount
    agreement.save(update_fields=["expected_total", "updated_at"])
    record_event(agreement.proposal, by=by, comment=_("Tranche attendue du bailleur : %(amount)s.")
                 % {"amount": format_money(expected_amount, agreement.currency)})
    return tranche


def _conversion(agreement: GrantAgreement, amount: Decimal, currency: str, rate, received_on) -> tuple[Decimal | None, Decimal]:
    """(rate, amount in the agreement's currency). The rate is the one given,
    else the one recorded for that day; without one the tranche is refused."""
    if currency == agreement.currency:
        if rate not in (None, "") and Decimal(rate) != 1:
            raise ValidationError({"rate": _("Même devise que l'accord : pas de taux.")})
        return None, amount
    if rate in (None, ""):
        found = rate_for(currency, agreement.currency, on=received_on)
        if found is None:
            raise ValidationError({"rate": _("Indiquez le taux de %(from)s vers %(to)s appliqué à ce versement.")
                                   % {"from": currency, "to": agreement.currency}})
        rate = found[0]
    rate = Decimal(rate)
    if not rate.is_finite() or rate >= MAX_RATE:
        raise ValidationError({"rate": _("Taux illisible.")})
    rate = rate.quantize(RATE_PLACES, rounding=ROUND_HALF_UP)
    if rate <= 0:
        raise ValidationError({"rate": _("Le taux doit être positif.")})
    converted = (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP)
    if converted <= 0:
        raise ValidationError({"amount": _("Au taux donné, ce versement vaut moins d'un centime dans la devise de l'accord.")})
    return rate, converted


@transaction.atomic
def tranche_receive(
    *, agreement_id: int, by, received_on, amount: Decimal, currency: str, idempotency_key, tranche_id: int | None = None,
    rate=None, rate_source: str = "", reference: str = "",
) -> tuple[FunderTranche, bool]:
    """Money received from the funder: an expected tranche marked received, or
    a new one. Paid in another currency, the rate is recorded with the amount
    it gives. Returns (tranche, created); the same form twice records once."""
    existing = FunderTranche.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return _same_tranche(existing, agreement_id)
    agreement = lock_agreement(agreement_id)
    existing = FunderTranche.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return _same_tranche(existing, agreement_id)
    _manager(agreement, by)
    require_open(agreement)
    _positive(amount)
    rate, converted = _conversion(agreement, amount, currency, rate, received_on)
    _within_columns(agreement.received_total + converted)
    if tranche_id is not None:
        tranche = FunderTranche.objects.select_for_update().filter(pk=tranche_id, agreement=agreement).first()
        if tranche is None or tranche.state != FunderTranche.State.EXPECTED:
            raise ValidationError(_("Cette tranche n'est plus attendue : rechargez la page."))
    else:
        tranche = FunderTranche(agreement=agreement, recorded_by=by)
    tranche.state = FunderTranche.State.RECEIVED
    tranche.received_on, tranche.amount, tranche.currency = received_on, amount, currency
    tranche.rate, tranche.converted_amount = rate, converted
    tranche.rate_source = (rate_source or "").strip()[:200]
    tranche.reference = (reference or "").strip()[:100]
    tranche.idempotency_key = idempotency_key
    tranche.received_recorded_by = by
    tranche.save()
    agreement.received_total += converted
    agreement.save(update_fields=["received_total", "updated_at"])
    comment = _("Tranche reçue du bailleur : %(amount)s.") % {"amount": format_money(amount, currency)}
    if rate is not None:
        comment += " " + _("Taux %(rate)s : %(converted)s.") % {"rate": rate.normalize(), "converted": format_money(converted, agreement.currency)}
    record_event(agreement.proposal, by=by, comment=comment)
    return tranche, True


def _same_tranche(existing: FunderTranche, agreement_id: int) -> tuple[FunderTranche, bool]:
    if existing.agreement_id != agreement_id:
        raise ValidationError(_("Ce formulaire a déjà servi pour un autre accord : rechargez la page."))
    return existing, False


# --- transfers from the lead to each partner -----------------------------------------------


def _store_proof(transfer: PartnerTransfer, upload) -> str:
    try:
        checked = inspect_upload(upload, accept=PROPOSAL_DOCUMENT)
    except ValidationError as error:
        raise ValidationError({"proof": error.messages}) from None
    transfer.proof.save(f"preuve.{checked.extension}", ContentFile(checked.content), save=False)
    transfer.proof_name = checked.download_name[:255]
    transfer.proof_sha256 = checked.sha256
    return transfer.proof.name


@transaction.atomic
def transfer_record(
    *, agreement_id: int, by, share_id: int, amount: Decimal, sent_on, idempotency_key, reference: str = "",
    proof_upload=None,
) -> tuple[PartnerTransfer, bool]:
    """Money sent by the lead to one partner. Refused beyond what was received
    and not yet transferred, or beyond what remains of the partner's share.
    Above the threshold it waits for a second person (its amount held
    meanwhile). Returns (transfer, created); the same form twice records once."""
    existing = PartnerTransfer.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return _same_transfer(existing, agreement_id)
    agreement = lock_agreement(agreement_id)
    # A twin submission may have committed while we waited for the lock.
    existing = PartnerTransfer.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return _same_transfer(existing, agreement_id)
    _manager(agreement, by)
    require_open(agreement)
    _positive(amount)
    share = PartnerShare.objects.select_for_update().select_related("organisation").filter(pk=share_id, agreement=agreement).first()
    if share is None:
        raise ValidationError({"share": _("Choisissez un partenaire de cet accord.")})
    currency = agreement.currency
    if amount > agreement.available:
        raise ValidationError({"amount": _(
            "Refusé : ce transfert de %(amount)s dépasse ce qui a été reçu du bailleur et pas encore transféré "
            "(%(available)s disponibles)."
        ) % {"amount": format_money(amount, currency), "available": format_money(agreement.available, currency)}})
    if amount > share.remaining:
        raise ValidationError({"amount": _(
            "Refusé : ce transfert de %(amount)s dépasse le reste de la part de %(partner)s (%(remaining)s sur %(share)s)."
        ) % {"amount": format_money(amount, currency), "partner": share.organisation,
             "remaining": format_money(share.remaining, currency), "share": format_money(share.amount, currency)}})
    needs_second_person = amount > transfer_confirmation_threshold(currency)
    transfer = PartnerTransfer(
        agreement=agreement, share=share, amount=amount, currency=currency, sent_on=sent_on,
        reference=(reference or "").strip()[:100], idempotency_key=idempotency_key, requested_by=by,
        state=PartnerTransfer.State.AWAITING_CONFIRMATION if needs_second_person else PartnerTransfer.State.CONFIRMED,
        confirmed_at=None if needs_second_person else timezone.now(),
    )
    stored = _store_proof(transfer, proof_upload) if proof_upload is not None else ""
    try:
        with transaction.atomic():
            transfer.save()
    except IntegrityError:
        if stored:
            transfer.proof.storage.delete(stored)
        existing = PartnerTransfer.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return _same_transfer(existing, agreement_id)
        raise
    field = "pending_transfer_total" if needs_second_person else "transferred_total"
    for row in (agreement, share):
        setattr(row, field, getattr(row, field) + amount)
    agreement.save(update_fields=[field, "updated_at"])
    share.save(update_fields=[field])
    record_event(
        agreement.proposal, by=by,
        comment=(_("Transfert de %(amount)s à %(partner)s : il attend la confirmation d'une deuxième personne.")
                 if needs_second_person else _("Transfert de %(amount)s à %(partner)s enregistré."))
        % {"amount": format_money(amount, currency), "partner": share.organisation},
    )
    if needs_second_person:
        _ask_confirmation(agreement, transfer)
    return transfer, True


def _same_transfer(existing: PartnerTransfer, agreement_id: int) -> tuple[PartnerTransfer, bool]:
    if existing.agreement_id != agreement_id:
        raise ValidationError(_("Ce formulaire a déjà servi pour un autre accord : rechargez la page."))
    return existing, False


def _ask_confirmation(agreement: GrantAgreement, transfer: PartnerTransfer) -> None:
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    confirmers = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__codename="confirm_partnertransfer", groups__permissions__content_type__app_label="grants")
            | Q(user_permissions__codename="confirm_partnertransfer", user_permissions__content_type__app_label="grants")
            | Q(organisations=agreement.proposal.lead_organisation_id)
        )
        .exclude(pk=transfer.requested_by_id)
        .values_list("pk", flat=True)
        .distinct()
    )
    notify(
        set(confirmers),
        "grants.transfer_to_confirm",
        {"reference": agreement.proposal.reference},
        url=agreement.get_absolute_url(),
        key=f"grant-transfer-to-confirm:{transfer.pk}",
    )


def _locked_pair(transfer_id: int) -> tuple[GrantAgreement, PartnerTransfer]:
    agreement_id = PartnerTransfer.objects.values_list("agreement_id", flat=True).filter(pk=transfer_id).first()
    if agreement_id is None:
        raise ValidationError(_("Ce transfert n'existe pas."))
    agreement = lock_agreement(agreement_id)
    return agreement, PartnerTransfer.objects.select_for_update().select_related("agreement__proposal").get(pk=transfer_id)


def _check_second_person(transfer: PartnerTransfer, by) -> None:
    if transfer.requested_by_id == by.pk:
        raise PermissionDenied(_("Une autre personne que celle qui a enregistré ce transfert doit le confirmer."))
    if not may_confirm_transfer(by, transfer):
        raise PermissionDenied(_("Vous n'avez pas le droit de confirmer un transfert."))


def _release(agreement: GrantAgreement, share: PartnerShare, amount: Decimal, *, paid: bool) -> None:
    agreement.pending_transfer_total -= amount
    share.pending_transfer_total -= amount
    fields = ["pending_transfer_total"]
    if paid:
        agreement.transferred_total += amount
        share.transferred_total += amount
        fields.append("transferred_total")
    agreement.save(update_fields=[*fields, "updated_at"])
    share.save(update_fields=fields)


@transaction.atomic
def transfer_confirm(*, transfer_id: int, by) -> PartnerTransfer:
    """The second person confirms: the amount counts as transferred."""
    agreement, transfer = _locked_pair(transfer_id)
    _check_second_person(transfer, by)
    if transfer.state == PartnerTransfer.State.CONFIRMED:
        return transfer  # a double click confirms once
    if transfer.state != PartnerTransfer.State.AWAITING_CONFIRMATION:
        raise ValidationError(_("Ce transfert a été refusé : il ne peut plus être confirmé."))
    share = PartnerShare.objects.select_for_update().select_related("organisation").get(pk=transfer.share_id)
    transfer.state = PartnerTransfer.State.CONFIRMED
    transfer.confirmed_by, transfer.confirmed_at = by, timezone.now()
    transfer.save(update_fields=["state", "confirmed_by", "confirmed_at"])
    _release(agreement, share, transfer.amount, paid=True)
    record_event(agreement.proposal, by=by, comment=_("Transfert de %(amount)s à %(partner)s confirmé.")
                 % {"amount": format_money(transfer.amount, transfer.currency), "partner": share.organisation})
    return transfer


@transaction.atomic
def transfer_refuse(*, transfer_id: int, by, reason: str) -> PartnerTransfer:
    """The second person refuses: nothing is transferred, the amount is free again."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Indiquez le motif du refus.")})
    agreement, transfer = _locked_pair(transfer_id)
    _check_second_person(transfer, by)
    if transfer.state != PartnerTransfer.State.AWAITING_CONFIRMATION:
        raise ValidationError(_("Ce transfert n'attend plus de confirmation."))
    share = PartnerShare.objects.select_for_update().select_related("organisation").get(pk=transfer.share_id)
    transfer.state = PartnerTransfer.State.REFUSED
    transfer.confirmed_by, transfer.confirmed_at = by, timezone.now()
    transfer.refusal_reason = reason[:300]
    transfer.save(update_fields=["state", "confirmed_by", "confirmed_at", "refusal_reason"])
    _release(agreement, share, transfer.amount, paid=False)
    record_event(agreement.proposal, by=by, comment=_("Transfert de %(amount)s à %(partner)s refusé : %(reason)s")
                 % {"amount": format_money(transfer.amount, transfer.currency), "partner": share.organisation, "reason": reason})
    return transfer


@transaction.atomic
def transfer_acknowledge(*, transfer_id: int, by) -> PartnerTransfer:
    """The partner says the money arrived (its own focal points only)."""
    transfer = PartnerTransfer.objects.select_for_update().select_related("share", "agreement__proposal").filter(pk=transfer_id).first()
    if transfer is None or not is_focal_point(by, transfer.share.organisation_id):
        raise PermissionDenied(_("Seul le partenaire confirme la réception de son transfert."))
    if transfer.state != PartnerTransfer.State.CONFIRMED:
        raise ValidationError(_("Ce transfert n'est pas confirmé : sa réception ne peut pas l'être."))
    if transfer.receipt_acknowledged_at is None:
        transfer.receipt_acknowledged_by, transfer.receipt_acknowledged_at = by, timezone.now()
        transfer.save(update_fields=["receipt_acknowledged_by", "receipt_acknowledged_at"])
        record_event(transfer.agreement.proposal, by=by, comment=_("Réception d'un transfert confirmée par le partenaire."))
    return transfer

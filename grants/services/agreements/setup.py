"""The agreement itself: opened when the proposal is awarded, completed by
the fundraising group or the lead (funder, contact, amount, period,
conditions, the signed document)."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from approvals.services import record_event
from approvals.uploads import inspect_upload

from ...models import FunderContact, GrantAgreement, JointProposal, PartnerShare
from ...money import format_money
from ...permissions import may_manage_agreement
from ..proposals import PROPOSAL_DOCUMENT

CENT = Decimal("0.01")
UPDATABLE_FIELDS = ("funder", "funder_contact", "funder_reference", "amount", "currency", "starts_on", "ends_on",
                    "signed_on", "conditions")


def share_amount(total: Decimal, percent: Decimal) -> Decimal:
    return (total * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def lock_agreement(agreement_id: int) -> GrantAgreement:
    """Lock order, everywhere: the agreement row, then its share rows."""
    try:
        return GrantAgreement.objects.select_for_update().get(pk=agreement_id)
    except GrantAgreement.DoesNotExist:
        raise ValidationError(_("Cet accord n'existe pas.")) from None


def require_open(agreement: GrantAgreement) -> None:
    if agreement.state == GrantAgreement.State.CLOSED:
        raise ValidationError(_("L'accord est clôturé : rien n'y est plus enregistré."))


def agreement_open_for_award(*, proposal: JointProposal) -> tuple[GrantAgreement, bool]:
    """On the award (inside the transition): open the proposal's agreement
    with what is known (the call's funder, the budget in the proposal's
    currency, one share per partner). Returns (agreement, created); a second
    call returns the same agreement and changes nothing."""
    existing = GrantAgreement.objects.filter(proposal_id=proposal.pk).first()
    if existing is not None:
        return existing, False
    total = proposal.budget_lines.filter(currency=proposal.currency).aggregate(total=Sum("amount"))["total"] or Decimal("0")
    funder_id = proposal.opportunity.funder_id if proposal.opportunity_id else None
    try:
        with transaction.atomic():
            agreement = GrantAgreement.objects.create(
                proposal=proposal, funder_id=funder_id, amount=total, currency=proposal.currency
            )
    except IntegrityError:
        return GrantAgreement.objects.get(proposal_id=proposal.pk), False
    PartnerShare.objects.bulk_create(
        PartnerShare(
            agreement=agreement,
            organisation_id=partner.organisation_id,
            percent=partner.budget_share_percent,
            amount=share_amount(total, partner.budget_share_percent),
        )
        for partner in proposal.partners.all()
    )
    record_event(
        proposal,
        comment=_("Accord de financement ouvert (%(amount)s) : à compléter par le groupe Financement ou la cheffe de file.")
        % {"amount": format_money(total, proposal.currency)},
    )
    return agreement, True


def _check_changes(agreement: GrantAgreement, changes: dict) -> None:
    has_money = agreement.received_total or agreement.expected_total or agreement.transfers.exists()
    currency = changes.get("currency", agreement.currency)
    if currency != agreement.currency and has_money:
        raise ValidationError({"currency": _("Des tranches ou des transferts sont déjà enregistrés : la devise ne change plus.")})
    amount = changes.get("amount", agreement.amount)
    if amount is None or amount < 0:
        raise ValidationError({"amount": _("Le montant accordé ne peut pas être négatif.")})
    funder = changes.get("funder", agreement.funder)
    contact = changes.get("funder_contact", agreement.funder_contact)
    if contact is not None and (funder is None or contact.funder_id != funder.pk):
        raise ValidationError({"funder_contact": _("Choisissez un contact de ce bailleur.")})
    starts_on, ends_on = changes.get("starts_on", agreement.starts_on), changes.get("ends_on", agreement.ends_on)
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("La fin de la période précède son début.")})


def _rescale_shares(agreement: GrantAgreement) -> None:
    """The shares follow the granted amount; never below what a partner already got."""
    for share in PartnerShare.objects.select_for_update().filter(agreement=agreement).order_by("pk"):
        wanted = share_amount(agreement.amount, share.percent)
        held = share.transferred_total + share.pending_transfer_total
        if wanted < held:
            raise ValidationError(
                {"amount": _("La part de %(partner)s deviendrait %(share)s, moins que ce qui lui a déjà été transféré (%(held)s).")
                 % {"partner": share.organisation, "share": format_money(wanted, agreement.currency),
                    "held": format_money(held, agreement.currency)}}
            )
        if wanted != share.amount:
            share.amount = wanted
            share.save(update_fields=["amount"])


def _store_document(agreement: GrantAgreement, upload) -> None:
    try:
        checked = inspect_upload(upload, accept=PROPOSAL_DOCUMENT)
    except ValidationError as error:
        raise ValidationError({"signed_document": error.messages}) from None
    previous = agreement.signed_document.name if agreement.signed_document else ""
    agreement.signed_document.save(f"accord.{checked.extension}", ContentFile(checked.content), save=False)
    agreement.signed_document_name = checked.download_name[:255]
    agreement.signed_document_sha256 = checked.sha256
    if previous:
        # The previous version goes once the new one is saved (after the commit).
        storage = agreement.signed_document.storage
        transaction.on_commit(lambda: storage.delete(previous))


def is_complete(agreement: GrantAgreement) -> bool:
    return bool(agreement.funder_id and agreement.amount > 0 and agreement.starts_on and agreement.ends_on
                and agreement.signed_document)


@transaction.atomic
def agreement_update(*, agreement_id: int, by, document_upload=None, **changes) -> GrantAgreement:
    """Complete or correct the agreement. Once the funder, the amount, the
    period and the signed document are there, it is in force ("active")."""
    unknown = set(changes) - set(UPDATABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    agreement = lock_agreement(agreement_id)
    if not may_manage_agreement(by, agreement):
        raise PermissionDenied(_("Seuls le groupe Financement et la cheffe de file complètent l'accord."))
    require_open(agreement)
    if isinstance(changes.get("funder_contact"), int):
        changes["funder_contact"] = FunderContact.objects.filter(pk=changes["funder_contact"]).first()
    _check_changes(agreement, changes)
    amount_changed = "amount" in changes and changes["amount"] != agreement.amount
    for field, value in changes.items():
        setattr(agreement, field, value)
    stored = None
    if document_upload is not None:
        _store_document(agreement, document_upload)
        stored = agreement.signed_document.name
    if agreement.state == GrantAgreement.State.DRAFT and is_complete(agreement):
        agreement.state = GrantAgreement.State.ACTIVE
    agreement.updated_by = by
    try:
        agreement.save()
        if amount_changed:
            _rescale_shares(agreement)
    except Exception:
        if stored:
            agreement.signed_document.storage.delete(stored)
        raise
    record_event(agreement.proposal, by=by, comment=_("Accord de financement mis à jour."))
    return agreement

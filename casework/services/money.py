"""Money: contributions in, commitments at approval, disbursements out.

Lock order, everywhere: the case row, then the fund row. Every rule below is
also a database constraint (see casework.models.money and Case), so a bug
here fails loudly instead of paying twice.
"""

from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from approvals.formatting import format_money
from approvals.services import notify, perform, record_event
from grants.models import Funder

from ..donors import funder_for_name
from ..models import Case, Commitment, Contribution, Disbursement, Fund
from ..permissions import is_disbursable, may_change_case, may_confirm_disbursements
from .errors import CaseworkRefused, MoneyRefused


def _amount(value: Decimal, currency: str) -> str:
    return format_money(value, currency)


def confirmation_threshold(currency: str) -> Decimal:
    """From this amount on, a second person confirms. An unknown currency
    always needs a second person."""
    thresholds = getattr(settings, "RELAIS_DISBURSEMENT_CONFIRMATION_THRESHOLD", {}) or {}
    return Decimal(str(thresholds.get(currency, "0")))


@transaction.atomic
def fund_create(*, by, name: str, currency: str, description: str = "") -> Fund:
    if not by.has_perm("casework.add_fund"):
        raise MoneyRefused(_("Vous n'avez pas le droit de créer un fonds."), status=403)
    if Fund.objects.filter(name__iexact=name.strip()).exists():
        raise MoneyRefused(_("Un fonds porte déjà ce nom."), status=400)
    return Fund.objects.create(name=name.strip(), currency=currency, description=description)


@transaction.atomic
def contribution_record(
    *, fund_id: int, by, amount: Decimal, received_on, funder_id: int | None = None, donor: str = "", reference: str = ""
) -> Contribution:
    """Money received into a fund, from a funder of the donor map.

    `funder_id` names the funder; a caller that only has the donor's name
    (`donor`, without `funder_id`) gets the funder of that name or acronym,
    created in the donor map when there is none (the same matching as
    migration 0006). With a funder, `donor` is kept as a note."""
    if not by.has_perm("casework.add_contribution"):
        raise MoneyRefused(_("Vous n'avez pas le droit d'enregistrer une contribution."), status=403)
    if amount is None or amount <= 0:
        raise MoneyRefused(_("Le montant d'une contribution doit être positif."), status=400)
    funder = _contribution_funder(funder_id, donor)
    fund = Fund.objects.select_for_update().get(pk=fund_id)
    contribution = Contribution.objects.create(
        fund=fund,
        funder=funder,
        donor=(donor or "").strip()[:200],
        amount=amount,
        received_on=received_on,
        reference=reference.strip(),
        recorded_by=by,
    )
    fund.contributed_total += amount
    fund.save(update_fields=["contributed_total"])
    return contribution


def _contribution_funder(funder_id, donor: str) -> Funder:
    if funder_id is not None:
        funder = Funder.objects.filter(pk=funder_id).first()
        if funder is None:
            raise MoneyRefused(_("Ce bailleur n'existe pas dans la cartographie des bailleurs."), status=400)
        return funder
    if not (donor or "").strip():
        raise MoneyRefused(_("Choisissez le bailleur de cette contribution."), status=400)
    funder, _created = funder_for_name(Funder, donor, relationship=Funder.Relationship.PAST)
    return funder


def commitment_create(*, case: Case) -> Commitment:
    """At approval (inside the transition, the case row already locked):
    set the approved amount aside in the chosen fund, or refuse the approval."""
    fund = Fund.objects.select_for_update().get(pk=case.fund_id)
    amount = case.approved_amount
    if not fund.is_active:
        raise MoneyRefused(_("Le fonds « %(fund)s » est fermé : choisissez-en un autre.") % {"fund": fund.name})
    if fund.currency != case.currency:
        raise MoneyRefused(_("Le fonds « %(fund)s » n'est pas dans la devise du cas.") % {"fund": fund.name}, status=400)
    if amount > fund.balance:
        raise MoneyRefused(
            _(
                "Le fonds « %(fund)s » ne peut pas engager %(amount)s : il ne reste que %(balance)s disponibles. "
                "La présidence peut réviser la proposition (autre fonds ou montant plus faible) sur la fiche du cas."
            )
            % {"fund": fund.name, "amount": _amount(amount, fund.currency), "balance": _amount(fund.balance, fund.currency)}
        )
    fund.committed_total += amount
    fund.save(update_fields=["committed_total"])
    commitment = Commitment.objects.create(fund=fund, case=case, amount=amount, decision_reference=case.decision_reference)
    record_event(
        case,
        comment=_("%(amount)s engagés sur le fonds « %(fund)s ».") % {"amount": _amount(amount, fund.currency), "fund": fund.name},
    )
    return commitment


def commitment_release(*, case: Case) -> Decimal:
    """When a case ends, what was approved but not paid goes back to the fund."""
    commitment = Commitment.objects.filter(case=case).first()
    if commitment is None:
        return Decimal("0")
    fund = Fund.objects.select_for_update().get(pk=commitment.fund_id)
    unspent = commitment.amount - commitment.released - case.disbursed_total
    if unspent <= 0:
        return Decimal("0")
    commitment.released += unspent
    commitment.save(update_fields=["released"])
    fund.committed_total -= unspent
    fund.save(update_fields=["committed_total"])
    record_event(
        case,
        comment=_("%(amount)s non versés rendus au fonds « %(fund)s ».") % {"amount": _amount(unspent, fund.currency), "fund": fund.name},
    )
    return unspent


def _lock_case(case_id: int) -> Case:
    return Case.objects.select_for_update().get(pk=case_id)


@transaction.atomic
def disbursement_request(
    *,
    case_id: int,
    by,
    amount: Decimal,
    channel: str,
    idempotency_key,
    reference: str = "",
    beneficiary_account: str = "",
    proof_upload=None,
) -> tuple[Disbursement, bool]:
    """Record one tranche for an approved case. Returns (disbursement, created).

    The same form (idempotency key) submitted again returns the first
    disbursement and records nothing. Refused: without approval, beyond what
    remains of the approved amount, or by someone who may not change the case.
    From the confirmation threshold on, the tranche waits for a second person.
    """
    existing = Disbursement.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return _same_form(existing, case_id, by)
    case = _lock_case(case_id)
    # A twin submission may have committed while we waited for the lock.
    existing = Disbursement.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return _same_form(existing, case_id, by)
    if not may_change_case(by, case):
        raise MoneyRefused(_("Vous n'avez pas le droit d'enregistrer un décaissement pour ce cas."), status=403)
    if not is_disbursable(case):
        raise MoneyRefused(_("Aucun décaissement sans approbation : ce cas n'est pas en phase de décaissement."))
    if amount is None or amount <= 0:
        raise MoneyRefused(_("Le montant d'un décaissement doit être positif."), status=400)
    remaining = case.remaining_to_disburse
    if amount > remaining:
        raise MoneyRefused(
            _("Refusé : ce décaissement de %(amount)s dépasse le reste à verser (%(remaining)s sur %(approved)s approuvés).")
            % {
                "amount": _amount(amount, case.currency),
                "remaining": _amount(remaining, case.currency),
                "approved": _amount(case.approved_amount, case.currency),
            }
        )
    proof = None
    if proof_upload is not None:
        from .documents import document_add

        proof = document_add(case_id=case.pk, by=by, kind="proof", upload=proof_upload)
    fund = Fund.objects.select_for_update().get(pk=case.fund_id)
    needs_second_person = amount >= confirmation_threshold(case.currency)
    try:
        with transaction.atomic():
            disbursement = Disbursement.objects.create(
                case=case,
                fund=fund,
                amount=amount,
                currency=case.currency,
                channel=channel,
                reference=(reference or "").strip()[:100],
                beneficiary_account=beneficiary_account or "",
                proof=proof,
                idempotency_key=idempotency_key,
                status=Disbursement.Status.AWAITING_CONFIRMATION if needs_second_person else Disbursement.Status.CONFIRMED,
                requested_by=by,
                confirmed_at=None if needs_second_person else timezone.now(),
            )
    except IntegrityError:
        existing = Disbursement.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return _same_form(existing, case_id, by)
        raise
    if needs_second_person:
        case.pending_total += amount
        case.save(update_fields=["pending_total", "updated_at"])
    else:
        _pay(case, fund, amount)
    record_event(
        case,
        by=by,
        comment=(
            _("Décaissement de %(amount)s demandé (%(channel)s) : il attend la confirmation d'une deuxième personne.")
            if needs_second_person
            else _("Décaissement de %(amount)s enregistré (%(channel)s).")
        )
        % {"amount": _amount(amount, case.currency), "channel": disbursement.get_channel_display()},
    )
    if needs_second_person:
        _ask_confirmation(case, disbursement)
    if case.state == Case.State.APPROVED:
        perform(case, "start_disbursing", by=by, system=True)
    return disbursement, True


def _same_form(existing: Disbursement, case_id: int, by) -> tuple[Disbursement, bool]:
    if existing.case_id != case_id or not may_change_case(by, existing.case):
        raise MoneyRefused(_("Ce formulaire a déjà servi pour un autre cas : rechargez la page."), status=400)
    return existing, False


def _pay(case: Case, fund: Fund, amount: Decimal) -> None:
    case.disbursed_total += amount
    case.save(update_fields=["disbursed_total", "updated_at"])
    fund.disbursed_total += amount
    fund.save(update_fields=["disbursed_total"])


def _ask_confirmation(case: Case, disbursement: Disbursement) -> None:
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    confirmers = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__codename="confirm_disbursement", groups__permissions__content_type__app_label="casework")
            | Q(user_permissions__codename="confirm_disbursement", user_permissions__content_type__app_label="casework")
        )
        .exclude(pk=disbursement.requested_by_id)
        .values_list("pk", flat=True)
        .distinct()
    )
    notify(
        set(confirmers),
        "casework.disbursement_to_confirm",
        {"reference": case.reference},
        url=case.get_absolute_url(),
        sensitive=True,
        key=f"disbursement-to-confirm:{disbursement.pk}",
    )


def _locked_pair(disbursement_id: int) -> tuple[Case, Disbursement]:
    case_id = Disbursement.objects.values_list("case_id", flat=True).get(pk=disbursement_id)
    case = _lock_case(case_id)
    return case, Disbursement.objects.select_for_update().get(pk=disbursement_id)


def _check_second_person(disbursement: Disbursement, by) -> None:
    if not may_confirm_disbursements(by):
        raise MoneyRefused(_("Vous n'avez pas le droit de confirmer un décaissement."), status=403)
    if disbursement.requested_by_id == by.pk:
        raise MoneyRefused(_("Une autre personne que celle qui a demandé ce décaissement doit le confirmer."), status=403)


@transaction.atomic
def disbursement_confirm(*, disbursement_id: int, by) -> Disbursement:
    """The second person confirms: the money is counted as paid."""
    case, disbursement = _locked_pair(disbursement_id)
    _check_second_person(disbursement, by)
    if disbursement.status == Disbursement.Status.CONFIRMED:
        return disbursement  # a double click confirms once
    if disbursement.status != Disbursement.Status.AWAITING_CONFIRMATION:
        raise MoneyRefused(_("Ce décaissement a été refusé : il ne peut plus être confirmé."))
    if case.state not in (Case.State.APPROVED, Case.State.DISBURSING):
        raise MoneyRefused(_("Ce cas n'est plus en phase de décaissement : le décaissement ne peut pas être confirmé."))
    disbursement.status = Disbursement.Status.CONFIRMED
    disbursement.confirmed_by = by
    disbursement.confirmed_at = timezone.now()
    disbursement.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    case.pending_total -= disbursement.amount
    case.save(update_fields=["pending_total", "updated_at"])
    _pay(case, Fund.objects.select_for_update().get(pk=disbursement.fund_id), disbursement.amount)
    record_event(
        case, by=by, comment=_("Décaissement de %(amount)s confirmé.") % {"amount": _amount(disbursement.amount, case.currency)}
    )
    return disbursement


@transaction.atomic
def disbursement_refuse(*, disbursement_id: int, by, reason: str) -> Disbursement:
    """The second person refuses: nothing is paid, the amount is free again."""
    reason = (reason or "").strip()
    if not reason:
        raise MoneyRefused(_("Indiquez le motif du refus."), status=400)
    case, disbursement = _locked_pair(disbursement_id)
    _check_second_person(disbursement, by)
    if disbursement.status != Disbursement.Status.AWAITING_CONFIRMATION:
        raise MoneyRefused(_("Ce décaissement n'attend plus de confirmation."))
    disbursement.status = Disbursement.Status.REFUSED
    disbursement.confirmed_by = by
    disbursement.confirmed_at = timezone.now()
    disbursement.refusal_reason = reason[:300]
    disbursement.save(update_fields=["status", "confirmed_by", "confirmed_at", "refusal_reason"])
    case.pending_total -= disbursement.amount
    case.save(update_fields=["pending_total", "updated_at"])
    record_event(
        case,
        by=by,
        comment=_("Décaissement de %(amount)s refusé : %(reason)s") % {"amount": _amount(disbursement.amount, case.currency), "reason": reason},
    )
    return disbursement


__all__ = [
    "CaseworkRefused",
    "MoneyRefused",
    "commitment_create",
    "commitment_release",
    "confirmation_threshold",
    "contribution_record",
    "disbursement_confirm",
    "disbursement_refuse",
    "disbursement_request",
    "fund_create",
]

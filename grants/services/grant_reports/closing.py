"""Closing an agreement: the final reports submitted, the balance (received
minus spent) returned to the donor or reallocated by a COPIL decision."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ...models.grant_reports import AgreementClosing, DonorReport
from ...report_access import may_close_agreement
from .ledger import agreement_ledger


def agreement_received(agreement) -> Decimal:
    """What the donor paid, in the agreement's currency (the tranches received)."""
    return Decimal(agreement.received_total)


def closing_balance(agreement) -> Decimal:
    return max(agreement_received(agreement) - agreement_ledger(agreement)["total_spent"], Decimal(0))


@transaction.atomic
def agreement_close_out(*, agreement, by, outcome: str, copil_decision: str = "", note: str = "") -> AgreementClosing:
    if not may_close_agreement(by):
        raise PermissionDenied(_("Seul le groupe Recherche de financement clôture un accord."))
    agreement = type(agreement).objects.select_for_update().get(pk=agreement.pk)
    if agreement.state == agreement.State.CLOSED or AgreementClosing.objects.filter(agreement=agreement).exists():
        raise ValidationError(_("Cet accord est déjà clôturé."))
    reports = agreement.donor_reports.all()
    if not reports.filter(is_final=True, state=DonorReport.State.SUBMITTED).exists():
        raise ValidationError(_("Le rapport final doit d'abord être remis au bailleur."))
    if reports.exclude(state=DonorReport.State.SUBMITTED).exists():
        raise ValidationError(_("Tous les rapports prévus doivent d'abord être remis au bailleur."))
    balance = closing_balance(agreement)
    if balance == 0:
        outcome = AgreementClosing.Outcome.NONE
    elif outcome == AgreementClosing.Outcome.NONE:
        raise ValidationError({"outcome": _("Il reste un solde : dites s'il est restitué ou réaffecté.")})
    if outcome != AgreementClosing.Outcome.NONE and not copil_decision.strip():
        raise ValidationError({"copil_decision": _("Indiquez la référence de la décision du COPIL sur le solde.")})
    closing = AgreementClosing.objects.create(
        agreement=agreement, balance=balance, currency=agreement.currency, outcome=outcome,
        copil_decision=copil_decision.strip(), note=note, closed_by=by,
    )
    agreement.state = agreement.State.CLOSED
    agreement.save(update_fields=["state", "updated_at"])
    return closing
